// SPDX-License-Identifier: Apache-2.0
// The knobs of a design-to-comply search (docs/policy.md): how far a vendor can cut or extend a base die,
// each bound cited to a part that shows it can be done.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

// What each knob scales on the base die, as a share of its catalogued value:
// - compute_share: every dense rate (compute units enabled, or the clock);
// - memory_bandwidth_share: DRAM bandwidth (stacks populated, memory speed);
// - memory_capacity_share: DRAM capacity (stacks populated, stack height);
// - scale_up_share: scale-up link bandwidth (links enabled), which is part of the rules' I/O bandwidth.
enum class Knob { ComputeShare, MemoryBandwidthShare, MemoryCapacityShare, ScaleUpShare };
inline constexpr std::string_view kKnobNames[] = {"compute_share", "memory_bandwidth_share", "memory_capacity_share",
                                                  "scale_up_share"};
inline constexpr std::size_t kKnobCount = std::size(kKnobNames);

struct DesignKnob {
  Knob knob = Knob::ComputeShare;
  std::string title;
  Sourced<double> min, max;  // shares of the base die's value
  double step = 0.05;        // the search's resolution, not a fact
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
