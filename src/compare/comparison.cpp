// SPDX-License-Identifier: Apache-2.0
#include "chipgap/compare/comparison.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "chipgap/metrics/export_metrics.hpp"
#include "counts.hpp"

namespace chipgap::compare {
namespace {

// The chips the equal terms allow, in whole systems; 0 with the reason when none.
std::int64_t affordable_count(const Hardware& hardware, const EqualTerms& terms, const ItPowerPerChip& power,
                              std::optional<double> price, const MatchLimits& limits, std::string& reason) {
  const std::int64_t unit = hardware.unit();
  const double unit_d = static_cast<double>(unit);
  double units = 0;
  switch (terms.basis) {
    case EqualBasis::Count:
      units = std::ceil(static_cast<double>(terms.count) / unit_d);
      break;
    case EqualBasis::Power:
      if (!power.watts) {
        reason = "no power basis: " + power.basis;
        return 0;
      }
      units = std::floor(terms.power_kw * 1e3 / (*power.watts * unit_d) * (1 + 1e-12));
      break;
    case EqualBasis::Budget:
      if (!price) {
        reason = fmt::format("no price is catalogued for {}", hardware.name());
        return 0;
      }
      units = std::floor(terms.budget_usd / (*price * unit_d) * (1 + 1e-12));
      break;
  }
  if (units < 1) {
    reason = fmt::format("the {} does not reach one {}", kEqualBasisNames[static_cast<int>(terms.basis)],
                         hardware.system != nullptr ? "system" : "chip");
    return 0;
  }
  if (units * unit_d > static_cast<double>(limits.max_count)) {
    reason = fmt::format("more than {} chips, the most a comparison evaluates", limits.max_count);
    return 0;
  }
  return static_cast<std::int64_t>(units) * unit;
}

// The affordable count itself, then the counts below it that factor into plans, largest first (the
// rest of the chips idle), so that a count that factors badly, or that the global batch does not
// divide, does not hide what the hardware can do.
std::vector<std::int64_t> counts_to_try(const Hardware& hardware, std::int64_t affordable) {
  std::vector<std::int64_t> counts = detail::smooth_counts(hardware.unit(), affordable);
  std::reverse(counts.begin(), counts.end());
  if (counts.empty() || counts.front() != affordable) counts.insert(counts.begin(), affordable);
  return counts;
}

// After the first count that runs, a few smaller ones more: a smaller count can plan better.
constexpr int kCountsAfterFirstFeasible = 3;
constexpr int kMaxCountsTried = 24;

std::optional<double> ratio(std::optional<double> row, std::optional<double> base) {
  if (!row || !base || *base <= 0) return std::nullopt;
  return *row / *base;
}

ChipFigures figure_ratios(const ChipFigures& row, const ChipFigures& base) {
  return {ratio(row.tpp, base.tpp),
          ratio(row.bf16_tflops, base.bf16_tflops),
          ratio(row.fp8_tflops, base.fp8_tflops),
          ratio(row.memory_gbps, base.memory_gbps),
          ratio(row.memory_gb, base.memory_gb),
          ratio(row.scale_up_gbps, base.scale_up_gbps)};
}

// Decode chip-seconds per output token, by part of the decode step.
std::vector<std::pair<std::string, double>> decode_terms(const perf::DecodeEstimate& d) {
  const double scale = d.step_s > 0 && d.tokens_per_s_per_chip > 0 ? 1 / (d.step_s * d.tokens_per_s_per_chip) : 0;
  const auto& b = d.breakdown;
  return {{"dense and attention-projection GEMMs", b.weights * scale},
          {"routed experts", b.experts * scale},
          {"attention over the KV cache", b.attention * scale},
          {"other kernels and drafts", b.other * scale},
          {"tensor-parallel communication", b.tp_exposed * scale},
          {"expert all-to-all", b.ep_exposed * scale}};
}

// Rows that share the rest: the count each may have, its figures and ratios, and what explains its
// difference from the baseline. `evaluate` fills a row's outcome at the count given.
using Evaluate = std::function<void(ComparisonRow&, std::int64_t count)>;
using Terms = std::function<std::vector<std::pair<std::string, double>>(const ComparisonRow&)>;

Comparison compare_rows(const std::vector<Hardware>& hardware, std::size_t baseline, const EqualTerms& terms,
                        const std::optional<ItOverhead>& overhead, const MatchLimits& limits, const Evaluate& evaluate,
                        const Terms& step_parts, const char* unit, double display_scale) {
  const auto start = std::chrono::steady_clock::now();
  Comparison out;
  out.terms = terms;
  out.baseline = baseline;
  out.overhead = overhead;
  for (const Hardware& h : hardware) {
    ComparisonRow row;
    row.hardware = h;
    row.power = it_power_per_chip(h, overhead);
    row.figures = chip_figures(*h.chip);
    const std::optional<double> price = price_per_chip(h);
    row.affordable = affordable_count(h, terms, row.power, price, limits, row.reason);
    if (row.affordable > 0) {
      int tried = 0, after_feasible = -1;
      for (std::int64_t count : counts_to_try(h, row.affordable)) {
        if (++tried > kMaxCountsTried || after_feasible >= kCountsAfterFirstFeasible) break;
        ComparisonRow trial = row;
        evaluate(trial, count);
        if (trial.feasible) ++after_feasible;
        else if (after_feasible >= 0) ++after_feasible;
        if (trial.feasible && (!row.feasible || trial.value > row.value)) row = std::move(trial);
        else if (!row.feasible && row.reason.empty()) row.reason = trial.reason;
      }
    }
    if (row.feasible) {
      // Power and capital of every chip the terms allow, the idle ones included: they were bought and
      // powered, and per-kW and per-dollar figures must not improve by leaving chips out.
      if (row.power.watts) row.power_kw = *row.power.watts * static_cast<double>(row.affordable) / 1e3;
      if (price) row.capital_usd = *price * static_cast<double>(row.affordable);
      row.chip_price_only = h.system != nullptr && !h.system->price && price.has_value();
    }
    out.rows.push_back(std::move(row));
  }
  const ComparisonRow& base = out.rows[baseline];
  const auto base_parts = base.feasible ? step_parts(base) : std::vector<std::pair<std::string, double>>{};
  for (std::size_t i = 0; i < out.rows.size(); ++i) {
    ComparisonRow& row = out.rows[i];
    row.figure_ratios = figure_ratios(row.figures, base.figures);
    if (!row.feasible || !base.feasible) continue;
    // At equal count, whole systems round the counts apart (144 GB200 against 80 H100): compare per chip
    // of the count each row was given. At equal power or budget the whole cluster is the point.
    const bool per_chip = terms.basis == EqualBasis::Count;
    auto scaled = [&](const ComparisonRow& r) { return per_chip ? r.value / static_cast<double>(r.affordable) : r.value; };
    row.ratio = base.value > 0 ? scaled(row) / scaled(base) : 0;
    if (row.power_kw && base.power_kw) row.per_kw_ratio = (row.value / *row.power_kw) / (base.value / *base.power_kw);
    if (row.capital_usd && base.capital_usd) row.per_usd_ratio = (row.value / *row.capital_usd) / (base.value / *base.capital_usd);
    const auto parts = step_parts(row);
    double largest = 0;
    for (std::size_t t = 0; t < parts.size(); ++t) {
      row.terms.push_back({parts[t].first, parts[t].second, base_parts[t].second});
      const double change = parts[t].second - base_parts[t].second;
      if (i != baseline && std::abs(change) > std::abs(largest)) {
        largest = change;
        row.explains = fmt::format("{} {} by {:.3g} {}", parts[t].first, change > 0 ? "grows" : "shrinks",
                                   std::abs(change) * display_scale, unit);
      }
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

ChipFigures chip_figures(const spec::Accelerator& chip) {
  ChipFigures f;
  const metrics::ExportMetrics m = metrics::compute_export_metrics(chip);
  if (m.tpp && !m.tpp_lower_bound) f.tpp = m.tpp->tpp;
  auto tflops = [&](spec::Precision p) -> std::optional<double> {
    if (const auto& rate = chip.rate(p)) return units::in_tera_ops_per_second(rate->value);
    return std::nullopt;
  };
  f.bf16_tflops = tflops(spec::Precision::BF16);
  f.fp8_tflops = tflops(spec::Precision::FP8);
  if (chip.memory.bandwidth) f.memory_gbps = units::in_gigabytes_per_second(chip.memory.bandwidth->value);
  if (chip.memory.capacity) f.memory_gb = units::in_gigabytes(chip.memory.capacity->value);
  if (chip.scale_up && chip.scale_up->bandwidth) f.scale_up_gbps = units::in_gigabytes_per_second(chip.scale_up->bandwidth->value);
  return f;
}

Comparison compare_training(const std::vector<Hardware>& hardware, std::size_t baseline, const EqualTerms& terms,
                            const TrainingWorkload& workload, const perf::EfficiencyTable& efficiency,
                            const std::optional<ItOverhead>& overhead, const MatchLimits& limits) {
  const Evaluate evaluate = [&](ComparisonRow& row, std::int64_t count) {
    ClusterOutcome o = best_training_outcome(row.hardware, count, workload, efficiency, limits);
    row.count = count;
    row.feasible = o.feasible;
    if (!o.feasible) row.reason = o.reason;
    else row.value = o.estimate.tokens_per_s_per_chip * static_cast<double>(count);
    if (o.feasible && o.totals.days_fast && o.totals.days_slow) {
      row.value_high = row.value * o.totals.days / *o.totals.days_fast;
      row.value_low = row.value * o.totals.days / *o.totals.days_slow;
    }
    row.training = std::move(o);
  };
  const Terms parts = [](const ComparisonRow& row) { return step_terms(row.training->estimate.breakdown); };
  return compare_rows(hardware, baseline, terms, overhead, limits, evaluate, parts, "s per step", 1);
}

Comparison compare_serving(const std::vector<Hardware>& hardware, std::size_t baseline, const EqualTerms& terms,
                           const ServingWorkload& workload, const perf::EfficiencyTable& efficiency,
                           const std::optional<ItOverhead>& overhead, const MatchLimits& limits) {
  const Evaluate evaluate = [&](ComparisonRow& row, std::int64_t count) {
    ServingOutcome o = best_serving_outcome(row.hardware, count, workload, efficiency, limits);
    row.count = count;
    row.feasible = o.feasible && o.decode.has_value();
    if (!o.feasible) row.reason = o.reason;
    else {
      row.value = o.output_tokens_per_s;
      row.value_low = o.output_tokens_per_s_slow;
      row.value_high = o.output_tokens_per_s_fast;
    }
    row.serving = std::move(o);
  };
  const Terms parts = [](const ComparisonRow& row) { return decode_terms(*row.serving->decode); };
  return compare_rows(hardware, baseline, terms, overhead, limits, evaluate, parts, "chip-ms per output token (decode)", 1e3);
}

}  // namespace chipgap::compare
