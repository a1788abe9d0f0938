// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/policy_json.hpp"

namespace chipgap::codec {
namespace {

using nlohmann::json;

json best_json(const std::optional<policy::BestChip>& best) {
  if (!best) return nullptr;
  return {{"chip", best->chip}, {"value", best->value}, {"status", best->status}};
}

}  // namespace

json sweep_point_json(const policy::Sweep& sweep, std::size_t index, const policy::SweepPoint& point) {
  json thresholds = json::object();
  for (std::size_t a = 0; a < point.thresholds.size(); ++a) {
    thresholds[std::string(spec::to_string(sweep.query().axes[a].metric))] = point.thresholds[a];
  }
  json flipped = json::array();
  for (const auto& f : point.flipped) flipped.push_back({{"chip", f.chip}, {"before", f.before}, {"after", f.after}});
  json out = {{"index", index}, {"thresholds", thresholds}, {"flipped", flipped}, {"best_exportable", best_json(point.best_exportable)}};
  if (point.china_compute && sweep.query().scenario) {
    const auto& probe = *sweep.query().scenario;
    out["china_compute"] = {{"year", probe.options.last_year},
                            {"basis", std::string(scenario::kBasisNames[static_cast<std::size_t>(probe.basis)])},
                            {"p10", point.china_compute->p10},
                            {"p50", point.china_compute->p50},
                            {"p90", point.china_compute->p90}};
  }
  return out;
}

Result<policy::SweepPoint> sweep_point_from_json(const policy::Sweep& sweep, const json& j) {
  try {
    policy::SweepPoint p;
    // Thresholds in axis order: an object keeps its keys sorted, so the axes are read by name.
    for (const auto& axis : sweep.query().axes) p.thresholds.push_back(j.at("thresholds").at(std::string(spec::to_string(axis.metric))));
    for (const auto& f : j.at("flipped")) p.flipped.push_back({f.at("chip"), f.at("before"), f.at("after")});
    if (const auto& b = j.at("best_exportable"); !b.is_null()) p.best_exportable = policy::BestChip{b.at("chip"), b.at("value"), b.at("status")};
    if (j.contains("china_compute")) {
      const auto& c = j.at("china_compute");
      p.china_compute = scenario::Percentiles{c.at("p10"), c.at("p50"), c.at("p90")};
    }
    return p;
  } catch (const json::exception& e) {
    return std::vector<Diagnostic>{{{}, 0, 0, "point", std::string("a sweep point does not read back: ") + e.what()}};
  }
}

json sweep_json(const policy::Sweep& sweep, const std::vector<policy::SweepPoint>& points, const std::string& basis,
                const std::string& value_unit) {
  const auto& q = sweep.query();
  json axes = json::array();
  for (std::size_t a = 0; a < q.axes.size(); ++a) {
    axes.push_back({{"metric", std::string(spec::to_string(q.axes[a].metric))},
                    {"from", q.axes[a].from},
                    {"to", q.axes[a].to},
                    {"step", q.axes[a].step},
                    {"values", sweep.axis_values()[a].size()},
                    {"baseline", sweep.baseline_thresholds()[a]}});
  }
  json out = {{"rule", q.rule_id},
              {"mode", std::string(rules::kMoveModeNames[static_cast<std::size_t>(q.mode)])},
              {"destination", q.destination},
              {"date", q.date.to_string()},
              {"regimes", q.extra_rules},
              {"axes", axes},
              {"basis", basis},
              {"value_unit", value_unit},
              {"baseline_best_exportable", best_json(sweep.baseline_best())}};
  if (q.scenario) {
    const auto& probe = *q.scenario;
    out["scenario"] = {{"id", probe.scenario ? json(probe.scenario->id) : json("inputs")},
                       {"year", probe.options.last_year},
                       {"basis", std::string(scenario::kBasisNames[static_cast<std::size_t>(probe.basis)])},
                       {"draws", probe.options.draws},
                       {"seed", probe.options.seed}};
  }
  json list = json::array();
  for (std::size_t i = 0; i < points.size(); ++i) list.push_back(sweep_point_json(sweep, i, points[i]));
  out["points"] = std::move(list);
  json unvalued = json::array();
  for (const auto& [chip, reason] : sweep.unvalued()) unvalued.push_back({{"chip", chip}, {"reason", reason}});
  out["unvalued"] = std::move(unvalued);
  return out;
}

namespace {

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json design_entry(const policy::Design& d, const std::optional<double>& reference) {
  json knobs = json::object();
  for (std::size_t k = 0; k < spec::kKnobCount; ++k) knobs[std::string(spec::kKnobNames[k])] = d.knobs[k];
  json binding = json::array();
  for (const auto& b : d.binding) {
    binding.push_back({{"knob", std::string(spec::kKnobNames[static_cast<std::size_t>(b.knob)])},
                       {"next", b.next},
                       {"at_bound", b.at_bound},
                       {"new_status", b.new_status},
                       {"clauses", b.clauses}});
  }
  json out = {{"knobs", knobs},
              {"metrics",
               {{"tpp", optional_number(d.metrics.tpp)},
                {"performance_density", optional_number(d.metrics.performance_density)},
                {"dram_bandwidth_gbs", optional_number(d.metrics.dram_bandwidth_gbs)},
                {"io_bandwidth_gbs", optional_number(d.metrics.io_bandwidth_gbs)}}},
              {"verdict", d.verdict},
              {"compliant", d.compliant},
              {"objective", optional_number(d.objective)},
              {"objective_ratio", d.objective && reference && *reference > 0 ? json(*d.objective / *reference) : json(nullptr)},
              {"binding", binding}};
  if (!d.reason.empty()) out["reason"] = d.reason;
  return out;
}

}  // namespace

json design_json(const policy::DesignQuery& query, const policy::DesignResult& result, const std::string& objective_unit) {
  json designs = json::array();
  for (const auto& d : result.designs) designs.push_back(design_entry(d, result.unconstrained.objective));
  json ranges = json::array();
  for (const auto& r : query.knobs) {
    ranges.push_back({{"knob", std::string(spec::kKnobNames[static_cast<std::size_t>(r.knob)])}, {"min", r.min}, {"max", r.max}, {"step", r.step}});
  }
  return {{"base", query.base->name},
          {"system", query.system ? json(query.system->name) : json(nullptr)},
          {"destination", query.destination},
          {"date", query.date.to_string()},
          {"regimes", query.extra_rules},
          {"want", std::string(policy::kWantNames[static_cast<std::size_t>(query.want)])},
          {"knob_ranges", ranges},
          {"candidates", result.candidates},
          {"compliant", result.compliant},
          {"evaluated", result.evaluated},
          {"reason", result.reason},
          {"objective_unit", objective_unit},
          {"designs", designs},
          {"unconstrained", design_entry(result.unconstrained, result.unconstrained.objective)},
          {"seconds", result.seconds}};
}

}  // namespace chipgap::codec
