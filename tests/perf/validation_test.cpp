// SPDX-License-Identifier: Apache-2.0
// The development sets of published runs (data/validation/) against the goals of issue 13: median |error|
// at most 5%, every case within 15%, no family with 3 or more cases leaning more than 5% either way.
// Cases the model still misses are listed by name; a listed case that starts to pass fails the test, so
// the list says exactly what is missed (and the issue note says why).
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/perf/validation.hpp"

namespace chipgap::perf {
namespace {

constexpr double kMedianGoal = 0.05, kCaseGoal = 0.15, kLeanGoal = 0.05;

// Training cases outside 15% today. T43: GPT-3 175B on 128 Ascend 910B (MindSpeed-LLM), about 31% too
// fast; the 910B SKU of the run is not stated (its MFU implies a 306 TFLOP/s part, the catalog's 910B
// has 376), and Ascend has no measured sustained clock.
const std::set<std::string> kKnownTrainingMisses = {"T43"};

void expect_no_lean(const std::vector<ErrorSummary>& families, const std::string& report, double bound = kLeanGoal) {
  for (const auto& f : families) {
    if (f.cases >= 3) {
      EXPECT_LE(std::abs(f.median_speed_error), bound) << f.name << "\n" << report;
    }
  }
}

TEST(TrainingValidation, DevelopmentSetMeetsTheBar) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
  auto cases = catalog::load_training_cases(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && efficiency.ok() && cases.ok());
  ASSERT_GE(cases->size(), 14u);
  const ValidationSummary summary = validate_training(*catalog, *efficiency, *cases);
  std::string report;
  for (const auto& r : summary.results) {
    report += r.input->id + ": measured " + std::to_string(r.input->measured.value) + ", predicted " +
              (r.predicted ? std::to_string(*r.predicted) : "-") + ", error " + std::to_string(100 * r.error) + "% " +
              r.problem + "\n";
  }
  EXPECT_EQ(summary.evaluated, summary.results.size()) << report;
  for (const auto& r : summary.results) {
    EXPECT_TRUE(r.predicted.has_value()) << r.input->id << ": " << r.problem;
    if (kKnownTrainingMisses.count(r.input->id) != 0) {
      EXPECT_GT(std::abs(r.error), kCaseGoal) << r.input->id << " now passes: take it off the list of misses";
    } else {
      EXPECT_LE(std::abs(r.error), kCaseGoal) << r.input->id << "\n" << report;
    }
    // A run that happened must fit in the model's memory estimate (one-layer measurements aside).
    if (r.input->metric != TrainingMetric::LayerTime) {
      EXPECT_TRUE(r.estimate.feasible) << r.input->id << ": " << r.problem;
    }
  }
  EXPECT_LE(summary.median_abs_error, kMedianGoal) << report;
  expect_no_lean(summary.families, report);
  // Korthikanti et al. Table 5, both recomputation modes: Calculon's worst is 8.87% (mean 3.65%, a goal
  // not yet met: chipgap's mean is 4.5%, guarded here against getting worse).
  bool found = false;
  for (const auto& g : summary.groups) {
    if (g.name != "korthikanti-table5") continue;
    found = true;
    EXPECT_EQ(g.cases, 8u);
    EXPECT_LT(g.max_abs_error, 0.0887) << report;
    EXPECT_LT(g.mean_abs_error, 0.046) << report;
  }
  EXPECT_TRUE(found);
}

// An entry for one chip must name a catalog accelerator, or it would silently apply to nothing.
TEST(EfficiencyData, EveryChipEntryNamesACatalogAccelerator) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && efficiency.ok());
  for (const auto& entry : efficiency->families()) {
    if (entry.chip.empty()) continue;
    const auto* chip = catalog->find_accelerator(entry.chip);
    ASSERT_NE(chip, nullptr) << entry.chip;
    EXPECT_EQ(efficiency->for_chip(*chip), &entry);
  }
}

TEST(TrainingValidation, EveryCaseCitesItsMeasurement) {
  auto cases = catalog::load_training_cases(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(cases.ok());
  for (const auto& c : *cases) {
    ASSERT_FALSE(c.sources.empty()) << c.id;
    for (const auto& source : c.sources) EXPECT_EQ(source.url.rfind("https://", 0), 0u) << c.id;
  }
}

// The serving development set: every capacity check agreeing; the median, the largest error and the
// Hopper lean no worse than today (7.5%, 20.2% and +6.1%; the goals of 5%, 15% and 5% are not met yet,
// see issue 13's note).
TEST(InferenceValidation, DevelopmentSetMeetsTheBar) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
  auto cases = catalog::load_inference_cases(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && efficiency.ok() && cases.ok());
  const InferenceValidationSummary summary = validate_inference(*catalog, *efficiency, *cases);
  std::string report;
  for (const auto& r : summary.results) {
    report += r.input->id + ": measured " + std::to_string(r.input->measured.value) + ", predicted " +
              (r.predicted ? std::to_string(*r.predicted) : "-") + ", error " + std::to_string(100 * r.error) + "% " +
              r.problem + "\n";
  }
  for (const auto& r : summary.results) EXPECT_TRUE(r.predicted.has_value()) << r.input->id << ": " << r.problem;
  EXPECT_EQ(summary.capacity_agreed, summary.capacity_checks) << report;
  EXPECT_GE(summary.capacity_checks, 3u);
  EXPECT_LE(summary.median_abs_error, 0.08) << report;
  EXPECT_LE(summary.max_abs_error, 0.21) << report;
  expect_no_lean(summary.families, report, 0.065);
}

}  // namespace
}  // namespace chipgap::perf
