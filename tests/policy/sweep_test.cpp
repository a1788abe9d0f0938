// SPDX-License-Identifier: Apache-2.0
// Threshold sweeps on the built-in catalog and rule book: the flips are the rules engine's, a lower TPP
// line catches every chip a higher one did, a point is the same whichever way it is computed (alone, in
// a threaded run, through JSON as ranks send it), and bad sweeps are refused with the key to blame.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../rules/builtin_rules.hpp"
#include "../perf/builtin_data.hpp"
#include "chipgap/codec/policy_json.hpp"
#include "chipgap/policy/sweep.hpp"

namespace chipgap::policy {
namespace {

using perf::testing::builtin;

const catalog::RuleBook& rules() { return chipgap::testing::builtin_rules(); }

SweepQuery tpp_query(double from, double to, double step, const char* date = "2024-06-01") {
  SweepQuery q;
  q.rule_id = "us-ear-2023-10";
  q.axes = {Axis{spec::Metric::Tpp, from, to, step}};
  q.date = *Date::parse(date);
  return q;
}

std::unique_ptr<Sweep> prepared(SweepQuery q) {
  auto sweep = Sweep::prepare(builtin().catalog, rules(), std::move(q), compare::peak_16bit_capability);
  if (!sweep) throw std::runtime_error(to_string(sweep.errors()));
  return std::move(sweep).value();
}

std::set<std::string> flipped(const SweepPoint& p) {
  std::set<std::string> out;
  for (const auto& f : p.flipped) out.insert(f.chip);
  return out;
}

TEST(Sweep, AxisValuesIncludeBothEndsAndRefuseBadRanges) {
  EXPECT_EQ(*axis_values({spec::Metric::Tpp, 4800, 1600, -800}), (std::vector<double>{4800, 4000, 3200, 2400, 1600}));
  EXPECT_EQ(axis_values({spec::Metric::Tpp, 0.1, 0.3, 0.1})->size(), 3u);  // 0.1 steps do not add up exactly in binary
  EXPECT_EQ(axis_values({spec::Metric::Tpp, 100, 100, 1})->size(), 1u);
  EXPECT_FALSE(axis_values({spec::Metric::Tpp, 4800, 1600, 100}));  // inverted
  EXPECT_FALSE(axis_values({spec::Metric::Tpp, 1, 2, 0}));
  EXPECT_FALSE(axis_values({spec::Metric::Tpp, -1, 2, 1}));
  EXPECT_FALSE(axis_values({spec::Metric::Tpp, 1, 1e9, 1}));  // too many points
}

TEST(Sweep, TheRuleAsItStandsFlipsNothing) {
  const auto sweep = prepared(tpp_query(4800, 4800, 1));
  const auto p = sweep->evaluate(0);
  ASSERT_TRUE(p.ok()) << to_string(p.errors());
  EXPECT_TRUE(p->flipped.empty());
  ASSERT_TRUE(p->best_exportable && sweep->baseline_best());
  EXPECT_EQ(p->best_exportable->chip, sweep->baseline_best()->chip);
}

TEST(Sweep, TheH20FlipsOnlyOnceTheLineReachesItsTpp) {
  // The H20 (TPP 2,368) sits under 3A090.b.1's 2,400 and 3A090.a.1's 4,800: a line at 2,400 leaves it
  // alone, one at 2,300 catches it.
  const auto sweep = prepared(tpp_query(2400, 2300, -100));
  const auto points = sweep->run(2);
  ASSERT_TRUE(points.ok()) << to_string(points.errors());
  EXPECT_FALSE(flipped((*points)[0]).count("H20"));
  ASSERT_TRUE(flipped((*points)[1]).count("H20"));
  for (const auto& f : (*points)[1].flipped) {
    if (f.chip == "H20") {
      EXPECT_EQ(f.before, "not classified; none");
      EXPECT_EQ(f.after, "3A090.a; license (presumption_of_denial)");
    }
  }
}

TEST(Sweep, ALowerLineCatchesEveryChipAHigherOneDid) {
  const auto sweep = prepared(tpp_query(4800, 1000, -200));
  const auto points = sweep->run(0);
  ASSERT_TRUE(points.ok()) << to_string(points.errors());
  for (std::size_t i = 1; i < points->size(); ++i) {
    const auto higher = flipped((*points)[i - 1]), lower = flipped((*points)[i]);
    EXPECT_TRUE(std::includes(lower.begin(), lower.end(), higher.begin(), higher.end())) << "line " << (*points)[i].thresholds[0];
    // The best exportable chip can only get worse as the line falls.
    const double before = (*points)[i - 1].best_exportable ? (*points)[i - 1].best_exportable->value : 0;
    const double after = (*points)[i].best_exportable ? (*points)[i].best_exportable->value : 0;
    EXPECT_LE(after, before) << "line " << (*points)[i].thresholds[0];
  }
  EXPECT_GT(flipped(points->back()).size(), flipped(points->front()).size());
}

TEST(Sweep, APointIsTheSameAloneThreadedAndThroughJson) {
  SweepQuery q = tpp_query(4800, 2400, -400);
  q.axes.push_back(Axis{spec::Metric::PerformanceDensity, 5.92, 1.6, -1.44});
  const auto sweep = prepared(q);
  ASSERT_EQ(sweep->size(), 7u * 4u);
  const auto all = sweep->run(3);
  ASSERT_TRUE(all.ok()) << to_string(all.errors());
  for (std::size_t i = 0; i < sweep->size(); ++i) {
    const auto alone = sweep->evaluate(i);
    ASSERT_TRUE(alone.ok());
    const auto back = codec::sweep_point_from_json(*sweep, nlohmann::json::parse(codec::sweep_point_json(*sweep, i, (*all)[i]).dump()));
    ASSERT_TRUE(back.ok()) << to_string(back.errors());
    for (const SweepPoint* p : {&*alone, &*back}) {
      EXPECT_EQ(p->thresholds, (*all)[i].thresholds);
      EXPECT_EQ(flipped(*p), flipped((*all)[i]));
      ASSERT_EQ(p->best_exportable.has_value(), (*all)[i].best_exportable.has_value());
      if (p->best_exportable) {
        EXPECT_EQ(p->best_exportable->value, (*all)[i].best_exportable->value);
      }
    }
  }
  // Row-major: the density axis moves fastest.
  EXPECT_EQ((*all)[1].thresholds, (std::vector<double>{4800, 5.92 - 1.44}));
  EXPECT_EQ((*all)[4].thresholds, (std::vector<double>{4400, 5.92}));
}

TEST(Sweep, ScaleMovesTheLowerTiersToo) {
  // Halving every TPP tier of the October 2023 rule puts 3A090.b.1 at 1,200: the H20 (TPP 2,368, density
  // about 2.9) falls into it. Moving only the 4,800 line to 2,400 leaves the H20 under every line.
  SweepQuery line = tpp_query(2400, 2400, 1), scale = line;
  scale.mode = rules::MoveMode::Scale;
  const auto by_line = prepared(line)->evaluate(0), by_scale = prepared(scale)->evaluate(0);
  ASSERT_TRUE(by_line.ok() && by_scale.ok());
  EXPECT_FALSE(flipped(*by_line).count("H20"));
  ASSERT_TRUE(flipped(*by_scale).count("H20"));
  for (const auto& f : by_scale->flipped) {
    if (f.chip == "H20") {
      EXPECT_EQ(f.after, "3A090.b; nac");
    }
  }
}

TEST(Sweep, BadSweepsNameTheKeyToBlame) {
  auto key_of = [](SweepQuery q) {
    auto s = Sweep::prepare(builtin().catalog, rules(), std::move(q), compare::peak_16bit_capability);
    return s ? std::string("ok") : s.errors().front().key_path;
  };
  SweepQuery q = tpp_query(4800, 1600, -100);
  q.rule_id = "us-ear-2023-1";
  EXPECT_EQ(key_of(q), "rule");
  EXPECT_EQ(key_of(tpp_query(4800, 1600, -100, "2022-06-01")), "rule");  // not in force yet
  q = tpp_query(4800, 1600, -100);
  q.axes[0].metric = spec::Metric::DramBandwidth;  // the October 2023 rule has no DRAM threshold
  EXPECT_EQ(key_of(q), "vary");
  q = tpp_query(4800, 1600, -100);
  q.destination = "Atlantis";
  EXPECT_EQ(key_of(q), "to");
  q = tpp_query(4800, 1600, -1);
  q.axes.push_back(Axis{spec::Metric::PerformanceDensity, 5.92, 0.0, -0.00001});
  EXPECT_EQ(key_of(q), "vary");  // the grid is too large
}

}  // namespace
}  // namespace chipgap::policy
