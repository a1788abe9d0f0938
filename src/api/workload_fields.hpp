// SPDX-License-Identifier: Apache-2.0
// Private to the API module: the fields that name hardware, a model and a workload, shared by the
// comparison and policy endpoints; each bad field a located 4xx.
#pragma once

#include <string>
#include <vector>

#include "body_fields.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/perf/efficiency.hpp"
#include "chipgap/spec/reference_workload.hpp"

namespace chipgap::api::detail {

// workload, model, tokens, seq_len, global_batch, precision, serve, input_len, output_len, ttft_ms, tpot_ms,
// kv_precision
extern const std::vector<std::string> kWorkloadFields;
std::vector<std::string> with_workload(std::vector<std::string> fields);

// `body` with the reference workload its `workload` field names filled in where it gives no value (as the
// CLI's --workload), and the field removed: 404 with suggestions for an unknown name, 503 when no workloads
// are loaded. Unchanged without the field.
json with_named_workload(json body, const std::vector<spec::ReferenceWorkload>& workloads);

// 503 when the performance data is not loaded.
void require_performance_data(const perf::EfficiencyTable& efficiency);
// A system by name, else a chip: 422 when empty, 404 with suggestions when unknown.
compare::Hardware hardware_named(const catalog::Catalog& catalog, const std::string& name, const std::string& where);
// `model` (default llama3-405b): 404 with suggestions when unknown.
const spec::ModelArch& model_of(const catalog::Catalog& catalog, const json& body);
compare::TrainingWorkload training_workload(const spec::ModelArch& model, const json& body);
compare::ServingWorkload serving_workload(const spec::ModelArch& model, const json& body);

// A GET's query parameters as a body: numbers where they parse as numbers, "true"/"false" as flags.
json query_as_body(const Request& request);
// A YYYY-MM-DD field, else `fallback`; 422 when it does not parse.
Date date_field(const json& body, const char* key, Date fallback);

// `regime`: a rule id or a list of them (what-if rules, as the CLI's --regime); 422 otherwise.
std::vector<std::string> regimes_of(const json& body);

// What ranks chips (GET /gap, POST /sweep): peak dense 16-bit compute, or with workload fields the
// performance engine's best plan or deployment on `count` chips (default 1,024 training, 64 serving).
struct Basis {
  std::string name = "peak", unit = "dense 16-bit TFLOP/s per chip";
  compare::CapabilityOf capability = compare::peak_16bit_capability;
  bool workload = false;
};
Basis basis_of(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const json& body);

}  // namespace chipgap::api::detail
