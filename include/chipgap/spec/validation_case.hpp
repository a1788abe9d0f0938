// SPDX-License-Identifier: Apache-2.0
// Published runs the performance model is checked against (data/validation/): each case is the run's
// configuration as its source states it and one measured figure, with its citation. Plain data; the
// model gets no per-case parameter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/serving_setup.hpp"
#include "chipgap/spec/sourced.hpp"
#include "chipgap/spec/training_plan.hpp"

namespace chipgap::spec {

// What a source measured: a whole step, throughput, model FLOP rate (in the case's own FLOP
// convention, see `model_flops_per_token`), or one layer's forward + backward time.
enum class TrainingMetric { StepTime, TokensPerSecondPerChip, ModelTflopsPerChip, LayerTime };
inline constexpr std::string_view kTrainingMetricNames[] = {"step_time_s", "tokens_per_s_per_chip",
                                                            "model_tflops_per_chip", "layer_time_s"};

struct TrainingCase {
  std::string id;     // "T11"
  std::string title;
  std::string model;  // catalog name
  std::string chip;   // catalog accelerator, or empty when `system` is given
  std::string system;
  std::int64_t count = 0;
  std::string group;  // cases a source or a rival model is judged on together ("korthikanti-table5"); may be empty
  TrainingPlan plan;
  // Settings the source does not state ("vp", "recompute", "micro_batch"): the validation takes the
  // fastest value that fits in memory, as a user tuning the run would.
  std::vector<std::string> free;
  TrainingMetric metric = TrainingMetric::StepTime;
  // How the source counts model FLOPs for model_tflops_per_chip: attention over the full sequence
  // (PaLM, Megatron) or over the causal half.
  enum class FlopConvention { Full, Causal } flop_convention = FlopConvention::Full;
  Sourced<double> measured;
  std::vector<std::string> notes;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

inline constexpr std::string_view kFlopConventionNames[] = {"full", "causal"};
inline constexpr std::string_view kFreeSettings[] = {"vp", "recompute", "micro_batch"};

// Published serving results (data/validation/inference.yaml). `feasible` cases are capacity checks: the
// measured value is 1 when the deployment ran, 0 when it cannot.
enum class InferenceMetric { PrefillTokensPerSecondPerChip, DecodeTokensPerSecondPerChip, OutputTokensPerSecondPerChip, TpotMs, Feasible };
inline constexpr std::string_view kInferenceMetricNames[] = {"prefill_tokens_per_s_per_chip", "decode_tokens_per_s_per_chip",
                                                             "output_tokens_per_s_per_chip", "tpot_ms", "feasible"};

struct InferenceCase {
  std::string id;
  std::string title;
  std::string model;
  std::string chip;
  std::string system;
  std::int64_t count = 0;
  std::string group;
  Deployment deployment;
  Workload workload;
  InferenceMetric metric = InferenceMetric::DecodeTokensPerSecondPerChip;
  Sourced<double> measured;
  std::vector<std::string> notes;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
