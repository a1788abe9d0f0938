// SPDX-License-Identifier: Apache-2.0
// A named, cited workload (data/workloads/): a training run or a serving load that `match`, `compare`
// and `gap` take by name, so "Llama 3 405B as Meta trained it" is one argument, not five flags.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

enum class WorkloadKind { Training, Serving };
inline constexpr std::string_view kWorkloadKindNames[] = {"training", "serving"};

struct ReferenceWorkload {
  std::string name;
  std::vector<std::string> aliases;
  std::string title;
  WorkloadKind kind = WorkloadKind::Training;
  Sourced<std::string> model;      // a catalog model's name
  Sourced<std::string> precision;  // training: bf16 or fp8; serving: bf16, fp8, int8 or int4
  // Training: tokens, sequence length and sequences per step.
  OptionalSourced<double> tokens;
  OptionalSourced<std::int64_t> seq_len, global_batch;
  // Serving: request shape, latency targets and the KV cache's precision.
  OptionalSourced<std::int64_t> input_len, output_len;
  OptionalSourced<double> ttft_ms, tpot_ms;
  OptionalSourced<std::string> kv_precision;
  std::vector<std::string> notes;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
