// SPDX-License-Identifier: Apache-2.0
// JSON for comparisons and the chip gap, shared by the CLI's --format json and the HTTP API.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "chipgap/compare/comparison.hpp"
#include "chipgap/compare/gap.hpp"

namespace chipgap::codec {

// {equal: {basis, count | power_kw | budget_usd}, baseline, value_unit, it_overhead, rows: [{name, chip,
// system, affordable, count, feasible, reason?, value, value_per_chip, ratio, power_kw, power_basis,
// capital_usd, days | deployment, figures, figure_ratios, terms, explains}], seconds}
nlohmann::json compare_json(const compare::Comparison& comparison, const std::string& value_unit);

// {destination, since, until, today, step, basis, value_unit, points: [{date, projected, frontier,
// exportable, licensable, domestic (each {chip, value, ratio, status, ...} or null), undetermined}],
// rule_changes: [{date, rules}], unvalued: [{chip, reason}], seconds}
nlohmann::json gap_json(const compare::Gap& gap, const std::string& basis, const std::string& value_unit);

}  // namespace chipgap::codec
