// SPDX-License-Identifier: Apache-2.0
// Two-way headroom and moved thresholds against the built-in rule book: the steps named are the steps
// the rules engine takes, checked by classifying on each side of every one.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "builtin_rules.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/rules/engine.hpp"
#include "chipgap/rules/threshold_move.hpp"

namespace chipgap::rules {
namespace {

using spec::Metric;

const catalog::RuleBook& book() { return chipgap::testing::builtin_rules(); }

Item chip(double tpp, double density, double dram = 800, double io = 64) {
  Item item;
  item.name = "synthetic";
  item.vendor = "NVIDIA";  // the April 2025 letters went to NVIDIA and AMD
  item.die_area_mm2 = tpp / density;
  item.metric(Metric::DramBandwidth) = MetricValue{dram};
  item.metric(Metric::IoBandwidth) = MetricValue{io};
  set_metric(item, Metric::Tpp, tpp);
  set_metric(item, Metric::DramBandwidth, dram);
  return item;
}

Query query(const char* date) { return Query{"CN", *Date::parse(date), std::nullopt, {}}; }

std::string status(const catalog::RuleBook& b, const Item& item, const char* date) {
  auto v = classify(b, item, query(date));
  if (!v.ok()) throw std::runtime_error(to_string(v.errors()));
  return v->status();
}

const Headroom& room_for(const std::vector<Headroom>& rooms, Metric metric) {
  for (const auto& r : rooms) {
    if (r.metric == metric) return r;
  }
  throw std::runtime_error("no headroom for the metric");
}

TEST(Headroom, RisingFindsEveryChangeNotOnlyTheFirst) {
  // TPP 2,000 at density 1.0 under the October 2023 rule: 3A090.b.1 needs density 1.6, so TPP alone
  // reaches only 3A090.a.1 at 4,800.
  auto rooms = headroom(book(), chip(2000, 2.0), query("2024-06-01"));
  ASSERT_TRUE(rooms.ok()) << to_string(rooms.errors());
  const auto& tpp = room_for(*rooms, Metric::Tpp);
  ASSERT_EQ(tpp.up.size(), 2u);
  EXPECT_DOUBLE_EQ(tpp.up[0].threshold, 2400);
  EXPECT_EQ(tpp.up[0].comparison, "≥");
  EXPECT_DOUBLE_EQ(tpp.up[1].threshold, 4800);
  EXPECT_EQ(tpp.limit, 2400);  // the first rising change, as the API has always given it
  EXPECT_TRUE(tpp.down.empty());
}

TEST(Headroom, FallingSaysHowFarDramMustDropToLeaveTheApril2025Letters) {
  // A chip under every 3A090 line but with 2 TB/s of DRAM: the April 2025 letters require a licence
  // until its DRAM bandwidth falls below 1,400 GB/s (I/O 64 GB/s keeps DRAM + I/O under 1,700).
  auto rooms = headroom(book(), chip(1000, 1.0, 2000), query("2025-06-01"));
  ASSERT_TRUE(rooms.ok()) << to_string(rooms.errors());
  const auto& dram = room_for(*rooms, Metric::DramBandwidth);
  ASSERT_FALSE(dram.down.empty());
  EXPECT_DOUBLE_EQ(dram.down.front().threshold, 1400);
  EXPECT_EQ(dram.down.front().comparison, "<");
  EXPECT_EQ(dram.down.front().new_status, "not classified; none");
  EXPECT_FALSE(dram.down.front().clauses_off.empty());
}

// Every step, checked from outside: on its side of the threshold the status is the new one, just on the
// other side the one before it.
TEST(Headroom, EveryStepIsWhereTheRulesEngineChangesItsAnswer) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> tpp(500, 25000), density(0.5, 30), dram(300, 8000), io(20, 1800);
  std::size_t checked = 0;
  for (const char* date : {"2023-06-01", "2024-06-01", "2025-06-01", "2026-03-01"}) {
    for (int i = 0; i < 25; ++i) {
      const Item item = chip(tpp(random), density(random), dram(random), io(random));
      auto rooms = headroom(book(), item, query(date));
      ASSERT_TRUE(rooms.ok()) << to_string(rooms.errors());
      SCOPED_TRACE(::testing::Message() << "TPP " << item.metric(Metric::Tpp)->value << ", density "
                                        << item.metric(Metric::PerformanceDensity)->value << ", DRAM "
                                        << item.metric(Metric::DramBandwidth)->value << ", I/O " << item.metric(Metric::IoBandwidth)->value);
      for (const auto& room : *rooms) {
        std::string before = status(book(), item, date);
        // A relative nudge of 1e-9 to each side: thresholds converted from another metric (density
        // through the die area) do not round-trip exactly, and inclusiveness is the threshold tests' job.
        auto nudged = [&](double threshold, double sign) {
          Item moved = item;
          set_metric(moved, room.metric, threshold * (1 + sign * 1e-9));
          return moved;
        };
        for (const auto& step : room.up) {
          EXPECT_EQ(status(book(), nudged(step.threshold, +1), date), step.new_status)
              << date << " " << spec::to_string(room.metric) << " up to " << step.threshold;
          EXPECT_EQ(status(book(), nudged(step.threshold, -1), date), before)
              << date << " " << spec::to_string(room.metric) << " just short of " << step.threshold;
          before = step.new_status;
          ++checked;
        }
        before = status(book(), item, date);
        for (const auto& step : room.down) {
          EXPECT_EQ(status(book(), nudged(step.threshold, -1), date), step.new_status)
              << date << " " << spec::to_string(room.metric) << " down to " << step.threshold;
          EXPECT_EQ(status(book(), nudged(step.threshold, +1), date), before)
              << date << " " << spec::to_string(room.metric) << " just above " << step.threshold;
          EXPECT_GE(step.threshold, 0);
          before = step.new_status;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 200u);  // the random chips met many thresholds: the property was really checked
}

TEST(ThresholdMove, TheLineMovesAndTheOtherTiersStay) {
  const auto* october = book().find_document("us-ear-2023-10");
  ASSERT_NE(october, nullptr);
  EXPECT_EQ(principal_threshold(*october, Metric::Tpp), 4800);
  EXPECT_EQ(principal_threshold(*october, Metric::PerformanceDensity), 5.92);
  EXPECT_FALSE(principal_threshold(*october, Metric::DramBandwidth));
  const auto moved = book().with_document(move_thresholds(*october, {{Metric::Tpp, 2400}}, MoveMode::Line));
  // TPP 3,000 at density 1.0: under 4,800 today (and under 3A090.b's density floor), 3A090.a.1 at 2,400.
  EXPECT_EQ(status(book(), chip(3000, 1.0), "2024-06-01"), "not classified; none");
  EXPECT_EQ(status(moved, chip(3000, 1.0), "2024-06-01"), "3A090.a; license (presumption_of_denial)");
  // 3A090.a.2's 1,600 stays: TPP 2,000 at density 6 is 3A090.a either way.
  EXPECT_EQ(status(moved, chip(2000, 6.0), "2024-06-01"), status(book(), chip(2000, 6.0), "2024-06-01"));
  // The original book is untouched.
  EXPECT_EQ(principal_threshold(*book().find_document("us-ear-2023-10"), Metric::Tpp), 4800);
}

TEST(ThresholdMove, ScaleKeepsTheTiersInProportion) {
  const auto* october = book().find_document("us-ear-2023-10");
  ASSERT_NE(october, nullptr);
  const auto scaled = move_thresholds(*october, {{Metric::Tpp, 2400}}, MoveMode::Scale);
  std::vector<double> tpp;
  scaled.for_each_condition([&](const spec::Condition& c) {
    spec::for_each_test(c, [&](const spec::Condition& leaf) {
      if (const auto* t = std::get_if<spec::MetricTest>(&leaf.test); t && t->metric == Metric::Tpp) tpp.push_back(t->threshold);
    });
  });
  ASSERT_FALSE(tpp.empty());
  for (double t : tpp) EXPECT_TRUE(t == 2400 || t == 1200 || t == 800) << t;
  // TPP 1,000 at density 4: under 3A090.b.2's 1,600 today, over its 800 when scaled by half.
  const auto moved = book().with_document(scaled);
  EXPECT_EQ(status(book(), chip(1000, 4.0), "2024-06-01"), "not classified; none");
  EXPECT_NE(status(moved, chip(1000, 4.0), "2024-06-01"), "not classified; none");
}

}  // namespace
}  // namespace chipgap::rules
