// SPDX-License-Identifier: Apache-2.0
// Scenario data loads strictly: shares in [0, 1], known parameter keys and flow ids in scenarios (with
// suggestions), catalog chips in flows; every error located.
#include <gtest/gtest.h>

#include "chipgap/catalog/scenarios.hpp"

namespace chipgap::catalog {
namespace {

const Catalog& one_chip() {
  static const Catalog catalog = [] {
    auto c = parse_catalog({{"c.yaml", "sources:\n  s: {title: T, url: https://example.com}\naccelerators:\n"
                                       "  - name: Chip A\n    vendor: V\n    country: US\n"
                                       "    year: {value: 2024, source: s, confidence: official}\n"
                                       "    status: {value: shipping, source: s, confidence: official}\n"
                                       "    datacenter: {value: true, source: s, confidence: official}\n"}},
                           {});
    if (!c) throw std::runtime_error(to_string(c.errors()));
    return std::move(c).value();
  }();
  return catalog;
}

const std::string kSources = "sources:\n  s: {title: T, url: https://example.com}\n";
const std::string kFlows = kSources +
    "flows:\n  - id: us-a\n    country: US\n    origin: domestic\n    chip: Chip A\n    units:\n"
    "      2024: {value: 10, range: [5, 20], source: s, confidence: estimate, derivation: d}\n";
const std::string kParameters = kSources +
    "parameters:\n  - key: approval.case_by_case\n    meaning: m\n"
    "    value: {value: 0.5, range: [0.2, 0.9], source: s, confidence: estimate, derivation: d}\n";

std::string errors(const std::vector<DataFile>& inputs, const std::vector<DataFile>& scenarios = {}) {
  auto r = parse_scenario_data(inputs, scenarios, one_chip());
  return r ? "" : to_string(r.errors());
}

TEST(ScenarioReader, ValidInputsAndAScenarioLoad) {
  auto r = parse_scenario_data({{"f.yaml", kFlows}, {"p.yaml", kParameters}},
                               {{"s.yaml", kSources + "scenario:\n  id: x\n  title: t\n  narrative: n\n  from: 2025\n  parameters:\n"
                                                      "    approval.case_by_case: {value: 0, source: s, confidence: official}\n"}},
                               one_chip());
  ASSERT_TRUE(r) << to_string(r.errors());
  EXPECT_EQ(r->flows.front().units.at(2024).provenance.range->high, 20);
  EXPECT_EQ(*r->scenarios.front().from, 2025);
}

TEST(ScenarioReader, AShareAboveOneIsLocated) {
  std::string bad = kParameters;
  bad.replace(bad.find("[0.2, 0.9]"), 10, "[0.2, 1.5]");
  EXPECT_NE(errors({{"p.yaml", bad}}).find("p.yaml:6:12: parameters[0].value"), std::string::npos) << errors({{"p.yaml", bad}});
  EXPECT_NE(errors({{"p.yaml", bad}}).find("is a share"), std::string::npos);
}

TEST(ScenarioReader, UnknownChipsKeysAndFlowsAreLocatedWithSuggestions) {
  std::string chip = kFlows;
  chip.replace(chip.find("Chip A"), 6, "Chip B");
  EXPECT_NE(errors({{"f.yaml", chip}}).find("no accelerator 'Chip B' in the catalog; did you mean 'Chip A'?"), std::string::npos)
      << errors({{"f.yaml", chip}});
  const std::string scenario = kSources + "scenario:\n  id: x\n  title: t\n  narrative: n\n  parameters:\n"
                               "    approval.case_by_cas: {value: 0, source: s, confidence: official}\n"
                               "  units:\n    us-b:\n      2024: {value: 1, source: s, confidence: official}\n";
  const std::string e = errors({{"f.yaml", kFlows}, {"p.yaml", kParameters}}, {{"s.yaml", scenario}});
  EXPECT_NE(e.find("no parameter 'approval.case_by_cas'; did you mean 'approval.case_by_case'?"), std::string::npos) << e;
  EXPECT_NE(e.find("no supply flow 'us-b'; did you mean 'us-a'?"), std::string::npos) << e;
}

}  // namespace
}  // namespace chipgap::catalog
