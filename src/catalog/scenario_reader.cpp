// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <set>

#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/common/names.hpp"
#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

constexpr double kMaxUnits = 1e9;   // chips of one kind in one year: far above any real flow
constexpr double kMaxParameter = 1e6;

// `year: {value: ..., range: [...], source: ..., confidence: ...}` entries of a mapping, by year.
std::map<int, spec::Uncertain> read_years(MapReader& parent, std::string_view key, bool required) {
  std::map<int, spec::Uncertain> out;
  auto node = required ? parent.required(key) : parent.optional(key);
  if (!node) return out;
  MapReader years(parent.context(), *node, parent.child_path(key));
  if (!years.is_map()) return out;
  for (auto it = node->begin(); it != node->end(); ++it) {
    const std::string text = it->first.IsScalar() ? it->first.Scalar() : "";
    int year = 0;
    const bool numeric = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric && text.size() == 4) year = std::stoi(text);
    if (year < 2015 || year > 2040) {
      parent.context().error(it->first.Mark(), years.child_path(text), "expected a year from 2015 to 2040, got '" + text + "'");
      continue;
    }
    if (auto value = detail::read_sourced(years, text, true, detail::number_value(0, kMaxUnits))) out[year] = *value;
  }
  years.finish();
  return out;
}

std::optional<spec::SupplyFlow> read_flow(FileContext& context, const YAML::Node& node, const std::string& path,
                                          const Catalog& catalog) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;
  spec::SupplyFlow flow;
  flow.id = detail::read_text(entry, "id", true).value_or("");
  // Ids appear in --set keys (units.<flow>.<year>): lower-case letters, digits and hyphens only.
  if (!flow.id.empty() && !std::all_of(flow.id.begin(), flow.id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })) {
    context.error(node["id"].Mark(), entry.child_path("id"), "a flow id has lower-case letters, digits and hyphens only, not '" + flow.id + "'");
  }
  flow.country = detail::read_country(entry);
  const auto origin = detail::read_word<spec::Origin>(entry, "origin", true, spec::kOriginNames);
  flow.chip = detail::read_text(entry, "chip", true).value_or("");
  flow.note = detail::read_text(entry, "note", false).value_or("");
  flow.units = read_years(entry, "units", true);
  flow.peak_h100e = detail::read_sourced(entry, "peak_h100e", false, detail::number_value(0, 1000));
  entry.finish();
  if (!flow.chip.empty() && catalog.find_accelerator(flow.chip) == nullptr) {
    const std::string hint = did_you_mean(catalog.suggest_accelerators(flow.chip));
    context.error(node["chip"].Mark(), entry.child_path("chip"),
                  "no accelerator '" + flow.chip + "' in the catalog" + (hint.empty() ? "" : "; " + hint));
  }
  if (context.error_count() != errors_before || !origin) return std::nullopt;
  flow.origin = *origin;
  flow.defined_at = context.defined_at(node.Mark().line + 1, path);
  return flow;
}

// Shares and rates lie in [0, 1] and a service life in [1, 30] years, range included; --set checks the
// same bounds (src/scenario/inputs.cpp).
void check_bounds(FileContext& context, const YAML::Node& node, const std::string& path, const std::string& key,
                  const spec::Uncertain& value) {
  const bool share = key.rfind("approval.", 0) == 0 || key.rfind("acceptance.", 0) == 0 || key.rfind("take.", 0) == 0;
  const double low = value.provenance.range ? value.provenance.range->low : value.value;
  const double high = value.provenance.range ? value.provenance.range->high : value.value;
  if (share && high > 1) context.error(node.Mark(), path, "'" + key + "' is a share and must lie from 0 to 1, range included");
  if (key == "retirement.years" && (low < 1 || high > 30)) context.error(node.Mark(), path, "a service life must lie from 1 to 30 years");
}

