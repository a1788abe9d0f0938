// SPDX-License-Identifier: Apache-2.0
// End-user screening by ownership: whether the Affiliates rule reaches a buyer owned by listed parties
// on a date, and under which owner's licence requirement and review policy. The rule was in force from
// 2025-09-29, suspended from 2025-11-10 through 2026-11-09, and returns automatically unless BIS acts;
// what it did is data (rules/end-users/), and an outcome the data cannot decide is reported as such.
#pragma once

#include <string>
#include <vector>

#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/end_user.hpp"

namespace chipgap::rules {

// "smic:60": a listed party (by id, name or alias) and the share of the buyer it owns, in percent.
struct OwnerShare {
  std::string name;
  double percent = 0;
};
// Parses "NAME:PERCENT"; errors name `option` and the expected form.
Result<OwnerShare> parse_owner_share(const std::string& text, const char* option);

enum class AffiliateOutcome {
  NotCovered,       // the listed owners hold less than the rule's threshold (or no owner is listed on the date)
  NotYetInForce,    // before the rule took effect
  LicenceRequired,  // the rule is in force: the buyer takes its strictest listed owner's requirement
  Suspended,        // the rule is suspended: only listed entities themselves are restricted
  Undetermined,     // the suspension has ended and no source says whether the rule returned
  NoRule,           // the rule book has no Affiliates rule
};
inline constexpr std::string_view kAffiliateOutcomeNames[] = {"not_covered", "not_yet_in_force", "license_required",
                                                              "suspended", "undetermined", "no_rule"};

struct OwnerOnDate {
  const spec::ListedEntity* entity = nullptr;
  double percent = 0;
  bool listed = false;  // on its list on the screening date
};

struct AffiliateScreening {
  Date date;
  std::vector<OwnerOnDate> owners;
  double listed_percent = 0;                     // held by owners listed on the date, summed
  const spec::AffiliatesRule* rule = nullptr;
  // The listed owner whose review policy is most restrictive (the first such on a tie). The catalogued
  // listings all require a licence for every item subject to the EAR, so the policy is what differs.
  const spec::ListedEntity* strictest = nullptr;
  AffiliateOutcome outcome = AffiliateOutcome::NoRule;
  // The outcome were the rule in force (for `Suspended` and `Undetermined`: what it would require).
  bool covered_if_in_force = false;
};

// Errors: an owner not among the listed end users (with suggestions), a share outside (0, 100], shares that
// sum past 100.
Result<AffiliateScreening> screen_affiliate(const catalog::RuleBook& book, const std::vector<OwnerShare>& owners, Date date);

}  // namespace chipgap::rules
