// SPDX-License-Identifier: Apache-2.0
// Equivalence: how many chips of one kind finish a training run no later than a reference cluster of
// another. A consumer of the performance engine: each count is the engine's best plan on that cluster,
// searched as `chipgap train --search` searches; nothing here models hardware.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/run_totals.hpp"
#include "chipgap/perf/serving.hpp"
#include "chipgap/perf/training_model.hpp"
#include "chipgap/spec/model.hpp"

namespace chipgap::compare {

// A training run: the model, the tokens, and the batch and precision every plan keeps.
struct TrainingWorkload {
  const spec::ModelArch* model = nullptr;
  double tokens = 0;
  std::int64_t seq_len = 4096;
  std::int64_t global_batch = 1024;
  perf::TrainPrecision precision = perf::TrainPrecision::Bf16;
};

// One side of a comparison: a chip, or a system whose chips come in whole systems.
struct Hardware {
  const spec::Accelerator* chip = nullptr;
  const spec::System* system = nullptr;
  std::int64_t unit() const;  // chips per system, or 1
  std::string name() const;   // the system's name, else the chip's
};

// A cluster's power on the three bases, never mixed: chips at TDP (0 when unknown), the systems' IT
// power when the catalog has it, and the facility's with a stated PUE (from the IT power, else the chips').
struct ClusterPower {
  double chip_kw = 0;
  std::optional<double> it_kw, facility_kw;
  // The PUE behind facility_kw: the user's, or the efficiency data's default, whose range gives the band.
  std::optional<double> pue;
  bool pue_stated = false;
  std::optional<double> facility_kw_low, facility_kw_high;  // the default's range (none for a stated PUE)
};

// A chip in the first catalog system built from it (its scale-up domain and network), else the bare chip.
Hardware hardware_for(const catalog::Catalog& catalog, const spec::Accelerator& chip);
// `count` rounded up to whole systems of the hardware.
std::int64_t whole_systems(const Hardware& hardware, std::int64_t count);

// A system by name, else a chip (a system's name wins where both match); nullopt when neither.
std::optional<Hardware> find_hardware(const catalog::Catalog& catalog, std::string_view name);
// Systems' and chips' names close to an unknown name, systems first.
std::vector<std::string> suggest_hardware(const catalog::Catalog& catalog, std::string_view name);

// The parts of a training step in words with their exposed seconds (hidden communication left out),
// in a fixed order: compute, pipeline bubble, the communications, the optimizer step.
std::vector<std::pair<std::string, double>> step_terms(const perf::StepBreakdown& breakdown);

// A cluster of `count` chips running the workload with the best plan the search finds.
struct ClusterOutcome {
  std::int64_t count = 0;
  bool feasible = false;
  std::string reason;  // why no plan runs, when none does
  perf::TrainingPlan plan;
  perf::TrainingEstimate estimate;
  perf::RunTotals totals;
  perf::TrainingBand band;
  ClusterPower power;
  std::string bound;                    // what takes most of the step: compute, a communication, the bubble
};

struct MatchLimits {
  std::int64_t max_count = 1'000'000;  // the largest candidate count tried
  perf::CostAssumptions cost;
  std::optional<double> pue;           // facility power over IT power, when the user states one; else the
                                       // efficiency data's default (data/perf/efficiency.yaml `facility`)
};

struct MatchResult {
  ClusterOutcome reference, candidate;
  bool matched = false;
  std::string reason;                // when not matched: why, in words
  double count_ratio = 0, power_ratio = 0;
  // The candidate at the reference's count (rounded up to whole systems): its speed over the reference's
  // (reference days / candidate days). Plans need counts that factor, so the matched count can sit well
  // above what this ratio suggests; both are reported.
  std::optional<ClusterOutcome> at_reference_count;
  double equal_count_speed = 0;
  std::size_t counts_tried = 0;
  double seconds = 0;
};

// The smallest candidate count (whole systems for a system) whose best plan finishes the run no later
// than the reference's best plan. Counts are tried in increasing order among the 5-smooth multiples of
// the candidate's unit (2^a 3^b 5^c systems: counts that factor into plans), plus the reference count
// itself when both sides are the same hardware, so a larger reference never needs fewer candidates and
// a chip matched against itself returns its own count. "No count up to max_count" is a normal result.
MatchResult match_training(const Hardware& reference, std::int64_t reference_count, const Hardware& candidate,
                           const TrainingWorkload& workload, const perf::EfficiencyTable& efficiency,
                           const MatchLimits& limits = {});

// The best plan for the workload on `count` chips of `hardware` (what match_training evaluates per count).
ClusterOutcome best_training_outcome(const Hardware& hardware, std::int64_t count, const TrainingWorkload& workload,
                                     const perf::EfficiencyTable& efficiency, const MatchLimits& limits = {});

// A serving workload: the model, request shape, latency targets and precisions every deployment keeps.
struct ServingWorkload {
  const spec::ModelArch* model = nullptr;
  perf::Workload requests;         // input/output lengths and TTFT/TPOT targets
  perf::Deployment base;           // precision, KV precision, drafts
};

// A cluster of `count` chips serving the workload with the best deployment the search finds (the
// disaggregated pools, or the best colocated deployment when that serves more).
struct ServingOutcome {
  std::int64_t count = 0;
  bool feasible = false;
  std::string reason;
  std::string deployment;            // in words
  double output_tokens_per_s = 0;    // the whole cluster, within the targets
  // The same deployment and batch with every efficiency at the slow and at the fast end of its range
  // (perf/bands.hpp), as `infer` shows its band: at the slow end the latencies exceed the targets a little.
  double output_tokens_per_s_slow = 0, output_tokens_per_s_fast = 0;
  ClusterPower power;
  std::optional<double> usd_per_day;  // at the cost assumptions
  std::optional<perf::DecodeEstimate> decode;  // the decode side of the best deployment
};

struct ServingMatchResult {
  ServingOutcome reference, candidate;
  double demand = 0;                 // output tokens/s to serve: given, or the reference's capacity
  bool matched = false;
  std::string reason;
  double count_ratio = 0, power_ratio = 0;
  std::size_t counts_tried = 0;
  double seconds = 0;
};

ServingOutcome best_serving_outcome(const Hardware& hardware, std::int64_t count, const ServingWorkload& workload,
                                    const perf::EfficiencyTable& efficiency, const MatchLimits& limits);

// The smallest candidate count, on the same grid as match_training, whose best deployment serves
// `demand` output tokens/s within the targets (default: what the reference cluster serves).
ServingMatchResult match_serving(const Hardware& reference, std::int64_t reference_count, const Hardware& candidate,
                                 const ServingWorkload& workload, std::optional<double> demand,
                                 const perf::EfficiencyTable& efficiency, const MatchLimits& limits = {});

}  // namespace chipgap::compare
