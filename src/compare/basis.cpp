// SPDX-License-Identifier: Apache-2.0
#include "chipgap/compare/basis.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace chipgap::compare {

std::optional<ItOverhead> it_overhead(const std::vector<std::pair<const spec::System*, const spec::Accelerator*>>& systems) {
  std::vector<std::pair<double, std::string>> ratios;
  for (const auto& [system, chip] : systems) {
    if (system == nullptr || chip == nullptr || !system->power || !chip->tdp || system->chips.value < 1) continue;
    const double tdp = units::in_watts(chip->tdp->value);
    if (tdp <= 0) continue;
    ratios.emplace_back(units::in_watts(system->power->value) / (tdp * static_cast<double>(system->chips.value)), system->name);
  }
  if (ratios.empty()) return std::nullopt;
  std::sort(ratios.begin(), ratios.end());
  ItOverhead out;
  const std::size_t n = ratios.size();
  out.central = n % 2 == 1 ? ratios[n / 2].first : (ratios[n / 2 - 1].first + ratios[n / 2].first) / 2;
  out.low = ratios.front().first;
  out.high = ratios.back().first;
  for (const auto& r : ratios) out.systems.push_back(r.second);
  return out;
}

std::optional<ItOverhead> catalog_it_overhead(const catalog::Catalog& catalog) {
  std::vector<std::pair<const spec::System*, const spec::Accelerator*>> systems;
  for (const auto& system : catalog.systems()) systems.emplace_back(&system, &catalog.chip_of(system));
  return it_overhead(systems);
}

ItPowerPerChip it_power_per_chip(const Hardware& hardware, const std::optional<ItOverhead>& overhead) {
  ItPowerPerChip out;
  if (hardware.system != nullptr && hardware.system->power) {
    const double w = units::in_watts(hardware.system->power->value) / static_cast<double>(hardware.unit());
    out.watts = out.low = out.high = w;
    out.basis = fmt::format("{}'s power over its {} chips", hardware.system->name, hardware.unit());
    return out;
  }
  if (!hardware.chip->tdp) {
    out.basis = fmt::format("unknown: neither {}'s TDP nor a system's power is catalogued", hardware.chip->name);
    return out;
  }
  const double tdp = units::in_watts(hardware.chip->tdp->value);
  if (!overhead) {
    out.basis = fmt::format("unknown: TDP {:.0f} W, but no catalogued system gives the overhead above TDP", tdp);
    return out;
  }
  out.watts = tdp * overhead->central;
  out.low = tdp * overhead->low;
  out.high = tdp * overhead->high;
  out.estimated = true;
  out.basis = fmt::format("TDP {:.0f} W × {:.2f}, the median system power over chip TDP of {} catalogued systems ({:.2f}-{:.2f})",
                          tdp, overhead->central, overhead->systems.size(), overhead->low, overhead->high);
  return out;
}

std::optional<double> price_per_chip(const Hardware& hardware) {
  if (hardware.system != nullptr && hardware.system->price) {
    return units::in_usd(hardware.system->price->value) / static_cast<double>(hardware.unit());
  }
  if (hardware.chip->price) return units::in_usd(hardware.chip->price->value);
  return std::nullopt;
}

}  // namespace chipgap::compare
