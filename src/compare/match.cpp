// SPDX-License-Identifier: Apache-2.0
#include "chipgap/compare/match.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "chipgap/perf/plan_search.hpp"
#include "counts.hpp"

namespace chipgap::compare {
namespace {

// What takes the largest share of the matched plan's step.
std::string step_bound(const perf::StepBreakdown& b) {
  const auto parts = step_terms(b);
  const auto largest = std::max_element(parts.begin(), parts.end(), [](const auto& a, const auto& c) { return a.second < c.second; });
  return largest->first;
}

bool same_hardware(const Hardware& a, const Hardware& b) { return a.chip == b.chip && a.system == b.system; }

// The counts a match tries, smallest first: the smooth grid, plus the reference count itself when both
// sides are the same hardware (so a chip matched against itself returns its own count).
std::vector<std::int64_t> candidate_counts(const Hardware& reference, std::int64_t reference_count, const Hardware& candidate,
                                           std::int64_t max_count) {
  std::vector<std::int64_t> counts = detail::smooth_counts(candidate.unit(), max_count);
  if (same_hardware(reference, candidate) && reference_count <= max_count) {
    counts.insert(std::upper_bound(counts.begin(), counts.end(), reference_count), reference_count);
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  }
  return counts;
}

ClusterPower power_of(const perf::Cluster& cluster, std::int64_t count, std::optional<double> stated_pue,
                      const perf::EfficiencyTable& efficiency) {
  ClusterPower p;
  const double n = static_cast<double>(count);
  p.chip_kw = cluster.power_w * n / 1e3;
  if (cluster.system_power_w) p.it_kw = *cluster.system_power_w * n / 1e3;
  const double it = p.it_kw.value_or(p.chip_kw);
  if (it <= 0) return p;
  if (stated_pue) {
    p.pue = stated_pue;
    p.pue_stated = true;
  } else if (const auto& facility = efficiency.facility()) {
    p.pue = facility->pue.value;
    if (const auto& range = facility->pue.provenance.range) {
      p.facility_kw_low = it * range->low;
      p.facility_kw_high = it * range->high;
    }
  }
  if (p.pue) p.facility_kw = it * *p.pue;
  return p;
}

double power_ratio(const ClusterPower& reference, const ClusterPower& candidate) {
  return reference.chip_kw > 0 && candidate.chip_kw > 0 ? candidate.chip_kw / reference.chip_kw : 0;
}

}  // namespace

std::vector<std::pair<std::string, double>> step_terms(const perf::StepBreakdown& b) {
  return {
      {"compute", b.compute},
      {"pipeline bubble", b.bubble},
      {"tensor-parallel communication", b.tp_exposed + b.tp_overlap_slowdown},
      {"context-parallel communication", b.cp_exposed},
      {"expert all-to-all", b.ep_exposed},
      {"pipeline sends", b.pp_exposed},
      {"data-parallel communication", b.dp_exposed},
      {"optimizer step", b.optimizer},
  };
}

std::optional<Hardware> find_hardware(const catalog::Catalog& catalog, std::string_view name) {
  if (const auto* system = catalog.find_system(name)) return Hardware{&catalog.chip_of(*system), system};
  if (const auto* chip = catalog.find_accelerator(name)) return Hardware{chip, nullptr};
  return std::nullopt;
}

std::vector<std::string> suggest_hardware(const catalog::Catalog& catalog, std::string_view name) {
  std::vector<std::string> out = catalog.suggest_systems(name);
  for (auto& s : catalog.suggest_accelerators(name)) out.push_back(std::move(s));
  return out;
}

std::int64_t Hardware::unit() const { return system != nullptr ? std::max<std::int64_t>(1, system->chips.value) : 1; }

std::string Hardware::name() const { return system != nullptr ? system->name : chip->name; }

ClusterOutcome best_training_outcome(const Hardware& hardware, std::int64_t count, const TrainingWorkload& workload,
                                     const perf::EfficiencyTable& efficiency, const MatchLimits& limits) {
  ClusterOutcome out;
  out.count = count;
  auto cluster = perf::make_cluster(*hardware.chip, hardware.system, count, efficiency);
  if (!cluster) {
    out.reason = cluster.errors().front().message;
    return out;
  }
  const perf::TrainingModel training(*workload.model, *cluster);
  perf::SearchSpace space;
  space.base.seq_len = workload.seq_len;
  space.base.global_batch = workload.global_batch;
  space.base.precision = workload.precision;
  const perf::SearchResult result = perf::search_plans(training, space, 1, 1);
  if (result.best.empty()) {
    out.reason = result.closest ? fmt::format("no plan fits: {} ({})", result.closest->estimate.reason,
                                              perf::describe(result.closest->plan))
                                : "no plan divides the model and the cluster";
    return out;
  }
  out.feasible = true;
  out.plan = result.best.front().plan;
  out.estimate = result.best.front().estimate;
  out.band = perf::training_band(*workload.model, *cluster, out.plan);
  out.totals = perf::run_totals(out.estimate, out.band, *cluster, workload.tokens, limits.cost);
  out.power = power_of(*cluster, count, limits.pue, efficiency);
  out.bound = step_bound(out.estimate.breakdown);
  return out;
}

MatchResult match_training(const Hardware& reference, std::int64_t reference_count, const Hardware& candidate,
                           const TrainingWorkload& workload, const perf::EfficiencyTable& efficiency,
                           const MatchLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  MatchResult r;
  r.reference = best_training_outcome(reference, reference_count, workload, efficiency, limits);
  auto finish = [&]() {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  };
  if (!r.reference.feasible) {
    r.reason = fmt::format("the reference, {} × {}, cannot run the workload: {}", reference_count, reference.name(),
                           r.reference.reason);
    return finish();
  }
  const std::vector<std::int64_t> counts = candidate_counts(reference, reference_count, candidate, limits.max_count);
  const double target = r.reference.totals.days * (1 + 1e-9);
  std::string last_reason;
  auto meets = [&](std::int64_t count, ClusterOutcome& outcome) {
    ++r.counts_tried;
    outcome = best_training_outcome(candidate, count, workload, efficiency, limits);
    if (!outcome.feasible) last_reason = outcome.reason;
    return outcome.feasible && outcome.totals.days <= target;
  };
  std::int64_t previous = 0;  // the last smooth count that did not match
  for (std::int64_t count : counts) {
    ClusterOutcome outcome;
    if (meets(count, outcome)) {
      r.candidate = std::move(outcome);
      r.matched = true;
      break;
    }
    if (outcome.feasible) r.candidate = std::move(outcome);  // the best so far, reported when nothing matches
    previous = count;
  }
  // Between the last smooth count that fell short and the first that matched, try about 32 evenly spaced
  // whole-unit counts, smallest first. The grid depends only on the two smooth counts, so the answer
  // stays monotonic in the reference.
  if (r.matched && previous > 0) {
    const std::int64_t unit = candidate.unit();
    std::int64_t step = unit;
    while ((r.candidate.count - previous) / (2 * step) >= 32) step *= 2;
    for (std::int64_t count = previous + step; count < r.candidate.count; count += step) {
      ClusterOutcome outcome;
      if (meets(count, outcome)) {
        r.candidate = std::move(outcome);
        break;
      }
    }
  }
  if (!r.matched) {
    r.reason = fmt::format("no count of {} up to {} chips finishes within the reference's {:.1f} days", candidate.name(),
                           limits.max_count, r.reference.totals.days);
    if (!r.candidate.feasible && !last_reason.empty()) r.reason += "; the largest tried: " + last_reason;
    else if (r.candidate.feasible) r.reason += fmt::format("; {} chips take {:.1f} days", r.candidate.count, r.candidate.totals.days);
    return finish();
  }
  r.count_ratio = static_cast<double>(r.candidate.count) / static_cast<double>(r.reference.count);
  const std::int64_t unit = candidate.unit();
  const std::int64_t equal = (reference_count + unit - 1) / unit * unit;
  if (equal == r.candidate.count) {
    r.at_reference_count = r.candidate;
  } else if (equal <= limits.max_count) {
    r.at_reference_count = best_training_outcome(candidate, equal, workload, efficiency, limits);
  }
  if (r.at_reference_count && r.at_reference_count->feasible) {
    r.equal_count_speed = r.reference.totals.days / r.at_reference_count->totals.days;
  }
  r.power_ratio = power_ratio(r.reference.power, r.candidate.power);
  return finish();
}

ServingOutcome best_serving_outcome(const Hardware& hardware, std::int64_t count, const ServingWorkload& workload,
                                    const perf::EfficiencyTable& efficiency, const MatchLimits& limits) {
  ServingOutcome out;
  out.count = count;
  auto cluster = perf::make_cluster(*hardware.chip, hardware.system, count, efficiency);
  if (!cluster) {
    out.reason = cluster.errors().front().message;
    return out;
  }
  const perf::InferenceModel serving(*workload.model, *cluster);
  // The base deployment (one chip, the workload's precisions) fails only for what no deployment has,
  // such as a precision the chip lacks.
  if (std::string problem = serving.check(workload.base); !problem.empty()) {
    out.reason = problem;
    return out;
  }
  const perf::DeploymentSearchResult result = perf::search_deployments(serving, count, workload.base, workload.requests, 1, limits.cost);
  double per_chip = 0;
  perf::RateBand band;
  if (result.disaggregated) {
    per_chip = result.disaggregated->output_tokens_per_s_per_chip;
    out.decode = result.disaggregated->decode.decode;
    out.deployment = fmt::format("disaggregated, {:.2f} prefill chips per decode chip", result.disaggregated->prefill_chips_per_decode_chip);
    band = perf::disaggregated_band(*workload.model, *cluster, *result.disaggregated, workload.requests, limits.cost);
  }
  if (!result.colocated.empty() && result.colocated.front().output_tokens_per_s_per_chip > per_chip) {
    const perf::ServingEstimate& best = result.colocated.front();
    per_chip = best.output_tokens_per_s_per_chip;
    out.deployment = "colocated";
    out.decode = best.decode;
    perf::Workload both = workload.requests;
    both.phase = perf::Phase::Both;
    const perf::ServingBand ends = perf::serving_band(*workload.model, *cluster, best, both, limits.cost);
    auto rate = [](const perf::ServingEstimate& e) { return e.feasible ? e.output_tokens_per_s_per_chip : 0.0; };
    band = {rate(ends.slow), rate(ends.fast)};
  }
  if (per_chip <= 0) {
    out.reason = "no deployment meets the targets";
    return out;
  }
  out.feasible = true;
  out.output_tokens_per_s = per_chip * static_cast<double>(count);
  out.output_tokens_per_s_slow = band.slow * static_cast<double>(count);
  out.output_tokens_per_s_fast = band.fast * static_cast<double>(count);
  out.power = power_of(*cluster, count, limits.pue, efficiency);
  if (const auto rate = perf::usd_per_chip_hour(*cluster, limits.cost)) out.usd_per_day = *rate * 24 * static_cast<double>(count);
  return out;
}

ServingMatchResult match_serving(const Hardware& reference, std::int64_t reference_count, const Hardware& candidate,
                                 const ServingWorkload& workload, std::optional<double> demand,
                                 const perf::EfficiencyTable& efficiency, const MatchLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  ServingMatchResult r;
  r.reference = best_serving_outcome(reference, reference_count, workload, efficiency, limits);
  auto finish = [&]() {
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  };
  if (!r.reference.feasible && !demand) {
    r.reason = fmt::format("the reference, {} × {}, cannot serve the workload: {}", reference_count, reference.name(),
                           r.reference.reason);
    return finish();
  }
  r.demand = demand.value_or(r.reference.output_tokens_per_s);
  const std::vector<std::int64_t> counts = candidate_counts(reference, reference_count, candidate, limits.max_count);
  std::string last_reason;
  for (std::int64_t count : counts) {
    ++r.counts_tried;
    ServingOutcome outcome = best_serving_outcome(candidate, count, workload, efficiency, limits);
    if (!outcome.feasible) {
      last_reason = outcome.reason;
      continue;
    }
    const bool serves = outcome.output_tokens_per_s >= r.demand * (1 - 1e-9);
    r.candidate = std::move(outcome);
    if (serves) {
      r.matched = true;
      break;
    }
  }
  if (!r.matched) {
    r.reason = fmt::format("no count of {} up to {} chips serves {:.0f} output tokens/s within the targets", candidate.name(),
                           limits.max_count, r.demand);
    if (!r.candidate.feasible && !last_reason.empty()) r.reason += "; the largest tried: " + last_reason;
    return finish();
  }
  r.count_ratio = static_cast<double>(r.candidate.count) / static_cast<double>(reference_count);
  r.power_ratio = power_ratio(r.reference.power, r.candidate.power);
  return finish();
}

}  // namespace chipgap::compare
