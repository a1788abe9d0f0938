// SPDX-License-Identifier: Apache-2.0
// The scenario engine: reproducible whatever the threads, monotonic in its levers, scenarios that start
// when they say, located errors for bad overrides, and the calibration checks of market.md §6.2 on the
// built-in inputs (docs/scenarios.md reports each against its source).
#include <gtest/gtest.h>

#include "../perf/builtin_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/scenario/engine.hpp"

namespace chipgap::scenario {
namespace {

using perf::testing::builtin;

struct Fixture {
  catalog::RuleBook rules;
  catalog::ScenarioData data;
  std::unique_ptr<Engine> engine;
};

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
    auto data = catalog::load_scenario_data(CHIPGAP_DATA_DIR, builtin().catalog);
    if (!rules || !data) throw std::runtime_error("scenario data does not load");
    x->rules = std::move(rules).value();
    x->data = std::move(data).value();
    // The bases the CLI and the server use: the reference workloads of data/workloads/.
    auto workloads = catalog::load_workloads(CHIPGAP_DATA_DIR, builtin().catalog);
    if (!workloads) throw std::runtime_error(to_string(workloads.errors()));
    auto bases = workload_bases(builtin().catalog, *workloads, builtin().efficiency);
    if (!bases) throw std::runtime_error(to_string(bases.errors()));
    x->engine = std::make_unique<Engine>(builtin().catalog, x->rules, x->data, std::move(bases).value());
    return x;
  }();
  return *f;
}

RunResult run(const std::string& scenario, RunOptions options = {}) {
  options.last_year = std::min(options.last_year, 2026);
  if (options.draws == 1000) options.draws = 400;
  const spec::Scenario* s = scenario == "inputs" ? nullptr : fixture().data.find_scenario(scenario);
  auto r = fixture().engine->run(s, options);
  if (!r) throw std::runtime_error(to_string(r.errors()));
  return std::move(r).value();
}

const YearResult& year(const RunResult& r, int y) {
  for (const auto& x : r.years) {
    if (x.year == y) return x;
  }
  throw std::runtime_error("no year");
}

constexpr std::size_t kPeak = 0;

TEST(ScenarioEngine, TheSameSeedGivesTheSameResultWhateverTheThreads) {
  RunOptions one, four;
  one.threads = 1;
  four.threads = 4;
  const RunResult a = run("status-quo-2026-12", one), b = run("status-quo-2026-12", four);
  for (std::size_t i = 0; i < a.years.size(); ++i) {
    for (std::size_t basis = 0; basis < kBases; ++basis) {
      EXPECT_EQ(a.years[i].china.stock[basis].p50, b.years[i].china.stock[basis].p50);
      EXPECT_EQ(a.years[i].us.additions[basis].p90, b.years[i].us.additions[basis].p90);
    }
  }
  RunOptions other_seed;
  other_seed.seed = 2;
  EXPECT_NE(run("status-quo-2026-12", other_seed).years.back().china.stock[kPeak].p50, a.years.back().china.stock[kPeak].p50);
}

TEST(ScenarioEngine, BandsAreOrderedAndStocksAccumulateAdditions) {
  const RunResult r = run("inputs");
  for (const auto& y : r.years) {
    for (std::size_t b = 0; b < kBases; ++b) {
      EXPECT_LE(y.china.stock[b].p10, y.china.stock[b].p50);
      EXPECT_LE(y.china.stock[b].p50, y.china.stock[b].p90);
      EXPECT_GE(y.china.stock[b].p50, y.china.additions[b].p50 * 0.999);  // a stock holds at least its year's additions
    }
    EXPECT_GE(y.domestic_share_units.p10, 0.0);
    EXPECT_LE(y.domestic_share_units.p90, 1.0);
  }
  RunOptions huge;
  huge.draws = kMaxDrawYears;  // over five years: more than a run holds
  EXPECT_FALSE(fixture().engine->run(nullptr, huge));
}

TEST(ScenarioEngine, MoreSmugglingNeverLowersChinasStockAndTheLeverStartsWhenTheScenarioDoes) {
  RunOptions half, double_;
  half.overrides["smuggling.multiplier"] = 0.5;
  double_.overrides["smuggling.multiplier"] = 2;
  const RunResult low = run("inputs", half), high = run("inputs", double_);
  EXPECT_LT(year(low, 2025).china.stock[kPeak].p50, year(high, 2025).china.stock[kPeak].p50);
  // Full denial starts in 2026: 2024 and 2025 are the status quo's.
  const RunResult base = run("status-quo-2026-12"), denial = run("full-denial-enforcement");
  EXPECT_EQ(year(base, 2025).china.additions[kPeak].p50, year(denial, 2025).china.additions[kPeak].p50);
  EXPECT_LE(year(denial, 2026).china_units[0].p50, year(base, 2026).china_units[0].p50);
}

