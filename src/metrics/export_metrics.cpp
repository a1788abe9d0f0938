// SPDX-License-Identifier: Apache-2.0
#include "chipgap/metrics/export_metrics.hpp"

#include <algorithm>

namespace chipgap::metrics {
namespace {

std::string labelled(const char* component, const spec::OptionalSourced<std::string>& technology) {
  std::string label = component;
  if (technology) label += " (" + technology->value + ")";
  return label;
}

IoBandwidth compute_io(const spec::Accelerator& chip) {
  IoBandwidth io;
  if (chip.io_bandwidth) {
    io.components.push_back({"stated aggregate I/O", chip.io_bandwidth->value});
    io.total = chip.io_bandwidth->value;
    return io;
  }
  auto add = [&io](std::string name, const spec::OptionalSourced<units::DataRate>& bandwidth, double factor) {
    if (bandwidth) {
      io.components.push_back({std::move(name), bandwidth->value * factor});
      io.total += bandwidth->value * factor;
    } else {
      io.unknown.push_back(std::move(name));
    }
  };
  if (chip.scale_up) add(labelled("scale-up", chip.scale_up->technology), chip.scale_up->bandwidth, 1.0);
  add(labelled("host interface", chip.host_interface.technology), chip.host_interface.bandwidth, 1.0);
  const bool integrated_network =
      chip.scale_out && chip.scale_out->integrated && chip.scale_out->integrated->value;
  if (integrated_network) {
    // Network ports are quoted per direction; the rules count both.
    add(labelled("integrated network", chip.scale_out->technology), chip.scale_out->bandwidth, 2.0);
  }
  return io;
}

}  // namespace

ExportMetrics compute_export_metrics(const spec::Accelerator& chip) {
  ExportMetrics metrics;
  for (auto precision : spec::kPrecisions) {
    const auto& rate = chip.rate(precision);
    if (!rate) {
      metrics.unknown_precisions.push_back(precision);
      continue;
    }
    TppTerm term{precision, units::in_tera_ops_per_second(rate->value), spec::bit_length(precision), 0.0};
    term.tpp = term.rate_tops * term.bit_length;
    metrics.tpp_terms.push_back(term);
    // On a tie the narrower precision is reported (TF32 74 × 32 = FP8 296 × 8: the FP8 figure is the one
    // rule texts and analysts quote).
    const bool better = !metrics.tpp || term.tpp > metrics.tpp->tpp ||
                        (term.tpp == metrics.tpp->tpp && term.bit_length < metrics.tpp->bit_length);
    if (better) metrics.tpp = term;
  }
  const bool narrow_known = std::any_of(metrics.tpp_terms.begin(), metrics.tpp_terms.end(), [](const TppTerm& t) {
    return spec::bit_length(t.precision) <= 16;
  });
  metrics.tpp_lower_bound = metrics.tpp.has_value() && !narrow_known;
  if (chip.die_area) {
    metrics.die_area = chip.die_area->value;
    if (metrics.tpp) metrics.performance_density = metrics.tpp->tpp / units::in_square_millimetres(chip.die_area->value);
  }
  if (chip.memory.bandwidth) metrics.dram_bandwidth = chip.memory.bandwidth->value;
  metrics.io = compute_io(chip);
  if (chip.kind == spec::ItemKind::Hbm && chip.memory.bandwidth && chip.die_area) {
    metrics.memory_bandwidth_density = units::in_gigabytes_per_second(chip.memory.bandwidth->value) /
                                       units::in_square_millimetres(chip.die_area->value);
  }
  return metrics;
}

}  // namespace chipgap::metrics
