// SPDX-License-Identifier: Apache-2.0
// Ownership screening under the Affiliates rule, against the built-in rule book: in force from 2025-09-29,
// suspended 2025-11-10 through 2026-11-09, undetermined after (no source reports an extension or a lapse).
#include <gtest/gtest.h>

#include "builtin_rules.hpp"
#include "chipgap/rules/affiliates.hpp"

namespace chipgap::rules {
namespace {

using chipgap::testing::builtin_rules;

AffiliateScreening screen(const std::vector<OwnerShare>& owners, const char* date) {
  auto result = screen_affiliate(builtin_rules(), owners, *Date::parse(date));
  if (!result) throw std::runtime_error(to_string(result.errors()));
  return result.value();
}

TEST(Affiliates, MajorityOwnedBySmicFollowsTheRulesDates) {
  const std::vector<OwnerShare> smic{{"SMIC", 60}};
  EXPECT_EQ(screen(smic, "2025-09-28").outcome, AffiliateOutcome::NotYetInForce);
  const auto in_force = screen(smic, "2025-10-15");
  EXPECT_EQ(in_force.outcome, AffiliateOutcome::LicenceRequired);
  ASSERT_NE(in_force.strictest, nullptr);
  EXPECT_EQ(in_force.strictest->id, "smic");
  EXPECT_EQ(screen(smic, "2025-11-09").outcome, AffiliateOutcome::LicenceRequired);
  EXPECT_EQ(screen(smic, "2025-11-10").outcome, AffiliateOutcome::Suspended);
  EXPECT_EQ(screen(smic, "2026-11-09").outcome, AffiliateOutcome::Suspended);
  const auto after = screen(smic, "2026-11-10");
  EXPECT_EQ(after.outcome, AffiliateOutcome::Undetermined);
  EXPECT_TRUE(after.covered_if_in_force);
}

TEST(Affiliates, OwnersAddUpAndTheStrictestPolicyApplies) {
  // 30% Huawei (presumption of denial) and 25% SMIC (case by case): 55% in aggregate is covered, under
  // Huawei's stricter policy; either alone is below 50%.
  const auto both = screen({{"huawei", 30}, {"smic", 25}}, "2025-10-15");
  EXPECT_EQ(both.outcome, AffiliateOutcome::LicenceRequired);
  EXPECT_DOUBLE_EQ(both.listed_percent, 55);
  ASSERT_NE(both.strictest, nullptr);
  EXPECT_EQ(both.strictest->review_policy.value, "presumption_of_denial");
  EXPECT_EQ(screen({{"smic", 49}}, "2025-10-15").outcome, AffiliateOutcome::NotCovered);
  EXPECT_EQ(screen({{"smic", 49}}, "2026-12-07").outcome, AffiliateOutcome::NotCovered);
}

TEST(Affiliates, AnOwnerNotYetListedDoesNotCount) {
  // Zhipu was listed on 2025-01-16: on 2024-12-01 its share counts for nothing (and the rule was not in
  // force either); Inspur Group (listed 2023-03-02) counts in October 2025.
  const auto before = screen({{"zhipu", 80}}, "2024-12-01");
  EXPECT_DOUBLE_EQ(before.listed_percent, 0);
  EXPECT_FALSE(before.covered_if_in_force);
  EXPECT_EQ(screen({{"Inspur Group", 51}}, "2025-10-15").outcome, AffiliateOutcome::LicenceRequired);
}

TEST(Affiliates, BadOwnersAreErrorsWithSuggestions) {
  auto unknown = screen_affiliate(builtin_rules(), {{"SMICC", 60}}, *Date::parse("2025-10-15"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(to_string(unknown.errors()).find("did you mean"), std::string::npos) << to_string(unknown.errors());
  EXPECT_FALSE(screen_affiliate(builtin_rules(), {{"smic", 0}}, *Date::parse("2025-10-15")));
  EXPECT_FALSE(screen_affiliate(builtin_rules(), {{"smic", 60}, {"huawei", 50}}, *Date::parse("2025-10-15")));
  EXPECT_FALSE(parse_owner_share("smic", "--owned-by"));
  EXPECT_FALSE(parse_owner_share("smic:sixty", "--owned-by"));
  EXPECT_FALSE(parse_owner_share(":60", "--owned-by"));
  const auto parsed = parse_owner_share("Inspur Group:50.5", "--owned-by");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value().name, "Inspur Group");
  EXPECT_DOUBLE_EQ(parsed.value().percent, 50.5);
}

TEST(DatedGroups, MembershipOnADateUndoesLaterChanges) {
  const auto& book = builtin_rules();
  const auto* ni = book.find_country("NI");
  const auto* kh = book.find_country("KH");
  ASSERT_NE(ni, nullptr);
  ASSERT_NE(kh, nullptr);
  auto has = [](const std::vector<std::string>& groups, const char* id) {
    return std::find(groups.begin(), groups.end(), id) != groups.end();
  };
  EXPECT_FALSE(has(book.groups_on(*ni, *Date::parse("2024-03-14")), "D:5"));
  EXPECT_TRUE(has(book.groups_on(*ni, *Date::parse("2024-03-15")), "D:5"));
  EXPECT_TRUE(has(book.groups_on(*kh, *Date::parse("2026-02-02")), "D:5"));
  EXPECT_FALSE(has(book.groups_on(*kh, *Date::parse("2026-02-03")), "D:5"));
  EXPECT_TRUE(has(book.groups_on(*kh, *Date::parse("2026-02-03")), "D:1"));
  EXPECT_FALSE(has(book.groups_on(*kh, *Date::parse("2021-12-08")), "D:5"));
}

}  // namespace
}  // namespace chipgap::rules
