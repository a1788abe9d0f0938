// SPDX-License-Identifier: Apache-2.0
// JSON for threshold sweeps and design searches, shared by the CLI, the API and the ranks of a
// distributed run (which send their points to rank 0 as JSON: doubles round-trip exactly).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chipgap/common/diagnostic.hpp"
#include "chipgap/policy/design.hpp"
#include "chipgap/policy/sweep.hpp"

namespace chipgap::codec {

// {index, thresholds: {metric: value}, flipped: [{chip, before, after}], best_exportable: {chip, value,
// status} | null, china_compute?: {year, basis, p10, p50, p90}}
nlohmann::json sweep_point_json(const policy::Sweep& sweep, std::size_t index, const policy::SweepPoint& point);
// The point back from sweep_point_json (a distributed run's gather); errors name the missing field.
Result<policy::SweepPoint> sweep_point_from_json(const policy::Sweep& sweep, const nlohmann::json& json);

// {rule, mode, destination, date, axes: [{metric, from, to, step, baseline}], basis, value_unit,
// baseline_best_exportable, scenario?: {id, year, basis, draws, seed}, points: [...], unvalued: [{chip,
// reason}]}
nlohmann::json sweep_json(const policy::Sweep& sweep, const std::vector<policy::SweepPoint>& points, const std::string& basis,
                          const std::string& value_unit);

// {base, destination, date, want, candidates, compliant, evaluated, reason, objective_unit, designs: [{knobs:
// {compute_share, ...}, metrics: {tpp, performance_density, dram_bandwidth_gbs, io_bandwidth_gbs}, verdict,
// objective, objective_ratio, binding: [{knob, next, at_bound, new_status, clauses}]}], unconstrained,
// seconds}
nlohmann::json design_json(const policy::DesignQuery& query, const policy::DesignResult& result, const std::string& objective_unit);

}  // namespace chipgap::codec
