// SPDX-License-Identifier: Apache-2.0
#include "workload_setup.hpp"

#include <fmt/format.h>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "perf_setup.hpp"
#include "table.hpp"

namespace chipgap::cli {

compare::Hardware resolve_hardware(const catalog::Catalog& catalog, const std::string& name, const char* option) {
  if (auto hardware = compare::find_hardware(catalog, name)) return *hardware;
  const std::string hint = did_you_mean(compare::suggest_hardware(catalog, name));
  throw CommandError(fmt::format("{}: no chip or system '{}' in the catalog{}", option, name, hint.empty() ? "" : "; " + hint),
                     kExitNotFound);
}

namespace {

std::vector<spec::ReferenceWorkload> load_workloads_or_throw(const catalog::Catalog& catalog, const std::string& data_dir) {
  auto workloads = catalog::load_workloads(data_dir, catalog);
  if (!workloads) throw CommandError("the reference workloads have errors:\n" + to_string(workloads.errors()), kExitBadData);
  return std::move(workloads).value();
}

// Options of the other kind of workload would be ignored silently: refuse them.
void check_options_fit(const WorkloadRequest& r) {
  static const std::vector<const char*> training_only = {"--tokens", "--seq-len", "--global-batch"};
  static const std::vector<const char*> serving_only = {"--input-len", "--output-len", "--ttft-ms", "--tpot-ms", "--kv-precision"};
  for (const char* option : r.serve ? training_only : serving_only) {
    if (r.given.count(option) > 0) {
      throw CommandError(fmt::format("{} applies to a {} workload, and this one is a {} workload", option,
                                     r.serve ? "training" : "serving", r.serve ? "serving" : "training"),
                         kExitUsage);
    }
  }
}

}  // namespace

WorkloadRequest with_named_workload(const catalog::Catalog& catalog, const std::string& data_dir, WorkloadRequest r) {
  if (r.named.empty()) {
    check_options_fit(r);
    return r;
  }
  const auto workloads = load_workloads_or_throw(catalog, data_dir);
  const spec::ReferenceWorkload* w = catalog::find_workload(workloads, r.named);
  if (w == nullptr) {
    const std::string hint = did_you_mean(catalog::suggest_workloads(workloads, r.named));
    throw CommandError(fmt::format("--workload: no reference workload '{}'{}; 'chipgap workloads' lists them", r.named,
                                   hint.empty() ? "" : "; " + hint),
                       kExitNotFound);
  }
  auto take = [&](const char* option, auto& field, const auto& value) {
    if (value && r.given.count(option) == 0) field = value->value;
  };
  const bool serving = w->kind == spec::WorkloadKind::Serving;
  if (r.given.count("--serve") == 0) r.serve = serving;
  if (r.serve != serving) {
    throw CommandError(fmt::format("--workload {} is a {} workload", w->name, spec::kWorkloadKindNames[static_cast<int>(w->kind)]),
                       kExitUsage);
  }
  if (r.given.count("--model") == 0) r.model = w->model.value;
  if (r.given.count("--precision") == 0) r.precision = w->precision.value;
  take("--tokens", r.tokens, w->tokens);
  take("--seq-len", r.seq_len, w->seq_len);
  take("--global-batch", r.global_batch, w->global_batch);
  take("--input-len", r.input_len, w->input_len);
  take("--output-len", r.output_len, w->output_len);
  take("--kv-precision", r.kv_precision, w->kv_precision);
  if (w->ttft_ms && r.given.count("--ttft-ms") == 0) r.ttft_ms = w->ttft_ms->value;
  if (w->tpot_ms && r.given.count("--tpot-ms") == 0) r.tpot_ms = w->tpot_ms->value;
  check_options_fit(r);
  return r;
}

std::string workloads_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format) {
  const auto workloads = load_workloads_or_throw(catalog, data_dir);
  auto shape = [](const spec::ReferenceWorkload& w) {
    if (w.kind == spec::WorkloadKind::Training) {
      return fmt::format("{} tokens, sequence {}, global batch {}", format_number(w.tokens->value, 0), w.seq_len->value,
                         w.global_batch->value);
    }
    return fmt::format("{} in / {} out{}{}", w.input_len->value, w.output_len->value,
                       w.ttft_ms ? fmt::format(", TTFT ≤ {:g} ms", w.ttft_ms->value) : "",
                       w.tpot_ms ? fmt::format(", TPOT ≤ {:g} ms", w.tpot_ms->value) : "");
  };
  if (format == Format::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& w : workloads) {
      std::vector<std::string> sources;
      for (const auto& s : w.sources) sources.push_back(s.url);
      out.push_back({{"name", w.name}, {"title", w.title}, {"kind", spec::kWorkloadKindNames[static_cast<int>(w.kind)]},
                     {"model", w.model.value}, {"precision", w.precision.value}, {"shape", shape(w)}, {"sources", sources}});
    }
    return out.dump(2) + '\n';
  }
  Table table({{"Name"}, {"Kind"}, {"Model"}, {"Shape"}, {"Precision"}});
  for (const auto& w : workloads) {
    table.add_row({w.name, std::string(spec::kWorkloadKindNames[static_cast<int>(w.kind)]), w.model.value, shape(w), w.precision.value});
  }
  if (format == Format::Csv) return table.to_csv();
  return table.to_text() + "\nUse one with --workload NAME in match, compare and gap; data/workloads/ gives each value's source.\n";
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
                     r.tpot_ms ? fmt::format(", TPOT ≤ {:g} ms", *r.tpot_ms) : "", r.precision) +
         (r.kv_precision != "bf16" ? ", KV " + r.kv_precision : "");
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
          {"precision", r.precision},
          {"kv_precision", r.kv_precision}};
}

std::unique_ptr<CapabilityBasis> capability_basis(const catalog::Catalog& catalog, const std::string& data_dir,
                                                  const WorkloadRequest& workload, bool workload_given, std::int64_t count) {
  auto b = std::make_unique<CapabilityBasis>();
  if (!workload_given) {
    if (count > 0) throw CommandError("--count applies to a workload basis (give --model or another workload option)", kExitUsage);
    return b;
  }
  b->model = resolve_model(catalog, workload.model);
  b->efficiency = load_efficiency_or_throw(data_dir);
  const std::int64_t chips = count > 0 ? count : (workload.serve ? 64 : 1024);
  if (workload.serve) {
    b->capability = compare::serving_capability(catalog, serving_workload(*b->model, workload), *b->efficiency, chips);
    b->basis = "serving";
    b->unit = "output tokens/s per chip";
  } else {
    b->capability = compare::training_capability(catalog, training_workload(*b->model, workload), *b->efficiency, chips);
    b->basis = "training";
    b->unit = "training tokens/s per chip";
  }
  b->text = fmt::format("{} on {} chips, whole systems ({})", b->unit, format_number(static_cast<double>(chips), 0),
                        workload_text(*b->model, workload));
  return b;
}

}  // namespace chipgap::cli
