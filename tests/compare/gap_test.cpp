// SPDX-License-Identifier: Apache-2.0
// The chip gap: every column comes from the rules engine's verdicts and the catalog's shipment dates;
// these tests hold the properties (ratios to the frontier, dates, projections) and the cases the rules
// are known for (the H800 under the 2022 rule and not after the 2023 one).
#include <gtest/gtest.h>

#include "../rules/builtin_rules.hpp"
#include "../perf/builtin_data.hpp"
#include "chipgap/compare/gap.hpp"

namespace chipgap::compare {
namespace {

using perf::testing::builtin;

const catalog::RuleBook& rules() { return chipgap::testing::builtin_rules(); }

GapQuery query(Date since, Date until, Date today = {2026, 12, 7}) {
  GapQuery q;
  q.since = since;
  q.until = until;
  q.today = today;
  q.step = GapStep::Month;
  return q;
}

const GapPoint& point_on(const Gap& gap, Date date) {
  for (const auto& p : gap.points) {
    if (p.date == date) return p;
  }
  throw std::runtime_error("no point on " + date.to_string());
}

TEST(Gap, EveryColumnIsAtMostTheFrontier) {
  auto gap = chip_gap(builtin().catalog, rules(), query({2022, 1, 1}, {2027, 12, 1}), peak_16bit_capability);
  ASSERT_TRUE(gap) << to_string(gap.errors());
  ASSERT_EQ(gap->points.size(), 72u);  // monthly, 2022 to 2027
  for (const auto& p : gap->points) {
    SCOPED_TRACE(p.date.to_string());
    ASSERT_TRUE(p.frontier.has_value());
    EXPECT_DOUBLE_EQ(p.frontier->ratio, 1.0);
    for (const auto* slot : {&p.exportable, &p.licensable, &p.domestic}) {
      if (*slot) { EXPECT_LE((*slot)->ratio, 1.0); }
    }
    if (p.domestic) { EXPECT_EQ(p.domestic->chip->country, "CN"); }
    if (p.exportable) { EXPECT_NE(p.exportable->chip->country, "CN"); }
    EXPECT_EQ(p.projected, Date({2026, 12, 7}) < p.date);
    for (const auto* slot : {&p.frontier, &p.exportable, &p.licensable, &p.domestic}) {
      if (*slot && (*slot)->announced) { EXPECT_TRUE(p.projected); }  // announced parts count only after today
      if (*slot) { EXPECT_LE((*slot)->available.date, p.date); }     // nothing before it shipped
    }
  }
}

TEST(Gap, TheH800WasExportableWithTheH100sComputeUntilTheOctober2023Rule) {
  auto gap = chip_gap(builtin().catalog, rules(), query({2023, 1, 1}, {2024, 6, 1}), peak_16bit_capability);
  ASSERT_TRUE(gap) << to_string(gap.errors());
  const GapPoint& mid_2023 = point_on(*gap, {2023, 6, 1});
  ASSERT_TRUE(mid_2023.exportable.has_value());
  EXPECT_EQ(mid_2023.exportable->chip->name, "H800 SXM");
  EXPECT_DOUBLE_EQ(mid_2023.exportable->value, *peak_16bit_capability(*builtin().catalog.find_accelerator("H100 SXM")).value);
  const GapPoint& mid_2024 = point_on(*gap, {2024, 6, 1});
  ASSERT_TRUE(mid_2024.exportable.has_value());
  EXPECT_NE(mid_2024.exportable->chip->name, "H800 SXM");
  EXPECT_LT(mid_2024.exportable->ratio, 0.5);
  bool marked = false;
  for (const auto& change : gap->rule_changes) marked |= change.date == Date{2023, 11, 17};
  EXPECT_TRUE(marked);  // the rule's effective date is marked among the changes
}

TEST(Gap, AWorkloadBasisRanksTheH20AboveItsPeakRank) {
  // On peak compute the L40 out-ranks the H20; training a 70B model on 1,024 chips, the H20's memory and
  // NVLink win, and the gap's exportable column says so.
  TrainingWorkload w;
  w.model = builtin().catalog.find_model("llama3-70b");
  w.tokens = 1e12;
  w.seq_len = 4096;
  w.global_batch = 1024;
  auto gap = chip_gap(builtin().catalog, rules(), query({2024, 6, 1}, {2024, 6, 1}),
                      training_capability(builtin().catalog, w, builtin().efficiency, 1024));
  ASSERT_TRUE(gap) << to_string(gap.errors());
  ASSERT_TRUE(gap->points.front().exportable.has_value());
  EXPECT_EQ(gap->points.front().exportable->chip->name, "H20");
}

TEST(Gap, BadQueriesAreErrors) {
  GapQuery q = query({2024, 1, 1}, {2023, 1, 1});
  EXPECT_FALSE(chip_gap(builtin().catalog, rules(), q, peak_16bit_capability));
  q = query({2023, 1, 1}, {2024, 1, 1});
  q.destination = "Narnia";
  auto unknown = chip_gap(builtin().catalog, rules(), q, peak_16bit_capability);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.errors().front().message.find("Narnia"), std::string::npos);
}

TEST(Availability, TheCatalogMonthElseMidYearMarked) {
  const auto* h20 = builtin().catalog.find_accelerator("H20");
  const Availability a = availability(*h20);
  EXPECT_FALSE(a.year_only);
  EXPECT_EQ(a.date, h20->available->value);
  spec::Accelerator undated;
  undated.year.value = 2024;
  const Availability b = availability(undated);
  EXPECT_TRUE(b.year_only);
  EXPECT_EQ(b.date, (Date{2024, 7, 1}));
}

}  // namespace
}  // namespace chipgap::compare
