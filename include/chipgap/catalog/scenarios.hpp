// SPDX-License-Identifier: Apache-2.0
// Loading the scenario data of data/scenarios/ (docs/scenarios.md): supply flows and engine parameters
// (inputs/*.yaml) and the scenarios that change them (*.yaml), strictly, with every reference checked:
// a flow's chip against the catalog, a scenario's parameter keys and flow ids against the inputs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/scenario.hpp"

namespace chipgap::catalog {

struct ScenarioData {
  std::vector<spec::SupplyFlow> flows;
  std::vector<spec::ScenarioParameter> parameters;
  std::vector<spec::Scenario> scenarios;

  const spec::Scenario* find_scenario(std::string_view id) const;
  const spec::ScenarioParameter* find_parameter(std::string_view key) const;
  const spec::SupplyFlow* find_flow(std::string_view id) const;
  std::vector<std::string> suggest_scenarios(std::string_view id) const;
  std::vector<std::string> suggest_parameters(std::string_view key) const;
  std::vector<std::string> suggest_flows(std::string_view id) const;
};

// Input files hold `flows:` or `parameters:` (with `sources:`); scenario files hold `scenario:`.
Result<ScenarioData> parse_scenario_data(const std::vector<DataFile>& input_files, const std::vector<DataFile>& scenario_files,
                                         const Catalog& catalog);

// root/scenarios/inputs/*.yaml and root/scenarios/*.yaml; no directory means no scenario data.
Result<ScenarioData> load_scenario_data(const std::filesystem::path& root, const Catalog& catalog);

}  // namespace chipgap::catalog
