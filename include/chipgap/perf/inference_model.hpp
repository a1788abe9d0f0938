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
#include "chipgap/spec/serving_setup.hpp"

namespace chipgap::perf {

using spec::Deployment;
using spec::KvPrecision;
using spec::kKvPrecisionNames;
using spec::kWeightPrecisionNames;
using spec::WeightPrecision;

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
