// SPDX-License-Identifier: Apache-2.0
// Comparisons: like for like by construction (one power basis, one count rule), ratios against the
// baseline, and counts that never lose to a smaller one.
#include <gtest/gtest.h>

#include "../perf/builtin_data.hpp"
#include "compare_fixtures.hpp"
#include "chipgap/compare/comparison.hpp"
#include "chipgap/metrics/system_totals.hpp"

namespace chipgap::compare {
namespace {

using perf::testing::builtin;

using testing::llama70b;
using testing::system_named;

std::optional<ItOverhead> catalog_overhead() { return catalog_it_overhead(builtin().catalog); }

EqualTerms equal_count(std::int64_t n) {
  EqualTerms t;
  t.count = n;
  return t;
}

TEST(ItOverhead, IsTheMedianOfTheSystemsWithBothFiguresAndTheirRange) {
  spec::Accelerator chip;
  chip.tdp = spec::Sourced<units::Power>{units::Power::from_base(1000), {}};
  std::vector<spec::System> systems(3);
  const double watts[] = {11200, 14400, 16000};  // 8 chips of 1 kW: ratios 1.4, 1.8, 2.0
  std::vector<std::pair<const spec::System*, const spec::Accelerator*>> pairs;
  for (int i = 0; i < 3; ++i) {
    systems[i].name = "S" + std::to_string(i);
    systems[i].chips.value = 8;
    systems[i].power = spec::Sourced<units::Power>{units::Power::from_base(watts[i]), {}};
    pairs.emplace_back(&systems[i], &chip);
  }
  spec::System no_power;
  no_power.chips.value = 8;
  pairs.emplace_back(&no_power, &chip);
  const auto o = it_overhead(pairs);
  ASSERT_TRUE(o.has_value());
  EXPECT_DOUBLE_EQ(o->central, 1.8);
  EXPECT_DOUBLE_EQ(o->low, 1.4);
  EXPECT_DOUBLE_EQ(o->high, 2.0);
  EXPECT_EQ(o->systems.size(), 3u);
}

TEST(ItPower, UsesTheSystemsPowerElseTdpTimesTheOverhead) {
  const auto overhead = catalog_overhead();
  ASSERT_TRUE(overhead.has_value());
  const Hardware hgx = system_named("HGX H100");
  const ItPowerPerChip measured = it_power_per_chip(hgx, overhead);
  EXPECT_FALSE(measured.estimated);
  EXPECT_DOUBLE_EQ(*measured.watts, units::in_watts(hgx.system->power->value) / 8);
  const Hardware h800 = system_named("HGX H800");  // no system power catalogued
  const ItPowerPerChip estimated = it_power_per_chip(h800, overhead);
  ASSERT_TRUE(estimated.watts.has_value());
  EXPECT_TRUE(estimated.estimated);
  EXPECT_DOUBLE_EQ(*estimated.watts, 700 * overhead->central);
  EXPECT_LE(*estimated.low, *estimated.watts);
  EXPECT_GE(*estimated.high, *estimated.watts);
}

TEST(Compare, TheBaselineHasRatioOneAndItsOwnTwinTheSameValue) {
  const Hardware h100 = system_named("HGX H100");
  const Comparison c = compare_training({h100, h100}, 0, equal_count(512), llama70b(), builtin().efficiency, catalog_overhead());
  ASSERT_TRUE(c.rows[0].feasible) << c.rows[0].reason;
  EXPECT_DOUBLE_EQ(c.rows[0].ratio, 1.0);
  EXPECT_DOUBLE_EQ(c.rows[1].value, c.rows[0].value);
  EXPECT_TRUE(c.rows[0].explains.empty());  // the baseline explains nothing against itself
  ASSERT_TRUE(c.rows[0].value_low && c.rows[0].value_high);
  EXPECT_LE(*c.rows[0].value_low, c.rows[0].value);
  EXPECT_GE(*c.rows[0].value_high, c.rows[0].value);
}

TEST(Compare, MoreChipsNeverDoLess) {
  // 1,000 does not factor well; the comparison may leave chips idle, so it never does worse than 960.
  const Hardware h100 = system_named("HGX H100");
  double previous = 0;
  for (std::int64_t n : {256, 512, 960, 1000, 1024}) {
    const Comparison c = compare_training({h100}, 0, equal_count(n), llama70b(), builtin().efficiency, catalog_overhead());
    ASSERT_TRUE(c.rows[0].feasible) << n << ": " << c.rows[0].reason;
    EXPECT_GE(c.rows[0].value, previous * (1 - 1e-12)) << n;
    EXPECT_LE(c.rows[0].count, c.rows[0].affordable);
    previous = c.rows[0].value;
  }
}

TEST(Compare, AtEqualCountRatiosArePerChipSinceWholeSystemsRoundCountsApart) {
  const Comparison c = compare_training({system_named("HGX H100"), system_named("GB200 NVL72")}, 0, equal_count(80), llama70b(),
                                        builtin().efficiency, catalog_overhead());
  ASSERT_TRUE(c.rows[0].feasible && c.rows[1].feasible);
  EXPECT_EQ(c.rows[0].affordable, 80);
  EXPECT_EQ(c.rows[1].affordable, 144);  // two racks of 72
  EXPECT_NEAR(c.rows[1].ratio, (c.rows[1].value / 144) / (c.rows[0].value / 80), 1e-12);
  // Power and capital count every chip the terms allow.
  EXPECT_NEAR(*c.rows[1].power_kw, *c.rows[1].power.watts * 144 / 1e3, 1e-9);
}

TEST(Compare, TheH800LosesOnlyWhereItsLinkWasCut) {
  const Comparison c = compare_training({system_named("HGX H100"), system_named("HGX H800")}, 0, equal_count(1024), llama70b(),
                                        builtin().efficiency, catalog_overhead());
  const ComparisonRow& h800 = c.rows[1];
  ASSERT_TRUE(h800.feasible) << h800.reason;
  EXPECT_DOUBLE_EQ(*h800.figure_ratios.bf16_tflops, 1.0);  // the same compute on paper
  EXPECT_NEAR(*h800.figure_ratios.scale_up_gbps, 400.0 / 900.0, 1e-12);
  EXPECT_LT(h800.ratio, 1.0);
  EXPECT_GT(h800.ratio, 0.5);
  EXPECT_NE(h800.explains.find("communication"), std::string::npos) << h800.explains;
}

TEST(Compare, EqualPowerGivesEachRowTheChipsItsPowerBuys) {
  EqualTerms t;
  t.basis = EqualBasis::Power;
  t.power_kw = 2000;
  const auto overhead = catalog_overhead();
  const Comparison c = compare_training({system_named("HGX H100"), system_named("CloudMatrix 384")}, 0, t, llama70b(),
                                        builtin().efficiency, overhead);
  for (const auto& row : c.rows) {
    ASSERT_TRUE(row.feasible) << row.hardware.name() << ": " << row.reason;
    EXPECT_EQ(row.affordable % row.hardware.unit(), 0);
    EXPECT_LE(*row.power.watts * static_cast<double>(row.affordable), 2000e3 * (1 + 1e-9));
    // One more system would not fit.
    EXPECT_GT(*row.power.watts * static_cast<double>(row.affordable + row.hardware.unit()), 2000e3);
    EXPECT_LE(*row.power_kw, 2000 * (1 + 1e-9));
  }
}

TEST(Compare, ABudgetNeedsAPriceAndSaysSoWhenThereIsNone) {
  EqualTerms t;
  t.basis = EqualBasis::Budget;
  t.budget_usd = 50e6;
  const Comparison c = compare_training({system_named("HGX H100"), system_named("HGX H800")}, 0, t, llama70b(),
                                        builtin().efficiency, catalog_overhead());
  EXPECT_TRUE(c.rows[0].feasible) << c.rows[0].reason;
  EXPECT_LE(*c.rows[0].capital_usd, 50e6);
  EXPECT_FALSE(c.rows[1].feasible);
  EXPECT_NE(c.rows[1].reason.find("no price"), std::string::npos) << c.rows[1].reason;
  EXPECT_EQ(c.rows[1].ratio, 0);
}

TEST(Compare, ServingRowsCompareOutputThroughputAndDecodeTerms) {
  ServingWorkload w;
  w.model = builtin().catalog.find_model("deepseek-v3");
  w.requests.input_len = 2048;
  w.requests.output_len = 512;
  w.requests.tpot_s = 0.05;
  w.base.precision = perf::WeightPrecision::Fp8;
  const Comparison c = compare_serving({system_named("HGX H800"), system_named("HGX H20")}, 0, equal_count(64), w,
                                       builtin().efficiency, catalog_overhead());
  ASSERT_TRUE(c.rows[0].feasible) << c.rows[0].reason;
  ASSERT_TRUE(c.rows[1].feasible) << c.rows[1].reason;
  EXPECT_LT(c.rows[1].ratio, 1.0);  // a sixth of the compute does not serve as much
  EXPECT_GT(c.rows[1].ratio, 1.0 / 6.7);  // but more than its compute share: decode is memory-bound
  EXPECT_FALSE(c.rows[1].terms.empty());
  EXPECT_FALSE(c.rows[1].explains.empty());
  // Each serving figure carries its band: the same deployment at the slow and fast ends of the efficiencies.
  for (const auto& row : c.rows) {
    ASSERT_TRUE(row.value_low && row.value_high) << row.hardware.name();
    EXPECT_GT(*row.value_low, 0.5 * row.value);
    EXPECT_LT(*row.value_low, row.value);
    EXPECT_GT(*row.value_high, row.value);
  }
}

// The catalog's CloudMatrix 384 and GB200 NVL72 against the totals SemiAnalysis published for them
// (16 April 2025; ../shared/research/market.md §4.1): within 5% on every figure the comparison uses.
TEST(RackScaleSystems, TotalsAgreeWithSemiAnalysisWithinFivePercent) {
  struct Published {
    const char* system;
    double bf16_pflops, hbm_tb, hbm_tbps, power_kw;
  };
  for (const Published& p : {Published{"CloudMatrix 384", 300, 49.2, 1229, 559}, Published{"GB200 NVL72", 180, 13.8, 576, 145}}) {
    SCOPED_TRACE(p.system);
    const auto* system = builtin().catalog.find_system(p.system);
    const auto totals = metrics::compute_system_totals(*system, builtin().catalog.chip_of(*system));
    const auto& bf16 = totals.throughput[static_cast<std::size_t>(spec::Precision::BF16)];
    ASSERT_TRUE(bf16 && totals.memory && totals.memory_bandwidth && system->power);
    EXPECT_NEAR(units::in_tera_ops_per_second(*bf16) / 1e3 / p.bf16_pflops, 1.0, 0.05);
    EXPECT_NEAR(units::in_gigabytes(*totals.memory) / 1e3 / p.hbm_tb, 1.0, 0.05);
    EXPECT_NEAR(units::in_gigabytes_per_second(*totals.memory_bandwidth) / 1e3 / p.hbm_tbps, 1.0, 0.05);
    EXPECT_NEAR(units::in_watts(system->power->value) / 1e3 / p.power_kw, 1.0, 0.05);
  }
}

}  // namespace
}  // namespace chipgap::compare
