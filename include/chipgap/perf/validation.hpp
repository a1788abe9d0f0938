// SPDX-License-Identifier: Apache-2.0
// The performance model against published runs (the cases are plain data, chipgap/spec/validation_case.hpp):
// each case's prediction and error, summaries by chip family and case group, and how far the development
// set covers an answer.
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
#include "chipgap/spec/validation_case.hpp"

namespace chipgap::catalog {
class Catalog;
}

namespace chipgap::perf {

using spec::InferenceCase;
using spec::InferenceMetric;
using spec::kFlopConventionNames;
using spec::kFreeSettings;
using spec::kInferenceMetricNames;
using spec::kTrainingMetricNames;
using spec::TrainingCase;
using spec::TrainingMetric;

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
