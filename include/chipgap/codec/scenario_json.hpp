// SPDX-License-Identifier: Apache-2.0
// JSON for scenario runs (docs/scenarios.md), shared by the CLI's --format json and the HTTP API.
#pragma once

#include <nlohmann/json.hpp>

#include "chipgap/scenario/engine.hpp"

namespace chipgap::codec {

// {scenario, seed, draws, seconds, years: [{year, china: {stock_h100e: {peak|train|serve: {p10, p50, p90}},
// additions_h100e, units: {legal, smuggled, domestic}, domestic_share_units, domestic_share_compute},
// us: {stock_h100e, additions_h100e}, us_china_stock_ratio, vendor_revenue_usd, us_take_usd}], inputs:
// [{id, value, low, high, source, origin}], factors: {chip: {peak, train, serve, fell_back}}, notes}
nlohmann::json scenario_run_json(const scenario::RunResult& run);

// One scenario's definition (scenario show).
nlohmann::json scenario_json(const spec::Scenario& scenario);

}  // namespace chipgap::codec
