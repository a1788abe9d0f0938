// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::metrics {

// A system's aggregate figures: per-chip catalog values times the chip count. Unknown per-chip values
// give unknown totals.
struct SystemTotals {
  std::int64_t chips = 0;
  std::array<std::optional<units::ComputeRate>, spec::kPrecisionCount> throughput;
  std::optional<units::DataSize> memory;
  std::optional<units::DataRate> memory_bandwidth;
  std::optional<units::DataRate> scale_up_bandwidth;  // sum over chips, both directions
  std::optional<units::Power> chip_power;             // sum of chip TDPs (the system's own power is catalogued)
};

SystemTotals compute_system_totals(const spec::System& system, const spec::Accelerator& chip);

}  // namespace chipgap::metrics
