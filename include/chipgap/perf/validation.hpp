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
  std::string group;  // cases a source or a rival model is judged on together ("korthikanti-table5"); may be empty
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

// Errors of a set of cases: all of one chip family, or one group.
struct ErrorSummary {
  std::string name;
  std::size_t cases = 0;
  double median_abs_error = 0, mean_abs_error = 0, max_abs_error = 0;
  // Median of the speed errors: positive when the model predicts faster than measured (less time, more
  // throughput), so that time and throughput metrics lean the same way.
  double median_speed_error = 0;
};

struct TrainingCaseResult {
  const TrainingCase* input = nullptr;
  std::string family;  // the chip's accelerator family
  std::string chip;    // the accelerator's name
  TrainingPlan plan;                // the plan evaluated, free settings filled in
  std::optional<double> predicted;  // absent when the case could not be evaluated
  std::string problem;              // why not
  double error = 0;                 // (predicted - measured) / measured
  double speed_error = 0;           // predicted speed / measured speed - 1 (see ErrorSummary)
  TrainingEstimate estimate;
};

struct ValidationSummary {
  std::vector<TrainingCaseResult> results;
  double median_abs_error = 0;
  double max_abs_error = 0;
  std::size_t evaluated = 0;
  std::vector<ErrorSummary> families;  // per accelerator family, in order of first appearance
  std::vector<ErrorSummary> groups;    // per case group
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
  std::string group;
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
  std::string family, chip;
  std::optional<double> predicted;
  std::string problem;
  double error = 0;  // relative; for capacity checks 0 (agrees) or 1 (disagrees)
  double speed_error = 0;
  ServingEstimate estimate;
};

struct InferenceValidationSummary {
  std::vector<InferenceCaseResult> results;
  double median_abs_error = 0;  // over the throughput cases
  double max_abs_error = 0;
  std::size_t evaluated = 0;
  std::size_t capacity_checks = 0, capacity_agreed = 0;
  std::vector<ErrorSummary> families;  // throughput cases only
  std::vector<ErrorSummary> groups;
};

InferenceValidationSummary validate_inference(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                              const std::vector<InferenceCase>& cases);

// How far the development set covers an answer: the throughput cases of the same chip family at the same
// precision, and their median |error|. No case: the answer is the model's extrapolation.
struct Coverage {
  std::size_t cases = 0;
  std::size_t same_chip_cases = 0;  // of them, on the very chip asked about
  double median_abs_error = 0;
  std::vector<std::string> ids;
};
Coverage training_coverage(const ValidationSummary& summary, const spec::Accelerator& chip, TrainPrecision precision);
Coverage serving_coverage(const InferenceValidationSummary& summary, const spec::Accelerator& chip, WeightPrecision precision);

double metric_value(const TrainingCase& input, const TrainingPlan& plan, const spec::ModelArch& model,
                    const TrainingEstimate& estimate);
ValidationSummary validate_training(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                    const std::vector<TrainingCase>& cases);

}  // namespace chipgap::perf
