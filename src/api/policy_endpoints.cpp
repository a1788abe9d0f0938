// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/sweep and POST /api/v1/design: the CLI's `sweep` and `design` over JSON (docs/policy.md,
// docs/api.md), in the heavy lane and with limits that keep one request to seconds.
#include <algorithm>
#include <limits>

#include "body_fields.hpp"
#include "chipgap/codec/policy_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/policy/design.hpp"
#include "chipgap/policy/grid.hpp"
#include "chipgap/policy/sweep.hpp"
#include "workload_fields.hpp"

namespace chipgap::api::detail {
namespace {

// A request's sweep: at most this many points, and points × scenario draws at most kMaxSweepDraws.
constexpr std::size_t kMaxApiSweepPoints = 2'000;
constexpr std::size_t kMaxSweepDraws = 400'000;
// A request's design search: at most this many candidates (a few seconds on 2 cores).
constexpr std::size_t kMaxApiDesigns = 300'000;

template <typename Enum, std::size_t N>
Enum name_in(const json& value, const std::string_view (&names)[N], const std::string& where) {
  const std::vector<std::string> all(std::begin(names), std::end(names));
  const std::string given = value.is_string() ? value.get<std::string>() : "";
  const auto it = std::find(all.begin(), all.end(), given);
  if (it != all.end()) return static_cast<Enum>(it - all.begin());
  throw ApiError(422, "invalid", "'" + where + "' must be one of " + [&] {
    std::string list;
    for (const auto& n : all) list += (list.empty() ? "" : ", ") + n;
    return list;
  }(), where, closest_names(given, all));
}

double range_number(const json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || !object[key].is_number()) throw ApiError(422, "invalid", "'" + where + "." + key + "' must be a number", where + "." + key);
  return object[key].get<double>();
}

}  // namespace

