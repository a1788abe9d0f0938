// SPDX-License-Identifier: Apache-2.0
// The chipgap binary's performance commands as users run them: train, validate, infer and match, their
// JSON contracts, and clear errors for bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cli_testing::chipgap;
using cli_testing::CliRun;

namespace {

// ---- chipgap train / validate ----

TEST(CliTrain, ExplicitPlanJsonHasTheDocumentedFields) {
  const CliRun run = chipgap({"train", "--model", "gpt3-175b", "--system", "DGX A100", "--count", "64", "--tp", "8",
                              "--pp", "8", "--vp", "3", "--micro-batch", "1", "--global-batch", "64", "--seq-len",
                              "2048", "--recompute", "selective", "--sequence-parallel", "--tokens", "300e9",
                              "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  for (const char* key : {"step_time_s", "tokens_per_s_per_chip", "model_tflops_per_chip", "mfu", "memory_per_chip_gb",
                          "breakdown", "plan", "feasible"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["plan"]["tp"], 8);
  EXPECT_EQ(j["plan"]["dp"], 1);
  for (const char* key : {"days", "chip_hours", "energy_mwh", "cost_usd"}) EXPECT_TRUE(j["run"].contains(key)) << key;
  EXPECT_GT(j["run"]["days"].get<double>(), 0);
  EXPECT_TRUE(j["breakdown"]["tp"].contains("exposed_s"));
  EXPECT_TRUE(j["breakdown"]["tp"].contains("hidden_s"));
}

// Energy on one basis for every cluster (chips at TDP), and the system's IT power beside it only where the
// catalog has it: HGX H100 (10.2 kW per 8) against HGX H800 (power unknown) must not compare system power
// with chip power. The band brackets the central figure.
TEST(CliTrain, EnergyHasOneBasisAndTheBandBracketsTheAnswer) {
  auto run_on = [](const char* system) {
    const CliRun run = chipgap({"train", "--model", "llama3-70b", "--system", system, "--count", "64", "--tp", "8", "--pp",
                                "2", "--global-batch", "64", "--seq-len", "4096", "--sequence-parallel", "--recompute",
                                "full", "--tokens", "1e12", "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out);
  };
  const auto h100 = run_on("HGX H100"), h800 = run_on("HGX H800"), h20 = run_on("HGX H20");
  for (const auto* j : {&h100, &h800, &h20}) {
    EXPECT_EQ((*j)["run"]["power_basis"], "chip_tdp");
    EXPECT_LT((*j)["band"]["slow"]["tokens_per_s_per_chip"].get<double>(), (*j)["tokens_per_s_per_chip"].get<double>());
    EXPECT_GT((*j)["band"]["fast"]["tokens_per_s_per_chip"].get<double>(), (*j)["tokens_per_s_per_chip"].get<double>());
    EXPECT_GT((*j)["run"]["days_band"]["slow"].get<double>(), (*j)["run"]["days"].get<double>());
  }
  EXPECT_EQ(h100["run"]["power_per_chip_w"], 700);
  EXPECT_EQ(h800["run"]["power_per_chip_w"], 700);
  EXPECT_GT(h100["run"]["energy_it_mwh"].get<double>(), h100["run"]["energy_mwh"].get<double>());
  EXPECT_TRUE(h800["run"]["energy_it_mwh"].is_null());
  // 64 H20 span eight HGX boards: the catalog's scale-out bandwidth lets the run be planned.
  EXPECT_TRUE(h20["feasible"].get<bool>());
  // Hopper BF16 training is backed by published runs, none of them on an H20; a family without any run
  // is an extrapolation, and says so.
  EXPECT_EQ(h100["validation"]["status"], "validated");
  EXPECT_GT(h100["validation"]["same_chip_cases"].get<int>(), 0);
  EXPECT_EQ(h20["validation"]["status"], "validated");
  EXPECT_EQ(h20["validation"]["same_chip_cases"], 0);
  const CliRun mi300x = chipgap({"train", "--model", "llama3-70b", "--chip", "MI300X", "--count", "8", "--tp", "8",
                                 "--global-batch", "8", "--recompute", "full"});
  ASSERT_EQ(mi300x.exit_code, 0) << mi300x.err;
  EXPECT_NE(mi300x.out.find("Extrapolated        no published bf16 run of the CDNA 3 family"), std::string::npos) << mi300x.out;
}

TEST(CliTrain, SearchReportsItsEffort) {
  const CliRun run = chipgap({"train", "--model", "llama3-70b", "--system", "HGX H100", "--count", "256", "--seq-len",
                              "4096", "--global-batch", "512", "--search", "--top", "3", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["plans"].size(), 3u);
  EXPECT_GT(j["plans_evaluated"].get<double>(), 100);
  EXPECT_GE(j["search_seconds"].get<double>(), 0);
  EXPECT_GE(j["threads"].get<int>(), 1);
  EXPECT_EQ(j["plans"][0]["plan"]["chips"], 256);
}

TEST(CliTrain, BadInputsAreClearErrors) {
  CliRun run = chipgap({"train", "--model", "llama-405b", "--chip", "h100", "--count", "8"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("unknown model 'llama-405b'; did you mean"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("'Llama 3 405B'"), std::string::npos) << run.err;

  run = chipgap({"train", "--model", "llama3-70b", "--chip", "h100", "--count", "0"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--count: Value 0 not in range 1 to 100000000"), std::string::npos) << run.err;

  run = chipgap({"train", "--model", "llama3-70b", "--system", "HGX H100", "--count", "64", "--tp", "3"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("TP 3 x PP 1 x CP 1 = 3 does not divide the 64 chips"), std::string::npos) << run.err;

  run = chipgap({"train", "--model", "gpt3-175b", "--system", "HGX H100", "--count", "64", "--tp", "64"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("impossible plan: TP 64 does not divide the model's 96 attention heads"), std::string::npos) << run.err;

  run = chipgap({"train", "--model", "llama3-70b", "--chip", "h20", "--count", "64"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("give one with --scale-out"), std::string::npos) << run.err;

  // Options that only mean something together are refused apart, not ignored.
  run = chipgap({"train", "--model", "llama3-70b", "--system", "HGX H100", "--count", "64", "--tp", "8", "--fp32-sharded-weights"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("FP32-only sharded weights (FSDP2) need ZeRO-3, not ZeRO-1"), std::string::npos) << run.err;
  run = chipgap({"train", "--model", "llama3-70b", "--system", "HGX H100", "--count", "64", "--tp", "8", "--balanced-routing"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("balanced routing needs a mixture-of-experts model"), std::string::npos) << run.err;

  run = chipgap({"train", "--model", "llama3-70b", "--chip", "h100", "--count", "8", "--precision", "fp4"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--precision must be one of bf16, fp8, not 'fp4'"), std::string::npos) << run.err;
}

TEST(CliTrain, APlanThatDoesNotFitIsReportedNotRefused) {
  const CliRun run = chipgap({"train", "--model", "llama3-405b", "--system", "HGX H100", "--tp", "8", "--seq-len",
                              "8192", "--global-batch", "8", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_FALSE(j["feasible"].get<bool>());
  EXPECT_NE(j["reason"].get<std::string>().find("GB per chip, has 80.0"), std::string::npos);
}

TEST(CliTrain, AModelFileByPath) {
  const auto path = std::filesystem::temp_directory_path() / ("chipgap_model_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "model:\n  name: Tiny\n  layers: 4\n  hidden: 1024\n  heads: 8\n  kv_heads: 8\n"
                         "  head_dim: 128\n  ffn_hidden: 4096\n  ffn: gelu\n  vocab: 32000\n";
  const CliRun run = chipgap({"train", "--model", path.string(), "--chip", "h100", "--count", "1", "--seq-len", "2048",
                              "--global-batch", "8", "--format", "json"});
  std::filesystem::remove(path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["model"], "Tiny");
}

TEST(CliValidate, TrainingPrintsEveryCaseAndTheSummary) {
  const CliRun run = chipgap({"validate", "training"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* id : {"T11", "T12", "T13", "T14", "T16a", "T26", "T27", "T28", "T30", "T31", "T32", "T33", "T34", "T39"}) {
    EXPECT_NE(run.out.find(std::string("\n") + id + " "), std::string::npos) << id;
  }
  EXPECT_NE(run.out.find("median |error|"), std::string::npos);
}

// ---- chipgap infer ----

TEST(CliInfer, JsonHasTheDocumentedFields) {
  const CliRun run = chipgap({"infer", "--model", "llama3-70b", "--system", "HGX H100", "--tp", "8", "--precision", "fp8",
                              "--input-len", "2048", "--output-len", "512", "--tpot-ms", "30", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  for (const char* key : {"prefill_tokens_per_s_per_chip", "decode_tokens_per_s_per_chip", "output_tokens_per_s_per_chip",
                          "ttft_ms", "tpot_ms", "batch_per_chip", "memory_per_chip_gb", "breakdown", "usd_per_million_tokens",
                          "joules_per_token", "deployment"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_LE(j["tpot_ms"].get<double>(), 30.0);
  EXPECT_EQ(j["deployment"]["tp"], 8);
}

TEST(CliInfer, SearchFindsDisaggregatedAndColocatedDeployments) {
  const CliRun run = chipgap({"infer", "--model", "deepseek-v3", "--system", "HGX H800", "--count", "64", "--precision", "fp8",
                              "--input-len", "2048", "--output-len", "512", "--tpot-ms", "50", "--search", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_FALSE(j["disaggregated"].is_null());
  EXPECT_GT(j["disaggregated"]["prefill_chips_per_decode_chip"].get<double>(), 0);
  EXPECT_GT(j["deployments_evaluated"].get<int>(), 1);
}

TEST(CliInfer, BadInputsAreClearErrors) {
  CliRun run = chipgap({"infer", "--model", "llama3-70b", "--system", "HGX H100", "--input-len", "200000"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("exceeds Llama 3 70B's 131072"), std::string::npos) << run.err;

  run = chipgap({"infer", "--model", "deepseek-v3", "--system", "cm384", "--count", "16", "--precision", "fp8"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("Ascend 910C has no FP8 rate in the catalog"), std::string::npos) << run.err;

  run = chipgap({"infer", "--model", "llama3-70b", "--system", "HGX H100", "--tp", "8", "--batch", "100000"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("the batch does not fit: batch 100000 needs"), std::string::npos) << run.err;

  run = chipgap({"infer", "--model", "llama3-70b", "--system", "HGX H100", "--precision", "fp6"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--precision must be one of bf16, fp8, int8, int4, not 'fp6'"), std::string::npos) << run.err;

  run = chipgap({"infer", "--model", "deepseek-v3", "--system", "HGX H800", "--count", "32", "--mtp", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--mtp needs --mtp-accept"), std::string::npos) << run.err;

  run = chipgap({"infer", "--model", "deepseek-v3", "--system", "cm384", "--count", "16", "--precision", "int8",
                 "--attention-core-share", "0.6"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("partitioned attention and MoE streams need two-batch overlap"), std::string::npos) << run.err;
}

TEST(CliInfer, PartitionedStreamsAndBalancedRoutingAreShown) {
  const CliRun run = chipgap({"infer", "--model", "deepseek-v3", "--system", "cm384", "--count", "16", "--precision", "int8",
                              "--two-batch-overlap", "--attention-core-share", "0.667", "--balanced-routing", "--batch",
                              "1024", "--phase", "decode"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("two-batch overlap (attention on 67% of the units) · balanced routing"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("partitioned streams "), std::string::npos) << run.out;
}

TEST(CliValidate, InferencePrintsEveryCase) {
  const CliRun run = chipgap({"validate", "inference"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* id : {"I1", "I2-prefill", "I2-decode", "I3-decode", "I8", "I9-bs96", "I13-128-128", "I18-decode"}) {
    EXPECT_NE(run.out.find(std::string("\n") + id + " "), std::string::npos) << id;
  }
  EXPECT_NE(run.out.find("capacity checks 3 of 3 agree"), std::string::npos) << run.out;
}

// ---- chipgap match ----

TEST(CliMatch, JsonHasTheContractFields) {
  const CliRun run = chipgap({"match", "--reference", "HGX H100", "--reference-count", "256", "--candidate", "HGX H20",
                              "--model", "llama3-70b", "--tokens", "1e12", "--seq-len", "4096", "--global-batch", "1024",
                              "--pue", "1.3", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  // Facility power: the systems' IT power where known (HGX H100), else the chips' (HGX H20), times the PUE.
  EXPECT_NEAR(j["reference"]["facility_power_kw"].get<double>(), 1.3 * j["reference"]["it_power_kw"].get<double>(), 1e-6);
  EXPECT_NEAR(j["candidate"]["facility_power_kw"].get<double>(), 1.3 * j["candidate"]["power_kw"].get<double>(), 1e-6);
  for (const char* side : {"reference", "candidate"}) {
    for (const char* key : {"chip", "count", "days", "power_kw", "energy_mwh", "cost_usd"}) {
      EXPECT_TRUE(j[side].contains(key)) << side << "." << key;
    }
  }
  EXPECT_EQ(j["reference"]["chip"], "H100 SXM");
  EXPECT_EQ(j["candidate"]["chip"], "H20");
  EXPECT_TRUE(j["matched"].get<bool>());
  EXPECT_GT(j["count_ratio"].get<double>(), 1.0);
  EXPECT_GT(j["power_ratio"].get<double>(), 0.0);
  EXPECT_TRUE(j["bound"].is_string());
  EXPECT_LE(j["candidate"]["days"].get<double>(), j["reference"]["days"].get<double>() * (1 + 1e-9));
}

TEST(CliMatch, ServingJsonHasTheContractFields) {
  const CliRun run = chipgap({"match", "--serve", "--reference", "HGX H800", "--reference-count", "64", "--candidate", "HGX H20",
                              "--model", "deepseek-v3", "--precision", "fp8", "--tpot-ms", "50", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  for (const char* side : {"reference", "candidate"}) {
    for (const char* key : {"chip", "count", "output_tokens_per_s", "power_kw", "energy_mwh", "cost_usd"}) {
      EXPECT_TRUE(j[side].contains(key)) << side << "." << key;
    }
  }
  EXPECT_TRUE(j["matched"].get<bool>());
  EXPECT_GE(j["candidate"]["output_tokens_per_s"].get<double>(), j["demand_output_tokens_per_s"].get<double>());
  EXPECT_GT(j["count_ratio"].get<double>(), 1.0);
}

TEST(CliMatch, UnknownNamesFailWithSuggestionsAndAnUnreachableMatchIsAnAnswer) {
  const CliRun unknown = chipgap({"match", "--reference", "HGX H1000", "--reference-count", "8", "--candidate", "H20"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("--reference: no chip or system 'HGX H1000' in the catalog; did you mean"), std::string::npos)
      << unknown.err;
  EXPECT_TRUE(unknown.out.empty());
  const CliRun unreachable = chipgap({"match", "--reference", "HGX H100", "--reference-count", "256", "--candidate",
                                      "HGX H20", "--model", "llama3-70b", "--tokens", "1e12", "--seq-len", "4096",
                                      "--global-batch", "1024", "--max-count", "64"});
  EXPECT_EQ(unreachable.exit_code, 0) << unreachable.err;
  EXPECT_NE(unreachable.out.find("No match: no count of HGX H20 up to 64 chips"), std::string::npos) << unreachable.out;
  const CliRun bad = chipgap({"match", "--reference", "HGX H100", "--reference-count", "0", "--candidate", "H20"});
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
