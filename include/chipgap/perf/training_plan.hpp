// SPDX-License-Identifier: Apache-2.0
// Training plans (chipgap/spec/training_plan.hpp) under the performance model's names, and the plan's
// description and default batch.
#pragma once

#include <cstdint>
#include <string>

#include "chipgap/spec/training_plan.hpp"

namespace chipgap::perf {

using spec::kMaxGlobalBatch;
using spec::kMaxSeqLen;
using spec::kRecomputeNames;
using spec::kScheduleNames;
using spec::kTrainPrecisionNames;
using spec::Recompute;
using spec::Schedule;
using spec::TrainingPlan;
using spec::TrainPrecision;

std::string describe(const TrainingPlan& plan);  // "TP 8 · PP 16 · DP 64 · mbs 1 · ..."

// Sequences per step when none is given: about four million tokens, rounded to a power of two.
std::int64_t default_global_batch(std::int64_t seq_len);

}  // namespace chipgap::perf
