// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/run_totals.hpp"

#include "chipgap/perf/bands.hpp"

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
  if (c.power_w > 0) {
    r.power_per_chip_w = c.power_w;
    r.energy_mwh = c.power_w * r.chip_hours / 1e6;
  }
  if (c.system_power_w) {
    r.system_power_per_chip_w = c.system_power_w;
    r.energy_it_mwh = *c.system_power_w * r.chip_hours / 1e6;
  }
  r.usd_per_chip_hour = usd_per_chip_hour(c, a);
  if (r.usd_per_chip_hour) r.cost_usd = *r.usd_per_chip_hour * r.chip_hours;
  return r;
}

RunTotals run_totals(const TrainingEstimate& e, const TrainingBand& band, const Cluster& c, double tokens,
                     const CostAssumptions& a) {
  RunTotals r = run_totals(e, c, tokens, a);
  r.days_fast = run_totals(band.fast, c, tokens, a).days;
  r.days_slow = run_totals(band.slow, c, tokens, a).days;
  return r;
}

}  // namespace chipgap::perf
