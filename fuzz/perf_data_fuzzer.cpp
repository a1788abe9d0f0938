// SPDX-License-Identifier: Apache-2.0
// The performance model's data files (include/chipgap/catalog/perf_data.hpp): every input is read as
// an efficiency table (data/perf/efficiency.yaml) and as training and inference validation sets
// (data/validation/training.yaml, inference.yaml), reference workloads (data/workloads/), scenario inputs
// and scenarios (data/scenarios/) and design knobs (data/design/), checked against the built-in catalog; each reader rejects the others'
// top-level keys early.
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const catalog::DataFile file{"perf.yaml", std::string(fuzz::text_of(data, size))};
  if (auto table = catalog::parse_efficiency(file); !table) (void)to_string(table.errors());
  if (auto cases = catalog::parse_training_cases(file); !cases) (void)to_string(cases.errors());
  if (auto cases = catalog::parse_inference_cases(file); !cases) (void)to_string(cases.errors());
  if (auto knobs = catalog::parse_design_knobs({file}); !knobs) (void)to_string(knobs.errors());
  static const auto builtin = catalog::load_catalog(CHIPGAP_DATA_DIR);
  if (builtin) {
    if (auto workloads = catalog::parse_workloads({file}, *builtin); !workloads) (void)to_string(workloads.errors());
    if (auto inputs = catalog::parse_scenario_data({file}, {}, *builtin); !inputs) (void)to_string(inputs.errors());
    if (auto scenarios = catalog::parse_scenario_data({}, {file}, *builtin); !scenarios) (void)to_string(scenarios.errors());
  }
  return 0;
}