std::optional<spec::ScenarioParameter> read_parameter(FileContext& context, const YAML::Node& node, const std::string& path) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;
  spec::ScenarioParameter p;
  p.key = detail::read_text(entry, "key", true).value_or("");
  p.meaning = detail::read_text(entry, "meaning", true).value_or("");
  auto value = detail::read_sourced(entry, "value", true, detail::number_value(0, kMaxParameter));
  entry.finish();
  if (value) check_bounds(context, node["value"], entry.child_path("value"), p.key, *value);
  if (context.error_count() != errors_before || !value) return std::nullopt;
  p.value = *value;
  p.defined_at = context.defined_at(node.Mark().line + 1, path);
  return p;
}

// A list under `key` of entries read by `read`.
template <typename Read>
void read_list(FileContext& context, MapReader& top, const char* key, Read read) {
  auto list = top.required(key);
  if (!list) return;
  if (!list->IsSequence()) {
    context.error(list->Mark(), key, std::string("expected a list, got ") + detail::describe_node(*list));
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) read((*list)[i], std::string(key) + "[" + std::to_string(i) + "]");
}

void read_scenario(FileContext& context, MapReader& top, const ScenarioData& inputs, std::vector<spec::Scenario>& out) {
  auto node = top.required("scenario");
  if (!node) return;
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, *node, "scenario");
  if (!entry.is_map()) return;
  spec::Scenario s;
  s.id = detail::read_text(entry, "id", true).value_or("");
  s.title = detail::read_text(entry, "title", true).value_or("");
  s.narrative = detail::read_text(entry, "narrative", true).value_or("");
  s.extra_rules = detail::read_text_list(entry, "extra_rules");
  if (auto from = entry.optional("from")) {
    if (auto year = detail::integer_value(2015, 2040)(context, *from, entry.child_path("from"))) s.from = static_cast<int>(*year);
  }
  if (auto params = entry.optional("parameters")) {
    MapReader map(context, *params, "scenario.parameters");
    if (map.is_map()) {
      for (auto it = params->begin(); it != params->end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
        if (inputs.find_parameter(key) == nullptr) {
          const std::string hint = did_you_mean(inputs.suggest_parameters(key));
          context.error(it->first.Mark(), map.child_path(key), "no parameter '" + key + "'" + (hint.empty() ? "" : "; " + hint));
          map.optional(key);
          continue;
        }
        if (auto value = detail::read_sourced(map, key, true, detail::number_value(0, kMaxParameter))) {
          check_bounds(context, it->second, map.child_path(key), key, *value);
          s.parameters[key] = *value;
        }
      }
      map.finish();
    }
  }
  if (auto units = entry.optional("units")) {
    MapReader map(context, *units, "scenario.units");
    if (map.is_map()) {
      for (auto it = units->begin(); it != units->end(); ++it) {
        const std::string id = it->first.IsScalar() ? it->first.Scalar() : "";
        if (inputs.find_flow(id) == nullptr) {
          const std::string hint = did_you_mean(inputs.suggest_flows(id));
          context.error(it->first.Mark(), map.child_path(id), "no supply flow '" + id + "'" + (hint.empty() ? "" : "; " + hint));
          map.optional(id);
          continue;
        }
        s.units[id] = read_years(map, id, true);
      }
      map.finish();
    }
  }
  entry.finish();
  if (context.error_count() != errors_before) return;
  std::set<std::string> ids;
  for (const auto& [key, value] : s.parameters) ids.insert(value.provenance.sources.begin(), value.provenance.sources.end());
  for (const auto& [flow, years] : s.units) {
    for (const auto& [year, value] : years) ids.insert(value.provenance.sources.begin(), value.provenance.sources.end());
  }
  s.sources = detail::sources_for(context, ids);
  s.defined_at = context.defined_at(node->Mark().line + 1, "scenario");
  out.push_back(std::move(s));
}

template <typename Items, typename Key>
std::vector<std::string> suggest(const Items& items, std::string_view wanted, Key key) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(key(item));
  return closest_names(wanted, names, 3);
}

