// SPDX-License-Identifier: Apache-2.0
// China's export controls on critical minerals (gallium, germanium, antimony, graphite, rare earths),
// as dated documents: what, to where, from when, suspended from and until when, and what is known of the
// time after a suspension. Plain data (data/rules/cn-export-controls/); shown beside the US side.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

// licence: exports need a MOFCOM licence; ban: licences are in principle refused.
inline constexpr std::string_view kMineralEffectNames[] = {"licence", "ban"};
// What the data knows of the time after a suspension ends: it lapsed and the control is back, or no
// account of an extension or a lapse was found.
inline constexpr std::string_view kAfterSuspensionNames[] = {"in_force", "unknown"};

enum class ControlStatus { NotYetInForce, InForce, Suspended, UnknownAfterSuspension };
inline constexpr std::string_view kControlStatusNames[] = {"not_yet_in_force", "in_force", "suspended",
                                                           "unknown_after_suspension"};

struct MineralControl {
  std::string id;
  std::string title;
  std::string instrument;               // "MOFCOM Announcement No. 46 [2024]"
  std::vector<std::string> materials;   // gallium, germanium, ...
  std::string destination = "all";      // "all", or an ISO code such as US
  std::string effect;                   // one of kMineralEffectNames
  Sourced<Date> effective;
  OptionalSourced<Date> suspended_from, suspended_until;
  std::string after_suspension = "unknown";  // one of kAfterSuspensionNames
  std::string summary;
  std::vector<Source> sources;
  DefinedAt defined_at;

  ControlStatus status_on(Date date) const {
    if (date < effective.value) return ControlStatus::NotYetInForce;
    if (!suspended_from || date < suspended_from->value) return ControlStatus::InForce;
    if (!suspended_until || date < suspended_until->value) return ControlStatus::Suspended;
    return after_suspension == "in_force" ? ControlStatus::InForce : ControlStatus::UnknownAfterSuspension;
  }
};

}  // namespace chipgap::spec
