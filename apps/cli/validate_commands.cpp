// SPDX-License-Identifier: Apache-2.0
// `chipgap validate training`: the performance model against published runs.
#include <fmt/format.h>

#include <cmath>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/codec/perf_json.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

std::string metric_text(perf::TrainingMetric metric, double value) {
  switch (metric) {
    case perf::TrainingMetric::StepTime: return fmt::format("{:.2f} s/step", value);
    case perf::TrainingMetric::TokensPerSecondPerChip: return fmt::format("{:.0f} tok/s/chip", value);
    case perf::TrainingMetric::ModelTflopsPerChip: return fmt::format("{:.0f} TFLOP/s/chip", value);
    case perf::TrainingMetric::LayerTime: return fmt::format("{:.1f} ms/layer", value * 1e3);
  }
  return {};
}

// The goals of the accuracy work (issue 13): median |error| within 5%, every case within 15%, and no
// family leaning more than 5% either way.
constexpr double kMedianGoal = 0.05, kCaseGoal = 0.15, kBiasGoal = 0.05;
constexpr std::size_t kBiasMinCases = 3;

std::string summaries_text(const std::vector<perf::ErrorSummary>& families, const std::vector<perf::ErrorSummary>& groups) {
  std::string out = "By chip family (speed error: + when the model is faster than measured):\n";
  for (const auto& f : families) {
    const bool biased = f.cases >= kBiasMinCases && std::abs(f.median_speed_error) > kBiasGoal;
    out += fmt::format("  {:<14}{:>3} cases  median |error| {:4.1f}%  max {:4.1f}%  median speed error {:+5.1f}%{}\n", f.name,
                       f.cases, 100 * f.median_abs_error, 100 * f.max_abs_error, 100 * f.median_speed_error,
                       biased ? "  LEANS (goal: within 5%)" : f.cases < kBiasMinCases ? "  (too few cases to judge a lean)" : "");
  }
  for (const auto& g : groups) {
    out += fmt::format("Group {}: {} cases, mean |error| {:.2f}%, max {:.2f}%\n", g.name, g.cases, 100 * g.mean_abs_error,
                       100 * g.max_abs_error);
  }
  return out;
}

std::string goal_text(double median, double max) {
  const bool met = median <= kMedianGoal && max <= kCaseGoal;
  return fmt::format("goal: median {:.0f}%, every case {:.0f}%: {}", 100 * kMedianGoal, 100 * kCaseGoal, met ? "met" : "NOT MET");
}

}  // namespace

std::string validate_training_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format) {
  const perf::EfficiencyTable efficiency = load_efficiency_or_throw(data_dir);
  auto cases = catalog::load_training_cases(data_dir);
  if (!cases) throw CommandError("the validation cases have errors:\n" + to_string(cases.errors()), kExitBadData);
  const perf::ValidationSummary summary = perf::validate_training(catalog, efficiency, *cases);
  if (format == Format::Json) return codec::to_json(summary).dump(2) + '\n';

  Table table({{"Case"}, {"Run"}, {"Measured", Align::Right}, {"Predicted", Align::Right}, {"Error", Align::Right},
               {"Plan evaluated"}});
  std::string problems;
  for (const auto& r : summary.results) {
    const auto& c = *r.input;
    table.add_row({c.id, c.title, metric_text(c.metric, c.measured.value),
                   r.predicted ? metric_text(c.metric, *r.predicted) : "-",
                   r.predicted ? fmt::format("{:+.1f}%", 100 * r.error) : "-", perf::describe(r.plan)});
    if (!r.problem.empty()) problems += fmt::format("  {}: {}\n", c.id, r.problem);
  }
  std::string out = format == Format::Csv ? table.to_csv() : table.to_text();
  if (format == Format::Csv) return out;
  out += fmt::format("\n{} of {} cases evaluated; median |error| {:.1f}%, max |error| {:.1f}% ({})\n", summary.evaluated,
                     summary.results.size(), 100 * summary.median_abs_error, 100 * summary.max_abs_error,
                     goal_text(summary.median_abs_error, summary.max_abs_error));
  out += summaries_text(summary.families, summary.groups);
  if (!problems.empty()) out += "Problems:\n" + problems;
  return out;
}

std::string validate_inference_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format) {
  const perf::EfficiencyTable efficiency = load_efficiency_or_throw(data_dir);
  auto cases = catalog::load_inference_cases(data_dir);
  if (!cases) throw CommandError("the validation cases have errors:\n" + to_string(cases.errors()), kExitBadData);
  const perf::InferenceValidationSummary summary = perf::validate_inference(catalog, efficiency, *cases);
  if (format == Format::Json) return codec::to_json(summary).dump(2) + '\n';
  Table table({{"Case"}, {"Result"}, {"Measured", Align::Right}, {"Predicted", Align::Right}, {"Error", Align::Right}});
  std::string problems;
  for (const auto& r : summary.results) {
    const auto& c = *r.input;
    const bool capacity = c.metric == perf::InferenceMetric::Feasible;
    auto text = [&](double v) {
      if (capacity) return std::string(v > 0.5 ? "fits" : "does not fit");
      if (c.metric == perf::InferenceMetric::TpotMs) return fmt::format("TPOT {:.1f} ms", v);
      return fmt::format("{:.0f} tok/s/chip", v);
    };
    table.add_row({c.id, c.title, text(c.measured.value), r.predicted ? text(*r.predicted) : "-",
                   !r.predicted ? "-" : capacity ? (r.error == 0 ? "agrees" : "DISAGREES") : fmt::format("{:+.1f}%", 100 * r.error)});
    if (!r.problem.empty()) problems += fmt::format("  {}: {}\n", c.id, r.problem);
  }
  if (format == Format::Csv) return table.to_csv();
  std::string out = table.to_text();
  out += fmt::format("\n{} throughput cases evaluated; median |error| {:.1f}%, max |error| {:.1f}% ({}); "
                     "capacity checks {} of {} agree\n",
                     summary.evaluated, 100 * summary.median_abs_error, 100 * summary.max_abs_error,
                     goal_text(summary.median_abs_error, summary.max_abs_error), summary.capacity_agreed, summary.capacity_checks);
  out += summaries_text(summary.families, summary.groups);
  if (!problems.empty()) out += "Notes:\n" + problems;
  return out;
}

}  // namespace chipgap::cli
