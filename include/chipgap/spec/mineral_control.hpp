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
#include "chipgap/spec/dated_control.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

// licence: exports need a MOFCOM licence; ban: licences are in principle refused.
inline constexpr std::string_view kMineralEffectNames[] = {"licence", "ban"};

struct MineralControl : DatedControl {
  std::string id;
  std::string title;
  std::string instrument;               // "MOFCOM Announcement No. 46 [2024]"
  std::vector<std::string> materials;   // gallium, germanium, ...
  std::string destination = "all";      // "all", or an ISO code such as US
  std::string effect;                   // one of kMineralEffectNames
  std::string summary;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
