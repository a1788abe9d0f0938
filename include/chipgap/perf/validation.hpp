// SPDX-License-Identifier: Apache-2.0
// Published training runs the model must reproduce (data/validation/training.yaml): each case is the
// run's configuration as its source states it and one measured figure. The model gets no per-case
// parameter; a case only says what the run was.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/perf/efficiency.hpp"
#include "chipgap/perf/serving.hpp"
#include "chipgap/perf/training_model.hpp"
#include "chipgap/perf/training_plan.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::catalog {
class Catalog;
}

namespace chipgap::perf {

// What a source measured: a whole step, throughput, model FLOP rate (in the case's own FLOP
// convention, see `model_flops_per_token`), or one layer's forward + backward time.
enum class TrainingMetric { StepTime, TokensPerSecondPerChip, ModelTflopsPerChip, LayerTime };
inline constexpr std::string_view kTrainingMetricNames[] = {"step_time_s", "tokens_per_s_per_chip",
                                                            "model_tflops_per_chip", "layer_time_s"};

struct TrainingCase {
  std::string id;     // "T11"
  std::string title;
  std::string model;  // catalog name
  std::string chip;   // catalog accelerator, or empty when `system` is given
  std::string system;
  std::int64_t count = 0;
  TrainingPlan plan;
  // Settings the source does not state ("vp", "recompute", "micro_batch"): the validation takes the
  // fastest value that fits in memory, as a user tuning the run would.
  std::vector<std::string> free;
  TrainingMetric metric = TrainingMetric::StepTime;
  // How the source counts model FLOPs for model_tflops_per_chip: attention over the full sequence
  // (PaLM, Megatron) or over the causal half.
  enum class FlopConvention { Full, Causal } flop_convention = FlopConvention::Full;
  spec::Sourced<double> measured;
  std::vector<std::string> notes;
  std::vector<spec::Source> sources;
  spec::DefinedAt defined_at;
};

inline constexpr std::string_view kFlopConventionNames[] = {"full", "causal"};
inline constexpr std::string_view kFreeSettings[] = {"vp", "recompute", "micro_batch"};

struct TrainingCaseResult {
  const TrainingCase* input = nullptr;
  TrainingPlan plan;                // the plan evaluated, free settings filled in
  std::optional<double> predicted;  // absent when the case could not be evaluated
  std::string problem;              // why not
  double error = 0;                 // (predicted - measured) / measured
  TrainingEstimate estimate;
};

struct ValidationSummary {
  std::vector<TrainingCaseResult> results;
  double median_abs_error = 0;
  double max_abs_error = 0;
  std::size_t evaluated = 0;
};

// Published serving results (data/validation/inference.yaml). `feasible` cases are capacity checks: the
// measured value is 1 when the deployment ran, 0 when it cannot.
enum class InferenceMetric { PrefillTokensPerSecondPerChip, DecodeTokensPerSecondPerChip, OutputTokensPerSecondPerChip, TpotMs, Feasible };
inline constexpr std::string_view kInferenceMetricNames[] = {"prefill_tokens_per_s_per_chip", "decode_tokens_per_s_per_chip",
                                                             "output_tokens_per_s_per_chip", "tpot_ms", "feasible"};

struct InferenceCase {
  std::string id;
  std::string title;
  std::string model;
  std::string chip;
  std::string system;
  std::int64_t count = 0;
  Deployment deployment;
  Workload workload;
  InferenceMetric metric = InferenceMetric::DecodeTokensPerSecondPerChip;
  spec::Sourced<double> measured;
  std::vector<std::string> notes;
  std::vector<spec::Source> sources;
  spec::DefinedAt defined_at;
};

struct InferenceCaseResult {
  const InferenceCase* input = nullptr;
  std::optional<double> predicted;
  std::string problem;
  double error = 0;  // relative; for capacity checks 0 (agrees) or 1 (disagrees)
  ServingEstimate estimate;
};

struct InferenceValidationSummary {
  std::vector<InferenceCaseResult> results;
  double median_abs_error = 0;  // over the throughput cases
  double max_abs_error = 0;
  std::size_t evaluated = 0;
  std::size_t capacity_checks = 0, capacity_agreed = 0;
};

InferenceValidationSummary validate_inference(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                              const std::vector<InferenceCase>& cases);

double metric_value(const TrainingCase& input, const TrainingPlan& plan, const spec::ModelArch& model,
                    const TrainingEstimate& estimate);
ValidationSummary validate_training(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                    const std::vector<TrainingCase>& cases);

}  // namespace chipgap::perf
