// SPDX-License-Identifier: Apache-2.0
#include "chipgap/policy/design.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "chipgap/common/parallel.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/policy/grid.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::policy {
namespace {

std::vector<Diagnostic> error(std::string key, std::string message) { return {{{}, 0, 0, std::move(key), std::move(message)}}; }

std::string_view name_of(spec::Knob k) { return spec::kKnobNames[static_cast<std::size_t>(k)]; }

double share(const KnobValues& k, spec::Knob knob) { return k[static_cast<std::size_t>(knob)]; }

DesignMetrics metrics_of(const spec::Accelerator& chip) {
  const auto m = metrics::compute_export_metrics(chip);
  DesignMetrics out;
  if (m.tpp) out.tpp = m.tpp->tpp;
  out.performance_density = m.performance_density;
  if (m.dram_bandwidth) out.dram_bandwidth_gbs = units::in_gigabytes_per_second(*m.dram_bandwidth);
  if (!m.io.components.empty()) out.io_bandwidth_gbs = units::in_gigabytes_per_second(m.io.total);
  return out;
}

// The grid: each knob's values, row-major with the last knob fastest.
struct Grid {
  std::vector<spec::Knob> knobs;
  std::vector<std::vector<double>> values;
  std::vector<std::size_t> strides;
  std::size_t size = 1;

  KnobValues at(std::size_t index) const {
    KnobValues k;
    k.fill(1.0);
    for (std::size_t a = 0; a < knobs.size(); ++a) k[static_cast<std::size_t>(knobs[a])] = values[a][(index / strides[a]) % values[a].size()];
    return k;
  }
  std::size_t coordinate(std::size_t index, std::size_t axis) const { return (index / strides[axis]) % values[axis].size(); }
};

Result<Grid> make_grid(const std::vector<spec::DesignKnob>& bounds, const std::vector<KnobRange>& ranges, std::size_t max_candidates) {
  Grid grid;
  for (const KnobRange& r : ranges) {
    if (std::find(grid.knobs.begin(), grid.knobs.end(), r.knob) != grid.knobs.end()) {
      return error("knob", fmt::format("{} is given twice", name_of(r.knob)));
    }
    const auto bound = std::find_if(bounds.begin(), bounds.end(), [&](const spec::DesignKnob& b) { return b.knob == r.knob; });
    if (bound == bounds.end()) return error("knob", fmt::format("{} has no bounds in data/design/", name_of(r.knob)));
    // A rounding margin: 0.05 + 19 × 0.05 is not exactly 1 in binary.
    const double margin = 1e-9;
    if (r.min < bound->min.value - margin || r.max > bound->max.value + margin) {
      return error("knob", fmt::format("{}={}:{}:{} is outside its bounds {} to {} ({})", name_of(r.knob), r.min, r.max, r.step,
                                       bound->min.value, bound->max.value, bound->defined_at.file));
    }
    auto values = grid_values(r.min, r.max, r.step, name_of(r.knob), "knob", max_candidates);
    if (!values) return values.errors();
    grid.knobs.push_back(r.knob);
    grid.size *= values->size();
    if (grid.size > max_candidates) return error("design", fmt::format("more than {} candidate designs; use coarser steps", max_candidates));
    grid.values.push_back(std::move(values).value());
  }
  grid.strides.assign(grid.knobs.size(), 1);
  for (std::size_t a = grid.knobs.size(); a-- > 1;) grid.strides[a - 1] = grid.strides[a] * grid.values[a].size();
  return grid;
}

}  // namespace

bool meets(const rules::Verdict& v, Want want) {
  if (v.indeterminate && !v.authorization_in_every_case) return false;  // an unknown is never shown as compliant
  const spec::Authorization a = v.authorization_in_every_case.value_or(v.authorization);
  switch (want) {
    case Want::None: return a == spec::Authorization::None;
    case Want::Nac: return a != spec::Authorization::License;
    case Want::CaseByCase:
      return a != spec::Authorization::License ||
             (v.review_policy && *v.review_policy != spec::ReviewPolicy::PresumptionOfDenial);
  }
  return false;
}

DesignedPart apply_knobs(const spec::Accelerator& base, const spec::System* base_system, const KnobValues& k) {
  DesignedPart part{base, std::nullopt};
  spec::Accelerator& chip = part.chip;
  chip.name = base.name + " (designed)";
  chip.aliases.clear();
  for (auto& rate : chip.throughput) {
    if (rate) rate->value = rate->value * share(k, spec::Knob::ComputeShare);
  }
  if (chip.memory.bandwidth) chip.memory.bandwidth->value = chip.memory.bandwidth->value * share(k, spec::Knob::MemoryBandwidthShare);
  if (chip.memory.capacity) chip.memory.capacity->value = chip.memory.capacity->value * share(k, spec::Knob::MemoryCapacityShare);
  const double links = share(k, spec::Knob::ScaleUpShare);
  if (chip.scale_up && chip.scale_up->bandwidth) {
    const auto full = chip.scale_up->bandwidth->value;
    chip.scale_up->bandwidth->value = full * links;
    // A stated aggregate I/O figure loses the links that were cut.
    if (chip.io_bandwidth) chip.io_bandwidth->value = units::DataRate::from_base(std::max(0.0, chip.io_bandwidth->value.base() - full.base() * (1 - links)));
  }
  // With every link cut there is no scale-up domain: each chip stands alone on the network.
  if (links <= 0 && chip.scale_up && chip.scale_up->domain) chip.scale_up->domain->value = 1;
  if (base_system != nullptr) {
    part.system = *base_system;
    part.system->chip = chip.name;
    if (part.system->scale_up_bandwidth) part.system->scale_up_bandwidth->value = part.system->scale_up_bandwidth->value * links;
    if (links <= 0 && part.system->scale_up_domain) part.system->scale_up_domain->value = 1;
  }
  return part;
}

