// SPDX-License-Identifier: Apache-2.0
// Model architecture files (docs/models.md).
#include <algorithm>
#include <set>

#include "chipgap/catalog/catalog.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

std::int64_t read_count(MapReader& map, std::string_view key, bool required, std::int64_t min, std::int64_t max) {
  auto node = required ? map.required(key) : map.optional(key);
  if (!node) return 0;
  return detail::integer_value(min, max)(map.context(), *node, map.child_path(key)).value_or(0);
}

// Reads the `model:` mapping; `require_provenance` is false for a user's own file given by path.
std::optional<spec::ModelArch> read_model(FileContext& context, MapReader& top, bool require_provenance) {
  auto node = top.required("model");
  if (!node) return std::nullopt;
  const std::size_t errors_before = context.error_count();
  MapReader map(context, *node, "model");
  if (!map.is_map()) return std::nullopt;
  spec::ModelArch model;
  model.name = detail::read_text(map, "name", true).value_or("");
  model.aliases = detail::read_text_list(map, "aliases");
  if (auto provenance = require_provenance ? map.required("provenance") : map.optional("provenance")) {
    MapReader fields(context, *provenance, "model.provenance");
    if (fields.is_map()) detail::read_provenance_fields(fields, *provenance, model.provenance);
    fields.finish();
  }
  constexpr std::int64_t kBig = 10'000'000;
  model.layers = read_count(map, "layers", true, 1, 10'000);
  model.hidden = read_count(map, "hidden", true, 1, kBig);
  model.heads = read_count(map, "heads", true, 1, 100'000);
  model.kv_heads = read_count(map, "kv_heads", true, 1, 100'000);
  model.head_dim = read_count(map, "head_dim", true, 1, 100'000);
  model.ffn_hidden = read_count(map, "ffn_hidden", true, 1, kBig);
  model.ffn = detail::read_word<spec::FfnKind>(map, "ffn", false, spec::kFfnNames).value_or(spec::FfnKind::Gelu);
  if (!map.node()["ffn"]) map.required("ffn");
  model.vocab = read_count(map, "vocab", true, 1, kBig);
  if (map.node()["max_seq_len"]) model.max_seq_len = read_count(map, "max_seq_len", false, 1, 100'000'000);
  else map.optional("max_seq_len");
  if (auto tied = map.optional("tied_embeddings")) {
    model.tied_embeddings = detail::bool_value()(context, *tied, map.child_path("tied_embeddings")).value_or(false);
  }
  model.mtp_depth = read_count(map, "mtp_depth", false, 0, 16);
  model.attention = model.kv_heads == model.heads ? spec::AttentionKind::Mha : spec::AttentionKind::Gqa;
  if (auto attention = map.optional("attention")) {
    MapReader fields(context, *attention, "model.attention");
    if (auto kind = detail::read_word<spec::AttentionKind>(fields, "type", false, spec::kAttentionNames)) model.attention = *kind;
    if (model.attention == spec::AttentionKind::Mla) {
      spec::MlaDims mla;
      mla.q_lora_rank = read_count(fields, "q_lora_rank", false, 0, kBig);
      mla.kv_lora_rank = read_count(fields, "kv_lora_rank", true, 1, kBig);
      mla.qk_rope_dim = read_count(fields, "qk_rope_dim", true, 1, kBig);
      mla.qk_nope_dim = read_count(fields, "qk_nope_dim", true, 1, kBig);
      mla.v_head_dim = read_count(fields, "v_head_dim", true, 1, kBig);
      model.mla = mla;
    }
    fields.finish();
  }
  if (auto moe = map.optional("moe")) {
    MapReader fields(context, *moe, "model.moe");
    spec::MoeSpec spec;
    spec.experts = read_count(fields, "experts", true, 1, 100'000);
    spec.top_k = read_count(fields, "top_k", true, 1, 1'000);
    spec.shared_experts = read_count(fields, "shared_experts", false, 0, 1'000);
    spec.expert_ffn_hidden = read_count(fields, "expert_ffn_hidden", true, 1, kBig);
    spec.dense_layers = read_count(fields, "dense_layers", false, 0, 10'000);
    spec.node_limit = read_count(fields, "node_limit", false, 1, 100'000);
    fields.finish();
    if (spec.top_k > spec.experts) {
      context.error(moe->Mark(), "model.moe.top_k", "top_k " + std::to_string(spec.top_k) + " exceeds the " +
                                                        std::to_string(spec.experts) + " experts");
    }
    if (spec.dense_layers > model.layers) {
      context.error(moe->Mark(), "model.moe.dense_layers", "more dense layers than layers");
    }
    model.moe = spec;
  }
  model.notes = detail::read_text_list(map, "notes");
  map.finish();
  if (model.kv_heads > 0 && model.heads % model.kv_heads != 0) {
    context.error(node->Mark(), "model.kv_heads",
                  "heads (" + std::to_string(model.heads) + ") must be a multiple of kv_heads (" +
                      std::to_string(model.kv_heads) + ")");
  }
  if (context.error_count() != errors_before) return std::nullopt;
  std::set<std::string> ids(model.provenance.sources.begin(), model.provenance.sources.end());
  model.sources = detail::sources_for(context, ids);
  model.defined_at = context.defined_at(node->Mark().line + 1, "model");
  return model;
}

}  // namespace

Result<std::vector<spec::ModelArch>> parse_models(const std::vector<DataFile>& files) {
  std::vector<Diagnostic> errors;
  std::vector<spec::ModelArch> models;
  for (const auto& file : files) {
    detail::parse_data_file(file, {"model"}, errors, [&](FileContext& context, MapReader& top) {
      if (auto model = read_model(context, top, true)) models.push_back(std::move(*model));
    });
  }
  if (!errors.empty()) return errors;
  return models;
}

Result<spec::ModelArch> parse_model_file(const DataFile& file) {
  std::vector<Diagnostic> errors;
  std::optional<spec::ModelArch> model;
  FileContext context(file.name, errors, file.catalog_path);
  auto root = detail::load_yaml(context, file);
  if (!root) return errors;
  MapReader top(context, *root, "");
  if (!top.is_map()) return errors;
  if (top.optional("sources")) detail::read_sources(top);
  model = read_model(context, top, false);
  top.finish();
  if (!errors.empty() || !model) return errors;
  return *model;
}

}  // namespace chipgap::catalog
