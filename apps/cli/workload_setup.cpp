// SPDX-License-Identifier: Apache-2.0
#include "workload_setup.hpp"

#include <fmt/format.h>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "perf_setup.hpp"

namespace chipgap::cli {

compare::Hardware resolve_hardware(const catalog::Catalog& catalog, const std::string& name, const char* option) {
  if (const auto* system = catalog.find_system(name)) return {&catalog.chip_of(*system), system};
  if (const auto* chip = catalog.find_accelerator(name)) return {chip, nullptr};
  std::vector<std::string> suggestions = catalog.suggest_systems(name);
  for (auto& s : catalog.suggest_accelerators(name)) suggestions.push_back(std::move(s));
  const std::string hint = did_you_mean(suggestions);
  throw CommandError(fmt::format("{}: no chip or system '{}' in the catalog{}", option, name, hint.empty() ? "" : "; " + hint),
                     kExitNotFound);
}

compare::TrainingWorkload training_workload(const spec::ModelArch& model, const WorkloadRequest& r) {
  if (model.max_seq_len && r.seq_len > *model.max_seq_len) {
    throw CommandError(fmt::format("--seq-len {} exceeds {}'s {}", r.seq_len, model.name, *model.max_seq_len), kExitUsage);
  }
  compare::TrainingWorkload w;
  w.model = &model;
  w.tokens = r.tokens;
  w.seq_len = r.seq_len;
  w.global_batch = r.global_batch;
  w.precision = parse_word<perf::TrainPrecision>(r.precision, perf::kTrainPrecisionNames, "--precision");
  return w;
}

compare::ServingWorkload serving_workload(const spec::ModelArch& model, const WorkloadRequest& r) {
  if (model.max_seq_len && r.input_len + r.output_len > *model.max_seq_len) {
    throw CommandError(fmt::format("a context of {} tokens exceeds {}'s {}", r.input_len + r.output_len, model.name, *model.max_seq_len),
                       kExitUsage);
  }
  compare::ServingWorkload w;
  w.model = &model;
  w.requests.input_len = static_cast<double>(r.input_len);
  w.requests.output_len = static_cast<double>(r.output_len);
  if (r.ttft_ms) w.requests.ttft_s = *r.ttft_ms / 1e3;
  if (r.tpot_ms) w.requests.tpot_s = *r.tpot_ms / 1e3;
  w.base.precision = parse_word<perf::WeightPrecision>(r.precision, perf::kWeightPrecisionNames, "--precision");
  w.base.kv_precision = parse_word<perf::KvPrecision>(r.kv_precision, perf::kKvPrecisionNames, "--kv-precision");
  return w;
}

std::string workload_text(const spec::ModelArch& model, const WorkloadRequest& r) {
  if (!r.serve) {
    return fmt::format("{}, {} tokens, sequence {}, global batch {}, {}", model.name, format_number(r.tokens, 0), r.seq_len,
                       r.global_batch, r.precision);
  }
  return fmt::format("{} serving, {} in / {} out tokens{}{}, {}", model.name, r.input_len, r.output_len,
                     r.ttft_ms ? fmt::format(", TTFT ≤ {:g} ms", *r.ttft_ms) : "",
                     r.tpot_ms ? fmt::format(", TPOT ≤ {:g} ms", *r.tpot_ms) : "", r.precision);
}

nlohmann::json workload_json(const spec::ModelArch& model, const WorkloadRequest& r) {
  if (!r.serve) {
    return {{"model", model.name}, {"tokens", r.tokens}, {"seq_len", r.seq_len}, {"global_batch", r.global_batch},
            {"precision", r.precision}};
  }
  return {{"model", model.name},
          {"input_len", r.input_len},
          {"output_len", r.output_len},
          {"ttft_ms", r.ttft_ms ? nlohmann::json(*r.ttft_ms) : nlohmann::json(nullptr)},
          {"tpot_ms", r.tpot_ms ? nlohmann::json(*r.tpot_ms) : nlohmann::json(nullptr)},
          {"precision", r.precision}};
}

}  // namespace chipgap::cli
