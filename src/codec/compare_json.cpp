// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/compare_json.hpp"

#include "chipgap/codec/perf_json.hpp"

namespace chipgap::codec {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json figures_json(const compare::ChipFigures& f) {
  return {{"tpp", optional_number(f.tpp)},
          {"bf16_tflops", optional_number(f.bf16_tflops)},
          {"fp8_tflops", optional_number(f.fp8_tflops)},
          {"memory_bandwidth_gbs", optional_number(f.memory_gbps)},
          {"memory_capacity_gb", optional_number(f.memory_gb)},
          {"scale_up_bandwidth_gbs", optional_number(f.scale_up_gbps)}};
}

json row_json(const compare::ComparisonRow& row) {
  json out = {{"name", row.hardware.name()},
              {"chip", row.hardware.chip->name},
              {"system", row.hardware.system != nullptr ? json(row.hardware.system->name) : json(nullptr)},
              {"affordable", row.affordable},
              {"count", row.count},
              {"feasible", row.feasible},
              {"value", row.feasible ? json(row.value) : json(nullptr)},
              {"value_per_chip", row.feasible && row.count > 0 ? json(row.value / static_cast<double>(row.count)) : json(nullptr)},
              {"value_band", {{"low", optional_number(row.value_low)}, {"high", optional_number(row.value_high)}}},
              {"ratio", row.ratio > 0 ? json(row.ratio) : json(nullptr)},
              {"power_kw", optional_number(row.power_kw)},
              {"power_basis", {{"watts_per_chip", optional_number(row.power.watts)},
                               {"low", optional_number(row.power.low)},
                               {"high", optional_number(row.power.high)},
                               {"estimated", row.power.estimated},
                               {"basis", row.power.basis}}},
              {"capital_usd", optional_number(row.capital_usd)},
              {"capital_basis", !row.capital_usd ? json(nullptr) : json(row.chip_price_only ? "chips only" : "catalog price")},
              {"per_kw_ratio", optional_number(row.per_kw_ratio)},
              {"per_usd_ratio", optional_number(row.per_usd_ratio)},
              {"figures", figures_json(row.figures)},
              {"figure_ratios", figures_json(row.figure_ratios)},
              {"explains", row.explains.empty() ? json(nullptr) : json(row.explains)}};
  if (!row.feasible) out["reason"] = row.reason;
  if (row.training && row.training->feasible) {
    out["days"] = row.training->totals.days;
    out["plan"] = to_json(row.training->plan);
    out["bound"] = row.training->bound;
  }
  if (row.serving && row.serving->feasible) out["deployment"] = row.serving->deployment;
  json terms = json::array();
  for (const auto& t : row.terms) terms.push_back({{"term", t.term}, {"value", t.row}, {"baseline", t.baseline}});
  out["terms"] = terms;
  return out;
}

json entry_json(const std::optional<compare::GapEntry>& e) {
  if (!e) return nullptr;
  json out = {{"chip", e->chip->name},
              {"vendor", e->chip->vendor},
              {"country", e->chip->country},
              {"value", e->value},
              {"ratio", e->ratio},
              {"available", e->available.date.to_string()},
              {"available_year_only", e->available.year_only},
              {"announced", e->announced},
              {"status", e->status},
              {"authorization", std::string(spec::to_string(e->authorization))},
              {"review_policy", e->review_policy ? json(std::string(spec::to_string(*e->review_policy))) : json(nullptr)},
              {"conditions", e->conditions},
              {"import_effect", e->import_effect}};
  return out;
}

}  // namespace

json compare_json(const compare::Comparison& c, const std::string& value_unit) {
  json equal = {{"basis", std::string(compare::kEqualBasisNames[static_cast<int>(c.terms.basis)])}};
  switch (c.terms.basis) {
    case compare::EqualBasis::Count: equal["count"] = c.terms.count; break;
    case compare::EqualBasis::Power: equal["power_kw"] = c.terms.power_kw; break;
    case compare::EqualBasis::Budget: equal["budget_usd"] = c.terms.budget_usd; break;
  }
  json overhead = nullptr;
  if (c.overhead) {
    overhead = {{"central", c.overhead->central}, {"low", c.overhead->low}, {"high", c.overhead->high}, {"systems", c.overhead->systems}};
  }
  json rows = json::array();
  for (const auto& row : c.rows) rows.push_back(row_json(row));
  return {{"equal", equal},
          {"baseline", c.rows[c.baseline].hardware.name()},
          {"value_unit", value_unit},
          {"it_overhead", overhead},
          {"rows", rows},
          {"seconds", c.seconds}};
}

json gap_json(const compare::Gap& gap, const std::string& basis, const std::string& value_unit) {
  json points = json::array();
  for (const auto& p : gap.points) {
    points.push_back({{"date", p.date.to_string()},
                      {"projected", p.projected},
                      {"frontier", entry_json(p.frontier)},
                      {"exportable", entry_json(p.exportable)},
                      {"licensable", entry_json(p.licensable)},
                      {"domestic", entry_json(p.domestic)},
                      {"undetermined", p.undetermined}});
  }
  json changes = json::array();
  for (const auto& c : gap.rule_changes) changes.push_back({{"date", c.date.to_string()}, {"rules", c.rules}});
  json unvalued = json::array();
  for (const auto& [chip, reason] : gap.unvalued) unvalued.push_back({{"chip", chip}, {"reason", reason}});
  return {{"destination", gap.query.destination},
          {"since", gap.query.since.to_string()},
          {"until", gap.query.until.to_string()},
          {"today", gap.query.today.to_string()},
          {"step", std::string(compare::kGapStepNames[static_cast<int>(gap.query.step)])},
          {"basis", basis},
          {"value_unit", value_unit},
          {"points", points},
          {"rule_changes", changes},
          {"unvalued", unvalued},
          {"seconds", gap.seconds}};
}

}  // namespace chipgap::codec
