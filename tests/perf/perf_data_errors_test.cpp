// SPDX-License-Identifier: Apache-2.0
// Bad efficiency and validation files: each problem with file, line, column and key, nothing accepted.
#include <gtest/gtest.h>

#include "chipgap/catalog/perf_data.hpp"

namespace chipgap::catalog {
namespace {

const char* kSources = "sources:\n  s: {title: T, url: \"https://example.org\"}\n";

std::string family(const std::string& extra) {
  return std::string(kSources) +
         "families:\n"
         "  - family: Hopper\n"
         "    gemm_bf16: {value: 0.8, range: [0.75, 0.85], source: s, confidence: reported}\n"
         "    gemm_fp8: {value: 0.7, range: [0.6, 0.75], source: s, confidence: reported}\n"
         "    gemm_half_dim: {value: 64, range: [32, 128], source: s, confidence: reported}\n"
         "    attention: {value: 0.6, range: [0.5, 0.7], source: s, confidence: reported}\n"
         "    sustained_clock: {value: 0.9, range: [0.8, 1], source: s, confidence: reported}\n"
         "    memory: {value: 0.85, range: [0.8, 0.9], source: s, confidence: reported}\n"
         "    scale_up: {value: 0.8, range: [0.7, 0.85], source: s, confidence: reported}\n"
         "    scale_out: {value: 0.9, range: [0.8, 0.95], source: s, confidence: reported}\n"
         "    scale_up_latency_us: {value: 3, range: [2, 5], source: s, confidence: reported}\n"
         "    scale_out_latency_us: {value: 8, range: [5, 15], source: s, confidence: reported}\n" +
         extra;
}

TEST(EfficiencyFile, AValidFileLoads) {
  auto table = parse_efficiency({"e.yaml", family("")});
  ASSERT_TRUE(table.ok()) << to_string(table.errors());
  ASSERT_EQ(table->families().size(), 1u);
  EXPECT_DOUBLE_EQ(table->families()[0].gemm_bf16.value, 0.8);
}

TEST(EfficiencyFile, UnknownKeysAndImpossibleFractionsAreErrors) {
  auto table = parse_efficiency({"e.yaml", family("    gemm_bf61: {value: 0.8, source: s, confidence: reported}\n")});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(to_string(table.errors()), "e.yaml:15:5: families[0].gemm_bf61: unknown key; did you mean 'gemm_bf16'?\n");
  std::string text = family("");
  text.replace(text.find("value: 0.8,"), 11, "value: 1.8,");
  table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(to_string(table.errors()),
            "e.yaml:5:24: families[0].gemm_bf16.value: value 1.8 is outside the plausible range 0.01 to 1\n");
}

TEST(EfficiencyFile, AnEntryIsForAFamilyOrForOneChip) {
  std::string text = family("");
  text.replace(text.find("  - family: Hopper\n"), 18, "  - family: Hopper\n    chip: H20\n");
  auto table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(to_string(table.errors()).find("give exactly one of `family`"), std::string::npos) << to_string(table.errors());
  text = family("");
  text.replace(text.find("  - family: Hopper\n"), 18, "  - chip: H20\n");
  table = parse_efficiency({"e.yaml", text});
  ASSERT_TRUE(table.ok()) << to_string(table.errors());
  EXPECT_EQ(table->families()[0].chip, "H20");
}

TEST(EfficiencyFile, EstimatesCarryARangeThatHoldsTheirValue) {
  std::string text = family("");
  text.replace(text.find("range: [0.75, 0.85], "), 21, "");
  auto table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(to_string(table.errors()),
            "e.yaml:5:16: families[0].gemm_bf16: a reported value needs a 'range: [low, high]' giving its uncertainty\n");
  text = family("");
  text.replace(text.find("[0.75, 0.85]"), 12, "[0.85, 0.9]");
  table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(to_string(table.errors()), "e.yaml:5:36: families[0].gemm_bf16.range: the range [0.85, 0.9] must contain the value 0.8\n");
  text = family("");
  text.replace(text.find("[0.75, 0.85]"), 12, "[0.75, 1.5]");
  table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(to_string(table.errors()).find("families[0].gemm_bf16.range[1]: value 1.5 is outside"), std::string::npos)
      << to_string(table.errors());
  text = family("");
  text.replace(text.find("[0.75, 0.85]"), 12, "0.75");
  table = parse_efficiency({"e.yaml", text});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(to_string(table.errors()).find("families[0].gemm_bf16.range: expected [low, high], got"), std::string::npos)
      << to_string(table.errors());
}

// The facility's default PUE is optional; when given, it is a sourced estimate with its range, within 1 to 3.
TEST(EfficiencyFile, TheFacilityDefaultPueCarriesItsRange) {
  auto table = parse_efficiency({"e.yaml", family("")});
  ASSERT_TRUE(table.ok());
  EXPECT_FALSE(table->facility().has_value());
  table = parse_efficiency({"e.yaml", family("facility:\n  pue: {value: 1.3, range: [1.1, 1.6], source: s, confidence: estimate, "
                                              "derivation: d}\n")});
  ASSERT_TRUE(table.ok()) << to_string(table.errors());
  ASSERT_TRUE(table->facility().has_value());
  EXPECT_DOUBLE_EQ(table->facility()->pue.value, 1.3);
  EXPECT_DOUBLE_EQ(table->facility()->pue.provenance.range->high, 1.6);
  EXPECT_EQ(table->facility()->sources.size(), 1u);
  table = parse_efficiency({"e.yaml", family("facility:\n  pue: {value: 1.3, source: s, confidence: estimate, derivation: d}\n")});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(to_string(table.errors()).find("facility.pue: an estimate value needs a 'range: [low, high]'"), std::string::npos)
      << to_string(table.errors());
  table = parse_efficiency({"e.yaml", family("facility:\n  pue: {value: 0.9, range: [0.8, 1.2], source: s, confidence: estimate, "
                                              "derivation: d}\n  pua: 2\n")});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(to_string(table.errors()).find("facility.pue.value: value 0.9 is outside"), std::string::npos) << to_string(table.errors());
  EXPECT_NE(to_string(table.errors()).find("facility.pua"), std::string::npos) << to_string(table.errors());
}

std::string training_case(const std::string& body) {
  return std::string(kSources) + "cases:\n  - id: X1\n    title: t\n    model: gpt3-175b\n    system: DGX A100\n" + body;
}

TEST(TrainingCases, UnknownFreeSettingsAndMetricsAreNamed) {
  auto cases = parse_training_cases({"t.yaml", training_case(
      "    count: 8\n"
      "    plan: {tp: 8, micro_batch: 1, global_batch: 8, seq_len: 2048}\n"
      "    free: [vpp]\n"
      "    metric: step_time\n"
      "    measured: {value: 1, source: s, confidence: official}\n")});
  ASSERT_FALSE(cases.ok());
  EXPECT_EQ(to_string(cases.errors()),
            "t.yaml:10:12: cases[0].free[0]: unknown setting 'vpp'; did you mean 'vp'?\n"
            "t.yaml:11:13: cases[0].metric: unknown metric 'step_time'; did you mean 'step_time_s'?\n");
}

TEST(TrainingCases, AMeasurementNeedsItsSource) {
  auto cases = parse_training_cases({"t.yaml", training_case(
      "    count: 8\n"
      "    plan: {tp: 8, micro_batch: 1, global_batch: 8, seq_len: 2048}\n"
      "    metric: step_time_s\n"
      "    measured: {value: 1}\n")});
  ASSERT_FALSE(cases.ok());
  EXPECT_NE(to_string(cases.errors()).find("cases[0].measured"), std::string::npos) << to_string(cases.errors());
}

std::string inference_case(const std::string& deployment) {
  return std::string(kSources) +
         "cases:\n  - id: Y1\n    title: t\n    model: deepseek-v3\n    system: HGX H800\n    count: 16\n"
         "    deployment: " + deployment + "\n"
         "    workload: {input_len: 1024, output_len: 1, batch: 64, phase: decode}\n"
         "    metric: decode_tokens_per_s_per_chip\n"
         "    measured: {value: 1000, source: s, confidence: official}\n";
}

TEST(InferenceCases, ScheduleSettingsAreCheckedWithTheirKeys) {
  auto cases = parse_inference_cases({"i.yaml", inference_case("{dp: 16, ep: 16, two_batch_overlap: true, attention_core_share: 1.5}")});
  ASSERT_FALSE(cases.ok());
  EXPECT_EQ(to_string(cases.errors()),
            "i.yaml:9:81: cases[0].deployment.attention_core_share: value 1.5 is outside the plausible range 0.01 to 0.99\n");
  cases = parse_inference_cases({"i.yaml", inference_case("{dp: 16, ep: 16, balanced_routin: true, expert_imbalance: 0.5}")});
  ASSERT_FALSE(cases.ok());
  EXPECT_EQ(to_string(cases.errors()),
            "i.yaml:9:34: cases[0].deployment.balanced_routin: unknown key; did you mean 'balanced_routing'?\n"
            "i.yaml:9:75: cases[0].deployment.expert_imbalance: value 0.5 is outside the plausible range 1 to 100\n");
  cases = parse_inference_cases({"i.yaml", inference_case("{dp: 16, ep: 16, balanced_routing: true}")});
  ASSERT_TRUE(cases.ok()) << to_string(cases.errors());
  EXPECT_TRUE((*cases)[0].deployment.balanced_routing);
}

}  // namespace
}  // namespace chipgap::catalog
