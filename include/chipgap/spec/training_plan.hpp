// SPDX-License-Identifier: Apache-2.0
// How a training step is laid out on the cluster: parallel degrees, batch, precision and the software
// techniques that change time or memory. Every field is something a Megatron-style framework exposes.
// Plain data (validation cases hold plans); the performance model evaluates them.
#pragma once

#include <cstdint>
#include <string_view>

namespace chipgap::spec {

enum class Recompute { None, Selective, Full };
inline constexpr std::string_view kRecomputeNames[] = {"none", "selective", "full"};

// 1F1B (interleaved when vp > 1), or DeepSeek's DualPipe (bidirectional, overlaps all-to-all and
// pipeline sends with computation; holds two copies of each stage's weights).
enum class Schedule { OneFOneB, DualPipe };
inline constexpr std::string_view kScheduleNames[] = {"1f1b", "dualpipe"};

enum class TrainPrecision { Bf16, Fp8 };
inline constexpr std::string_view kTrainPrecisionNames[] = {"bf16", "fp8"};

struct TrainingPlan {
  std::int64_t tp = 1, pp = 1, dp = 1, cp = 1, ep = 1, vp = 1;
  std::int64_t micro_batch = 1;
  std::int64_t global_batch = 1;  // sequences per step
  std::int64_t seq_len = 2048;
  TrainPrecision precision = TrainPrecision::Bf16;
  Recompute recompute = Recompute::None;
  bool sequence_parallel = false;
  int zero = 1;  // 0: replicated optimizer; 1: sharded optimizer state; 2: + gradients; 3: + weights
  Schedule schedule = Schedule::OneFOneB;
  // Software: fused (flash) attention that never stores the score matrix and skips masked blocks;
  // tensor-parallel communication split into chunks and overlapped with the GEMMs.
  bool flash_attention = true;
  bool tp_comm_overlap = true;
  // Memory savers DeepSeek-V3 describes (§3.3): Adam's two moments kept in BF16 instead of FP32, and the
  // activation functions' inputs cached in FP8 for the backward pass (FP8 runs only).
  bool bf16_optimizer_moments = false;
  bool fp8_activation_cache = false;
  // ZeRO-3 as PyTorch FSDP2 runs it with mixed precision: the FP32 shard is the only persistent copy of the
  // weights, gathered to BF16 one layer at a time (DeepSpeed's ZeRO-3 keeps a BF16 shard as well).
  bool fp32_sharded_weights = false;
  // Every expert gets exactly its share of tokens, as benchmarks that force the router's balance run
  // (Megatron's --moe-router-force-load-balancing, Automodel's fake balanced gate): no expert skew.
  bool balanced_routing = false;

  std::int64_t chips() const { return tp * pp * dp * cp; }
};

// Plans beyond these are refused as typos; below them every product of a plan's integers fits 64 bits.
inline constexpr std::int64_t kMaxGlobalBatch = 1'000'000'000;  // sequences per step
inline constexpr std::int64_t kMaxSeqLen = 100'000'000;         // tokens per sequence

}  // namespace chipgap::spec
