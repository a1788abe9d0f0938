// SPDX-License-Identifier: Apache-2.0
// The built-in catalog and efficiency table, loaded once for the performance-model tests.
#pragma once

#include <stdexcept>
#include <string>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/perf/cluster.hpp"

namespace chipgap::perf::testing {

struct Builtin {
  catalog::Catalog catalog;
  EfficiencyTable efficiency;
};

inline const Builtin& builtin() {
  static const Builtin data = [] {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    if (!catalog || !efficiency) throw std::runtime_error("built-in data does not load");
    return Builtin{std::move(catalog).value(), std::move(efficiency).value()};
  }();
  return data;
}

// `chips` of a catalog system's chip, with the system's domain and network.
inline Cluster cluster_of(const std::string& system, std::int64_t chips, ClusterOptions options = {}) {
  const auto* s = builtin().catalog.find_system(system);
  if (s == nullptr) throw std::runtime_error("no system " + system);
  auto c = make_cluster(builtin().catalog.chip_of(*s), s, chips, builtin().efficiency, options);
  if (!c) throw std::runtime_error(to_string(c.errors()));
  return *c;
}

inline const spec::ModelArch& model(const std::string& name) { return *builtin().catalog.find_model(name); }

}  // namespace chipgap::perf::testing
