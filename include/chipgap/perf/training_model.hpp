// SPDX-License-Identifier: Apache-2.0
// The analytical model of one training step (docs/training.md). `TrainingModel` is built once for a model
// and a cluster and holds everything that does not depend on the plan, so that `evaluate` is a few hundred
// floating-point operations and allocates nothing: the plan search calls it millions of times.
#pragma once

#include <cstdint>
#include <string>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/model_math.hpp"
#include "chipgap/perf/training_plan.hpp"
#include "chipgap/spec/model.hpp"

namespace chipgap::perf {

// Seconds per step by cause. Exposed communication is on the critical path; hidden communication ran
// under computation. The parts add up to the step time.
struct StepBreakdown {
  double compute = 0;          // GEMMs, attention and memory-bound kernels, recomputation included
  double recompute = 0;        // of which recomputation
  double tp_exposed = 0, tp_hidden = 0;
  double tp_overlap_slowdown = 0;  // GEMMs slowed by the SMs that overlapped TP communication runs on
  double cp_exposed = 0, cp_hidden = 0;
  double ep_exposed = 0, ep_hidden = 0;
  double pp_exposed = 0;       // pipeline sends between stages
  double dp_exposed = 0, dp_hidden = 0;  // gradient reduction and weight gathering
  double bubble = 0;           // pipeline fill and drain
  double optimizer = 0;
};

struct MemoryBreakdown {  // bytes per chip, on the busiest pipeline stage
  double weights = 0;
  double gradients = 0;
  double optimizer = 0;
  double activations = 0;
  double reserved = 0;  // runtime, communication buffers and fragmentation
  double total() const { return weights + gradients + optimizer + activations + reserved; }
};

struct TrainingEstimate {
  bool feasible = false;
  std::string reason;  // why the plan cannot run, when it cannot (memory, divisibility)
  double step_time_s = 0;
  double tokens_per_step = 0;
  double tokens_per_s_per_chip = 0;
  double model_tflops_per_chip = 0;  // model FLOPs (PaLM convention) per second per chip
  double mfu = 0;                    // against the dense peak at the training precision (FP8 or BF16)
  double mfu_bf16 = 0;               // against the dense BF16 peak, as DeepSeek and Meta quote it
  StepBreakdown breakdown;
  MemoryBreakdown memory;
  double memory_capacity = 0;
  // One transformer layer, one micro-batch, on one chip: what Korthikanti et al. Table 4 measure.
  double layer_forward_s = 0;
  double layer_backward_s = 0;
};

// Model FLOPs per token in the PaLM/Megatron convention: 6 x active non-embedding parameters plus
// attention scores and values over the full sequence (no causal halving), MTP modules excluded.
double model_flops_per_token(const spec::ModelArch& model, std::int64_t seq_len);

struct Layout;  // where a plan's parallel groups land on the network (private to the model)

class TrainingModel {
 public:
  TrainingModel(const spec::ModelArch& model, const Cluster& cluster);

  // Checks the plan against the model and the cluster (degrees that divide, chip count, batch) and
  // returns the problem in words, or an empty string. `evaluate` reports the same problems as infeasible.
  std::string check(const TrainingPlan& plan) const { return problem(plan, true); }
  bool valid(const TrainingPlan& plan) const { return problem(plan, false).empty(); }
  TrainingEstimate evaluate(const TrainingPlan& plan) const;
  // Memory alone, for the search's cheap first filter.
  MemoryBreakdown memory(const TrainingPlan& plan) const;

  const spec::ModelArch& model() const { return *model_; }
  const Cluster& cluster() const { return *cluster_; }

 private:
  struct LayerTimes;
  std::string problem(const TrainingPlan& plan, bool in_words) const;
  LayerTimes layer_times(const TrainingPlan& plan, const Layout& layout, bool moe) const;
  struct StageShare;
  StageShare stage_share(const TrainingPlan& plan) const;

  const spec::ModelArch* model_;
  const Cluster* cluster_;
  ParameterCounts params_;
  // Per-layer constants (parameters of one layer's parts).
  double attn_params_ = 0, dense_mlp_params_ = 0, expert_params_ = 0, shared_params_ = 0, router_params_ = 0;
  double moe_layers_ = 0, dense_layers_ = 0;
  double qk_dim_ = 0, v_dim_ = 0, kv_width_ = 0;  // attention widths per token
  LayerWidths widths_;
};

}  // namespace chipgap::perf
