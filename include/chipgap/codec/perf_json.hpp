// SPDX-License-Identifier: Apache-2.0
// JSON for the performance model's results (docs/training.md lists every field).
#pragma once

#include <nlohmann/json.hpp>

#include "chipgap/perf/training_model.hpp"
#include "chipgap/perf/training_plan.hpp"
#include "chipgap/perf/validation.hpp"

namespace chipgap::codec {

nlohmann::json to_json(const perf::TrainingPlan& plan);
// Step time, throughput, MFU, memory and the breakdown; seconds and gigabytes.
nlohmann::json to_json(const perf::TrainingEstimate& estimate);
nlohmann::json to_json(const perf::ValidationSummary& summary);

}  // namespace chipgap::codec
