// SPDX-License-Identifier: Apache-2.0
// Rule documents, countries and China's import measures as plain data (docs/rules.md).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/condition.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

enum class Authorization { None, Aca, Nac, License };  // in increasing strictness
std::string_view to_string(Authorization authorization);
inline constexpr std::string_view kAuthorizationNames[] = {"none", "aca", "nac", "license"};

enum class ReviewPolicy { PresumptionOfDenial, CaseByCase, PresumptionOfApproval };
std::string_view to_string(ReviewPolicy policy);
inline constexpr std::string_view kReviewPolicyNames[] = {"presumption_of_denial", "case_by_case",
                                                          "presumption_of_approval"};

enum class RuleStatus { InForce, Pending };
inline constexpr std::string_view kRuleStatusNames[] = {"in_force", "pending"};
// What kind of instrument a rule document is. `legislation` outranks agency measures where both set a
// licence requirement, so a misspelt kind would change verdicts: only these words are accepted.
inline constexpr std::string_view kRuleKindNames[] = {"regulation", "letter", "proclamation", "legislation", "guidance"};
std::string_view to_string(RuleStatus status);

// An ECCN paragraph (classification) or a note that takes items out of it (exclusion).
struct ClassificationClause {
  std::string clause;  // "3A090.a.1", "Note 2 to 3A090"
  std::string eccn;         // empty for exclusions
  std::string system_eccn;  // what a computer or assembly containing such an IC becomes (4A090.a), if any
  std::string text;
  Condition when;
};

struct LicensingEntry {
  std::string clause;
  std::string text;
  Condition when;
  Authorization authorization = Authorization::None;
  std::optional<ReviewPolicy> review_policy;  // absent when the policy was not published
  std::vector<std::string> conditions;        // ids of the document's conditions
  int line = 0;                               // where it was written, for messages
};

struct AttachedCondition {
  std::string id;
  std::string text;
  std::optional<Condition> when;  // applies by itself when this holds; otherwise only when named
  // A standing condition attaches only to licensed exports unless this is set: a requirement on every
  // export of the item, licensed or not (the Chip Security Act's location verification).
  bool without_license = false;
};

struct RuleDocument {
  std::string id;
  std::string title;
  std::string kind;  // regulation, letter, proclamation, legislation, guidance
  Sourced<std::string> citation;
  Sourced<Date> effective;
  OptionalSourced<Date> compliance;
  RuleStatus status = RuleStatus::InForce;
  OptionalSourced<Date> not_enforced_from;
  std::vector<std::string> supersedes;  // "doc-id" or "doc-id#section"
  std::vector<ClassificationClause> classification;
  std::vector<ClassificationClause> exclusions;
  std::vector<LicensingEntry> licensing;
  std::vector<AttachedCondition> conditions;
  std::vector<std::string> notes;
  std::vector<Source> sources;
  DefinedAt defined_at;

  // When obligations start: the compliance date if there is one, else the effective date.
  Date start() const { return compliance ? compliance->value : effective.value; }
  const AttachedCondition* find_condition(std::string_view id) const;
  // Every condition the document states: classification, exclusions, licensing, attached conditions.
  void for_each_condition(const std::function<void(const Condition&)>& visit) const;
};

struct Country {
  std::string code;  // ISO 3166 alpha-2
  std::string name;
  std::string treated_as;  // e.g. Hong Kong is evaluated as China; empty otherwise
};

// One dated change of a country's membership in a group: it joined or left on `date`.
struct MembershipChange {
  std::string country;
  bool joined = true;
  Sourced<Date> date;
};

struct CountryGroup {
  std::string id;  // "D:5", "AID:T1"
  std::string title;
  Sourced<std::vector<std::string>> members;  // the membership after the last change
  std::vector<MembershipChange> changes;      // dated changes, in date order

  // Whether the country was a member on `date`: today's membership with every change after that date undone.
  bool has_member(std::string_view code, Date date) const;
};

// What a destination-side measure does, in increasing strictness (the net of several is the strictest).
// `permit`: the destination needs its own permit to move the chips on (Malaysia's transshipment permit).
inline constexpr std::string_view kImportEffectNames[] = {"approved", "inspection", "permit", "discouraged",
                                                          "restricted", "prohibited"};

struct ImportMeasure {
  std::string id;
  std::string title;
  Sourced<Date> date;
  OptionalSourced<Date> until;
  Condition applies_to;
  std::string effect;    // one of kImportEffectNames
  std::string evidence;  // official, reported, low
  std::string summary;
  std::string country = "CN";  // the country that takes the measure (the importing or transit country)
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
