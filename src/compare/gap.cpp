// SPDX-License-Identifier: Apache-2.0
#include "chipgap/compare/gap.hpp"

#include <chrono>
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::compare {
namespace {

std::vector<Date> point_dates(const GapQuery& q) {
  const int months = q.step == GapStep::Month ? 1 : 3;
  std::vector<Date> dates;
  for (Date d = q.since; d <= q.until;) {
    dates.push_back(d);
    const int index = d.year * 12 + (d.month - 1) + months;
    d = Date{index / 12, index % 12 + 1, 1};
  }
  return dates;
}

// The verdict in force on `date` from a timeline (entries at each change, the first the state before
// any change).
const rules::Verdict& verdict_on(const std::vector<rules::TimelineEntry>& timeline, Date date) {
  const rules::TimelineEntry* found = &timeline.front();
  for (const auto& entry : timeline) {
    if (entry.date <= date) found = &entry;
    else break;
  }
  return found->verdict;
}

bool without_licence(spec::Authorization a) { return a != spec::Authorization::License; }

struct Candidate {
  const spec::Accelerator* chip = nullptr;
  Availability available;
  double value = 0;
  std::vector<rules::TimelineEntry> timeline;
};

GapEntry entry_of(const Candidate& c, const rules::Verdict& v, bool announced) {
  GapEntry e;
  e.chip = c.chip;
  e.value = c.value;
  e.available = c.available;
  e.announced = announced;
  e.status = v.status();
  e.authorization = v.authorization_in_every_case.value_or(v.authorization);
  e.review_policy = v.review_policy;
  for (const auto& condition : v.conditions) e.conditions.push_back(condition.id);
  e.import_effect = v.import_net_effect;
  return e;
}

void keep_best(std::optional<GapEntry>& slot, GapEntry entry) {
  if (!slot || entry.value > slot->value) slot = std::move(entry);
}

}  // namespace

Availability availability(const spec::Accelerator& chip) {
  if (chip.available) return {chip.available->value, false};
  return {Date{chip.year.value, 7, 1}, true};
}

CapabilityOf memoised(CapabilityOf capability) {
  struct Memo {
    std::mutex mutex;
    std::map<std::string, Capability> values;
  };
  auto memo = std::make_shared<Memo>();
  return [memo, capability = std::move(capability)](const spec::Accelerator& chip) -> Capability {
    {
      std::lock_guard lock(memo->mutex);
      if (auto it = memo->values.find(chip.name); it != memo->values.end()) return it->second;
    }
    // Computed outside the lock: two threads may both compute a chip once, never wait on each other.
    Capability value = capability(chip);
    std::lock_guard lock(memo->mutex);
    return memo->values.emplace(chip.name, std::move(value)).first->second;
  };
}

Capability peak_16bit_capability(const spec::Accelerator& chip) {
  for (auto p : {spec::Precision::BF16, spec::Precision::FP16}) {
    if (const auto& rate = chip.rate(p)) return {units::in_tera_ops_per_second(rate->value), {}};
  }
  return {std::nullopt, "no dense BF16 or FP16 rate is catalogued"};
}

Hardware hardware_for(const catalog::Catalog& catalog, const spec::Accelerator& chip) {
  for (const auto& system : catalog.systems()) {
    if (&catalog.chip_of(system) == &chip) return {&chip, &system};
  }
  return {&chip, nullptr};
}

std::int64_t whole_systems(const Hardware& h, std::int64_t count) { return (count + h.unit() - 1) / h.unit() * h.unit(); }

namespace {

// The cluster sizes a chip is valued on: `count` in whole systems, and the next power-of-two number of
// systems, since a system size such as 72 makes whole-system counts that plans do not factor into.
std::vector<std::int64_t> sizes_near(const Hardware& h, std::int64_t count) {
  std::vector<std::int64_t> sizes{whole_systems(h, count)};
  std::int64_t systems = 1;
  while (systems * h.unit() < count) systems *= 2;
  if (systems * h.unit() != sizes.front()) sizes.push_back(systems * h.unit());
  return sizes;
}

}  // namespace

CapabilityOf training_capability(const catalog::Catalog& catalog, const TrainingWorkload& workload,
                                 const perf::EfficiencyTable& efficiency, std::int64_t count) {
  return [&catalog, workload, &efficiency, count](const spec::Accelerator& chip) -> Capability {
    const Hardware h = hardware_for(catalog, chip);
    Capability best;
    for (std::int64_t n : sizes_near(h, count)) {
      const ClusterOutcome o = best_training_outcome(h, n, workload, efficiency);
      if (!o.feasible && !best.value && best.reason.empty()) best.reason = o.reason;
      if (o.feasible && o.estimate.tokens_per_s_per_chip > best.value.value_or(0)) best = {o.estimate.tokens_per_s_per_chip, {}};
    }
    return best;
  };
}

CapabilityOf serving_capability(const catalog::Catalog& catalog, const ServingWorkload& workload,
                                const perf::EfficiencyTable& efficiency, std::int64_t count) {
  return [&catalog, workload, &efficiency, count](const spec::Accelerator& chip) -> Capability {
    const Hardware h = hardware_for(catalog, chip);
    Capability best;
    for (std::int64_t n : sizes_near(h, count)) {
      const ServingOutcome o = best_serving_outcome(h, n, workload, efficiency, {});
      const double per_chip = o.feasible ? o.output_tokens_per_s / static_cast<double>(n) : 0;
      if (!o.feasible && !best.value && best.reason.empty()) best.reason = o.reason;
      if (o.feasible && per_chip > best.value.value_or(0)) best = {per_chip, {}};
    }
    return best;
  };
}

Result<Gap> chip_gap(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const GapQuery& query,
                     const CapabilityOf& capability) {
  const auto start = std::chrono::steady_clock::now();
  if (query.until < query.since) {
    return std::vector<Diagnostic>{{{}, 0, 0, "since", fmt::format("--since {} is after --until {}", query.since.to_string(), query.until.to_string())}};
  }
  if (rules.find_country(query.destination) == nullptr) {
    // The timelines would say so too, but only for a chip that ships in the range: say it whatever.
    std::string hint = did_you_mean(rules.suggest_countries(query.destination));
    return std::vector<Diagnostic>{{{}, 0, 0, "to", "unknown country '" + query.destination + "'" + (hint.empty() ? "" : "; " + hint)}};
  }
  Gap gap;
  gap.query = query;
  std::vector<Candidate> candidates;
  std::map<Date, std::vector<std::string>> changes;
  for (const auto& chip : catalog.accelerators()) {
    if (!chip.datacenter.value || chip.kind != spec::ItemKind::Accelerator || chip.status.value == spec::Status::Rumoured) continue;
    Candidate c;
    c.chip = &chip;
    c.available = availability(chip);
    if (query.until < c.available.date) continue;
    const Capability cap = capability(chip);
    if (!cap.value) {
      gap.unvalued.emplace_back(chip.name, cap.reason);
      continue;
    }
    c.value = *cap.value;
    rules::Query q;
    q.destination = query.destination;
    q.date = query.since;
    auto timeline = rules::timeline(rules, rules::make_item(chip), q);
    if (!timeline) return timeline.errors();
    c.timeline = std::move(timeline).value();
    if (c.timeline.empty()) {  // a rule book without dated changes: one verdict throughout
      auto verdict = rules::classify(rules, rules::make_item(chip), q);
      if (!verdict) return verdict.errors();
      c.timeline.push_back({q.date, {}, std::move(verdict).value()});
    }
    for (const auto& entry : c.timeline) {
      if (!entry.rules_starting.empty() && query.since <= entry.date && entry.date <= query.until && c.available.date <= entry.date) {
        auto& ids = changes[entry.date];
        for (const auto& id : entry.rules_starting) {
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
      }
    }
    candidates.push_back(std::move(c));
  }
  for (const auto& [date, ids] : changes) gap.rule_changes.push_back({date, ids});

  for (const Date date : point_dates(query)) {
    GapPoint point;
    point.date = date;
    point.projected = query.today < date;
    for (const Candidate& c : candidates) {
      if (date < c.available.date) continue;
      const bool announced = c.chip->status.value == spec::Status::Announced;
      if (announced && !point.projected) continue;
      const rules::Verdict& v = verdict_on(c.timeline, date);
      GapEntry entry = entry_of(c, v, announced);
      keep_best(point.frontier, entry);
      // A chip made in the destination is domestic there, not an export to it.
      if (c.chip->country == v.evaluated_as) {
        keep_best(point.domestic, std::move(entry));
        continue;
      }
      if (v.indeterminate && !v.authorization_in_every_case) {
        point.undetermined.push_back(c.chip->name);
        continue;
      }
      if (without_licence(entry.authorization)) {
        keep_best(point.exportable, std::move(entry));
      } else if (entry.review_policy && *entry.review_policy != spec::ReviewPolicy::PresumptionOfDenial) {
        keep_best(point.licensable, std::move(entry));
      }
    }
    for (auto* slot : {&point.frontier, &point.exportable, &point.licensable, &point.domestic}) {
      if (*slot && point.frontier) (*slot)->ratio = (*slot)->value / point.frontier->value;
    }
    gap.points.push_back(std::move(point));
  }
  gap.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return gap;
}

}  // namespace chipgap::compare
