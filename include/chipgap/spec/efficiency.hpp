// SPDX-License-Identifier: Apache-2.0
// What fraction of its datasheet peaks a chip family achieves in practice: the only calibration the
// performance model has. One entry per accelerator family (data/perf/efficiency.yaml), each value with
// its evidence; never a per-run adjustment (docs/training.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

struct FamilyEfficiency {
  std::string family;                        // accelerator `family` it applies to; "default" for the rest
  // Or one accelerator by name, ahead of its family's entry: a cut-down part whose measurements differ
  // from its family's (the H20 runs its GEMMs near peak, far below the power cap that slows an H100).
  std::string chip;
  Sourced<double> gemm_bf16;           // large BF16/FP16 GEMM: achieved / dense peak
  Sourced<double> gemm_fp8;            // large 8-bit GEMM (FP8; INT8 on chips without FP8): achieved / peak
  Sourced<double> gemm_half_dim;       // GEMM dimension at which a side's efficiency factor is 1/2
  Sourced<double> attention;           // fused attention kernel: achieved / BF16 dense peak
  Sourced<double> sustained_clock;     // compute clock under sustained multi-chip load / the micro-benchmarks' clock
  Sourced<double> memory;              // streaming kernels: achieved / peak memory bandwidth
  Sourced<double> scale_up;            // collective bus bandwidth / scale-up link rate (per direction)
  Sourced<double> scale_out;           // collective bus bandwidth / network rate (per direction)
  Sourced<double> scale_up_latency_us;   // per collective step
  Sourced<double> scale_out_latency_us;  // per collective step
  std::vector<Source> sources;
  DefinedAt defined_at;
};

// The facility around the chips: the power a data centre draws beyond its IT load, as the default for
// answers that give facility power when the user states no PUE.
struct FacilityOverhead {
  Sourced<double> pue;  // facility power over IT power, with its range
  std::vector<Source> sources;
};

class EfficiencyTable {
 public:
  EfficiencyTable() = default;
  explicit EfficiencyTable(std::vector<FamilyEfficiency> families, std::optional<FacilityOverhead> facility = std::nullopt)
      : families_(std::move(families)), facility_(std::move(facility)) {}
  const std::vector<FamilyEfficiency>& families() const { return families_; }
  // The chip's own entry, else its family's, else the "default" entry; nullptr when none exists.
  const FamilyEfficiency* for_chip(const Accelerator& chip) const;
  const std::optional<FacilityOverhead>& facility() const { return facility_; }

 private:
  std::vector<FamilyEfficiency> families_;
  std::optional<FacilityOverhead> facility_;
};

}  // namespace chipgap::spec
