// SPDX-License-Identifier: Apache-2.0
// What `match`, `compare` and `gap` share: hardware by name and the workload from its options.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

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

}  // namespace chipgap::cli
