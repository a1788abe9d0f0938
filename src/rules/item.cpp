// SPDX-License-Identifier: Apache-2.0
#include "chipgap/rules/item.hpp"

#include "chipgap/metrics/export_metrics.hpp"

namespace chipgap::rules {

using spec::Metric;

namespace {

// DRAM + I/O is derived from the two; unknown if either is.
void update_bandwidth_sum(Item& item) {
  const auto& dram = item.metric(Metric::DramBandwidth);
  const auto& io = item.metric(Metric::IoBandwidth);
  if (dram && io) {
    item.metric(Metric::DramPlusIoBandwidth) = MetricValue{dram->value + io->value, dram->lower_bound || io->lower_bound};
  } else {
    item.metric(Metric::DramPlusIoBandwidth).reset();
  }
}

}  // namespace

Item make_item(const spec::Accelerator& chip) {
  Item item;
  item.name = chip.name;
  item.aliases = chip.aliases;
  item.vendor = chip.vendor;
  item.datacenter = chip.datacenter.value;
  item.market = chip.market ? chip.market->value : "";
  item.kind = chip.kind;
  const auto m = metrics::compute_export_metrics(chip);
  if (m.tpp) item.metric(Metric::Tpp) = MetricValue{m.tpp->tpp, m.tpp_lower_bound};
  if (m.performance_density) item.metric(Metric::PerformanceDensity) = MetricValue{*m.performance_density, m.tpp_lower_bound};
  if (m.die_area) item.die_area_mm2 = units::in_square_millimetres(*m.die_area);
  if (m.dram_bandwidth) item.metric(Metric::DramBandwidth) = MetricValue{units::in_gigabytes_per_second(*m.dram_bandwidth)};
  if (!m.io.components.empty()) {
    item.metric(Metric::IoBandwidth) = MetricValue{units::in_gigabytes_per_second(m.io.total), !m.io.complete()};
  }
  if (m.memory_bandwidth_density) item.metric(Metric::MemoryBandwidthDensity) = MetricValue{*m.memory_bandwidth_density};
  update_bandwidth_sum(item);
  return item;
}

Item make_item(const spec::System& system, const spec::Accelerator& chip) {
  Item item = make_item(chip);
  item.name = system.name;
  item.aliases = system.aliases;
  item.contains = chip.name;
  return item;
}

void set_metric(Item& item, Metric metric, double value) {
  auto& slot = item.metric(metric);
  const bool lower_bound = slot && slot->lower_bound;
  // Memory bandwidth density is DRAM bandwidth over an area that does not move with it.
  auto& density = item.metric(Metric::MemoryBandwidthDensity);
  if (metric == Metric::DramBandwidth && slot && slot->value > 0 && density) density->value *= value / slot->value;
  slot = MetricValue{value, lower_bound};
  if (metric == Metric::Tpp && item.die_area_mm2) {
    item.metric(Metric::PerformanceDensity) = MetricValue{value / *item.die_area_mm2, lower_bound};
  }
  update_bandwidth_sum(item);
}

}  // namespace chipgap::rules
