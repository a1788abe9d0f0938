// SPDX-License-Identifier: Apache-2.0
// Parameter counts computed from the built-in architectures against the counts their authors publish
// (model cards and papers, named per case), and the FLOP conventions.
#include <gtest/gtest.h>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/perf/model_math.hpp"

namespace chipgap::perf {
namespace {

const catalog::Catalog& builtin() {
  static const auto result = catalog::load_catalog(CHIPGAP_DATA_DIR);
  if (!result.ok()) throw std::runtime_error(to_string(result.errors()));
  return result.value();
}

struct Published {
  const char* model;
  double total_billions;
  double active_billions;  // 0 for dense models
  const char* where;
  // Counting conventions differ: OpenAI's card counts the unembedding but not the input embedding as active.
  bool active_excludes_input_embedding = false;
};

class PublishedCounts : public ::testing::TestWithParam<Published> {};

void PrintTo(const Published& p, std::ostream* os) { *os << p.model; }

TEST_P(PublishedCounts, MatchWithinTwoPercent) {
  const Published& p = GetParam();
  const auto* model = builtin().find_model(p.model);
  ASSERT_NE(model, nullptr) << p.model;
  const ParameterCounts counts = count_parameters(*model);
  EXPECT_NEAR(counts.total() / 1e9, p.total_billions, p.total_billions * 0.02) << p.where;
  const double active = counts.active() - (p.active_excludes_input_embedding ? counts.embedding : 0);
  if (p.active_billions > 0) EXPECT_NEAR(active / 1e9, p.active_billions, p.active_billions * 0.03) << p.where;
}

INSTANTIATE_TEST_SUITE_P(
    Models, PublishedCounts,
    ::testing::Values(Published{"gpt3-175b", 175, 0, "Brown et al. 2020, Table 2.1"},
                      Published{"llama3-8b", 8.03, 0, "Meta Llama 3.1 model card"},
                      Published{"llama3-70b", 70.6, 0, "Meta Llama 3.1 model card"},
                      Published{"llama3-405b", 405, 0, "Llama 3 paper, Table 3"},
                      Published{"llama2-70b", 69, 0, "Llama 2 paper"},
                      Published{"deepseek-v3", 671, 37, "DeepSeek-V3 report: 671B total, 37B activated"},
                      Published{"mixtral-8x22b", 141, 39, "Mistral: 141B total, 39B active"},
                      Published{"qwen3-235b-a22b", 235, 22, "Qwen3 model card: 235B total, 22B activated"},
                      Published{"qwen3-30b-a3b", 30.5, 3.3, "Qwen3 model card: 30.5B total, 3.3B activated"},
                      Published{"gpt-oss-120b", 117, 5.13, "OpenAI gpt-oss model card: 116.8B total, 5.13B active", true},
                      Published{"nemotron-4-340b", 340, 0, "Nemotron-4 340B report"}),
    [](const ::testing::TestParamInfo<Published>& info) {
      std::string name = info.param.model;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(ForwardFlops, DenseModelIsTwiceTheParametersPlusAttention) {
  const auto* model = builtin().find_model("gpt3-175b");
  ASSERT_NE(model, nullptr);
  const auto counts = count_parameters(*model);
  const auto flops = forward_flops_per_token(*model, 2048);
  EXPECT_DOUBLE_EQ(flops.matmul, 2 * (counts.active() - counts.embedding));
  // Megatron: 4·s·h per layer for scores and values (h = heads × head_dim).
  EXPECT_DOUBLE_EQ(flops.attention, 4.0 * 2048 * 12288 * 96);
}

TEST(ForwardFlops, MoeCountsOnlyTheActiveExperts) {
  const auto* model = builtin().find_model("deepseek-v3");
  ASSERT_NE(model, nullptr);
  const auto counts = count_parameters(*model);
  EXPECT_LT(forward_flops_per_token(*model, 0).matmul, 2 * counts.active());
  EXPECT_GT(counts.mtp / 1e9, 10);  // the MTP module is about 14B (685B with it, per the release)
  EXPECT_LT(counts.mtp / 1e9, 17);
}

}  // namespace
}  // namespace chipgap::perf
