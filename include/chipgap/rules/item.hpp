// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/condition.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::rules {

// A metric's value for rule tests; a lower bound when some input is unknown (I/O with an unknown link,
// TPP from wide precisions only).
struct MetricValue {
  double value = 0;
  bool lower_bound = false;
};

inline constexpr std::size_t kMetricCount = std::size(spec::kMetricNames);

// What the rules engine classifies: the facts rules test, taken from a catalog entry or a user's spec.
struct Item {
  std::string name;
  std::vector<std::string> aliases;
  std::string vendor;
  std::string market;  // "china_only", "global", or empty when unknown
  bool datacenter = true;
  spec::ItemKind kind = spec::ItemKind::Accelerator;
  std::array<std::optional<MetricValue>, kMetricCount> metrics;  // indexed by spec::Metric
  std::optional<double> die_area_mm2;                            // to move TPP and density together
  std::string contains;  // for a system: the accelerator it is built from (classified as 4A090)

  const std::optional<MetricValue>& metric(spec::Metric m) const { return metrics[static_cast<std::size_t>(m)]; }
  std::optional<MetricValue>& metric(spec::Metric m) { return metrics[static_cast<std::size_t>(m)]; }
};

Item make_item(const spec::Accelerator& chip);
// A system is classified by the accelerator it contains (4A090 follows 3A090).
Item make_item(const spec::System& system, const spec::Accelerator& chip);

// Sets one metric and keeps the ones derived from it consistent (TPP moves density; DRAM and I/O move
// their sum; DRAM moves memory bandwidth density). Used by headroom to ask "what if this metric were higher".
void set_metric(Item& item, spec::Metric metric, double value);

}  // namespace chipgap::rules
