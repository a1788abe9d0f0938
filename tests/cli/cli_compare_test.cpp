// SPDX-License-Identifier: Apache-2.0
// `chipgap compare` and `chipgap gap` as users run them: their JSON contracts and clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cli_testing::chipgap;
using cli_testing::CliRun;

namespace {

const std::vector<std::string> kLlama70b = {"--model", "llama3-70b", "--tokens", "1e12", "--seq-len", "4096", "--global-batch", "1024"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(CliCompare, JsonRowsHaveTheContractFieldsAndTheBaselineIsOne) {
  const CliRun run = chipgap(with({"compare", "HGX H100", "HGX H800", "CloudMatrix 384", "--equal", "count", "--count", "768",
                                   "--format", "json"}, kLlama70b));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  for (const auto& row : j["rows"]) {
    for (const char* key : {"name", "count", "value", "ratio", "power_kw"}) EXPECT_TRUE(row.contains(key)) << key;
  }
  EXPECT_EQ(j["baseline"], "HGX H100");
  EXPECT_DOUBLE_EQ(j["rows"][0]["ratio"].get<double>(), 1.0);
  EXPECT_EQ(j["rows"][2]["count"].get<int>() % 384, 0);  // whole CloudMatrix systems
  EXPECT_EQ(j["equal"]["basis"], "count");
}

TEST(CliCompare, TheBaselineMayBeNamedAndTextShowsPaperBesideWorkload) {
  const CliRun run = chipgap(with({"compare", "HGX H800", "HGX H20", "--baseline", "HGX H100", "--count", "256"}, kLlama70b));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("On paper, per chip, as ratios to HGX H100"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Against HGX H100"), std::string::npos) << run.out;
}

TEST(CliCompare, BadInputIsAUsageErrorOrANotFound) {
  EXPECT_EQ(chipgap(with({"compare", "HGX H100"}, kLlama70b)).exit_code, 2);  // one name
  const CliRun no_power = chipgap(with({"compare", "HGX H100", "HGX H20", "--equal", "power"}, kLlama70b));
  EXPECT_EQ(no_power.exit_code, 2);
  EXPECT_NE(no_power.err.find("--equal power needs --power-kw"), std::string::npos) << no_power.err;
  const CliRun mixed = chipgap(with({"compare", "HGX H100", "HGX H20", "--equal", "power", "--power-kw", "100", "--count", "8"}, kLlama70b));
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_EQ(chipgap(with({"compare", "HGX H100", "HGX H20", "--equal", "weight"}, kLlama70b)).exit_code, 2);
  const CliRun unknown = chipgap({"compare", "HGX H100", "HGX H2O"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("did you mean"), std::string::npos) << unknown.err;
  EXPECT_TRUE(unknown.out.empty());
}

TEST(CliGap, JsonPointsHaveTheContractFields) {
  const CliRun run = chipgap({"gap", "--to", "CN", "--since", "2023-01-01", "--until", "2024-12-01", "--step", "month",
                              "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j["points"].size(), 24u);
  for (const auto& p : j["points"]) {
    for (const char* key : {"date", "frontier", "exportable", "licensable", "domestic"}) EXPECT_TRUE(p.contains(key)) << key;
    for (const char* column : {"frontier", "exportable", "licensable", "domestic"}) {
      if (p[column].is_null()) continue;
      for (const char* key : {"chip", "value", "ratio"}) EXPECT_TRUE(p[column].contains(key)) << column << "." << key;
    }
  }
  EXPECT_EQ(j["basis"], "peak");
}

TEST(CliGap, BadInputIsAUsageError) {
  EXPECT_EQ(chipgap({"gap", "--step", "year"}).exit_code, 2);
  EXPECT_EQ(chipgap({"gap", "--since", "2025-01-01", "--until", "2024-01-01"}).exit_code, 2);
  EXPECT_EQ(chipgap({"gap", "--since", "2025-13-01"}).exit_code, 2);
  const CliRun country = chipgap({"gap", "--to", "Narnia"});
  EXPECT_EQ(country.exit_code, 2);
  EXPECT_NE(country.err.find("Narnia"), std::string::npos) << country.err;
  EXPECT_EQ(chipgap({"gap", "--count", "64"}).exit_code, 2);  // a count needs a workload basis
}

TEST(CliWorkloads, TheReferenceWorkloadsLoadAndNameAWorkloadForEveryCommand) {
  const CliRun list = chipgap({"workloads", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto j = nlohmann::json::parse(list.out);
  std::vector<std::string> names;
  for (const auto& w : j) names.push_back(w["name"]);
  for (const char* name : {"llama3-405b-pretraining", "deepseek-v3-pretraining", "deepseek-r1-serving", "llama3-70b-chat"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  // A named serving workload makes match a serving match, and a given option overrides the workload's.
  const CliRun served = chipgap({"match", "--workload", "deepseek-r1-serving", "--reference", "HGX H800", "--reference-count", "64",
                                 "--candidate", "HGX H20", "--output-len", "512", "--format", "json"});
  ASSERT_EQ(served.exit_code, 0) << served.err;
  const auto m = nlohmann::json::parse(served.out);
  EXPECT_TRUE(m.contains("demand_output_tokens_per_s"));
  EXPECT_EQ(m["workload"]["output_len"], 512);
  EXPECT_EQ(m["workload"]["input_len"], 4096);
  EXPECT_EQ(m["workload"]["tpot_ms"], 50.0);
  const CliRun unknown = chipgap({"gap", "--workload", "llama3-70b-chatt"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("did you mean 'llama3-70b-chat'"), std::string::npos) << unknown.err;
  const CliRun wrong = chipgap({"compare", "HGX H800", "HGX H20", "--workload", "deepseek-r1-serving", "--tokens", "1e12"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("--tokens applies to a training workload"), std::string::npos) << wrong.err;
}

TEST(CliScenario, RunJsonHasTheContractFieldsAndBadInputIsLocated) {
  const CliRun run = chipgap({"scenario", "run", "status-quo-2026-12", "--draws", "200", "--seed", "7", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["draws"], 200);
  ASSERT_FALSE(j["years"].empty());
  for (const auto& y : j["years"]) {
    for (const char* side : {"china", "us"}) {
      for (const char* series : {"stock_h100e", "additions_h100e"}) {
        for (const char* basis : {"peak", "train", "serve"}) {
          for (const char* p : {"p10", "p50", "p90"}) EXPECT_TRUE(y[side][series][basis].contains(p)) << side << series << basis << p;
        }
      }
    }
    EXPECT_TRUE(y["china"]["domestic_share_units"].contains("p50"));
    EXPECT_TRUE(y["china"]["domestic_share_compute"].contains("peak"));
    EXPECT_TRUE(y["china"]["units"].contains("smuggled"));
  }
  ASSERT_FALSE(j["inputs"].empty());
  for (const char* key : {"id", "value", "source"}) EXPECT_TRUE(j["inputs"][0].contains(key)) << key;
  // The same seed gives the same answer (all but the time it took).
  auto again = nlohmann::json::parse(chipgap({"scenario", "run", "status-quo-2026-12", "--draws", "200", "--seed", "7", "--format", "json"}).out);
  auto first = j;
  first.erase("seconds");
  again.erase("seconds");
  EXPECT_TRUE(first == again);

  const CliRun unknown = chipgap({"scenario", "run", "status-qou-2026-12"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("did you mean 'status-quo-2026-12'"), std::string::npos) << unknown.err;
  const CliRun key = chipgap({"scenario", "run", "inputs", "--set", "smugling.multiplier=2"});
  EXPECT_EQ(key.exit_code, 1);
  EXPECT_NE(key.err.find("did you mean 'smuggling.multiplier'"), std::string::npos) << key.err;
  EXPECT_TRUE(key.out.empty());
  EXPECT_EQ(chipgap({"scenario", "run", "inputs", "--basis", "trian"}).exit_code, 1);
  EXPECT_EQ(chipgap({"scenario", "run", "inputs", "--set", "approval.case_by_case=2"}).exit_code, 2);
  EXPECT_EQ(chipgap({"scenario", "run", "inputs", "--set", "approval.case_by_case"}).exit_code, 2);
}

TEST(CliScenario, DiffShowsWhatLicensingTheH20WouldHaveShipped) {
  const CliRun diff = chipgap({"scenario", "diff", "status-quo-2026-12", "h20-licensed-2025", "--draws", "200"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("h20-licensed-2025 minus status-quo-2026-12"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("2025"), std::string::npos);
}

}  // namespace
