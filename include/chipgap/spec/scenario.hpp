// SPDX-License-Identifier: Apache-2.0
// National-compute scenarios as plain data (data/scenarios/): supply flows by year with low/base/high
// ranges, the engine's parameters with theirs, and scenarios that change parameters, units and rules.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

// Every number here is a Sourced<double>; where its provenance has a range, the engine draws it
// triangular over the range with its mode at the value, otherwise it is fixed.
using Uncertain = Sourced<double>;

// Where a flow's chips come from, as seen from the country that deploys them.
enum class Origin { Legal, Smuggled, Domestic };
inline constexpr std::string_view kOriginNames[] = {"legal", "smuggled", "domestic"};

// Units of one chip reaching one country, by calendar year. Legal flows give what would ship if no
// licence were needed and the importing side accepted them; the rules engine gates them.
struct SupplyFlow {
  std::string id;
  std::string country;  // ISO 3166 alpha-2: where the chips are deployed
  Origin origin = Origin::Domestic;
  std::string chip;     // a catalog accelerator's name
  std::map<int, Uncertain> units;
  // The chip's peak 8-bit operations in H100 equivalents where the catalog has no 8-bit rate for it.
  OptionalSourced<double> peak_h100e;
  std::string note;
  DefinedAt defined_at;
};

// A named engine parameter (approval.case_by_case, acceptance.discouraged, retirement.years, ...).
struct ScenarioParameter {
  std::string key;
  Uncertain value;
  std::string meaning;
  DefinedAt defined_at;
};

// A policy or supply path: parameters and units changed against the inputs, and rule documents applied
// as if in force (a pending bill, or a what-if the user writes as a rule document).
struct Scenario {
  std::string id;
  std::string title;
  std::string narrative;
  // The first year the parameter changes apply to (a policy taken in 2026 does not change 2024's
  // smuggling); absent: every year. Unit changes name their own years.
  std::optional<int> from;
  std::map<std::string, Uncertain> parameters;            // key -> replacement
  std::map<std::string, std::map<int, Uncertain>> units;  // flow id -> year -> replacement units
  std::vector<std::string> extra_rules;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