TEST(ScenarioEngine, LicensingTheH20In2025ShipsWhatTheBanHeldBack) {
  const RunResult banned = run("status-quo-2026-12"), licensed = run("h20-licensed-2025");
  const double foregone = year(licensed, 2025).china_units[0].p50 - year(banned, 2025).china_units[0].p50;
  EXPECT_GT(foregone, 500'000);   // Bernstein: more than 1.5M H20 in 2025 without the ban
  EXPECT_LT(foregone, 1'900'000);
  EXPECT_GT(year(licensed, 2025).vendor_revenue_usd.p50, year(banned, 2025).vendor_revenue_usd.p50 + 5e9);
}

TEST(ScenarioEngine, SensitivityLeavesTheScenariosOwnPremisesAlone) {
  RunOptions options;
  options.draws = 100;
  options.last_year = 2026;
  auto rows = fixture().engine->sensitivity(fixture().data.find_scenario("h20-licensed-2025"), options, 2026, Basis::Peak);
  ASSERT_TRUE(rows) << to_string(rows.errors());
  ASSERT_FALSE(rows->empty());
  for (const auto& r : *rows) EXPECT_NE(r.input, "acceptance.discouraged");  // the scenario sets it
  EXPECT_GE(std::abs(rows->front().swing()), std::abs(rows->back().swing()));
}

TEST(ScenarioEngine, BadOverridesAreLocatedErrorsWithSuggestions) {
  RunOptions typo;
  typo.overrides["smugling.multiplier"] = 1;
  auto r = fixture().engine->run(nullptr, typo);
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors().front().message.find("did you mean 'smuggling.multiplier'"), std::string::npos) << to_string(r.errors());
  RunOptions share;
  share.overrides["approval.case_by_case"] = 1.5;
  r = fixture().engine->run(nullptr, share);
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors().front().message.find("is a share"), std::string::npos);
  RunOptions flow;
  flow.overrides["units.cn-legal-h20.0001"] = 1;
  r = fixture().engine->run(nullptr, flow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors().front().message.find("a year from 2015 to 2040"), std::string::npos);
  flow.overrides.clear();
  flow.overrides["units.cn-legal-h21.2025"] = 1;
  r = fixture().engine->run(nullptr, flow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors().front().message.find("did you mean 'cn-legal-h20'"), std::string::npos) << to_string(r.errors());
}

// market.md §6.2: Epoch puts China's end-2025 stock at about 1.2M H100e without smuggled chips and 1.8M
// with them; the model must land within a factor of 1.5 of each.
TEST(ScenarioCalibration, ChinasEnd2025StockIsWithinOneAndAHalfOfEpochs) {
  const double with = year(run("status-quo-2026-12"), 2025).china.stock[kPeak].p50;
  RunOptions none;
  none.overrides["smuggling.multiplier"] = 0;
  const double without = year(run("status-quo-2026-12", none), 2025).china.stock[kPeak].p50;
  EXPECT_GT(with, 1.8e6 / 1.5);
  EXPECT_LT(with, 1.8e6 * 1.5);
  EXPECT_GT(without, 1.2e6 / 1.5);
  EXPECT_LT(without, 1.2e6 * 1.5);
}

// market.md §6.2: 2025 additions from legal imports and domestic production between Bernstein's (under
// about 0.5M H100e) and Epoch's (about 0.65M), with a tenth either side for the two sources' own spread.
TEST(ScenarioCalibration, China2025AdditionsWithoutSmugglingLieBetweenBernsteinAndEpoch) {
  RunOptions none;
  none.overrides["smuggling.multiplier"] = 0;
  const double additions = year(run("status-quo-2026-12", none), 2025).china.additions[kPeak].p50;
  EXPECT_GT(additions, 0.5e6 * 0.9);
  EXPECT_LT(additions, 0.65e6 * 1.1);
}

// Bernstein's 17% domestic share in 2023 is the figure the 2023 Ascend 910B input was derived from
// (data/scenarios/inputs/supply.yaml): history reproducing its own source, not an independent check.
TEST(ScenarioCalibration, The2023DomesticShareReproducesTheFigureItWasBuiltFrom) {
  const double share = year(run("status-quo-2026-12"), 2023).domestic_share_units.p50;
  EXPECT_NEAR(share, 0.17, 0.03);
}

}  // namespace
}  // namespace chipgap::scenario
