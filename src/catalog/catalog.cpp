// SPDX-License-Identifier: Apache-2.0
#include "chipgap/catalog/catalog.hpp"

#include <algorithm>

#include "chipgap/common/names.hpp"

namespace chipgap::catalog {
namespace {

// Registers an entry's name and aliases under their normalized keys, reporting clashes with other entries.
template <typename Entry>
void index_names(const std::vector<Entry>& entries, std::string_view kind,
                 std::unordered_map<std::string, std::size_t>& keys, std::vector<Diagnostic>& errors) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    std::vector<std::pair<std::string, std::string>> labels{{entry.name, ".name"}};
    for (std::size_t a = 0; a < entry.aliases.size(); ++a) {
      labels.emplace_back(entry.aliases[a], ".aliases[" + std::to_string(a) + "]");
    }
    for (const auto& [label, key_suffix] : labels) {
      const std::string key = normalize_name(label);
      auto [it, inserted] = keys.emplace(key, i);
      if (inserted || it->second == i) continue;  // an alias that repeats its own entry's name is harmless
      const Entry& other = entries[it->second];
      errors.push_back(Diagnostic{entry.defined_at.file, entry.defined_at.line, 0,
                                  entry.defined_at.key_path + key_suffix,
                                  "'" + label + "' is already used by " + std::string(kind) + " '" + other.name +
                                      "' (" + other.defined_at.file + ":" + std::to_string(other.defined_at.line) +
                                      "); names and aliases must be unique, ignoring case and punctuation"});
    }
  }
}

template <typename Entry>
std::vector<std::string> suggest(const std::vector<Entry>& entries, std::string_view wanted, std::size_t limit) {
  std::vector<std::string> labels;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    labels.push_back(entries[i].name);
    owner.push_back(i);
    for (const auto& alias : entries[i].aliases) {
      labels.push_back(alias);
      owner.push_back(i);
    }
  }
  // Rank all labels, then report each entry once under its canonical name.
  std::vector<std::string> names;
  for (const auto& label : closest_names(wanted, labels, labels.size())) {
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (labels[j] != label) continue;
      const std::string& name = entries[owner[j]].name;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    if (names.size() >= limit) break;
  }
  if (names.size() > limit) names.resize(limit);
  return names;
}

template <typename Entry>
const Entry* find_entry(const std::vector<Entry>& entries, const std::unordered_map<std::string, std::size_t>& keys,
                  std::string_view name) {
  auto it = keys.find(normalize_name(name));
  return it == keys.end() ? nullptr : &entries[it->second];
}

}  // namespace

const spec::Accelerator* Catalog::find_accelerator(std::string_view name) const {
  return find_entry(accelerators_, accelerator_keys_, name);
}

const spec::System* Catalog::find_system(std::string_view name) const { return find_entry(systems_, system_keys_, name); }

const spec::ModelArch* Catalog::find_model(std::string_view name) const { return find_entry(models_, model_keys_, name); }

std::vector<std::string> Catalog::suggest_models(std::string_view name, std::size_t limit) const {
  return suggest(models_, name, limit);
}

std::vector<std::string> Catalog::suggest_accelerators(std::string_view name, std::size_t limit) const {
  return suggest(accelerators_, name, limit);
}

std::vector<std::string> Catalog::suggest_systems(std::string_view name, std::size_t limit) const {
  return suggest(systems_, name, limit);
}

Result<Catalog> Catalog::assemble(std::vector<spec::Accelerator> accelerators, std::vector<spec::System> systems,
                                  std::vector<spec::ModelArch> models) {
  Catalog catalog;
  std::vector<Diagnostic> errors;
  catalog.accelerators_ = std::move(accelerators);
  catalog.systems_ = std::move(systems);
  index_names(catalog.accelerators_, "accelerator", catalog.accelerator_keys_, errors);
  index_names(catalog.systems_, "system", catalog.system_keys_, errors);
  catalog.models_ = std::move(models);
  index_names(catalog.models_, "model", catalog.model_keys_, errors);
  for (auto& system : catalog.systems_) {
    if (const auto* chip = catalog.find_accelerator(system.chip)) {
      system.chip_index = static_cast<std::size_t>(chip - catalog.accelerators_.data());
      system.chip = chip->name;
      continue;
    }
    std::string message = "unknown accelerator '" + system.chip + "'";
    const std::string suggestion = did_you_mean(catalog.suggest_accelerators(system.chip));
    if (!suggestion.empty()) message += "; " + suggestion;
    errors.push_back(Diagnostic{system.defined_at.file, system.chip_line, 0, system.defined_at.key_path + ".chip",
                                message});
  }
  if (!errors.empty()) return errors;
  return catalog;
}

}  // namespace chipgap::catalog
