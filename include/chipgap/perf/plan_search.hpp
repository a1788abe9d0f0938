// SPDX-License-Identifier: Apache-2.0
// Exhaustive search over parallel plans for one model on one cluster: every combination of TP, CP,
// PP, DP, EP, VP, micro-batch, recomputation and ZeRO stage that divides the model and the cluster, a
// cheap memory check first, then the full step-time model; the fastest plans are kept. On a fixed
// cluster, cost and energy per token are proportional to step time, so one ranking serves all three.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "chipgap/perf/training_model.hpp"

namespace chipgap::perf {

// What the search may not change. Unset degrees are searched; the rest of `base` (batch, sequence,
// precision, schedule, software flags) is kept as given.
struct SearchSpace {
  TrainingPlan base;
  std::optional<std::int64_t> tp, pp, dp, cp, ep, vp, micro_batch;
  std::optional<Recompute> recompute;
  std::optional<int> zero;
};

struct RankedPlan {
  TrainingPlan plan;
  TrainingEstimate estimate;
};

struct SearchResult {
  std::vector<RankedPlan> best;     // fastest first, at most `top`
  std::size_t plans_evaluated = 0;  // plans that passed the divisibility rules and were costed
  std::size_t plans_feasible = 0;   // of which fit in memory
  double search_seconds = 0;
  unsigned threads = 1;
  // When nothing fits: the plan that came closest, with its reason.
  std::optional<RankedPlan> closest;
};

SearchResult search_plans(const TrainingModel& model, const SearchSpace& space, std::size_t top = 5,
                          unsigned threads = 0);

}  // namespace chipgap::perf
