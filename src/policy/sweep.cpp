// SPDX-License-Identifier: Apache-2.0
#include "chipgap/policy/sweep.hpp"
#include "chipgap/policy/grid.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "chipgap/common/parallel.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::policy {
namespace {

std::vector<Diagnostic> error(std::string key, std::string message) {
  return {{{}, 0, 0, std::move(key), std::move(message)}};
}

std::string metric_list(const std::vector<spec::Metric>& metrics) {
  std::string out;
  for (auto m : metrics) out += (out.empty() ? "" : ", ") + std::string(spec::to_string(m));
  return out.empty() ? "none" : out;
}

}  // namespace

Result<std::vector<double>> axis_values(const Axis& axis) {
  return grid_values(axis.from, axis.to, axis.step, spec::to_string(axis.metric), "vary", kMaxSweepPoints);
}

Sweep::Sweep(const catalog::Catalog& catalog, const catalog::RuleBook& rules, SweepQuery query, compare::CapabilityOf capability)
    : catalog_(catalog), rules_(rules), query_(std::move(query)), capability_(compare::memoised(std::move(capability))) {}

Result<std::unique_ptr<Sweep>> Sweep::prepare(const catalog::Catalog& catalog, const catalog::RuleBook& rules, SweepQuery query,
                                              compare::CapabilityOf capability) {
  const spec::RuleDocument* document = rules.find_document(query.rule_id);
  if (document == nullptr) {
    const std::string hint = did_you_mean(rules.suggest_documents(query.rule_id));
    return error("rule", fmt::format("no rule '{}'{}", query.rule_id, hint.empty() ? "; 'chipgap rules list' lists them" : "; " + hint));
  }
  const spec::Country* destination = rules.find_country(query.destination);
  if (destination == nullptr) {
    const std::string hint = did_you_mean(rules.suggest_countries(query.destination));
    return error("to", "unknown country '" + query.destination + "'" + (hint.empty() ? "" : "; " + hint));
  }
  if (query.axes.empty() || query.axes.size() > 2) return error("vary", "give one or two --vary METRIC=FROM:TO:STEP");
  if (query.axes.size() == 2 && query.axes[0].metric == query.axes[1].metric) {
    return error("vary", fmt::format("{} is varied twice", spec::to_string(query.axes[0].metric)));
  }
  auto sweep = std::unique_ptr<Sweep>(new Sweep(catalog, rules, std::move(query), std::move(capability)));
  const SweepQuery& q = sweep->query_;
  sweep->document_ = document;
  sweep->size_ = 1;
  for (const Axis& axis : q.axes) {
    const auto principal = rules::principal_threshold(*document, axis.metric);
    if (!principal) {
      return error("vary", fmt::format("{} has no threshold on {}; it tests: {}", document->id, spec::to_string(axis.metric),
                                       metric_list(rules::metrics_tested(*document))));
    }
    sweep->baseline_thresholds_.push_back(*principal);
    auto values = policy::axis_values(axis);
    if (!values) return values.errors();
    sweep->size_ *= values->size();
    if (sweep->size_ > kMaxSweepPoints) {
      return error("vary", fmt::format("the grid has more than {} points; use coarser steps", kMaxSweepPoints));
    }
    sweep->values_.push_back(std::move(values).value());
  }
  const auto in_force = rules::documents_in_force(rules, q.date, q.extra_rules);
  if (std::find(in_force.begin(), in_force.end(), document) == in_force.end()) {
    return error("rule", fmt::format("{} is not in force on {} (effective {}{}), so moving its thresholds changes nothing then; "
                                     "pick a date when it is, or name a rule in force (chipgap classify --format json lists them)",
                                     document->id, q.date.to_string(), document->effective.value.to_string(),
                                     document->status == spec::RuleStatus::Pending ? ", pending: add it with --regime" : ""));
  }
  const std::string& home = rules.evaluated_as(*destination).code;
  for (const auto& chip : catalog.accelerators()) {
    sweep->chips_.push_back(&chip);
    sweep->items_.push_back(rules::make_item(chip));
    const auto status = chip.status.value;
    sweep->candidate_.push_back(chip.datacenter.value && chip.kind == spec::ItemKind::Accelerator &&
                                (status == spec::Status::Shipping || status == spec::Status::Discontinued) &&
                                compare::availability(chip).date <= q.date && chip.country != home);
  }
  if (sweep->query_.scenario) {
    auto& bases = sweep->query_.scenario->bases;
    bases.train = compare::memoised(std::move(bases.train));
    bases.serve = compare::memoised(std::move(bases.serve));
  }
  auto baseline = sweep->verdicts_under(rules);
  if (!baseline) return baseline.errors();
  sweep->baseline_ = std::move(baseline).value();
  sweep->baseline_best_ = sweep->best_exportable(sweep->baseline_);
  return sweep;
}

