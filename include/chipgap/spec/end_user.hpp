// SPDX-License-Identifier: Apache-2.0
// End users on US restricted-party lists (the Entity List, 15 CFR Part 744 Supplement No. 4), as the
// Federal Register listed them: a licence for every item subject to the EAR, whatever the chip's
// classification, under the review policy the listing states. Plain data (data/rules/end-users/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/dated_control.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

inline constexpr std::string_view kEndUserListNames[] = {"entity_list", "military_end_user_list"};
// The licence review policies listings use (15 CFR 744.11 and the entries' own column).
inline constexpr std::string_view kEndUserPolicyNames[] = {"presumption_of_denial", "policy_of_denial", "case_by_case",
                                                           "presumption_of_approval"};

struct ListedEntity {
  std::string id;                    // "huawei"
  std::string name;                  // as listed
  std::vector<std::string> aliases;  // other names it is looked up by
  std::string country = "CN";
  std::string list;                  // one of kEndUserListNames
  Sourced<Date> listed;              // effective date of the listing
  OptionalSourced<Date> removed;     // when it left the list, if it did
  Sourced<std::string> license_requirement;  // the entry's licence requirement, as written
  Sourced<std::string> review_policy;        // one of kEndUserPolicyNames
  OptionalSourced<std::string> footnote;  // e.g. a foreign-direct-product footnote
  std::string summary;
  std::vector<Source> sources;
  DefinedAt defined_at;

  bool listed_on(Date date) const { return !(date < listed.value) && (!removed || date < removed->value); }
};

// The Affiliates rule (90 FR 47201, 15 CFR 744.11 as amended): an entity owned 50% or more, directly or
// indirectly, individually or in aggregate, by listed parties is restricted as they are, under the most
// restrictive of its owners' licence requirements and review policies. Its dates (in force, suspended,
// and after the suspension) are those of a DatedControl.
struct AffiliatesRule : DatedControl {
  std::string id;
  std::string title;
  Sourced<std::string> citation;
  double threshold_percent = 50;  // the aggregate listed ownership from which an affiliate is covered
  std::string summary;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
