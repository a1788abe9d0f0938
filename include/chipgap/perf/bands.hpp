// SPDX-License-Identifier: Apache-2.0
// Uncertainty bands: every efficiency in data/perf/efficiency.yaml carries the range it may lie in, and an
// answer's band is the same plan evaluated with all of a family's efficiencies at the slow ends of their
// ranges, and again at the fast ends. The two ends are a bound that assumes every estimate errs the same
// way, so the band is wide on purpose; the central figure stays the answer.
#pragma once

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/efficiency.hpp"
#include "chipgap/perf/serving.hpp"
#include "chipgap/perf/training_model.hpp"
#include "chipgap/spec/model.hpp"

namespace chipgap::perf {

enum class Bound { Slow, Fast };

// The family's values at one end of their ranges (fractions low for Slow; GEMM half-dimension and
// latencies high for Slow); values without a range stay as they are.
FamilyEfficiency at_bound(const FamilyEfficiency& efficiency, Bound bound);

// The same plan with the cluster's efficiencies at the slow and at the fast ends.
struct TrainingBand {
  TrainingEstimate slow, fast;
};
TrainingBand training_band(const spec::ModelArch& model, const Cluster& cluster, const TrainingPlan& plan);

// The same deployment, batch and prefill batch as `central` (which `serve` chose), at both ends.
struct ServingBand {
  ServingEstimate slow, fast;
};
ServingBand serving_band(const spec::ModelArch& model, const Cluster& cluster, const ServingEstimate& central,
                         const Workload& workload, const CostAssumptions& cost = {});

// Output tokens/s per chip at the two ends.
struct RateBand {
  double slow = 0, fast = 0;
};
// A disaggregated plan over both pools at each end: each pool's deployment re-evaluated there (phase by
// phase, as the search chose them) and the prefill pool resized to keep up with the decode pool's rate.
RateBand disaggregated_band(const spec::ModelArch& model, const Cluster& cluster, const DisaggregatedPlan& plan,
                            const Workload& workload, const CostAssumptions& cost = {});

}  // namespace chipgap::perf
