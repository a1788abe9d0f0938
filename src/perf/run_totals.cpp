// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/run_totals.hpp"

namespace chipgap::perf {

std::optional<double> usd_per_chip_hour(const Cluster& c, const CostAssumptions& a) {
  if (a.usd_per_chip_hour) return a.usd_per_chip_hour;
  if (!c.price_usd) return std::nullopt;
  constexpr double kHoursPerYear = 8'766;
  return *c.price_usd / (a.years * kHoursPerYear) + c.power_w / 1e3 * a.usd_per_kwh;
}

RunTotals run_totals(const TrainingEstimate& e, const Cluster& c, double tokens, const CostAssumptions& a) {
  RunTotals r;
  r.tokens = tokens;
  const double chips = static_cast<double>(c.chips);
  const double seconds = e.tokens_per_s_per_chip > 0 ? tokens / (e.tokens_per_s_per_chip * chips) : 0;
  r.days = seconds / 86'400;
  r.chip_hours = chips * seconds / 3'600;
  r.energy_mwh = c.power_w * r.chip_hours / 1e6;
  r.power_per_chip_w = c.power_w;
  r.power_from_system = c.power_from_system;
  r.usd_per_chip_hour = usd_per_chip_hour(c, a);
  if (r.usd_per_chip_hour) r.cost_usd = *r.usd_per_chip_hour * r.chip_hours;
  return r;
}

}  // namespace chipgap::perf
