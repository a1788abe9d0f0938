// SPDX-License-Identifier: Apache-2.0
// How a model is served: the deployment of one instance (parallel degrees, precisions, software) and the
// workload it serves. Plain data (validation cases hold them); the performance model evaluates them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace chipgap::spec {

// The busiest expert-parallel rank's routed tokens over the average, with EPLB-style redundant experts:
// CloudMatrix-Infer (arXiv 2506.12708) measures DeepSeek-R1 prefill at 5,655 tokens/s per NPU with its
// default balancing and 6,688 with perfect balance, LMSYS (2025-05-05) 50,302 and 59,337 tokens/s per
// node on H100: both 1.18.
inline constexpr double kDefaultExpertImbalance = 1.18;

// Weight precision (activations follow it: FP8 and INT8 GEMMs; INT4 is weight-only, BF16 arithmetic).
enum class WeightPrecision { Bf16, Fp8, Int8, Int4 };
inline constexpr std::string_view kWeightPrecisionNames[] = {"bf16", "fp8", "int8", "int4"};
enum class KvPrecision { Bf16, Fp8 };
inline constexpr std::string_view kKvPrecisionNames[] = {"bf16", "fp8"};

// One model instance: `tp` x `dp` chips. Attention runs tensor-parallel over `tp` and data-parallel over
// `dp` groups; MoE experts are spread over `ep` chips of the instance (ep = tp x dp, or 1 for none).
struct Deployment {
  std::int64_t tp = 1, dp = 1, ep = 1;
  WeightPrecision precision = WeightPrecision::Bf16;
  KvPrecision kv_precision = KvPrecision::Bf16;
  std::int64_t mtp = 0;        // draft tokens per step (multi-token prediction or speculative decoding)
  double mtp_accept = 0;       // probability each draft token is accepted, given the ones before it were
  bool two_batch_overlap = false;  // split each step in two micro-batches, one computing while the other communicates
  // With two-batch overlap: 0 runs each micro-batch's computation on all compute units, one stage after
  // the other (DeepEP's schedule); a share s in (0, 1) runs the attention of one micro-batch and the MoE
  // part (gate, dispatch, experts, combine) of the other at the same time on partitioned units, the
  // attention stream on s of them (CloudMatrix-Infer's decode: 16 of a 910C die's 24 cube cores).
  double attention_core_share = 0;
  // Systematic expert load skew: the busiest expert-parallel rank's routed tokens over the average when
  // many tokens are routed (kDefaultExpertImbalance: load balancing with redundant experts as deployed).
  // Random fluctuation of small batches comes on top (docs/inference.md).
  double expert_imbalance = kDefaultExpertImbalance;
  // Every expert gets exactly its share of tokens, as DeepSeek's profiles and CloudMatrix-Infer's
  // "perfect EPLB" runs simulate: no skew and no fluctuation.
  bool balanced_routing = false;
  // Decode attention loads each KV head once for its group of query heads (GQA-aware kernels: FlashInfer,
  // FlashAttention, TensorRT-LLM's XQA since January 2024). false: once per query head, as before.
  bool grouped_kv_reads = true;
  // Attention computed in FP8 (FlashAttention-3's FP8 path; FP8 MLA kernels) against an FP8 KV cache:
  // scores and values at the FP8 rate.
  bool fp8_attention = false;
  std::int64_t chips() const { return tp * dp; }
};

enum class Phase { Prefill, Decode, Both };
inline constexpr std::string_view kPhaseNames[] = {"prefill", "decode", "both"};

// How one instance that does both phases mixes them. Continuous: new prompts are prefilled in chunks
// between decode steps, as sequences finish (vLLM, SGLang, TensorRT-LLM's in-flight batching), so each
// output token also waits for its share of prefill. Static: a batch is prefilled whole, then decoded to the
// end (TensorRT-LLM's gptSessionBenchmark).
enum class Batching { Continuous, Static };
inline constexpr std::string_view kBatchingNames[] = {"continuous", "static"};

struct Workload {
  double input_len = 1024;
  double output_len = 256;
  std::optional<double> batch;                    // sequences per instance; unset: largest that meets targets
  std::optional<double> prefill_tokens_per_chip;  // unset: up to 16,384, within the TTFT target
  std::optional<double> context;                  // KV length during decode; unset: input + output / 2
  std::optional<double> ttft_s, tpot_s;           // latency targets
  Phase phase = Phase::Both;
  Batching batching = Batching::Continuous;
};

}  // namespace chipgap::spec
