// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/units/quantity.hpp"

namespace chipgap::metrics {

// One precision's contribution to TPP: dense rate (TOP/s) × operand bit length.
struct TppTerm {
  spec::Precision precision;
  double rate_tops = 0.0;
  int bit_length = 0;
  double tpp = 0.0;
};

// One component of the aggregate I/O bandwidth.
struct IoComponent {
  std::string name;  // "scale-up (NVLink 4)", "host interface (PCIe 5.0 x16)", "integrated network"
  units::DataRate bandwidth;
};

struct IoBandwidth {
  units::DataRate total;                  // sum of the known components, both directions
  std::vector<IoComponent> components;
  std::vector<std::string> unknown;       // components the chip has but whose bandwidth is not catalogued
  bool complete() const { return unknown.empty(); }  // otherwise `total` is a lower bound
};

// The figures export rules test, each computed from catalogued values (never typed into data).
struct ExportMetrics {
  std::vector<TppTerm> tpp_terms;           // one per catalogued precision, in kPrecisions order
  std::optional<TppTerm> tpp;               // the largest term; absent when no rate is catalogued
  std::vector<spec::Precision> unknown_precisions;  // precisions with no catalogued rate
  // True when no 16-, 8- or 4-bit rate is catalogued: tensor units usually dominate TPP, so a TPP from
  // FP64/FP32/TF32 alone is only a lower bound.
  bool tpp_lower_bound = false;
  std::optional<units::Area> die_area;
  std::optional<double> performance_density;  // TPP per mm² of applicable die area
  std::optional<units::DataRate> dram_bandwidth;
  IoBandwidth io;
  // For HBM stacks: bandwidth per mm² of stack area (GB/s/mm²), the 3A090.c metric.
  std::optional<double> memory_bandwidth_density;
};

// TPP = max over precisions of (dense TOP/s × bit length); performance density = TPP / die area (mm²);
// DRAM bandwidth = memory bandwidth; I/O = the stated aggregate if the data gives one, else scale-up + host
// interface + integrated network ports (each direction counted, NIC speeds doubled); for HBM stacks,
// memory bandwidth density = bandwidth (GB/s) / stack area (mm²).
ExportMetrics compute_export_metrics(const spec::Accelerator& chip);

}  // namespace chipgap::metrics