Response sweep_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                        const std::vector<spec::ReferenceWorkload>& workloads, const catalog::ScenarioData* scenarios, HeavyGate& heavy, Date today,
                        const Request& request) {
  const json body = with_named_workload(object_body(request, with_workload({"rule", "vary", "mode", "to", "date", "regime", "count",
                                                                            "scenario", "year", "draws", "seed"})),
                                        workloads);
  policy::SweepQuery q;
  q.rule_id = text(body, "rule");
  if (q.rule_id.empty()) throw ApiError(422, "invalid", "missing field 'rule' (a rule document id)", "rule");
  if (rules.find_document(q.rule_id) == nullptr) not_found("rule", q.rule_id, rules.suggest_documents(q.rule_id), "rule");
  if (!body.contains("vary") || !body["vary"].is_array() || body["vary"].empty() || body["vary"].size() > 2) {
    throw ApiError(422, "invalid", "'vary' must list one or two {metric, from, to, step}", "vary");
  }
  std::size_t points = 1;
  for (std::size_t i = 0; i < body["vary"].size(); ++i) {
    const json& v = body["vary"][i];
    const std::string where = "vary[" + std::to_string(i) + "]";
    if (!v.is_object()) throw ApiError(422, "invalid", "'" + where + "' must be {metric, from, to, step}", where);
    if (!v.contains("metric")) throw ApiError(422, "invalid", "missing field '" + where + ".metric'", where + ".metric");
    policy::Axis axis;
    axis.metric = name_in<spec::Metric>(v["metric"], spec::kMetricNames, where + ".metric");
    axis.from = range_number(v, "from", where);
    axis.to = range_number(v, "to", where);
    axis.step = range_number(v, "step", where);
    auto values = policy::axis_values(axis);
    if (!values) throw ApiError(422, "invalid", values.errors().front().message, where);
    points *= values->size();
    if (points > kMaxApiSweepPoints) {
      throw ApiError(422, "invalid", "more than " + std::to_string(kMaxApiSweepPoints) + " points in one request; use coarser steps, or the CLI", where);
    }
    q.axes.push_back(axis);
  }
  q.mode = word(body, "mode", rules::kMoveModeNames, rules::MoveMode::Line);
  q.destination = text(body, "to", "CN");
  q.date = date_field(body, "date", today);
  q.extra_rules = regimes_of(body);
  if (body.contains("scenario")) {
    if (scenarios == nullptr) throw ApiError(503, "unavailable", "the scenario data is not loaded", "scenario");
    policy::ScenarioProbe probe;
    probe.data = scenarios;
    const std::string id = text(body, "scenario");
    if (id != "inputs") {
      probe.scenario = scenarios->find_scenario(id);
      if (probe.scenario == nullptr) not_found("scenario", id, scenarios->suggest_scenarios(id), "scenario");
    }
    // Peak H100 equivalents: the workload bases would cost a performance search per chip and point.
    probe.bases = scenario::peak_only_bases();
    probe.options.last_year = static_cast<int>(count(body, "year", 2015, 2040).value_or(2026));
    probe.options.first_year = std::min(2022, probe.options.last_year);
    probe.options.draws = static_cast<std::size_t>(count(body, "draws", 1, 2'000).value_or(200));
    probe.options.seed = static_cast<std::uint64_t>(count(body, "seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
    probe.options.threads = 1;
    if (points * probe.options.draws > kMaxSweepDraws) {
      throw ApiError(422, "invalid", "points × draws is more than " + std::to_string(kMaxSweepDraws) + " in one request; fewer draws or points", "draws");
    }
    q.scenario = std::move(probe);
  } else {
    for (const char* key : {"year", "draws", "seed"}) {
      if (body.contains(key)) throw ApiError(422, "invalid", std::string("'") + key + "' applies with 'scenario'", key);
    }
  }
  const Basis basis = basis_of(catalog, efficiency, body);
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  auto sweep = policy::Sweep::prepare(catalog, rules, std::move(q), basis.capability);
  if (!sweep) {
    const auto& d = sweep.errors().front();
    throw ApiError(422, "invalid", d.message, d.key_path);
  }
  // One thread: the heavy lane already runs searches side by side.
  auto result = (*sweep)->run(1);
  if (!result) throw ApiError(422, "invalid", result.errors().front().message, "scenario");
  return ok(codec::sweep_json(**sweep, *result, basis.name, basis.unit));
}

Response design_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                         const std::vector<spec::ReferenceWorkload>& workloads, const DesignSetup* setup, HeavyGate& heavy, Date today, const Request& request) {
  const json body = with_named_workload(
      object_body(request, with_workload({"base", "to", "date", "regime", "want", "objective", "count", "knobs", "top"})), workloads);
  if (setup == nullptr) throw ApiError(503, "unavailable", "the design knobs (data/design/) or the reference workloads are not loaded", "");
  require_performance_data(efficiency);
  policy::DesignQuery q;
  compare::Hardware hardware = hardware_named(catalog, text(body, "base"), "base");
  if (hardware.system == nullptr) hardware = compare::hardware_for(catalog, *hardware.chip);
  q.base = hardware.chip;
  q.system = hardware.system;
  q.destination = text(body, "to", "CN");
  q.date = date_field(body, "date", today);
  q.extra_rules = regimes_of(body);
  q.want = word(body, "want", policy::kWantNames, policy::Want::None);
  q.top = static_cast<std::size_t>(count(body, "top", 1, 100).value_or(5));
  q.threads = 1;  // the heavy lane already runs searches side by side
  q.max_candidates = kMaxApiDesigns;
  std::vector<policy::KnobRange> overrides;
  if (body.contains("knobs")) {
    if (!body["knobs"].is_object()) throw ApiError(422, "invalid", "'knobs' must be an object of KNOB: {min, max, step} or KNOB: value", "knobs");
    for (const auto& [name, range] : body["knobs"].items()) {
      const std::string where = "knobs." + name;
      policy::KnobRange r{name_in<spec::Knob>(json(name), spec::kKnobNames, where), 1, 1, 1};
      if (range.is_number()) {
        r.min = r.max = range.get<double>();
      } else if (range.is_object()) {
        r.min = range_number(range, "min", where);
        r.max = range_number(range, "max", where);
        r.step = range_number(range, "step", where);
      } else {
        throw ApiError(422, "invalid", "'" + where + "' must be {min, max, step} or a number", where);
      }
      overrides.push_back(r);  // a JSON object names each knob once
    }
  }
  q.knobs = policy::knob_ranges(setup->bounds, overrides).value();
  // A named training workload (serve: false) makes training the default objective.
  const std::string objective_name = text(body, "objective", body.contains("serve") && !flag(body, "serve") ? "train" : "serve");
  if (objective_name != "serve" && objective_name != "train") throw ApiError(422, "invalid", "'objective' must be serve or train", "objective");
  const bool serve = objective_name == "serve";
  const std::int64_t chips = policy::objective_chips(q.system, serve, count(body, "count", 1, 100'000));
  // Without workload fields, the reference workloads the CLI defaults to (chipgap workloads).
  bool workload = false;
  for (const auto& key : kWorkloadFields) workload |= key != "serve" && body.contains(key);
  policy::Objective objective;
  std::string model;
  if (serve) {
    const compare::ServingWorkload w = workload ? serving_workload(model_of(catalog, body), body) : setup->serve;
    objective = policy::serving_objective(w, chips, efficiency);
    model = w.model->name;
  } else {
    const compare::TrainingWorkload w = workload ? training_workload(model_of(catalog, body), body) : setup->train;
    objective = policy::training_objective(w, chips, efficiency);
    model = w.model->name;
  }
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  auto result = policy::design_search(rules, setup->bounds, q, objective);
  if (!result) {
    const auto& d = result.errors().front();
    throw ApiError(422, "invalid", d.message, d.key_path == "knob" || d.key_path == "design" ? "knobs" : d.key_path);
  }
  json out = codec::design_json(q, *result, serve ? "output tokens/s per chip" : "training tokens/s per chip");
  out["count"] = chips;
  out["model"] = model;
  return ok(out);
}

}  // namespace chipgap::api::detail
