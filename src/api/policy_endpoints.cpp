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

std::vector<std::string> regimes_of(const json& body) {
  std::vector<std::string> out;
  if (!body.contains("regime")) return out;
  const auto& regime = body["regime"];
  if (regime.is_string()) return {regime.get<std::string>()};
  if (!regime.is_array() || !std::all_of(regime.begin(), regime.end(), [](const json& r) { return r.is_string(); })) {
    throw ApiError(422, "invalid", "'regime' must be a rule id or a list of them", "regime");
  }
  for (const auto& r : regime) out.push_back(r.get<std::string>());
  return out;
}

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

// Capability for ranking chips: peak, or the workload fields' basis (as GET /gap).
struct Basis {
  std::string name = "peak", unit = "dense 16-bit TFLOP/s per chip";
  compare::CapabilityOf capability = compare::peak_16bit_capability;
  bool workload = false;
};

Basis basis_of(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const json& body) {
  Basis b;
  for (const auto& key : kWorkloadFields) b.workload |= body.contains(key);
  if (!b.workload) {
    if (body.contains("count")) throw ApiError(422, "invalid", "'count' applies to a workload basis (give 'model')", "count");
    return b;
  }
  require_performance_data(efficiency);
  const spec::ModelArch& model = model_of(catalog, body);
  const bool serve = flag(body, "serve");
  const std::int64_t chips = count(body, "count", 1, 1'000'000).value_or(serve ? 64 : 1024);
  if (serve) {
    b.capability = compare::serving_capability(catalog, serving_workload(model, body), efficiency, chips);
    b.name = "serving";
    b.unit = "output tokens/s per chip";
  } else {
    b.capability = compare::training_capability(catalog, training_workload(model, body), efficiency, chips);
    b.name = "training";
    b.unit = "training tokens/s per chip";
  }
  return b;
}

}  // namespace

Response sweep_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                        const catalog::ScenarioData* scenarios, HeavyGate& heavy, Date today, const Request& request) {
  const json body = object_body(request, with_workload({"rule", "vary", "mode", "to", "date", "regime", "count", "scenario", "year",
                                                        "draws", "seed"}));
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
    probe.bases.train = probe.bases.serve = [](const spec::Accelerator&) { return compare::Capability{std::nullopt, "peak basis"}; };
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
                         const std::vector<spec::DesignKnob>* bounds, HeavyGate& heavy, Date today, const Request& request) {
  const json body = object_body(request, with_workload({"base", "to", "date", "regime", "want", "objective", "count", "knobs", "top"}));
  if (bounds == nullptr) throw ApiError(503, "unavailable", "the design knobs (data/design/) are not loaded", "");
  require_performance_data(efficiency);
  policy::DesignQuery q;
  const compare::Hardware hardware = hardware_named(catalog, text(body, "base"), "base");
  q.base = hardware.chip;
  q.system = hardware.system;
  if (q.system == nullptr) {
    for (const auto& s : catalog.systems()) {
      if (&catalog.chip_of(s) == q.base) {
        q.system = &s;
        break;
      }
    }
  }
  q.destination = text(body, "to", "CN");
  q.date = date_field(body, "date", today);
  q.extra_rules = regimes_of(body);
  q.want = word(body, "want", policy::kWantNames, policy::Want::None);
  q.top = static_cast<std::size_t>(count(body, "top", 1, 100).value_or(5));
  q.threads = 1;
  for (const auto& b : *bounds) q.knobs.push_back({b.knob, b.min.value, b.max.value, b.step});
  if (body.contains("knobs")) {
    if (!body["knobs"].is_object()) throw ApiError(422, "invalid", "'knobs' must be an object of KNOB: {min, max, step} or KNOB: value", "knobs");
    for (const auto& [name, range] : body["knobs"].items()) {
      const std::string where = "knobs." + name;
      const auto knob = name_in<spec::Knob>(json(name), spec::kKnobNames, where);
      policy::KnobRange r{knob, 1, 1, 1};
      if (range.is_number()) {
        r.min = r.max = range.get<double>();
      } else if (range.is_object()) {
        r.min = range_number(range, "min", where);
        r.max = range_number(range, "max", where);
        r.step = range_number(range, "step", where);
      } else {
        throw ApiError(422, "invalid", "'" + where + "' must be {min, max, step} or a number", where);
      }
      *std::find_if(q.knobs.begin(), q.knobs.end(), [&](const policy::KnobRange& k) { return k.knob == knob; }) = r;
    }
  }
  std::size_t candidates = 1;
  for (const auto& r : q.knobs) {
    auto values = policy::grid_values(r.min, r.max, r.step, spec::kKnobNames[static_cast<std::size_t>(r.knob)], "knobs", kMaxApiDesigns);
    if (!values) throw ApiError(422, "invalid", values.errors().front().message, "knobs");
    candidates *= values->size();
    if (candidates > kMaxApiDesigns) {
      throw ApiError(422, "invalid", "more than " + std::to_string(kMaxApiDesigns) + " candidate designs in one request; use coarser steps", "knobs");
    }
  }
  const std::string objective_name = text(body, "objective", "serve");
  if (objective_name != "serve" && objective_name != "train") throw ApiError(422, "invalid", "'objective' must be serve or train", "objective");
  // Without a model, the reference workloads the CLI defaults to: Llama 3 70B chat, Llama 3 405B pre-training.
  const json model_field = {{"model", body.contains("model") ? body["model"] : json(objective_name == "serve" ? "llama3-70b" : "llama3-405b")}};
  const spec::ModelArch& model = model_of(catalog, model_field);
  policy::Objective objective;
  std::string unit;
  const std::int64_t unit_chips = q.system ? q.system->chips.value : 1;
  const std::int64_t wanted = count(body, "count", 1, 100'000).value_or(objective_name == "serve" ? unit_chips : 1024);
  const std::int64_t chips = (wanted + unit_chips - 1) / unit_chips * unit_chips;
  if (objective_name == "serve") {
    json serving = body;
    if (!serving.contains("tpot_ms") && !serving.contains("input_len")) serving.update({{"input_len", 2048}, {"output_len", 512}, {"tpot_ms", 50}});
    const auto w = serving_workload(model, serving);
    objective = [w, chips, &efficiency](const compare::Hardware& h) -> compare::Capability {
      const auto o = compare::best_serving_outcome(h, chips, w, efficiency, {});
      if (!o.feasible) return {std::nullopt, o.reason};
      return {o.output_tokens_per_s / static_cast<double>(chips), {}};
    };
    unit = "output tokens/s per chip";
  } else {
    const auto w = training_workload(model, body);
    objective = [w, chips, &efficiency](const compare::Hardware& h) -> compare::Capability {
      const auto o = compare::best_training_outcome(h, chips, w, efficiency);
      if (!o.feasible) return {std::nullopt, o.reason};
      return {o.estimate.tokens_per_s_per_chip, {}};
    };
    unit = "training tokens/s per chip";
  }
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  auto result = policy::design_search(rules, *bounds, q, objective);
  if (!result) {
    const auto& d = result.errors().front();
    throw ApiError(422, "invalid", d.message, d.key_path == "knob" ? "knobs" : d.key_path);
  }
  json out = codec::design_json(q, *result, unit);
  out["count"] = chips;
  out["model"] = model.name;
  return ok(out);
}

}  // namespace chipgap::api::detail