Result<std::vector<KnobRange>> knob_ranges(const std::vector<spec::DesignKnob>& bounds, const std::vector<KnobRange>& overrides) {
  std::vector<KnobRange> ranges;
  for (const auto& b : bounds) ranges.push_back({b.knob, b.min.value, b.max.value, b.step});
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const KnobRange& o = overrides[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (overrides[j].knob == o.knob) return error("knob", fmt::format("{} is given twice", name_of(o.knob)));
    }
    auto it = std::find_if(ranges.begin(), ranges.end(), [&](const KnobRange& r) { return r.knob == o.knob; });
    if (it == ranges.end()) ranges.push_back(o);  // a knob without bounds: the search says so
    else *it = o;
  }
  return ranges;
}

Objective serving_objective(compare::ServingWorkload workload, std::int64_t chips, const perf::EfficiencyTable& efficiency) {
  return [workload, chips, &efficiency](const compare::Hardware& h) -> compare::Capability {
    const auto o = compare::best_serving_outcome(h, chips, workload, efficiency, {});
    if (!o.feasible) return {std::nullopt, o.reason};
    return {o.output_tokens_per_s / static_cast<double>(chips), {}};
  };
}

Objective training_objective(compare::TrainingWorkload workload, std::int64_t chips, const perf::EfficiencyTable& efficiency) {
  return [workload, chips, &efficiency](const compare::Hardware& h) -> compare::Capability {
    const auto o = compare::best_training_outcome(h, chips, workload, efficiency);
    if (!o.feasible) return {std::nullopt, o.reason};
    return {o.estimate.tokens_per_s_per_chip, {}};
  };
}

std::int64_t objective_chips(const spec::System* system, bool serve, std::optional<std::int64_t> wanted) {
  const compare::Hardware h{nullptr, system};
  return compare::whole_systems(h, wanted.value_or(serve ? h.unit() : 1024));
}