Result<std::vector<rules::Verdict>> Sweep::verdicts_under(const catalog::RuleBook& book) const {
  std::vector<rules::Verdict> verdicts;
  verdicts.reserve(items_.size());
  const rules::Query q{query_.destination, query_.date, std::nullopt, query_.extra_rules};
  for (const auto& item : items_) {
    auto v = rules::classify(book, item, q);
    if (!v) return v.errors();
    verdicts.push_back(std::move(v).value());
  }
  return verdicts;
}

std::optional<BestChip> Sweep::best_exportable(const std::vector<rules::Verdict>& verdicts) const {
  std::optional<BestChip> best;
  for (std::size_t i = 0; i < chips_.size(); ++i) {
    if (!candidate_[i]) continue;
    const rules::Verdict& v = verdicts[i];
    if (v.indeterminate && !v.authorization_in_every_case) continue;  // cannot be shown as exportable
    if (v.authorization_in_every_case.value_or(v.authorization) == spec::Authorization::License) continue;
    const compare::Capability cap = capability_(*chips_[i]);
    if (!cap.value) continue;
    if (!best || *cap.value > best->value) best = BestChip{chips_[i]->name, *cap.value, v.status()};
  }
  return best;
}

std::vector<std::pair<std::string, std::string>> Sweep::unvalued() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < chips_.size(); ++i) {
    if (!candidate_[i]) continue;
    const compare::Capability cap = capability_(*chips_[i]);
    if (!cap.value) out.emplace_back(chips_[i]->name, cap.reason);
  }
  return out;
}

Result<SweepPoint> Sweep::evaluate(std::size_t index) const {
  SweepPoint point;
  std::vector<rules::ThresholdMove> moves;
  std::size_t rest = index;
  for (std::size_t a = values_.size(); a-- > 0;) {  // row-major: the last axis moves fastest
    const double value = values_[a][rest % values_[a].size()];
    rest /= values_[a].size();
    moves.insert(moves.begin(), {query_.axes[a].metric, value});
  }
  for (const auto& m : moves) point.thresholds.push_back(m.value);
  const catalog::RuleBook book = rules_.with_document(rules::move_thresholds(*document_, moves, query_.mode));
  auto verdicts = verdicts_under(book);
  if (!verdicts) return verdicts.errors();
  for (std::size_t i = 0; i < chips_.size(); ++i) {
    const std::string before = baseline_[i].status(), after = (*verdicts)[i].status();
    if (before != after) point.flipped.push_back({chips_[i]->name, before, after});
  }
  point.best_exportable = best_exportable(*verdicts);
  if (query_.scenario) {
    const ScenarioProbe& probe = *query_.scenario;
    const scenario::Engine engine(catalog_, book, *probe.data, probe.bases);
    auto run = engine.run(probe.scenario, probe.options);
    if (!run) return run.errors();
    for (const auto& year : run->years) {
      if (year.year == probe.options.last_year) point.china_compute = year.china.stock[static_cast<std::size_t>(probe.basis)];
    }
  }
  return point;
}

Result<std::vector<SweepPoint>> Sweep::run(unsigned threads) const {
  std::vector<std::optional<Result<SweepPoint>>> results(size_);
  parallel_for(size_, threads, [&](std::size_t i) { results[i] = evaluate(i); });
  std::vector<SweepPoint> points;
  points.reserve(size_);
  for (auto& r : results) {
    if (!*r) return r->errors();
    points.push_back(std::move(*r).value());
  }
  return points;
}

}  // namespace chipgap::policy
