// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/cluster.hpp"

#include <fmt/format.h>

#include "chipgap/common/names.hpp"

namespace chipgap::perf {


Result<Cluster> make_cluster(const spec::Accelerator& chip, const spec::System* system, std::int64_t chips,
                             const EfficiencyTable& efficiency, const ClusterOptions& options) {
  std::vector<Diagnostic> errors;
  auto fail = [&](std::string key, std::string message) { errors.push_back({"", 0, 0, std::move(key), std::move(message)}); };
  Cluster c;
  c.chip = &chip;
  c.system = system;
  c.chips = chips;
  if (chips < 1) fail("count", fmt::format("a cluster needs at least one chip, not {}", chips));
  if (chips > kMaxClusterChips) {
    fail("count", fmt::format("{} chips is more than any cluster (at most {})", chips, kMaxClusterChips));
  }
  c.efficiency = efficiency.for_chip(chip);
  if (c.efficiency == nullptr) fail("efficiency", fmt::format("no efficiency entry for the {} family and no default", chip.family));
  auto rate = [&](spec::Precision p) { return chip.rate(p) ? chip.rate(p)->value.base() : 0.0; };
  c.peak_bf16 = rate(spec::Precision::BF16) > 0 ? rate(spec::Precision::BF16) : rate(spec::Precision::FP16);
  c.peak_fp8 = rate(spec::Precision::FP8);
  c.peak_int8 = rate(spec::Precision::INT8);
  if (c.peak_bf16 <= 0) fail("throughput.bf16", fmt::format("{} has no BF16 or FP16 rate in the catalog", chip.name));
  if (chip.memory.capacity) c.memory_bytes = chip.memory.capacity->value.base();
  else fail("memory.capacity", fmt::format("{} has no memory capacity in the catalog", chip.name));
  if (chip.memory.bandwidth) c.memory_bandwidth = chip.memory.bandwidth->value.base();
  else fail("memory.bandwidth", fmt::format("{} has no memory bandwidth in the catalog", chip.name));

  // Scale-up: the system's figures when a system is given, else the chip's; bandwidth per direction.
  c.domain = 1;
  if (system != nullptr && system->scale_up_domain) c.domain = system->scale_up_domain->value;
  else if (chip.scale_up && chip.scale_up->domain) c.domain = chip.scale_up->domain->value;
  if (options.domain) c.domain = *options.domain;
  if (system != nullptr && system->scale_up_bandwidth) c.scale_up_bandwidth = system->scale_up_bandwidth->value.base() / 2;
  else if (chip.scale_up && chip.scale_up->bandwidth) c.scale_up_bandwidth = chip.scale_up->bandwidth->value.base() / 2;
  if (c.domain > 1 && c.scale_up_bandwidth <= 0) {
    fail("scale_up.bandwidth", fmt::format("{} has no scale-up bandwidth in the catalog", chip.name));
  }
  if (system != nullptr && system->scale_out_bandwidth) c.scale_out_bandwidth = system->scale_out_bandwidth->value.base();
  else if (chip.scale_out && chip.scale_out->bandwidth) c.scale_out_bandwidth = chip.scale_out->bandwidth->value.base();
  if (options.scale_out_bandwidth) c.scale_out_bandwidth = *options.scale_out_bandwidth;
  if (chips > c.domain && c.scale_out_bandwidth <= 0) {
    fail("scale_out.bandwidth",
         fmt::format("{} chips span several scale-up domains of {}, but {} has no scale-out bandwidth in the "
                     "catalog; give one with --scale-out (e.g. 400Gb/s)", chips, c.domain, chip.name));
  }

  if (chip.tdp) c.power_w = chip.tdp->value.base();
  if (system != nullptr && system->power && system->chips.value > 0) {
    c.system_power_w = system->power->value.base() / static_cast<double>(system->chips.value);
  }
  if (system != nullptr && system->price && system->chips.value > 0) {
    c.price_usd = system->price->value.base() / static_cast<double>(system->chips.value);
  } else if (chip.price) {
    c.price_usd = chip.price->value.base();
  }
  if (!errors.empty()) return errors;
  return c;
}

}  // namespace chipgap::perf
