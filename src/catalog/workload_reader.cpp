// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <set>

#include "chipgap/catalog/workloads.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/spec/serving_setup.hpp"
#include "chipgap/spec/training_plan.hpp"
#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

constexpr std::int64_t kMaxLength = 10'000'000;  // tokens in one sequence or request

// One of `names`, as a sourced word.
template <std::size_t N>
detail::Converter<std::string> word_value(const char* what, const std::string_view (&names)[N]) {
  return [what, &names](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<std::string> {
    const std::vector<std::string> words(std::begin(names), std::end(names));
    if (node.IsScalar() && std::find(words.begin(), words.end(), node.Scalar()) != words.end()) return node.Scalar();
    context.error(node.Mark(), path, detail::unknown_word_message(what, node, words));
    return std::nullopt;
  };
}

std::optional<spec::ReferenceWorkload> read_workload(FileContext& context, const YAML::Node& node, const std::string& path,
                                                     const Catalog& catalog) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;
  spec::ReferenceWorkload w;
  detail::CitedSources cited;
  w.name = detail::read_text(entry, "name", true).value_or("");
  w.aliases = detail::read_text_list(entry, "aliases");
  w.title = detail::read_text(entry, "title", true).value_or("");
  const auto kind = detail::read_word<spec::WorkloadKind>(entry, "kind", true, spec::kWorkloadKindNames);
  auto model = detail::read_sourced(entry, "model", true, detail::text_value());
  const bool training = kind == spec::WorkloadKind::Training;
  auto precision = training ? detail::read_sourced(entry, "precision", true, word_value("precision", spec::kTrainPrecisionNames))
                            : detail::read_sourced(entry, "precision", true, word_value("precision", spec::kWeightPrecisionNames));
  const bool serving = kind == spec::WorkloadKind::Serving;
  // The fields of the other kind are refused by omission: MapReader::finish reports unknown keys.
  if (training) {
    w.tokens = detail::read_sourced(entry, "tokens", true, detail::number_value(1, 1e18));
    w.seq_len = detail::read_sourced(entry, "seq_len", true, detail::integer_value(1, kMaxLength));
    w.global_batch = detail::read_sourced(entry, "global_batch", true, detail::integer_value(1, 100'000'000));
  }
  if (serving) {
    w.input_len = detail::read_sourced(entry, "input_len", true, detail::integer_value(1, kMaxLength));
    w.output_len = detail::read_sourced(entry, "output_len", true, detail::integer_value(1, kMaxLength));
    w.ttft_ms = detail::read_sourced(entry, "ttft_ms", false, detail::number_value(0.001, 1e9));
    w.tpot_ms = detail::read_sourced(entry, "tpot_ms", false, detail::number_value(0.001, 1e9));
    w.kv_precision = detail::read_sourced(entry, "kv_precision", false, word_value("kv_precision", spec::kKvPrecisionNames));
  }
  w.notes = detail::read_text_list(entry, "notes");
  entry.finish();
  if (model && catalog.find_model(model->value) == nullptr) {
    const std::string hint = did_you_mean(catalog.suggest_models(model->value));
    context.error(node["model"].Mark(), entry.child_path("model"),
                  "no model '" + model->value + "' in the catalog" + (hint.empty() ? "" : "; " + hint));
  }
  if (context.error_count() != errors_before || !kind || !model || !precision) return std::nullopt;
  w.kind = *kind;
  w.model = *model;
  w.precision = *precision;
  cited.add(model);
  cited.add(precision);
  cited.add(w.tokens);
  cited.add(w.seq_len);
  cited.add(w.global_batch);
  cited.add(w.input_len);
  cited.add(w.output_len);
  cited.add(w.ttft_ms);
  cited.add(w.tpot_ms);
  cited.add(w.kv_precision);
  w.sources = detail::sources_for(context, cited.ids());
  w.defined_at = context.defined_at(node.Mark().line + 1, path);
  return w;
}

}  // namespace

Result<std::vector<spec::ReferenceWorkload>> parse_workloads(const std::vector<DataFile>& files, const Catalog& catalog) {
  std::vector<Diagnostic> errors;
  std::vector<spec::ReferenceWorkload> out;
  std::set<std::string> keys;
  for (const auto& file : files) {
    detail::parse_data_file(file, {"workloads"}, errors, [&](FileContext& context, MapReader& top) {
      auto list = top.required("workloads");
      if (!list) return;
      if (!list->IsSequence()) {
        context.error(list->Mark(), "workloads", "expected a list of workloads, got " + detail::describe_node(*list));
        return;
      }
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = "workloads[" + std::to_string(i) + "]";
        auto w = read_workload(context, (*list)[i], path, catalog);
        if (!w) continue;
        std::vector<std::string> names = w->aliases;
        names.push_back(w->name);
        for (const auto& name : names) {
          if (!keys.insert(normalize_name(name)).second) {
            context.error((*list)[i].Mark(), path + ".name", "the name '" + name + "' is used by another workload");
          }
        }
        out.push_back(std::move(*w));
      }
    });
  }
  if (!errors.empty()) return errors;
  return out;
}

Result<std::vector<spec::ReferenceWorkload>> load_workloads(const std::filesystem::path& root, const Catalog& catalog) {
  std::vector<Diagnostic> errors;
  const auto files = detail::read_data_files(detail::yaml_files_in(root / "workloads"), errors, root);
  if (!errors.empty()) return errors;
  return parse_workloads(files, catalog);
}

const spec::ReferenceWorkload* find_workload(const std::vector<spec::ReferenceWorkload>& workloads, std::string_view name) {
  const std::string key = normalize_name(name);
  for (const auto& w : workloads) {
    if (normalize_name(w.name) == key) return &w;
    for (const auto& alias : w.aliases) {
      if (normalize_name(alias) == key) return &w;
    }
  }
  return nullptr;
}

std::vector<std::string> suggest_workloads(const std::vector<spec::ReferenceWorkload>& workloads, std::string_view name) {
  std::vector<std::string> names;
  for (const auto& w : workloads) names.push_back(w.name);
  return closest_names(name, names, 3);
}

}  // namespace chipgap::catalog
