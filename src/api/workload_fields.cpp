// SPDX-License-Identifier: Apache-2.0
#include "workload_fields.hpp"

#include "chipgap/catalog/workloads.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace chipgap::api::detail {

const std::vector<std::string> kWorkloadFields = {"workload", "model", "tokens", "seq_len", "global_batch", "precision", "serve",
                                                  "input_len", "output_len", "ttft_ms", "tpot_ms", "kv_precision"};

std::vector<std::string> with_workload(std::vector<std::string> fields) {
  fields.insert(fields.end(), kWorkloadFields.begin(), kWorkloadFields.end());
  return fields;
}

json with_named_workload(json body, const std::vector<spec::ReferenceWorkload>& workloads) {
  if (!body.contains("workload")) return body;
  if (workloads.empty()) throw ApiError(503, "unavailable", "the reference workloads (data/workloads/) are not loaded", "workload");
  const std::string name = text(body, "workload");
  const spec::ReferenceWorkload* w = catalog::find_workload(workloads, name);
  if (w == nullptr) not_found("reference workload", name, catalog::suggest_workloads(workloads, name), "workload");
  body.erase("workload");
  auto fill = [&body](const char* key, const auto& value) {
    if (value && !body.contains(key)) body[key] = value->value;
  };
  if (!body.contains("model")) body["model"] = w->model.value;
  if (!body.contains("precision")) body["precision"] = w->precision.value;
  // As --workload: a serving workload cannot be run as training, nor the other way round.
  const bool serving = w->kind == spec::WorkloadKind::Serving;
  if (!body.contains("serve")) body["serve"] = serving;
  if (flag(body, "serve") != serving) {
    throw ApiError(422, "invalid", "'" + w->name + "' is a " + std::string(spec::kWorkloadKindNames[static_cast<int>(w->kind)]) +
                                       " workload", "serve");
  }
  fill("tokens", w->tokens);
  fill("seq_len", w->seq_len);
  fill("global_batch", w->global_batch);
  fill("input_len", w->input_len);
  fill("output_len", w->output_len);
  fill("ttft_ms", w->ttft_ms);
  fill("tpot_ms", w->tpot_ms);
  fill("kv_precision", w->kv_precision);
  return body;
}

void require_performance_data(const perf::EfficiencyTable& efficiency) {
  if (efficiency.families().empty()) throw ApiError(503, "unavailable", "the performance data is not loaded", "");
}

compare::Hardware hardware_named(const catalog::Catalog& catalog, const std::string& name, const std::string& where) {
  if (name.empty()) throw ApiError(422, "invalid", "missing field '" + where + "' (a chip or system)", where);
  if (auto hardware = compare::find_hardware(catalog, name)) return *hardware;
  ApiError e(404, "not_found", "no chip or system '" + name + "' in the catalog", where);
  e.suggestions = compare::suggest_hardware(catalog, name);
  throw e;
}

const spec::ModelArch& model_of(const catalog::Catalog& catalog, const json& body) {
  const std::string name = body.contains("model") ? text(body, "model") : "llama3-405b";
  const spec::ModelArch* model = catalog.find_model(name);
  if (model == nullptr) not_found("model", name, catalog.suggest_models(name), "model");
  return *model;
}

compare::TrainingWorkload training_workload(const spec::ModelArch& model, const json& body) {
  compare::TrainingWorkload w;
  w.model = &model;
  w.tokens = number(body, "tokens", 1, 1e18).value_or(15.6e12);
  w.seq_len = count(body, "seq_len", 1, perf::kMaxSeqLen).value_or(8192);
  if (model.max_seq_len && w.seq_len > *model.max_seq_len) {
    throw ApiError(422, "invalid", "'seq_len' exceeds " + model.name + "'s " + std::to_string(*model.max_seq_len), "seq_len");
  }
  w.global_batch = count(body, "global_batch", 1, perf::kMaxGlobalBatch).value_or(2048);
  w.precision = word(body, "precision", perf::kTrainPrecisionNames, perf::TrainPrecision::Bf16);
  return w;
}

