// SPDX-License-Identifier: Apache-2.0
// JSON for the performance model's results (docs/training.md lists every field).
#pragma once

#include <nlohmann/json.hpp>

#include "chipgap/compare/match.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/run_totals.hpp"
#include "chipgap/perf/serving.hpp"
#include "chipgap/perf/training_model.hpp"
#include "chipgap/perf/training_plan.hpp"
#include "chipgap/perf/validation.hpp"

namespace chipgap::codec {

nlohmann::json to_json(const perf::TrainingPlan& plan);
// Step time, throughput, MFU, memory and the breakdown; seconds and gigabytes.
nlohmann::json to_json(const perf::TrainingEstimate& estimate);
nlohmann::json to_json(const perf::ValidationSummary& summary);
// days, chip_hours, energy_mwh, cost_usd (null when unknown), usd_per_chip_hour.
nlohmann::json to_json(const perf::RunTotals& totals);
// The figures at the slow and fast ends of the efficiency ranges (docs/training.md, "Bands").
nlohmann::json to_json(const perf::TrainingBand& band);
nlohmann::json to_json(const perf::ServingBand& band);
// An estimate with its plan folded in: what `train` prints for one plan and for each searched plan.
nlohmann::json plan_estimate_json(const perf::TrainingPlan& plan, const perf::TrainingEstimate& estimate);

// Serving: deployment, latencies, throughput per phase, memory, cost and energy (docs/inference.md).
nlohmann::json to_json(const perf::Deployment& deployment);
nlohmann::json to_json(const perf::ServingEstimate& estimate);
nlohmann::json to_json(const perf::DisaggregatedPlan& plan);
nlohmann::json to_json(const perf::InferenceValidationSummary& summary);

// Equivalence (docs/equivalence.md): reference and candidate (chip, system, count, days, days_band,
// power_kw, it_power_kw, energy_mwh, cost_usd, bound, plan), matched, count_ratio, power_ratio, bound,
// equal_count_speed, counts_tried, seconds, and reason when nothing matched.
nlohmann::json match_json(const compare::MatchResult& match, const compare::Hardware& reference,
                          const compare::Hardware& candidate);
// The same for serving: each side's output_tokens_per_s instead of days; energy_mwh and cost_usd per day.
nlohmann::json match_json(const compare::ServingMatchResult& match, const compare::Hardware& reference,
                          const compare::Hardware& candidate);

}  // namespace chipgap::codec
