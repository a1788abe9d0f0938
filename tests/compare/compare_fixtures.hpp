// SPDX-License-Identifier: Apache-2.0
// What the comparison tests share: catalog systems by name and a Llama 3 70B training run small enough
// to search quickly.
#pragma once

#include <stdexcept>
#include <string>

#include "../perf/builtin_data.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap::compare::testing {

inline Hardware system_named(const std::string& name) {
  const auto* system = perf::testing::builtin().catalog.find_system(name);
  if (system == nullptr) throw std::runtime_error("no system " + name);
  return {&perf::testing::builtin().catalog.chip_of(*system), system};
}

inline TrainingWorkload llama70b() {
  TrainingWorkload w;
  w.model = perf::testing::builtin().catalog.find_model("llama3-70b");
  w.tokens = 1e12;
  w.seq_len = 4096;
  w.global_batch = 1024;
  return w;
}

}  // namespace chipgap::compare::testing
