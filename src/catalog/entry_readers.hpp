// SPDX-License-Identifier: Apache-2.0
// Readers for one accelerator or one system entry of a data file. Private to the catalog module.
#pragma once

#include <optional>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/system.hpp"
#include "yaml_reader.hpp"

namespace chipgap::catalog::detail {

// Returns nullopt when the entry had errors (they are in the context's sink).
std::optional<spec::Accelerator> read_accelerator(FileContext& context, const YAML::Node& node,
                                                  const std::string& path);
std::optional<spec::System> read_system(FileContext& context, const YAML::Node& node, const std::string& path);

// Shared by both readers: year and status are read the same way everywhere.
std::optional<spec::Sourced<int>> read_year(MapReader& entry);
std::optional<spec::Sourced<spec::Status>> read_status(MapReader& entry);
std::string read_country(MapReader& entry);  // two upper-case letters (ISO 3166 alpha-2)

// Collects the source ids that an entry's values cite, so the entry can carry its own sources.
class CitedSources {
 public:
  template <typename T>
  void add(const std::optional<spec::Sourced<T>>& value) {
    if (value) ids_.insert(value->provenance.sources.begin(), value->provenance.sources.end());
  }
  const std::set<std::string>& ids() const { return ids_; }

 private:
  std::set<std::string> ids_;
};

}  // namespace chipgap::catalog::detail
