// SPDX-License-Identifier: Apache-2.0
#include "chipgap/metrics/system_totals.hpp"

namespace chipgap::metrics {
namespace {

template <typename Q>
std::optional<Q> times(const spec::OptionalSourced<Q>& value, double count) {
  if (!value) return std::nullopt;
  return value->value * count;
}

}  // namespace

SystemTotals compute_system_totals(const spec::System& system, const spec::Accelerator& chip) {
  SystemTotals totals;
  totals.chips = system.chips.value;
  const auto count = static_cast<double>(totals.chips);
  for (std::size_t i = 0; i < spec::kPrecisionCount; ++i) totals.throughput[i] = times(chip.throughput[i], count);
  totals.memory = times(chip.memory.capacity, count);
  totals.memory_bandwidth = times(chip.memory.bandwidth, count);
  // The system's own per-chip link figure wins over the chip's, which may describe another configuration.
  if (system.scale_up_bandwidth) {
    totals.scale_up_bandwidth = system.scale_up_bandwidth->value * count;
  } else if (chip.scale_up) {
    totals.scale_up_bandwidth = times(chip.scale_up->bandwidth, count);
  }
  totals.chip_power = times(chip.tdp, count);
  return totals;
}

}  // namespace chipgap::metrics
