// SPDX-License-Identifier: Apache-2.0
// A control that takes effect on a date and may be suspended for a while: China's mineral controls and
// the US Affiliates rule. What happens after a suspension ends is data too, since for both the sources
// read report no extension and no lapse.
#pragma once

#include <string>
#include <string_view>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

// What the data knows of the time after a suspension ends: it lapsed and the control is back, or no
// account of an extension or a lapse was found.
inline constexpr std::string_view kAfterSuspensionNames[] = {"in_force", "unknown"};

enum class ControlStatus { NotYetInForce, InForce, Suspended, UnknownAfterSuspension };
inline constexpr std::string_view kControlStatusNames[] = {"not_yet_in_force", "in_force", "suspended",
                                                           "unknown_after_suspension"};

struct DatedControl {
  Sourced<Date> effective;
  OptionalSourced<Date> suspended_from, suspended_until;  // the suspension ends the day before `until`
  std::string after_suspension = "unknown";              // one of kAfterSuspensionNames

  ControlStatus status_on(Date date) const {
    if (date < effective.value) return ControlStatus::NotYetInForce;
    if (!suspended_from || date < suspended_from->value) return ControlStatus::InForce;
    if (!suspended_until || date < suspended_until->value) return ControlStatus::Suspended;
    return after_suspension == "in_force" ? ControlStatus::InForce : ControlStatus::UnknownAfterSuspension;
  }
};

}  // namespace chipgap::spec
