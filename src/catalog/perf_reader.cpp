// SPDX-License-Identifier: Apache-2.0
// Readers for data/perf/efficiency.yaml and data/validation/training.yaml (docs/training.md).
#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "chipgap/catalog/perf_data.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

void collect_sources(const spec::Provenance& provenance, std::set<std::string>& ids) {
  ids.insert(provenance.sources.begin(), provenance.sources.end());
}

// What is not an official measurement carries its band, so that answers can show theirs.
void require_range(FileContext& context, MapReader& map, std::string_view key, const spec::Sourced<double>& value) {
  if (value.provenance.confidence == spec::Confidence::Official || value.provenance.range) return;
  const std::string_view confidence = spec::to_string(value.provenance.confidence);
  context.error(map.node()[std::string(key)].Mark(), map.child_path(key),
                fmt::format("{} {} value needs a 'range: [low, high]' giving its uncertainty", confidence == "estimate" ? "an" : "a",
                            confidence));
}

std::optional<spec::FamilyEfficiency> read_family(FileContext& context, const YAML::Node& node, const std::string& path) {
  MapReader map(context, node, path);
  if (!map.is_map()) return std::nullopt;
  const std::size_t before = context.error_count();
  spec::FamilyEfficiency f;
  f.family = detail::read_text(map, "family", false).value_or("");
  f.chip = detail::read_text(map, "chip", false).value_or("");
  if (f.family.empty() == f.chip.empty()) {
    context.error(node.Mark(), path, "give exactly one of `family` (an accelerator family, or default) and `chip` (one accelerator)");
  }
  std::set<std::string> ids;
  auto fraction = detail::number_value(0.01, 1.0);
  auto read = [&](std::string_view key, spec::Sourced<double>& out, const detail::Converter<double>& convert) {
    if (auto value = detail::read_sourced<double>(map, key, true, convert)) {
      out = *value;
      collect_sources(out.provenance, ids);
      require_range(context, map, key, out);
    }
  };
  read("gemm_bf16", f.gemm_bf16, fraction);
  read("gemm_fp8", f.gemm_fp8, fraction);
  read("gemm_half_dim", f.gemm_half_dim, detail::number_value(0, 100'000));
  read("attention", f.attention, fraction);
  read("sustained_clock", f.sustained_clock, fraction);
  read("memory", f.memory, fraction);
  read("scale_up", f.scale_up, fraction);
  read("scale_out", f.scale_out, fraction);
  read("scale_up_latency_us", f.scale_up_latency_us, detail::number_value(0, 10'000));
  read("scale_out_latency_us", f.scale_out_latency_us, detail::number_value(0, 10'000));
  map.finish();
  if (context.error_count() != before) return std::nullopt;
  f.sources = detail::sources_for(context, ids);
  f.defined_at = context.defined_at(node.Mark().line + 1, path);
  return f;
}

template <typename Enum, std::size_t N>
void read_word_into(MapReader& map, std::string_view key, Enum& out, const std::string_view (&names)[N]) {
  if (auto word = detail::read_word<Enum>(map, key, false, names)) out = *word;
}

void read_plan(FileContext& context, const YAML::Node& node, const std::string& path, spec::TrainingPlan& plan) {
  MapReader map(context, node, path);
  if (!map.is_map()) return;
  auto count = [&](std::string_view key, std::int64_t& out, bool required) {
    auto value = required ? map.required(key) : map.optional(key);
    if (!value) return;
    if (auto n = detail::integer_value(1, 100'000'000)(context, *value, map.child_path(key))) out = *n;
  };
  auto flag = [&](std::string_view key, bool& out) {
    if (auto value = map.optional(key)) {
      if (auto b = detail::bool_value()(context, *value, map.child_path(key))) out = *b;
    }
  };
  count("tp", plan.tp, false);
  count("pp", plan.pp, false);
  count("dp", plan.dp, false);
  count("cp", plan.cp, false);
  count("ep", plan.ep, false);
  count("vp", plan.vp, false);
  count("micro_batch", plan.micro_batch, true);
  count("global_batch", plan.global_batch, true);
  count("seq_len", plan.seq_len, true);
  read_word_into(map, "precision", plan.precision, spec::kTrainPrecisionNames);
  read_word_into(map, "recompute", plan.recompute, spec::kRecomputeNames);
  read_word_into(map, "schedule", plan.schedule, spec::kScheduleNames);
  flag("sequence_parallel", plan.sequence_parallel);
  flag("flash_attention", plan.flash_attention);
  flag("tp_comm_overlap", plan.tp_comm_overlap);
  flag("bf16_optimizer_moments", plan.bf16_optimizer_moments);
  flag("fp8_activation_cache", plan.fp8_activation_cache);
  flag("fp32_sharded_weights", plan.fp32_sharded_weights);
  flag("balanced_routing", plan.balanced_routing);
  if (auto zero = map.optional("zero")) {
    if (auto n = detail::integer_value(0, 3)(context, *zero, map.child_path("zero"))) plan.zero = static_cast<int>(*n);
  }
  map.finish();
}

// What every validation case has first: id, title, model, chip or system, and chip count.
template <typename Case>
void read_case_header(FileContext& context, MapReader& map, const YAML::Node& node, const std::string& path, Case& c) {
  c.id = detail::read_text(map, "id", true).value_or("");
  c.title = detail::read_text(map, "title", true).value_or("");
  c.model = detail::read_text(map, "model", true).value_or("");
  c.chip = detail::read_text(map, "chip", false).value_or("");
  c.system = detail::read_text(map, "system", false).value_or("");
  c.group = detail::read_text(map, "group", false).value_or("");
  if (c.chip.empty() == c.system.empty()) context.error(node.Mark(), path, "give exactly one of `chip` and `system`");
  if (auto count = map.required("count")) {
    c.count = detail::integer_value(1, 10'000'000)(context, *count, map.child_path("count")).value_or(0);
  }
}

// ... and last: the cited measurement and notes; false when the case had errors.
template <typename Case>
bool read_case_footer(FileContext& context, MapReader& map, const YAML::Node& node, const std::string& path,
                      std::size_t errors_before, const detail::Converter<double>& measured_range, Case& c) {
  std::set<std::string> ids;
  if (auto measured = detail::read_sourced<double>(map, "measured", true, measured_range)) {
    c.measured = *measured;
    collect_sources(c.measured.provenance, ids);
  }
  c.notes = detail::read_text_list(map, "notes");
  map.finish();
  if (context.error_count() != errors_before) return false;
  c.sources = detail::sources_for(context, ids);
  c.defined_at = context.defined_at(node.Mark().line + 1, path);
  return true;
}

std::optional<spec::TrainingCase> read_case(FileContext& context, const YAML::Node& node, const std::string& path) {
  MapReader map(context, node, path);
  if (!map.is_map()) return std::nullopt;
  const std::size_t before = context.error_count();
  spec::TrainingCase c;
  read_case_header(context, map, node, path, c);
  if (auto plan = map.required("plan")) read_plan(context, *plan, map.child_path("plan"), c.plan);
  if (map.node()["free"]) {
    const YAML::Node list = map.node()["free"];
    c.free = detail::read_text_list(map, "free");
    const std::vector<std::string> allowed(std::begin(spec::kFreeSettings), std::end(spec::kFreeSettings));
    for (std::size_t i = 0; i < c.free.size(); ++i) {
      if (std::find(allowed.begin(), allowed.end(), c.free[i]) == allowed.end()) {
        context.error(list[i].Mark(), map.child_path("free") + "[" + std::to_string(i) + "]",
                      detail::unknown_word_message("setting", list[i], allowed));
      }
    }
  } else {
    map.optional("free");
  }
  if (auto metric = detail::read_word<spec::TrainingMetric>(map, "metric", true, spec::kTrainingMetricNames)) c.metric = *metric;
  if (auto convention = detail::read_word<spec::TrainingCase::FlopConvention>(map, "flop_convention", false,
                                                                             spec::kFlopConventionNames)) {
    c.flop_convention = *convention;
  }
  if (!read_case_footer(context, map, node, path, before, detail::number_value(1e-9, 1e12), c)) return std::nullopt;
  return c;
}

void read_deployment(FileContext& context, const YAML::Node& node, const std::string& path, spec::Deployment& d) {
  MapReader map(context, node, path);
  if (!map.is_map()) return;
  auto count = [&](std::string_view key, std::int64_t& out, std::int64_t min) {
    if (auto value = map.optional(key)) {
      if (auto n = detail::integer_value(min, 10'000'000)(context, *value, map.child_path(key))) out = *n;
    }
  };
  auto number = [&](std::string_view key, double& out, double min, double max) {
    if (auto value = map.optional(key)) {
      if (auto x = detail::number_value(min, max)(context, *value, map.child_path(key))) out = *x;
    }
  };
  auto flag = [&](std::string_view key, bool& out) {
    if (auto value = map.optional(key)) {
      if (auto b = detail::bool_value()(context, *value, map.child_path(key))) out = *b;
    }
  };
  count("tp", d.tp, 1);
  count("dp", d.dp, 1);
  count("ep", d.ep, 1);
  count("mtp", d.mtp, 0);
  read_word_into(map, "precision", d.precision, spec::kWeightPrecisionNames);
  read_word_into(map, "kv_precision", d.kv_precision, spec::kKvPrecisionNames);
  number("mtp_accept", d.mtp_accept, 0, 1);
  flag("grouped_kv_reads", d.grouped_kv_reads);
  flag("fp8_attention", d.fp8_attention);
  flag("two_batch_overlap", d.two_batch_overlap);
  number("attention_core_share", d.attention_core_share, 0.01, 0.99);
  flag("balanced_routing", d.balanced_routing);
  number("expert_imbalance", d.expert_imbalance, 1, 100);
  map.finish();
}

void read_workload(FileContext& context, const YAML::Node& node, const std::string& path, spec::Workload& w) {
  MapReader map(context, node, path);
  if (!map.is_map()) return;
  auto number = [&](std::string_view key, bool required) -> std::optional<double> {
    auto value = required ? map.required(key) : map.optional(key);
    if (!value) return std::nullopt;
    return detail::number_value(1e-6, 1e9)(context, *value, map.child_path(key));
  };
  w.input_len = number("input_len", true).value_or(1);
  w.output_len = number("output_len", true).value_or(1);
  w.batch = number("batch", false);
  w.prefill_tokens_per_chip = number("prefill_tokens_per_chip", false);
  w.context = number("context", false);
  if (auto ms = number("ttft_ms", false)) w.ttft_s = *ms / 1e3;
  if (auto ms = number("tpot_ms", false)) w.tpot_s = *ms / 1e3;
  read_word_into(map, "phase", w.phase, spec::kPhaseNames);
  read_word_into(map, "batching", w.batching, spec::kBatchingNames);
  map.finish();
}

std::optional<spec::InferenceCase> read_inference_case(FileContext& context, const YAML::Node& node, const std::string& path) {
  MapReader map(context, node, path);
  if (!map.is_map()) return std::nullopt;
  const std::size_t before = context.error_count();
  spec::InferenceCase c;
  read_case_header(context, map, node, path, c);
  if (auto d = map.required("deployment")) read_deployment(context, *d, map.child_path("deployment"), c.deployment);
  if (auto w = map.required("workload")) read_workload(context, *w, map.child_path("workload"), c.workload);
  if (auto metric = detail::read_word<spec::InferenceMetric>(map, "metric", true, spec::kInferenceMetricNames)) c.metric = *metric;
  // Capacity checks measure 0 (does not fit) or 1.
  if (!read_case_footer(context, map, node, path, before, detail::number_value(0, 1e12), c)) return std::nullopt;
  return c;
}

// Reads a list under `key`, one entry at a time, reporting a non-list.
template <typename T, typename ReadEntry>
std::vector<T> read_list(FileContext& context, MapReader& top, std::string_view key, ReadEntry read_entry) {
  std::vector<T> out;
  auto list = top.required(key);
  if (!list) return out;
  if (!list->IsSequence()) {
    context.error(list->Mark(), std::string(key), "expected a list, got " + detail::describe_node(*list));
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (auto entry = read_entry(context, (*list)[i], std::string(key) + "[" + std::to_string(i) + "]")) {
      out.push_back(std::move(*entry));
    }
  }
  return out;
}

Result<std::vector<DataFile>> read_one(const std::filesystem::path& path) {
  std::vector<Diagnostic> errors;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::vector<Diagnostic>{{path.string(), 0, 0, "", "file not found"}};
  auto files = detail::read_data_files({path}, errors);
  if (!errors.empty()) return errors;
  return files;
}

}  // namespace

Result<spec::EfficiencyTable> parse_efficiency(const DataFile& file) {
  std::vector<Diagnostic> errors;
  std::vector<spec::FamilyEfficiency> families;
  std::optional<spec::FacilityOverhead> facility;
  detail::parse_data_file(file, {"families"}, errors, [&](FileContext& context, MapReader& top) {
    families = read_list<spec::FamilyEfficiency>(context, top, "families", read_family);
    // Optional: without it, facility power appears only where the user states a PUE.
    if (auto node = top.optional("facility")) {
      MapReader map(context, *node, "facility");
      if (map.is_map()) {
        if (auto pue = detail::read_sourced<double>(map, "pue", true, detail::number_value(1.0, 3.0))) {
          const std::size_t before = context.error_count();
          require_range(context, map, "pue", *pue);
          std::set<std::string> ids;
          collect_sources(pue->provenance, ids);
          if (context.error_count() == before) facility = spec::FacilityOverhead{*pue, detail::sources_for(context, ids)};
        }
        map.finish();
      }
    }
    std::set<std::string> seen;
    for (const auto& f : families) {
      const bool by_chip = !f.chip.empty();
      if (!seen.insert((by_chip ? "chip:" : "family:") + (by_chip ? f.chip : f.family)).second) {
        errors.push_back({file.name, f.defined_at.line, 0, f.defined_at.key_path + (by_chip ? ".chip" : ".family"),
                          (by_chip ? "chip '" + f.chip : "family '" + f.family) + "' appears twice"});
      }
    }
  });
  if (!errors.empty()) return errors;
  return spec::EfficiencyTable(std::move(families), std::move(facility));
}

Result<spec::EfficiencyTable> load_efficiency(const std::filesystem::path& root) {
  auto files = read_one(root / "perf" / "efficiency.yaml");
  if (!files) return files.errors();
  return parse_efficiency(files->front());
}

namespace {

// A validation file: a `cases:` list whose ids are unique.
template <typename Case, typename ReadCase>
Result<std::vector<Case>> parse_cases(const DataFile& file, ReadCase read_entry) {
  std::vector<Diagnostic> errors;
  std::vector<Case> cases;
  detail::parse_data_file(file, {"cases"}, errors, [&](FileContext& context, MapReader& top) {
    cases = read_list<Case>(context, top, "cases", read_entry);
    std::set<std::string> seen;
    for (const auto& c : cases) {
      if (!seen.insert(c.id).second) {
        errors.push_back({file.name, c.defined_at.line, 0, c.defined_at.key_path + ".id", "case '" + c.id + "' appears twice"});
      }
    }
  });
  if (!errors.empty()) return errors;
  return cases;
}

}  // namespace

Result<std::vector<spec::TrainingCase>> parse_training_cases(const DataFile& file) {
  return parse_cases<spec::TrainingCase>(file, read_case);
}

Result<std::vector<spec::TrainingCase>> load_training_cases(const std::filesystem::path& root) {
  auto files = read_one(root / "validation" / "training.yaml");
  if (!files) return files.errors();
  return parse_training_cases(files->front());
}

Result<std::vector<spec::InferenceCase>> parse_inference_cases(const DataFile& file) {
  return parse_cases<spec::InferenceCase>(file, read_inference_case);
}

Result<std::vector<spec::InferenceCase>> load_inference_cases(const std::filesystem::path& root) {
  auto files = read_one(root / "validation" / "inference.yaml");
  if (!files) return files.errors();
  return parse_inference_cases(files->front());
}

}  // namespace chipgap::catalog
