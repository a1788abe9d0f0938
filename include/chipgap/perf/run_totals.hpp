// SPDX-License-Identifier: Apache-2.0
// Whole-run figures from one step's estimate: days, chip-hours, energy and cost for a token budget.
#pragma once

#include <optional>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/training_model.hpp"

namespace chipgap::perf {

struct TrainingBand;  // bands.hpp

struct CostAssumptions {
  // What one chip-hour costs. Unset: the catalog price written off over `years`, plus electricity.
  std::optional<double> usd_per_chip_hour;
  double years = 4;             // service life for writing off the purchase price
  double usd_per_kwh = 0.08;    // electricity for the chips' power
};

struct RunTotals {
  double tokens = 0;
  double days = 0;
  double chip_hours = 0;
  std::optional<double> energy_mwh;        // chips at TDP x time (the basis almost every cluster has)
  std::optional<double> power_per_chip_w;  // the chip's TDP; absent when the catalog has none
  std::optional<double> energy_it_mwh;          // at the system's power (IT), when the catalog has it
  std::optional<double> system_power_per_chip_w;
  std::optional<double> days_fast, days_slow;  // at the ends of the estimate's band, when one was given
  std::optional<double> cost_usd;  // absent when neither a rate nor a catalog price is known
  std::optional<double> usd_per_chip_hour;
};

// What one chip-hour costs: the given rate, else the catalog price written off plus electricity;
// nothing when neither is known.
std::optional<double> usd_per_chip_hour(const Cluster& cluster, const CostAssumptions& assumptions);

RunTotals run_totals(const TrainingEstimate& estimate, const Cluster& cluster, double tokens,
                     const CostAssumptions& assumptions = {});
// The same, with the days the run takes at the two ends of the estimate's band.
RunTotals run_totals(const TrainingEstimate& estimate, const TrainingBand& band, const Cluster& cluster, double tokens,
                     const CostAssumptions& assumptions = {});

}  // namespace chipgap::perf
