// SPDX-License-Identifier: Apache-2.0
// Reference workloads load strictly: the fields of their kind, a precision that suits it, a model the
// catalog has (with a suggestion when it has not), unique names; every error located.
#include <gtest/gtest.h>

#include "chipgap/catalog/workloads.hpp"

namespace chipgap::catalog {
namespace {

const Catalog& catalog_with_one_model() {
  static const Catalog catalog = [] {
    auto models = parse_models({{"m.yaml",
                                 "sources:\n  s: {title: T, url: https://example.com}\n"
                                 "model:\n  name: Tiny 1B\n  aliases: [tiny-1b]\n"
                                 "  provenance: {source: s, confidence: official}\n"
                                 "  layers: 2\n  hidden: 64\n  heads: 4\n  kv_heads: 4\n  head_dim: 16\n  ffn_hidden: 128\n"
                                 "  ffn: swiglu\n  vocab: 1000\n  max_seq_len: 4096\n  tied_embeddings: false\n"
                                 "  attention:\n    type: gqa\n"}});
    if (!models) throw std::runtime_error(to_string(models.errors()));
    auto c = Catalog::assemble({}, {}, std::move(models).value());
    if (!c) throw std::runtime_error(to_string(c.errors()));
    return std::move(c).value();
  }();
  return catalog;
}

std::string file_with(const std::string& entry) {
  return "sources:\n  s: {title: T, url: https://example.com}\nworkloads:\n" + entry;
}

const std::string kTraining =
    "  - name: tiny-run\n    title: A run\n    kind: training\n"
    "    model: {value: tiny-1b, source: s, confidence: official}\n"
    "    tokens: {value: 1e9, source: s, confidence: official}\n"
    "    seq_len: {value: 2048, source: s, confidence: official}\n"
    "    global_batch: {value: 64, source: s, confidence: official}\n"
    "    precision: {value: bf16, source: s, confidence: official}\n";

std::string errors(const std::string& text) {
  auto result = parse_workloads({{"w.yaml", text}}, catalog_with_one_model());
  return result ? "" : to_string(result.errors());
}

TEST(WorkloadReader, ATrainingWorkloadLoadsAndIsFoundByName) {
  auto result = parse_workloads({{"w.yaml", file_with(kTraining)}}, catalog_with_one_model());
  ASSERT_TRUE(result) << to_string(result.errors());
  ASSERT_EQ(result->size(), 1u);
  const auto* w = find_workload(*result, "Tiny Run");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->kind, spec::WorkloadKind::Training);
  EXPECT_EQ(w->global_batch->value, 64);
  EXPECT_EQ(w->sources.size(), 1u);
  EXPECT_EQ(suggest_workloads(*result, "tiny-rnu").front(), "tiny-run");
}

TEST(WorkloadReader, AnUnknownModelIsLocatedWithASuggestion) {
  std::string text = kTraining;
  text.replace(text.find("tiny-1b"), 7, "tiny-1c");
  EXPECT_NE(errors(file_with(text)).find("w.yaml:7:12: workloads[0].model: no model 'tiny-1c' in the catalog; did you mean 'Tiny 1B'?"),
            std::string::npos) << errors(file_with(text));
}

TEST(WorkloadReader, FieldsAndPrecisionsMustSuitTheKind) {
  std::string serving = kTraining;
  serving.replace(serving.find("kind: training"), 14, "kind: serving");
  const std::string e = errors(file_with(serving));
  EXPECT_NE(e.find("workloads[0].input_len"), std::string::npos) << e;  // required for serving
  EXPECT_NE(e.find("tokens"), std::string::npos) << e;                  // a training field is unknown here
  std::string int4 = kTraining;
  int4.replace(int4.find("value: bf16"), 11, "value: int4");
  EXPECT_NE(errors(file_with(int4)).find("workloads[0].precision"), std::string::npos) << errors(file_with(int4));
}

TEST(WorkloadReader, NamesAreUnique) {
  EXPECT_NE(errors(file_with(kTraining + kTraining)).find("the name 'tiny-run' is used by another workload"), std::string::npos);
}

}  // namespace
}  // namespace chipgap::catalog