compare::ServingWorkload serving_workload(const spec::ModelArch& model, const json& body) {
  compare::ServingWorkload s;
  s.model = &model;
  const std::int64_t input = count(body, "input_len", 1, perf::kMaxSeqLen).value_or(4096);
  const std::int64_t output = count(body, "output_len", 1, perf::kMaxSeqLen).value_or(1024);
  if (model.max_seq_len && input + output > *model.max_seq_len) {
    throw ApiError(422, "invalid", "a context of " + std::to_string(input + output) + " tokens exceeds " + model.name + "'s " +
                                       std::to_string(*model.max_seq_len), "input_len");
  }
  s.requests.input_len = static_cast<double>(input);
  s.requests.output_len = static_cast<double>(output);
  if (auto ms = number(body, "ttft_ms", 0.001, 1e9)) s.requests.ttft_s = *ms / 1e3;
  if (auto ms = number(body, "tpot_ms", 0.001, 1e9)) s.requests.tpot_s = *ms / 1e3;
  s.base.precision = word(body, "precision", perf::kWeightPrecisionNames, perf::WeightPrecision::Bf16);
  s.base.kv_precision = word(body, "kv_precision", perf::kKvPrecisionNames, perf::KvPrecision::Bf16);
  return s;
}

// A GET's query parameters as a body: numbers where they parse as numbers, "true"/"false" as flags.
json query_as_body(const Request& request) {
  json body = json::object();
  for (const auto& [key, value] : request.query) {
    if (value == "true" || value == "false") {
      body[key] = value == "true";
      continue;
    }
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    const bool numeric = !value.empty() && end == value.c_str() + value.size() && std::isfinite(number);
    if (numeric && number == static_cast<double>(static_cast<std::int64_t>(number)) && std::abs(number) < 9e15) {
      body[key] = static_cast<std::int64_t>(number);
    } else if (numeric) {
      body[key] = number;
    } else {
      body[key] = value;
    }
  }
  return body;
}

Date date_field(const json& body, const char* key, Date fallback) {
  const std::string value = text(body, key);
  if (value.empty()) return fallback;
  auto date = Date::parse(value);
  if (!date) throw ApiError(422, "invalid", "'" + value + "' is not a date; write YYYY-MM-DD", key);
  return *date;
}

std::vector<std::string> regimes_of(const json& body) {
  std::vector<std::string> out;
  if (!body.contains("regime")) return out;
  const auto& regime = body["regime"];
  if (regime.is_string()) return {regime.get<std::string>()};
  if (!regime.is_array() || !std::all_of(regime.begin(), regime.end(), [](const json& r) { return r.is_string(); })) {
    throw ApiError(422, "invalid", "'regime' must be a rule id or a list of them", "regime");
  }
  for (const auto& r : regime) out.push_back(r.get<std::string>());
  return out;
}

Basis basis_of(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const json& body) {
  Basis b;
  for (const auto& key : kWorkloadFields) b.workload |= body.contains(key);
  if (!b.workload) {
    if (body.contains("count")) throw ApiError(422, "invalid", "'count' applies to a workload basis (give 'model')", "count");
    return b;
  }
  require_performance_data(efficiency);
  const spec::ModelArch& model = model_of(catalog, body);
  const bool serve = flag(body, "serve");
  const std::int64_t chips = count(body, "count", 1, 1'000'000).value_or(serve ? 64 : 1024);
  if (serve) {
    b.capability = compare::serving_capability(catalog, serving_workload(model, body), efficiency, chips);
    b.name = "serving";
    b.unit = "output tokens/s per chip";
  } else {
    b.capability = compare::training_capability(catalog, training_workload(model, body), efficiency, chips);
    b.name = "training";
    b.unit = "training tokens/s per chip";
  }
  return b;
}

}  // namespace chipgap::api::detail
