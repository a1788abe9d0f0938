// SPDX-License-Identifier: Apache-2.0
// What `match`, `compare` and `gap` share: hardware by name and the workload from its options.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/match.hpp"
#include "commands.hpp"

namespace chipgap::cli {

// A system by name, else a chip; unknown names fail with suggestions from both.
compare::Hardware resolve_hardware(const catalog::Catalog& catalog, const std::string& name, const char* option);

// With --workload NAME: the reference workload's values for every workload option the user did not
// give (an unknown name is a not-found with suggestions; a bad workloads file is bad data).
WorkloadRequest with_named_workload(const catalog::Catalog& catalog, const std::string& data_dir, WorkloadRequest request);

// The workload against its model: a sequence or context longer than the model takes is a usage error.
compare::TrainingWorkload training_workload(const spec::ModelArch& model, const WorkloadRequest& request);
compare::ServingWorkload serving_workload(const spec::ModelArch& model, const WorkloadRequest& request);

// "llama3-405b, 15.6T tokens, sequence 8192, global batch 2048, bf16" or the serving equivalent.
std::string workload_text(const spec::ModelArch& model, const WorkloadRequest& request);
// The workload's JSON echo.
nlohmann::json workload_json(const spec::ModelArch& model, const WorkloadRequest& request);

// What a chip is worth where commands rank chips (`gap`, `sweep`): peak dense 16-bit compute, or with a
// workload the performance engine's best plan or deployment on `count` chips (0: 1,024 training, 64
// serving). The capability refers to the model and efficiency table kept here: keep the whole alive.
struct CapabilityBasis {
  std::string basis = "peak";  // peak, training, serving
  std::string unit = "dense 16-bit TFLOP/s per chip";
  std::string text = "peak dense BF16 (else FP16) TFLOP/s per chip";
  compare::CapabilityOf capability = compare::peak_16bit_capability;
  std::optional<spec::ModelArch> model;
  std::optional<perf::EfficiencyTable> efficiency;
};
// `workload_given` false: the peak basis (a count is then a usage error). The workload request should
// already have its named workload filled in (with_named_workload).
std::unique_ptr<CapabilityBasis> capability_basis(const catalog::Catalog& catalog, const std::string& data_dir,
                                                  const WorkloadRequest& workload, bool workload_given, std::int64_t count);

}  // namespace chipgap::cli
