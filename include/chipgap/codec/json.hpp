// SPDX-License-Identifier: Apache-2.0
// JSON renderings of catalog entries and derived metrics, shared by every front end.
#pragma once

#include <nlohmann/json.hpp>

#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/metrics/system_totals.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::codec {

// Units used for numbers in JSON (each value object also names its unit).
inline constexpr const char* kComputeUnit = "TFLOP/s";
inline constexpr const char* kDataRateUnit = "GB/s";
inline constexpr const char* kDataSizeUnit = "GB";

// {"tpp", "tpp_precision", "performance_density", "dram_bandwidth_gbs", "io_bandwidth_gbs",
//  "io_bandwidth_complete", "inputs": {...}}; unknown metrics are null.
nlohmann::json to_json(const metrics::ExportMetrics& metrics);

// Where an entry is defined: the file relative to the catalog root (never the build machine's absolute path),
// or as given when it is not from a catalog (a --spec file), and the line.
nlohmann::json defined_at_json(const spec::DefinedAt& at);

// Everything about one accelerator: every sourced value with its provenance, the metrics, the sources.
nlohmann::json to_json(const spec::Accelerator& chip, const metrics::ExportMetrics& metrics);

// One row of the accelerator list: headline specs and metrics as plain numbers.
nlohmann::json summary_json(const spec::Accelerator& chip, const metrics::ExportMetrics& metrics);

nlohmann::json to_json(const spec::System& system, const spec::Accelerator& chip,
                       const metrics::SystemTotals& totals);
nlohmann::json summary_json(const spec::System& system, const metrics::SystemTotals& totals);

}  // namespace chipgap::codec
