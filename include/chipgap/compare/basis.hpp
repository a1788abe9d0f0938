// SPDX-License-Identifier: Apache-2.0
// One power basis and one price basis for every chip, so that comparisons at equal power or equal
// budget are like for like: the catalog's system power where it has one, else the chip's TDP times the
// IT-over-TDP ratio the catalogued systems show; the system's price per chip, else the chip's.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap::compare {

// What a server or rack adds to its accelerators' TDP (CPUs, memory, NICs, switches, fans, power
// conversion), as the ratio of the system's power to its chips' TDP, over the catalog systems that
// have both: the median and the extremes, and which systems gave them.
struct ItOverhead {
  double central = 0, low = 0, high = 0;
  std::vector<std::string> systems;
};

// Nothing when no catalogued system has both its power and its chip's TDP.
std::optional<ItOverhead> it_overhead(const std::vector<std::pair<const spec::System*, const spec::Accelerator*>>& systems);

// The same over every system of a catalog.
std::optional<ItOverhead> catalog_it_overhead(const catalog::Catalog& catalog);

// IT power per chip: measured (the system's power over its chips) or estimated (TDP × overhead, with
// the overhead's range as the band). Unknown when neither the system's power nor the chip's TDP is.
struct ItPowerPerChip {
  std::optional<double> watts, low, high;
  bool estimated = false;
  std::string basis;  // in words: "HGX H100's power over its 8 chips", "TDP 400 W × 1.80 (catalog systems' median)"
};
ItPowerPerChip it_power_per_chip(const Hardware& hardware, const std::optional<ItOverhead>& overhead);

// Purchase price per chip: the system's price over its chips when the hardware is a system with a
// price, else the chip's; unknown when neither is catalogued.
std::optional<double> price_per_chip(const Hardware& hardware);

}  // namespace chipgap::compare
