// SPDX-License-Identifier: Apache-2.0
#include "inputs.hpp"

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "sampling.hpp"

namespace chipgap::scenario::detail {
namespace {

InputUsed input_of(std::string id, const spec::Uncertain& u, const char* origin) {
  InputUsed in;
  in.id = std::move(id);
  in.value = u.value;
  if (u.provenance.range) {
    in.low = u.provenance.range->low;
    in.high = u.provenance.range->high;
  }
  in.sources = u.provenance.sources;
  in.origin = origin;
  return in;
}

// What an override of `key` may be.
std::optional<std::string> out_of_bounds(const std::string& key, double value) {
  const bool share = key.rfind("approval.", 0) == 0 || key.rfind("acceptance.", 0) == 0 || key.rfind("take.", 0) == 0;
  if (!std::isfinite(value) || value < 0) return "must be a number of at least 0";
  if (share && value > 1) return "is a share and must be from 0 to 1";
  if (key == "retirement.years" && (value < 1 || value > 30)) return "must be from 1 to 30 years";
  if (key.rfind("units.", 0) == 0 && value > 1e9) return "must be at most 1e9 units";
  return std::nullopt;
}

Diagnostic override_error(const std::string& key, std::string message) { return {"--set", 0, 0, key, std::move(message)}; }

}  // namespace

std::size_t InputTable::add(InputUsed input) {
  // A scenario's replacement ("@key") draws with its input's key: the same quantile, its own range.
  const std::string_view key = input.id[0] == '@' ? std::string_view(input.id).substr(1) : std::string_view(input.id);
  hashes_.push_back(key_hash(key));
  index_[input.id] = inputs_.size();
  inputs_.push_back(std::move(input));
  return inputs_.size() - 1;
}

std::optional<std::size_t> InputTable::parameter(std::string_view key) const {
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::pair<int, std::size_t>> InputTable::units_of(const std::string& flow) const {
  std::vector<std::pair<int, std::size_t>> out;
  const std::string prefix = "units." + flow + ".";
  for (auto it = index_.lower_bound(prefix); it != index_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out.emplace_back(std::stoi(it->first.substr(prefix.size())), it->second);
  }
  return out;
}

void InputTable::draw(std::uint64_t seed, std::size_t draw, std::vector<double>& values) const {
  values.resize(inputs_.size());
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const InputUsed& in = inputs_[i];
    values[i] = in.low && in.high ? triangular(uniform(seed, draw, hashes_[i]), *in.low, in.value, *in.high) : in.value;
  }
}

Result<InputTable> collect_inputs(const catalog::ScenarioData& data, const spec::Scenario* scenario,
                                  const std::map<std::string, double>& overrides) {
  std::map<std::string, InputUsed> all;
  for (const auto& p : data.parameters) all[p.key] = input_of(p.key, p.value, "inputs");
  for (const auto& flow : data.flows) {
    for (const auto& [year, u] : flow.units) all[fmt::format("units.{}.{}", flow.id, year)] = input_of("", u, "inputs");
  }
  if (scenario != nullptr) {
    // With a first year, the scenario's value sits beside the input's ("@key") and the engine picks by year.
    for (const auto& [key, u] : scenario->parameters) all[scenario->from ? "@" + key : key] = input_of(key, u, "scenario");
    for (const auto& [flow, years] : scenario->units) {
      for (const auto& [year, u] : years) all[fmt::format("units.{}.{}", flow, year)] = input_of("", u, "scenario");
    }
  }
  std::vector<Diagnostic> errors;
  for (const auto& [key, value] : overrides) {
    bool known = data.find_parameter(key) != nullptr;
    if (!known && key.rfind("units.", 0) == 0) {
      const auto dot = key.rfind('.');
      const std::string flow = key.substr(6, dot > 6 ? dot - 6 : 0);
      const std::string year = dot != std::string::npos ? key.substr(dot + 1) : "";
      const bool year_ok = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                           std::stoi(year) >= 2015 && std::stoi(year) <= 2040;
      if (data.find_flow(flow) == nullptr) {
        const std::string hint = did_you_mean(data.suggest_flows(flow));
        errors.push_back(override_error(key, "no supply flow '" + flow + "'" + (hint.empty() ? "" : "; " + hint)));
        continue;
      }
      if (!year_ok) {
        errors.push_back(override_error(key, "write units.<flow>.<year> with a year from 2015 to 2040, e.g. units." + flow + ".2026"));
        continue;
      }
      known = true;
    }
    if (!known) {
      const std::string hint = did_you_mean(data.suggest_parameters(key));
      errors.push_back(override_error(key, "no parameter '" + key + "'" + (hint.empty() ? "" : "; " + hint) +
                                               " (or units.<flow>.<year>)"));
      continue;
    }
    if (auto problem = out_of_bounds(key, value)) {
      errors.push_back(override_error(key, fmt::format("{} = {} {}", key, value, *problem)));
      continue;
    }
    InputUsed fixed;
    fixed.value = value;
    fixed.origin = "override";
    all[key] = fixed;
    all.erase("@" + key);  // an override holds in every year
  }
  if (!errors.empty()) return errors;
  InputTable table;
  for (auto& [key, input] : all) {
    input.id = key;
    table.add(std::move(input));
  }
  return table;
}

}  // namespace chipgap::scenario::detail