Result<DesignResult> design_search(const catalog::RuleBook& rules, const std::vector<spec::DesignKnob>& bounds, const DesignQuery& query,
                                   const Objective& objective) {
  const auto start = std::chrono::steady_clock::now();
  if (rules.find_country(query.destination) == nullptr) {
    const std::string hint = did_you_mean(rules.suggest_countries(query.destination));
    return error("to", "unknown country '" + query.destination + "'" + (hint.empty() ? "" : "; " + hint));
  }
  auto made = make_grid(bounds, query.knobs, std::min(query.max_candidates, kMaxDesigns));
  if (!made) return made.errors();
  const Grid& grid = *made;
  const rules::Query rq{query.destination, query.date, std::nullopt, query.extra_rules};
  auto classify = [&](const KnobValues& k) {
    const DesignedPart part = apply_knobs(*query.base, query.system, k);
    return rules::classify(rules, rules::make_item(part.chip), rq);
  };
  // Fails only for what fails every design (a bad --regime): check once.
  KnobValues ones;
  ones.fill(1.0);
  auto base_verdict = classify(ones);
  if (!base_verdict) return base_verdict.errors();

  DesignResult result;
  result.candidates = grid.size;
  // 1. Every candidate against the target.
  const Partition& part = query.partition;
  const std::size_t my_share = part.size > 1 ? (grid.size + static_cast<std::size_t>(part.size - 1 - part.rank)) / static_cast<std::size_t>(part.size)
                                          : grid.size;  // this process's indices: rank, rank + size, ...
  auto global = [&](std::size_t local) { return local * static_cast<std::size_t>(part.size) + static_cast<std::size_t>(part.rank); };
  std::vector<unsigned char> compliant(grid.size, 0);
  parallel_for(my_share, query.threads, [&](std::size_t local) {
    const std::size_t i = global(local);
    auto v = classify(grid.at(i));
    compliant[i] = v && meets(*v, query.want);
  });
  if (part.size > 1) part.combine_flags(compliant);
  result.compliant = static_cast<std::size_t>(std::count(compliant.begin(), compliant.end(), 1));

  // 2. The compliant designs no other compliant design dominates (at least as much of every knob). The
  // objective never falls when a knob rises (tested), so only these can be best. up[i]: some compliant
  // design at or above i in every knob; indices above i in every knob are larger, so one pass from the
  // top fills it.
  std::vector<char> up(grid.size, 0);
  std::vector<std::size_t> frontier;
  for (std::size_t i = grid.size; i-- > 0;) {
    bool above = false;
    for (std::size_t a = 0; a < grid.knobs.size() && !above; ++a) {
      if (grid.coordinate(i, a) + 1 < grid.values[a].size()) above = up[i + grid.strides[a]] != 0;
    }
    up[i] = compliant[i] || above;
    if (compliant[i] && !above) frontier.push_back(i);
  }
  std::sort(frontier.begin(), frontier.end());
  result.evaluated = frontier.size();

  // 3. The objective on the frontier.
  std::vector<compare::Capability> values(frontier.size());
  const std::size_t frontier_share =
      part.size > 1 ? (frontier.size() + static_cast<std::size_t>(part.size - 1 - part.rank)) / static_cast<std::size_t>(part.size) : frontier.size();
  parallel_for(frontier_share, query.threads, [&](std::size_t local) {
    const std::size_t f = global(local);
    const DesignedPart designed = apply_knobs(*query.base, query.system, grid.at(frontier[f]));
    values[f] = objective(designed.hardware());
  });
  if (part.size > 1) {
    // Objective values are never negative: -1 stands for "none here" (another process's, or no value).
    std::vector<double> numbers(values.size(), -1);
    for (std::size_t f = 0; f < values.size(); ++f) numbers[f] = values[f].value.value_or(-1);
    part.combine_values(numbers);
    for (std::size_t f = 0; f < values.size(); ++f) {
      if (numbers[f] >= 0) values[f].value = numbers[f];
      else if (values[f].reason.empty()) values[f].reason = "no value (evaluated by another rank)";
    }
  }

  auto describe = [&](const KnobValues& k, bool with_binding) {
    Design d;
    d.knobs = k;
    const DesignedPart part = apply_knobs(*query.base, query.system, k);
    d.metrics = metrics_of(part.chip);
    const auto v = classify(k);
    d.verdict = v ? v->status() : to_string(v.errors());
    d.compliant = v && meets(*v, query.want);
    if (!with_binding || !v) return d;
    std::set<std::string> fired;
    for (const auto& c : v->clauses) fired.insert(c.clause + " (" + c.rule_id + ")");
    for (std::size_t a = 0; a < grid.knobs.size(); ++a) {
      Binding b;
      b.knob = grid.knobs[a];
      const auto& axis = grid.values[a];
      const auto here = std::find_if(axis.begin(), axis.end(), [&](double x) { return std::fabs(x - share(k, b.knob)) < 1e-12; });
      if (here == axis.end() || here + 1 == axis.end()) {
        b.at_bound = true;
        b.next = share(k, b.knob);
        d.binding.push_back(b);
        continue;
      }
      KnobValues next = k;
      next[static_cast<std::size_t>(b.knob)] = *(here + 1);
      const auto nv = classify(next);
      if (!nv || meets(*nv, query.want)) continue;  // not binding: the next step would still comply
      b.next = *(here + 1);
      b.new_status = nv->status();
      for (const auto& c : nv->clauses) {
        const std::string text = c.clause + " (" + c.rule_id + ")";
        if (!fired.count(text)) b.clauses.push_back(text);
      }
      d.binding.push_back(b);
    }
    return d;
  };

  std::vector<std::size_t> order;
  for (std::size_t f = 0; f < frontier.size(); ++f) {
    if (values[f].value) order.push_back(f);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *values[a].value > *values[b].value; });
  for (std::size_t n = 0; n < order.size() && n < query.top; ++n) {
    Design d = describe(grid.at(frontier[order[n]]), true);
    d.objective = values[order[n]].value;
    result.designs.push_back(std::move(d));
  }
  result.unconstrained = describe(ones, false);
  const DesignedPart base_part = apply_knobs(*query.base, query.system, ones);
  const compare::Capability base_value = objective(base_part.hardware());
  result.unconstrained.objective = base_value.value;
  result.unconstrained.reason = base_value.reason;
  if (result.compliant == 0) {
    result.reason = fmt::format("none of the {} candidate designs gets '{}' for {} on {}: even the smallest ({}) is {}", grid.size,
                                kWantNames[static_cast<std::size_t>(query.want)], query.destination, query.date.to_string(),
                                [&] {
                                  std::string knobs;
                                  for (std::size_t a = 0; a < grid.knobs.size(); ++a) {
                                    knobs += fmt::format("{}{} {}", a ? ", " : "", name_of(grid.knobs[a]), grid.values[a].front());
                                  }
                                  return knobs;
                                }(),
                                describe(grid.at(0), false).verdict);
  } else if (result.designs.empty()) {
    result.reason = fmt::format("{} designs comply but the objective values none of the {} undominated ones: {}", result.compliant,
                                frontier.size(), values.empty() ? "" : values.front().reason);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace chipgap::policy
