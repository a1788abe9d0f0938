// SPDX-License-Identifier: Apache-2.0
// The analytical serving model (docs/inference.md): prefill and decode of one model instance on a group
// of chips, with weights, KV cache, experts and communication priced from the catalog and the same
// chip-family efficiencies as training. Built once per model and cluster; every call is arithmetic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/collectives.hpp"
#include "chipgap/perf/model_math.hpp"
#include "chipgap/spec/model.hpp"

namespace chipgap::perf {

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
  std::int64_t chips() const { return tp * dp; }
};

struct PhaseBreakdown {  // seconds per step (decode) or per prefill batch
  double weights = 0;    // GEMMs of attention projections, dense MLPs, shared experts and the output layer
  double experts = 0;    // routed-expert GEMMs (reading the experts' weights, in decode)
  double attention = 0;  // scores and values against the KV cache / the prompt
  double other = 0;      // memory-bound kernels, MTP drafts
  double tp_exposed = 0, ep_exposed = 0, comm_hidden = 0;
  // Partitioned streams: the step minus the other parts (all at full units, communication exposed);
  // negative where the attention and MoE streams overlap.
  double stream_overlap = 0;
};

struct PrefillEstimate {
  double time_s = 0;              // for the whole batch: the time to first token of its requests
  double tokens_per_s_per_chip = 0;
  PhaseBreakdown breakdown;
};

struct DecodeEstimate {
  double step_s = 0;              // one forward pass over the batch
  double tokens_per_step = 0;     // per sequence: 1 + expected accepted drafts
  double tpot_s = 0;              // time per output token seen by one request
  double tokens_per_s_per_chip = 0;
  PhaseBreakdown breakdown;
};

struct InferenceMemory {  // bytes per chip
  double weights = 0;
  double kv_cache = 0;
  double activations = 0;
  double reserved = 0;
  double total() const { return weights + kv_cache + activations + reserved; }
};

class InferenceModel {
 public:
  InferenceModel(const spec::ModelArch& model, const Cluster& cluster);

  // The deployment against the model, the instance size and the chip's precisions; "" when fine.
  std::string check(const Deployment& d) const;
  // Prompts of `prompt_len` tokens, `tokens_per_chip` of them per chip in one batch.
  PrefillEstimate prefill(const Deployment& d, double prompt_len, double tokens_per_chip) const;
  // One decode step for `batch` sequences per instance whose KV caches hold `context` tokens on average.
  DecodeEstimate decode(const Deployment& d, double batch, double context) const;
  // Memory with `batch` sequences per instance of up to `max_context` tokens each, and `prefill_tokens`
  // prompt tokens per chip in flight.
  InferenceMemory memory(const Deployment& d, double batch, double max_context, double prefill_tokens) const;
  // The most sequences per instance that fit (a multiple of dp; 0 when not even one does).
  std::int64_t max_batch(const Deployment& d, double max_context) const;
  double kv_bytes_per_token_per_layer(const Deployment& d) const;  // on one chip
  double kv_bytes_per_token_per_chip(const Deployment& d) const;   // all layers (and drafting MTP modules)

  const spec::ModelArch& model() const { return *model_; }
  const Cluster& cluster() const { return *cluster_; }

 private:
  struct Rates;
  struct Pass;
  Rates rates(const Deployment& d) const;
  double busiest_rank_load(const Deployment& d, double instance_tokens) const;
  // `compute_share`: the share of the compute units the pass runs on (memory bandwidth stays whole).
  Pass pass(const Deployment& d, double tokens, double context, bool decoding, double compute_share = 1) const;
  double run(const Deployment& d, double tokens, double context, bool decoding, PhaseBreakdown& breakdown) const;

  const spec::ModelArch* model_;
  const Cluster* cluster_;
  ParameterCounts params_;
  double layers_ = 0, moe_layers_ = 0, dense_layers_ = 0;
  double attn_params_ = 0, dense_mlp_params_ = 0, expert_params_ = 0, shared_params_ = 0;
  double qk_dim_ = 0, v_dim_ = 0;
  LayerWidths widths_;
};

double weight_bytes(WeightPrecision precision);

}  // namespace chipgap::perf
