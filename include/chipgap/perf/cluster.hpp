// SPDX-License-Identifier: Apache-2.0
// A cluster as the performance model sees it: N chips of one kind in scale-up domains joined by a
// scale-out network, with the rates the model uses already converted to plain numbers (bytes, seconds,
// FLOP/s) so that evaluating a plan does no unit work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chipgap/common/diagnostic.hpp"
#include "chipgap/perf/efficiency.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::perf {

struct Cluster {
  const spec::Accelerator* chip = nullptr;
  const spec::System* system = nullptr;  // when built from a system
  const FamilyEfficiency* efficiency = nullptr;
  std::int64_t chips = 0;
  std::int64_t domain = 1;          // chips per scale-up domain
  double peak_bf16 = 0;             // dense FLOP/s
  double peak_fp8 = 0;              // dense FLOP/s (0 when unknown or absent)
  double peak_int8 = 0;             // dense OP/s (0 when unknown or absent)
  double memory_bytes = 0;
  double memory_bandwidth = 0;      // bytes/s
  double scale_up_bandwidth = 0;    // bytes/s per chip per direction
  double scale_out_bandwidth = 0;   // bytes/s per chip per direction (0: unknown; fine inside one domain)
  // Energy has two bases, never mixed: the chip's TDP (known for most chips, so comparable across
  // clusters) and, when the catalog has the system's power, that power per chip (IT power: the chips
  // plus CPUs, switches, NICs and fans). Electricity costs use the chip basis.
  double power_w = 0;                       // chip TDP (0 when unknown)
  std::optional<double> system_power_w;     // system power / chips in it, when the system's power is known
  std::optional<double> price_usd;  // per chip (system price / chips when known)
};

// Overrides for figures the catalog does not have or the user wants to vary.
struct ClusterOptions {
  std::optional<double> scale_out_bandwidth;  // bytes/s per chip per direction
  std::optional<std::int64_t> domain;
};

// More chips than any cluster has (the world's installed AI accelerators are in the tens of millions):
// a larger count is a typo, and products of plan degrees stay far from 64-bit overflow below it.
inline constexpr std::int64_t kMaxClusterChips = 100'000'000;

// Fails with a message naming what is missing (BF16 rate, memory, ...) or wrong (zero chips).
Result<Cluster> make_cluster(const spec::Accelerator& chip, const spec::System* system, std::int64_t chips,
                             const EfficiencyTable& efficiency, const ClusterOptions& options = {});

}  // namespace chipgap::perf
