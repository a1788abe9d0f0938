// SPDX-License-Identifier: Apache-2.0
// `chipgap sweep` and two-way `chipgap headroom` as users run them: the JSON contracts of issue 17 and
// exit 2 with a clear message for every bad sweep.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cli_testing::chipgap;
using cli_testing::CliRun;

namespace {

TEST(CliSweep, JsonPointsCarryThresholdsFlipsAndTheBestExportableChip) {
  const CliRun run = chipgap({"sweep", "--rule", "us-ear-2023-10", "--vary", "tpp=4800:1600:-800", "--to", "CN", "--date", "2024-06-01",
                              "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j["points"].size(), 5u);
  for (const auto& p : j["points"]) {
    ASSERT_TRUE(p["thresholds"].contains("tpp"));
    ASSERT_TRUE(p["flipped"].is_array());
    for (const auto& f : p["flipped"]) {
      for (const char* key : {"chip", "before", "after"}) EXPECT_TRUE(f.contains(key)) << key;
      EXPECT_NE(f["before"], f["after"]);
    }
    ASSERT_TRUE(p["best_exportable"].contains("chip"));
    EXPECT_GT(p["best_exportable"]["value"].get<double>(), 0);
  }
  EXPECT_EQ(j["points"][0]["thresholds"]["tpp"], 4800.0);
  EXPECT_TRUE(j["points"][0]["flipped"].empty());  // the rule as it stands
  EXPECT_FALSE(j["points"][4]["flipped"].empty());
  EXPECT_EQ(j["axes"][0]["baseline"], 4800.0);
}

TEST(CliSweep, AScenarioAddsChinasComputeWithItsBand) {
  const CliRun run = chipgap({"sweep", "--rule", "us-ear-2023-10", "--vary", "tpp=4800:1600:-3200", "--date", "2024-06-01", "--scenario",
                              "status-quo-2026-12", "--year", "2025", "--draws", "40", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j["points"].size(), 2u);
  for (const auto& p : j["points"]) {
    const auto& c = p["china_compute"];
    EXPECT_EQ(c["year"], 2025);
    EXPECT_LE(c["p10"].get<double>(), c["p50"].get<double>());
    EXPECT_LE(c["p50"].get<double>(), c["p90"].get<double>());
  }
  // Every chip the lower line catches is one China can legally buy less of: never more compute.
  EXPECT_LE(j["points"][1]["china_compute"]["p50"].get<double>(), j["points"][0]["china_compute"]["p50"].get<double>());
}

TEST(CliSweep, BadSweepsExitTwoWithTheReason) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--rule", "us-ear-2023-1", "--vary", "tpp=4800:1600:-100"}, "did you mean 'us-ear-2023-10'"},
      {{"--rule", "us-ear-2023-10", "--vary", "tppp=4800:1600:-100"}, "did you mean 'tpp'"},
      {{"--rule", "us-ear-2023-10", "--vary", "dram_bandwidth=1:2:1"}, "it tests: tpp, performance_density"},
      {{"--rule", "us-ear-2023-10", "--vary", "tpp=1600:4800:-100"}, "inverted range"},
      {{"--rule", "us-ear-2023-10", "--vary", "tpp=1600:4800:0"}, "STEP cannot be 0"},
      {{"--rule", "us-ear-2023-10", "--vary", "tpp=4800"}, "METRIC=FROM:TO:STEP"},
      {{"--rule", "us-ear-2022-10", "--vary", "tpp=4800:1600:-100"}, "not in force on 2024-06-01"},
      {{"--rule", "us-ear-2023-10", "--vary", "tpp=4800:1600:-100", "--move", "shift"}, "--move must be one of line, scale"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> line{"sweep", "--date", "2024-06-01"};
    line.insert(line.end(), args.begin(), args.end());
    const CliRun run = chipgap(line);
    EXPECT_EQ(run.exit_code, 2) << args[3] << ": " << run.err;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
}

TEST(CliHeadroom, JsonGivesEveryStepBothWays) {
  const CliRun run = chipgap({"headroom", "H100 SXM", "--to", "CN", "--date", "2024-06-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rooms = nlohmann::json::parse(run.out)["headroom"];
  const auto& tpp = rooms[0];
  ASSERT_EQ(tpp["metric"], "tpp");
  ASSERT_EQ(tpp["down"].size(), 2u);  // under 4,800 to 3A090.b with NAC, under 2,400 out of 3A090
  EXPECT_EQ(tpp["down"][0]["threshold"], 4800.0);
  EXPECT_EQ(tpp["down"][0]["comparison"], "<");
  EXPECT_EQ(tpp["down"][0]["new_status"], "3A090.b; nac");
  EXPECT_EQ(tpp["down"][1]["threshold"], 2400.0);
  EXPECT_LT(tpp["down"][1]["change"].get<double>(), 0);
  EXPECT_TRUE(tpp["up"].empty());
}

}  // namespace

namespace {

TEST(CliDesign, JsonDesignsCarryKnobsMetricsVerdictObjectiveAndBinding) {
  const CliRun run = chipgap({"design", "--base", "H100 SXM", "--to", "CN", "--date", "2024-06-01", "--want", "none", "--objective", "serve",
                              "--knob", "compute_share=0.05:1:0.05", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_FALSE(j["designs"].empty());
  for (const auto& d : j["designs"]) {
    for (const char* key : {"knobs", "metrics", "verdict", "objective", "binding"}) EXPECT_TRUE(d.contains(key)) << key;
    for (const char* key : {"tpp", "performance_density", "dram_bandwidth_gbs", "io_bandwidth_gbs"}) EXPECT_TRUE(d["metrics"].contains(key)) << key;
    EXPECT_EQ(d["verdict"], "not classified; none");
    EXPECT_LT(d["metrics"]["tpp"].get<double>(), 2400);
  }
  EXPECT_EQ(j["knob_ranges"][0]["step"], 0.05);
  EXPECT_GT(j["unconstrained"]["objective"].get<double>(), j["designs"][0]["objective"].get<double>());
  EXPECT_EQ(j["workload"]["model"], "Llama 3 70B");  // the llama3-70b-chat reference workload by default
}

TEST(CliDesign, BadDesignsExitTwoAndAnImpossibleTargetIsAnAnswer) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--knob", "compute_share=0.1:1.5:0.1"}, "outside its bounds"},
      {{"--knob", "compute_shar=0.1:1:0.1"}, "did you mean 'compute_share'"},
      {{"--knob", "compute_share=1:0.1:0.1"}, "inverted range"},
      {{"--want", "license"}, "--want must be one of none, nac, case_by_case"},
      {{"--objective", "fly"}, "--objective must be serve or train"},
      {{"--knob", "compute_share=0.5", "--knob", "compute_share=0.6"}, "--knob: compute_share is given twice"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> line{"design", "--base", "H100 SXM", "--date", "2024-06-01"};
    line.insert(line.end(), args.begin(), args.end());
    const CliRun run = chipgap(line);
    EXPECT_EQ(run.exit_code, 2) << args[1] << ": " << run.err;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
  }
  const CliRun none = chipgap({"design", "--base", "H100 SXM", "--date", "2024-06-01", "--knob", "compute_share=0.9:1:0.1", "--format", "json"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  const auto j = nlohmann::json::parse(none.out);
  EXPECT_TRUE(j["designs"].empty());
  EXPECT_NE(j["reason"].get<std::string>().find("none of the"), std::string::npos);
}

}  // namespace
