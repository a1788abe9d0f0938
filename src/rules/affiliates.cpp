// SPDX-License-Identifier: Apache-2.0
#include "chipgap/rules/affiliates.hpp"

#include <algorithm>
#include <charconv>

#include "chipgap/common/names.hpp"

namespace chipgap::rules {
namespace {

// Review policies from the most restrictive down: the Affiliates rule applies the owners' strictest.
int strictness(const std::string& policy) {
  const std::string_view order[] = {"policy_of_denial", "presumption_of_denial", "case_by_case", "presumption_of_approval"};
  const auto it = std::find(std::begin(order), std::end(order), policy);
  return static_cast<int>(std::end(order) - it);
}

Diagnostic error(const char* option, std::string message) { return {"", 0, 0, option, std::move(message)}; }

}  // namespace

Result<OwnerShare> parse_owner_share(const std::string& text, const char* option) {
  const auto colon = text.rfind(':');
  const std::string form = "expected NAME:PERCENT, a listed owner and its share of the buyer (e.g. smic:60), got '" + text + "'";
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::vector<Diagnostic>{error(option, form)};
  OwnerShare share;
  share.name = text.substr(0, colon);
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, share.percent);
  if (ec != std::errc() || end != last) return std::vector<Diagnostic>{error(option, form)};
  return share;
}

Result<AffiliateScreening> screen_affiliate(const catalog::RuleBook& book, const std::vector<OwnerShare>& owners, Date date) {
  std::vector<Diagnostic> errors;
  AffiliateScreening screening;
  screening.date = date;
  double total = 0;
  for (const auto& owner : owners) {
    const spec::ListedEntity* entity = book.find_end_user(owner.name);
    if (entity == nullptr) {
      const std::string hint = did_you_mean(book.suggest_end_users(owner.name));
      errors.push_back(error("--owned-by", "unknown owner '" + owner.name + "' (not among the listed end users of data/rules/end-users/)" +
                                               (hint.empty() ? "" : "; " + hint)));
      continue;
    }
    if (!(owner.percent > 0 && owner.percent <= 100)) {
      errors.push_back(error("--owned-by", "the share owned by '" + owner.name + "' must be above 0 and at most 100 percent"));
      continue;
    }
    total += owner.percent;
    const bool listed = entity->listed_on(date);
    screening.owners.push_back({entity, owner.percent, listed});
    if (!listed) continue;
    screening.listed_percent += owner.percent;
    if (screening.strictest == nullptr ||
        strictness(entity->review_policy.value) > strictness(screening.strictest->review_policy.value)) {
      screening.strictest = entity;
    }
  }
  if (total > 100 + 1e-9) errors.push_back(error("--owned-by", "the owners' shares add up to more than 100 percent"));
  if (!errors.empty()) return errors;

  const auto& rule = book.affiliates_rule();
  if (!rule) return screening;
  screening.rule = &*rule;
  screening.covered_if_in_force = screening.strictest != nullptr && screening.listed_percent >= rule->threshold_percent;
  switch (rule->status_on(date)) {
    case spec::ControlStatus::NotYetInForce: screening.outcome = AffiliateOutcome::NotYetInForce; break;
    case spec::ControlStatus::InForce:
      screening.outcome = screening.covered_if_in_force ? AffiliateOutcome::LicenceRequired : AffiliateOutcome::NotCovered;
      break;
    case spec::ControlStatus::Suspended:
      screening.outcome = screening.covered_if_in_force ? AffiliateOutcome::Suspended : AffiliateOutcome::NotCovered;
      break;
    case spec::ControlStatus::UnknownAfterSuspension:
      screening.outcome = screening.covered_if_in_force ? AffiliateOutcome::Undetermined : AffiliateOutcome::NotCovered;
      break;
  }
  return screening;
}

}  // namespace chipgap::rules
