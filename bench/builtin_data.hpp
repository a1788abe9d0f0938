// SPDX-License-Identifier: Apache-2.0
// The built-in data every benchmark reads, loaded once (loading is measured by catalog_bench and
// rules_bench, not here).
#pragma once

#include <stdexcept>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/perf/efficiency.hpp"

namespace chipgap::bench {

struct Builtin {
  catalog::Catalog catalog;
  perf::EfficiencyTable efficiency;
  catalog::RuleBook rules;
  catalog::ScenarioData scenarios;
  std::vector<spec::ReferenceWorkload> workloads;
  std::vector<spec::DesignKnob> knobs;
};

inline const Builtin& builtin() {
  static const Builtin* d = [] {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
    auto knobs = catalog::load_design_knobs(CHIPGAP_DATA_DIR);
    if (!catalog || !efficiency || !rules || !knobs) throw std::runtime_error("built-in data does not load");
    // The scenario data and workloads point into the catalog: load them against the one kept here.
    auto* b = new Builtin{std::move(catalog).value(), std::move(efficiency).value(), std::move(rules).value(), {}, {},
                          std::move(knobs).value()};
    auto scenarios = catalog::load_scenario_data(CHIPGAP_DATA_DIR, b->catalog);
    auto workloads = catalog::load_workloads(CHIPGAP_DATA_DIR, b->catalog);
    if (!scenarios || !workloads) throw std::runtime_error("scenario data or reference workloads do not load");
    b->scenarios = std::move(scenarios).value();
    b->workloads = std::move(workloads).value();
    return b;
  }();
  return *d;
}

}  // namespace chipgap::bench