template <typename Items, typename Key>
auto find(const Items& items, std::string_view wanted, Key key) -> decltype(&items.front()) {
  const std::string k = normalize_name(wanted);
  for (const auto& item : items) {
    if (normalize_name(key(item)) == k) return &item;
  }
  return nullptr;
}

const auto scenario_id = [](const spec::Scenario& s) { return s.id; };
const auto parameter_key = [](const spec::ScenarioParameter& p) { return p.key; };
const auto flow_id = [](const spec::SupplyFlow& f) { return f.id; };

}  // namespace

const spec::Scenario* ScenarioData::find_scenario(std::string_view id) const { return find(scenarios, id, scenario_id); }
const spec::ScenarioParameter* ScenarioData::find_parameter(std::string_view key) const {
  for (const auto& p : parameters) {
    if (p.key == key) return &p;  // keys are exact: they are typed in --set
  }
  return nullptr;
}
const spec::SupplyFlow* ScenarioData::find_flow(std::string_view id) const {
  for (const auto& f : flows) {
    if (f.id == id) return &f;
  }
  return nullptr;
}
std::vector<std::string> ScenarioData::suggest_scenarios(std::string_view id) const { return suggest(scenarios, id, scenario_id); }
std::vector<std::string> ScenarioData::suggest_parameters(std::string_view key) const { return suggest(parameters, key, parameter_key); }
std::vector<std::string> ScenarioData::suggest_flows(std::string_view id) const { return suggest(flows, id, flow_id); }

Result<ScenarioData> parse_scenario_data(const std::vector<DataFile>& input_files, const std::vector<DataFile>& scenario_files,
                                         const Catalog& catalog) {
  std::vector<Diagnostic> errors;
  ScenarioData data;
  std::set<std::string> flow_ids, parameter_keys;
  for (const auto& file : input_files) {
    detail::parse_data_file(file, {"flows", "parameters"}, errors, [&](FileContext& context, MapReader& top) {
      const bool has_flows = static_cast<bool>(top.node()["flows"]);
      if (has_flows || !top.node()["parameters"]) {
        read_list(context, top, "flows", [&](const YAML::Node& node, const std::string& path) {
          auto flow = read_flow(context, node, path, catalog);
          if (!flow) return;
          if (!flow_ids.insert(flow->id).second) context.error(node.Mark(), path + ".id", "the flow id '" + flow->id + "' is used twice");
          data.flows.push_back(std::move(*flow));
        });
      }
      if (top.node()["parameters"]) {
        read_list(context, top, "parameters", [&](const YAML::Node& node, const std::string& path) {
          auto p = read_parameter(context, node, path);
          if (!p) return;
          if (!parameter_keys.insert(p->key).second) context.error(node.Mark(), path + ".key", "the parameter '" + p->key + "' is defined twice");
          data.parameters.push_back(std::move(*p));
        });
      }
    });
  }
  if (!errors.empty()) return errors;
  for (const auto& file : scenario_files) {
    detail::parse_data_file(file, {"scenario"}, errors,
                            [&](FileContext& context, MapReader& top) { read_scenario(context, top, data, data.scenarios); });
  }
  std::set<std::string> scenario_ids;
  for (const auto& s : data.scenarios) {
    if (!scenario_ids.insert(normalize_name(s.id)).second) {
      errors.push_back({s.defined_at.file, s.defined_at.line, 0, "scenario.id", "the scenario id '" + s.id + "' is used twice"});
    }
  }
  if (!errors.empty()) return errors;
  return data;
}

Result<ScenarioData> load_scenario_data(const std::filesystem::path& root, const Catalog& catalog) {
  std::vector<Diagnostic> errors;
  const auto inputs = detail::read_data_files(detail::yaml_files_in(root / "scenarios" / "inputs"), errors, root);
  const auto scenarios = detail::read_data_files(detail::yaml_files_in(root / "scenarios"), errors, root);
  if (!errors.empty()) return errors;
  return parse_scenario_data(inputs, scenarios, catalog);
}

}  // namespace chipgap::catalog
