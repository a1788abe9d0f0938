// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/scenario_json.hpp"

namespace chipgap::codec {
namespace {

using nlohmann::json;

json percentiles(const scenario::Percentiles& p) { return {{"p10", p.p10}, {"p50", p.p50}, {"p90", p.p90}}; }

json by_basis(const scenario::ByBasis& b) {
  json out = json::object();
  for (std::size_t i = 0; i < scenario::kBases; ++i) out[std::string(scenario::kBasisNames[i])] = percentiles(b[i]);
  return out;
}

json uncertain(const spec::Uncertain& u) {
  json out = {{"value", u.value}, {"source", u.provenance.sources}, {"confidence", std::string(spec::to_string(u.provenance.confidence))}};
  if (u.provenance.range) out["range"] = {u.provenance.range->low, u.provenance.range->high};
  if (!u.provenance.derivation.empty()) out["derivation"] = u.provenance.derivation;
  return out;
}

}  // namespace

json scenario_run_json(const scenario::RunResult& run) {
  json years = json::array();
  for (const auto& y : run.years) {
    json units = json::object();
    for (std::size_t o = 0; o < 3; ++o) units[std::string(spec::kOriginNames[o])] = percentiles(y.china_units[o]);
    years.push_back({{"year", y.year},
                     {"china", {{"stock_h100e", by_basis(y.china.stock)},
                                {"additions_h100e", by_basis(y.china.additions)},
                                {"units", units},
                                {"domestic_share_units", percentiles(y.domestic_share_units)},
                                {"domestic_share_compute", by_basis(y.domestic_share_compute)}}},
                     {"us", {{"stock_h100e", by_basis(y.us.stock)}, {"additions_h100e", by_basis(y.us.additions)}}},
                     {"us_china_stock_ratio", by_basis(y.us_china_ratio)},
                     {"vendor_revenue_usd", percentiles(y.vendor_revenue_usd)},
                     {"us_take_usd", percentiles(y.us_take_usd)}});
  }
  json inputs = json::array();
  for (const auto& in : run.inputs) {
    inputs.push_back({{"id", in.id},
                      {"value", in.value},
                      {"low", in.low ? json(*in.low) : json(nullptr)},
                      {"high", in.high ? json(*in.high) : json(nullptr)},
                      {"source", in.sources},
                      {"origin", in.origin}});
  }
  json factors = json::object();
  for (const auto& [chip, f] : run.factors) {
    json fell_back = json::array();
    for (std::size_t b = 0; b < scenario::kBases; ++b) {
      if (f.fell_back[b]) fell_back.push_back(std::string(scenario::kBasisNames[b]));
    }
    factors[chip] = {{"peak", f.h100e[0]}, {"train", f.h100e[1]}, {"serve", f.h100e[2]}, {"fell_back_to_peak", fell_back}};
  }
  return {{"scenario", run.scenario}, {"seed", run.seed}, {"draws", run.draws}, {"seconds", run.seconds}, {"years", years},
          {"inputs", inputs}, {"factors", factors}, {"notes", run.notes}};
}

json scenario_json(const spec::Scenario& s) {
  json parameters = json::object();
  for (const auto& [key, u] : s.parameters) parameters[key] = uncertain(u);
  json units = json::object();
  for (const auto& [flow, years] : s.units) {
    json by_year = json::object();
    for (const auto& [year, u] : years) by_year[std::to_string(year)] = uncertain(u);
    units[flow] = by_year;
  }
  json sources = json::array();
  for (const auto& src : s.sources) sources.push_back({{"id", src.id}, {"title", src.title}, {"url", src.url}});
  return {{"id", s.id}, {"title", s.title}, {"narrative", s.narrative}, {"parameters", parameters}, {"units", units},
          {"extra_rules", s.extra_rules}, {"sources", sources}};
}

}  // namespace chipgap::codec
