// SPDX-License-Identifier: Apache-2.0
// A serving workload on a deployment: the batch that meets the latency targets (or fits), time to first
// token, time per output token, throughput per chip in each phase and end to end, memory, and cost and
// energy per token; and the search over deployments, with prefill/decode disaggregation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/perf/inference_model.hpp"
#include "chipgap/perf/run_totals.hpp"

namespace chipgap::perf {

using spec::Batching;
using spec::kBatchingNames;
using spec::kPhaseNames;
using spec::Phase;
using spec::Workload;

struct ServingEstimate {
  Deployment deployment;
  bool feasible = false;
  std::string reason;
  double batch = 0;            // sequences per instance
  double batch_per_chip = 0;
  double prefill_tokens_per_chip = 0;
  PrefillEstimate prefill;
  DecodeEstimate decode;
  double ttft_s = 0;
  double tpot_s = 0;
  // A batch's output tokens over its prefill plus decode time, per chip (one instance doing both).
  double output_tokens_per_s_per_chip = 0;
  Batching batching = Batching::Continuous;
  InferenceMemory memory;
  double memory_capacity = 0;
  std::optional<double> usd_per_million_tokens;  // output tokens, at the run-cost assumptions
  std::optional<double> joules_per_token;        // per output token (per prompt token in prefill), chips at TDP
  std::optional<double> joules_per_token_it;     // the same at the system's power, when known
  bool meets_targets = true;
};

// The deployment `infer` uses when degrees are not given: a dense model is one TP group as wide as the
// scale-up domain allows; an MoE model runs attention data-parallel over every chip with the experts
// spread over all of them.
Deployment default_deployment(const spec::ModelArch& model, const Cluster& cluster, std::optional<std::int64_t> tp,
                              std::optional<std::int64_t> dp, std::optional<std::int64_t> ep);

ServingEstimate serve(const InferenceModel& model, const Deployment& deployment, const Workload& workload,
                      const CostAssumptions& cost = {});

struct DisaggregatedPlan {
  ServingEstimate prefill;  // best prefill deployment under the TTFT target
  ServingEstimate decode;   // best decode deployment under the TPOT target
  double prefill_chips_per_decode_chip = 0;  // P:D, so that prefill keeps up with decode
  double output_tokens_per_s_per_chip = 0;   // over all chips of both pools
};

struct DeploymentSearchResult {
  std::vector<ServingEstimate> colocated;  // best first
  std::optional<DisaggregatedPlan> disaggregated;
  std::size_t deployments_evaluated = 0;
  double search_seconds = 0;
};

// Tries instance sizes that divide `chips` (powers of two and the count itself), TP up to the scale-up
// domain, EP over the instance for MoE models, with and without two-batch overlap; `base` gives the
// precision, KV precision and drafts.
DeploymentSearchResult search_deployments(const InferenceModel& model, std::int64_t chips, const Deployment& base,
                                          const Workload& workload, std::size_t top = 5,
                                          const CostAssumptions& cost = {});

}  // namespace chipgap::perf
