// SPDX-License-Identifier: Apache-2.0
// The chipgap binary as users run it, for the catalog and the rules: output, formats, exit codes, and
// errors on stderr with nothing on stdout. The performance commands are in cli_perf_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using cli_testing::chipgap;
using cli_testing::CliRun;
using cli_testing::scratch_catalog;

namespace {

TEST(Cli, ChipsListsTheCatalogWithMetrics) {
  const CliRun run = chipgap({"chips"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find("H100 SXM"), std::string::npos);
  EXPECT_NE(run.out.find("Ascend 910C"), std::string::npos);
  EXPECT_NE(run.out.find("15,831"), std::string::npos);  // H100 TPP
}

TEST(Cli, ChipsFilterByVendorAndCountry) {
  const CliRun huawei = chipgap({"chips", "--vendor", "huawei", "--format", "csv"});
  ASSERT_EQ(huawei.exit_code, 0) << huawei.err;
  EXPECT_NE(huawei.out.find("Ascend 910B"), std::string::npos);
  EXPECT_EQ(huawei.out.find("H100"), std::string::npos);

  const CliRun china = chipgap({"chips", "--country", "CN", "--format", "json"});
  ASSERT_EQ(china.exit_code, 0) << china.err;
  const auto rows = nlohmann::json::parse(china.out);
  ASSERT_GT(rows.size(), 10u);
  for (const auto& row : rows) EXPECT_EQ(row["country"], "CN") << row["name"];
}

TEST(Cli, ChipJsonCarriesMetricsInputsAndSources) {
  const CliRun run = chipgap({"chip", "H100-SXM", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto chip = nlohmann::json::parse(run.out);
  EXPECT_EQ(chip["name"], "H100 SXM");
  EXPECT_NEAR(chip["metrics"]["tpp"].get<double>(), 15832, 158);
  EXPECT_NEAR(chip["metrics"]["performance_density"].get<double>(), 19.4, 0.1);
  EXPECT_GT(chip["metrics"]["inputs"]["tpp_terms"].size(), 1u);
  EXPECT_EQ(chip["metrics"]["inputs"]["die_area_mm2"], 814);
  EXPECT_FALSE(chip["sources"].empty());
  EXPECT_TRUE(chip["throughput"]["bf16"].contains("confidence"));
  EXPECT_TRUE(chip["throughput"]["bf16"].contains("sources"));

  const CliRun h20 = chipgap({"--format", "json", "chip", "h20"});
  ASSERT_EQ(h20.exit_code, 0) << h20.err;
  EXPECT_NEAR(nlohmann::json::parse(h20.out)["metrics"]["tpp"].get<double>(), 2368, 1);
}

TEST(Cli, ChipTextShowsFactsMetricsAndSources) {
  const CliRun run = chipgap({"chip", "a100"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part : {"A100 SXM", "throughput.bf16", "Export metrics", "TPP", "4,992", "Sources"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << part;
  }
}

TEST(Cli, UnknownChipSuggestsAndFails) {
  const CliRun run = chipgap({"chip", "h10"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("chipgap: no accelerator named 'h10'; did you mean 'H100", 0), 0u) << run.err;
}

TEST(Cli, SystemsAndSystem) {
  const CliRun list = chipgap({"systems"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("CloudMatrix 384"), std::string::npos);
  const CliRun one = chipgap({"system", "cm384", "--format", "json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto system = nlohmann::json::parse(one.out);
  EXPECT_EQ(system["chip"], "Ascend 910C");
  EXPECT_EQ(system["chip_count"], 384);
  const CliRun missing = chipgap({"system", "NVL73"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "");
}

TEST(Cli, CsvIsParseable) {
  const CliRun run = chipgap({"chips", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("Name,Vendor,Country,Year,Status", 0), 0u);
  EXPECT_EQ(run.out.find("15,831"), std::string::npos);  // numbers are not grouped in CSV
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(chipgap({}).exit_code, 2);
  const CliRun bad_format = chipgap({"chips", "--format", "xml"});
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_EQ(bad_format.out, "");
  EXPECT_NE(bad_format.err.find("--format"), std::string::npos) << bad_format.err;
}

TEST(Cli, BadCatalogReportsEveryErrorAndPrintsNothing) {
  const auto root = scratch_catalog("bad",
                                    "sources:\n"
                                    "  s: {title: T, url: https://example.com}\n"
                                    "accelerators:\n"
                                    "  - name: X\n"
                                    "    vendor: V\n"
                                    "    country: US\n"
                                    "    year: {value: 2024, source: s, confidence: official}\n"
                                    "    status: {value: shiping, source: s, confidence: official}\n"
                                    "    datacenter: {value: true, source: s, confidence: official}\n"
                                    "    tdp: {value: 700 WW, source: s, confidence: official}\n");
  const CliRun run = chipgap({"--data", root.string(), "chips"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  const std::string file = (root / "accelerators" / "chips.yaml").string();
  EXPECT_EQ(run.err, "chipgap: the catalog in " + root.string() + " has 2 errors:\n" + file +
                         ":8:21: accelerators[0].status.value: unknown status 'shiping'; did you mean 'shipping'?\n" +
                         file + ":10:18: accelerators[0].tdp.value: unknown unit 'WW' in '700 WW'; did you mean 'W', "
                                "'kW' or 'MW'?\n");
  std::filesystem::remove_all(root);
}

TEST(Cli, MissingDataDirectory) {
  const CliRun run = chipgap({"--data", "/nonexistent/chipgap", "chips"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "chipgap: the catalog in /nonexistent/chipgap has 1 error:\n"
                     "/nonexistent/chipgap: data directory not found\n");
}

TEST(CliRules, ClassifyJsonHasTheContractFields) {
  const CliRun run = chipgap({"classify", "h20", "--to", "CN", "--date", "2025-09-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto v = nlohmann::json::parse(run.out);
  for (const char* key : {"chip", "destination", "date", "metrics", "eccn", "authorization", "license_required",
                          "review_policy", "conditions", "clauses", "margins", "import_measures"}) {
    EXPECT_TRUE(v.contains(key)) << key;
  }
  for (const char* key : {"tpp", "performance_density", "dram_bandwidth_gbs", "io_bandwidth_gbs"}) {
    EXPECT_TRUE(v["metrics"].contains(key)) << key;
  }
  EXPECT_TRUE(v["eccn"].is_null());
  EXPECT_EQ(v["authorization"], "license");
  EXPECT_EQ(v["license_required"], true);
  EXPECT_EQ(v["date"], "2025-09-01");
}

TEST(CliRules, ClassifyASpecFile) {
  const auto path = std::filesystem::temp_directory_path() / ("chipgap_spec_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "name: My Accelerator\nvendor: Example\ndatacenter: true\ndie_area: 600 mm2\n"
                         "dense:\n  fp16: 300 TFLOP/s\n  int8: 600 TOP/s\nmemory:\n  bandwidth: 2000 GB/s\n"
                         "io_bandwidth: 600 GB/s\n";
  const CliRun run = chipgap({"classify", "--spec", path.string(), "--to", "CN", "--date", "2024-06-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto v = nlohmann::json::parse(run.out);
  EXPECT_EQ(v["metrics"]["tpp"], 4800);
  EXPECT_EQ(v["eccn"], "3A090.a");
  std::ofstream(path) << "name: Broken\ndatacenter: true\ndense: {}\n";
  const CliRun broken = chipgap({"classify", "--spec", path.string(), "--to", "CN"});
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_EQ(broken.out, "");
  EXPECT_NE(broken.err.find("a spec needs at least one dense rate"), std::string::npos) << broken.err;
  std::filesystem::remove(path);
}

TEST(CliRules, BadRulesInputsGiveClearErrors) {
  const CliRun unknown_chip = chipgap({"classify", "h2O", "--to", "CN"});
  EXPECT_EQ(unknown_chip.exit_code, 1);
  EXPECT_NE(unknown_chip.err.find("no accelerator or system named 'h2O'"), std::string::npos) << unknown_chip.err;
  const CliRun unknown_country = chipgap({"classify", "h20", "--to", "Chnia"});
  EXPECT_EQ(unknown_country.exit_code, 1);
  EXPECT_EQ(unknown_country.out, "");
  EXPECT_NE(unknown_country.err.find("--to: unknown country 'Chnia'; did you mean 'CN (China)'?"), std::string::npos)
      << unknown_country.err;
  const CliRun bad_date = chipgap({"classify", "h20", "--to", "CN", "--date", "2024-13-01"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--date: '2024-13-01' is not a date; write YYYY-MM-DD"), std::string::npos) << bad_date.err;
  const CliRun both = chipgap({"classify", "--to", "CN"});
  EXPECT_EQ(both.exit_code, 2);
  const CliRun unknown_rule = chipgap({"rules", "show", "us-ear-2023"});
  EXPECT_EQ(unknown_rule.exit_code, 1);
  EXPECT_NE(unknown_rule.err.find("did you mean"), std::string::npos) << unknown_rule.err;
}

// A listed end user needs a licence for every item subject to the EAR, whatever the chip: the listing
// comes first, with its citation and policy; before the listing date it does not apply.
TEST(CliRules, ClassifyScreensAListedEndUser) {
  const CliRun listed = chipgap({"classify", "h20", "--to", "CN", "--date", "2025-09-01", "--end-user", "HiSilicon"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("END USER:       Huawei Technologies Co., Ltd. is on the Entity List (from 2019-05-16, 84 FR 22961): "
                            "LICENCE REQUIRED for all items subject to the EAR, review policy: presumption of denial"),
            std::string::npos) << listed.out;
  const CliRun before = chipgap({"classify", "h20", "--to", "CN", "--date", "2019-01-01", "--end-user", "huawei", "--format", "json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const auto j = nlohmann::json::parse(before.out);
  EXPECT_FALSE(j["end_user"]["license_required"].get<bool>());
  EXPECT_EQ(j["end_user"]["listed"], "2019-05-16");
  EXPECT_FALSE(j["end_user"]["sources"].empty());
  const CliRun unknown = chipgap({"classify", "h20", "--to", "CN", "--end-user", "huawai"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown end user 'huawai'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("did you mean 'huawei'"), std::string::npos) << unknown.err;
  EXPECT_TRUE(unknown.out.empty());
}

// A buyer owned by listed parties: the Affiliates rule applies their strictest listing while in force, not
// while suspended, and after its suspension ended unreported the answer is undetermined, said first.
TEST(CliRules, ClassifyScreensOwnershipUnderTheAffiliatesRule) {
  const CliRun in_force = chipgap({"classify", "h20", "--to", "CN", "--date", "2025-10-15", "--owned-by", "smic:60"});
  ASSERT_EQ(in_force.exit_code, 0) << in_force.err;
  EXPECT_NE(in_force.out.find("reaches it (60% listed ownership, threshold 50%): LICENCE REQUIRED for all items subject to the EAR"),
            std::string::npos) << in_force.out;
  const CliRun after = chipgap({"classify", "h20", "--to", "CN", "--date", "2026-12-07", "--owned-by", "smic:60"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out.rfind("UNDETERMINED for this buyer", 0), 0u) << after.out;
  EXPECT_NE(after.out.find("If it returned: LICENCE REQUIRED"), std::string::npos) << after.out;
  const CliRun suspended = chipgap({"classify", "h20", "--to", "CN", "--date", "2026-01-01", "--owned-by", "smic:30",
                                    "--owned-by", "huawei:25", "--format", "json"});
  ASSERT_EQ(suspended.exit_code, 0) << suspended.err;
  const auto j = nlohmann::json::parse(suspended.out)["affiliate"];
  EXPECT_EQ(j["outcome"], "suspended");
  EXPECT_EQ(j["listed_percent"], 55);
  EXPECT_EQ(j["review_policy"], "presumption_of_denial");
  EXPECT_EQ(j["rule"]["status"], "suspended");
  const CliRun malformed = chipgap({"classify", "h20", "--to", "CN", "--owned-by", "smic"});
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find("expected NAME:PERCENT"), std::string::npos) << malformed.err;
  EXPECT_TRUE(malformed.out.empty());
  const CliRun unknown = chipgap({"classify", "h20", "--to", "CN", "--owned-by", "smicc:60"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("did you mean 'smic'"), std::string::npos) << unknown.err;
  EXPECT_TRUE(unknown.out.empty());
  const CliRun over = chipgap({"classify", "h20", "--to", "CN", "--owned-by", "smic:60", "--owned-by", "huawei:50"});
  EXPECT_EQ(over.exit_code, 2);
  EXPECT_NE(over.err.find("more than 100 percent"), std::string::npos) << over.err;
  const CliRun csv = chipgap({"classify", "h20", "--to", "CN", "--date", "2026-12-07", "--owned-by", "smic:60", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find(",affiliate\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",undetermined\n"), std::string::npos) << csv.out;
}

// A timeline shows the dates its destination joins or leaves a group, and only those.
TEST(CliRules, TimelinesIncludeTheDestinationsGroupChanges) {
  const CliRun ni = chipgap({"timeline", "h100", "--to", "NI"});
  ASSERT_EQ(ni.exit_code, 0) << ni.err;
  EXPECT_NE(ni.out.find("2024-03-15"), std::string::npos) << ni.out;
  EXPECT_NE(ni.out.find("NI joins D:5"), std::string::npos) << ni.out;
  const CliRun cn = chipgap({"timeline", "h100", "--to", "CN"});
  ASSERT_EQ(cn.exit_code, 0) << cn.err;
  EXPECT_EQ(cn.out.find("KH"), std::string::npos) << cn.out;
  EXPECT_EQ(cn.out.find("2021-12-08"), std::string::npos) << cn.out;
}

// Malaysia's transit permit (July 2025) is a destination-side measure of MY: it shows beside a verdict for
// Malaysia and in `measures list --country MY`, for 3A090-class US parts only.
TEST(CliRules, MalaysiasTransitPermitIsADestinationMeasure) {
  const CliRun verdict = chipgap({"classify", "h100", "--to", "MY", "--date", "2026-06-01"});
  ASSERT_EQ(verdict.exit_code, 0) << verdict.err;
  EXPECT_NE(verdict.out.find("my-strategic-trade-permit-2025-07 (permit"), std::string::npos) << verdict.out;
  const CliRun before = chipgap({"classify", "h100", "--to", "MY", "--date", "2025-07-13"});
  EXPECT_EQ(before.out.find("my-strategic-trade-permit"), std::string::npos) << before.out;
  auto net = [](const char* chip) {
    const CliRun run = chipgap({"measures", "list", "--country", "MY", "--chip", chip, "--date", "2026-06-01", "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out)["net_effect"].get<std::string>();
  };
  EXPECT_EQ(net("h100"), "permit");
  EXPECT_EQ(net("h20"), "none");
  EXPECT_EQ(net("l40"), "permit");  // TPP 2,897 and density 4.76: a 3A090.b part
  const CliRun unknown = chipgap({"measures", "list", "--country", "Malaysa"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("did you mean"), std::string::npos) << unknown.err;
}

TEST(CliRules, MineralControlsWithTheirStatusOnADate) {
  const CliRun on = chipgap({"minerals", "--to", "United States", "--date", "2026-01-01", "--format", "json"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  const auto j = nlohmann::json::parse(on.out);
  const auto ban = std::find_if(j.begin(), j.end(), [](const nlohmann::json& c) { return c["id"] == "cn-us-ban-2024"; });
  ASSERT_NE(ban, j.end());
  EXPECT_EQ((*ban)["status"], "suspended");
  EXPECT_FALSE((*ban)["sources"].empty());
  const CliRun after = chipgap({"minerals", "--date", "2026-12-07"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("UNKNOWN: its suspension ended on 2026-11-27"), std::string::npos) << after.out;
  const CliRun unknown = chipgap({"minerals", "--to", "Atlantis"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(unknown.out.empty());
}

TEST(CliRules, DiffAcrossThe2023RuleListsTheChipsItCaught) {
  const CliRun run = chipgap({"rules", "diff", "2023-11-16", "2023-11-17", "--to", "CN", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto changes = nlohmann::json::parse(run.out);
  for (const char* chip : {"A800 SXM", "H800 SXM", "L40S", "RTX 4090"}) {
    EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c["chip"] == chip; })) << chip;
  }
}

TEST(CliRules, TimelineHeadroomAndRulesList) {
  const CliRun timeline = chipgap({"timeline", "a800", "--to", "CN", "--format", "json"});
  ASSERT_EQ(timeline.exit_code, 0) << timeline.err;
  const auto entries = nlohmann::json::parse(timeline.out);
  ASSERT_GE(entries.size(), 2u);
  EXPECT_TRUE(entries[0]["verdict"]["eccn"].is_null());
  const CliRun headroom = chipgap({"headroom", "h20", "--to", "CN", "--date", "2024-06-01", "--format", "json"});
  ASSERT_EQ(headroom.exit_code, 0) << headroom.err;
  const auto rooms = nlohmann::json::parse(headroom.out)["headroom"];
  EXPECT_EQ(rooms[0]["metric"], "tpp");
  EXPECT_EQ(rooms[0]["limit"], 2400);
  const CliRun list = chipgap({"rules", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("us-ear-2023-10"), std::string::npos);
}

}  // namespace

namespace {

struct BadCommandLine {
  std::vector<std::string> args;
  std::string message;  // a part of stderr
};

// Each of these once crashed (a floating-point exception: zeros reached a division, or 2^62 chips an
// overflow) or printed nonsense ("nan days", "$-130,480") with exit 0. Now: exit 2, a message, no output.
TEST(CliBadNumbers, ZerosHugeCountsAndNonFiniteNumbersExit2) {
  const std::vector<std::string> train = {"train", "--model", "llama3-8b", "--chip", "h100", "--count", "8"};
  const std::vector<std::string> infer = {"infer", "--model", "llama3-8b", "--chip", "h100", "--count", "8"};
  auto with = [](std::vector<std::string> base, std::initializer_list<std::string> more) {
    base.insert(base.end(), more);
    return base;
  };
  const std::vector<BadCommandLine> table = {
      {with(train, {"--dp", "0"}), "--dp: Value 0 not in range 1 to 100000000"},
      {with(train, {"--micro-batch", "0"}), "--micro-batch: Value 0 not in range"},
      {with(train, {"--tp", "0", "--search"}), "--tp: Value 0 not in range"},
      {with(train, {"--pp", "0", "--search"}), "--pp: Value 0 not in range"},
      {with(train, {"--cp", "0", "--search"}), "--cp: Value 0 not in range"},
      {with(train, {"--global-batch", "-5"}), "--global-batch: Value -5 not in range"},
      {with(train, {"--tokens", "nan"}), "--tokens: nan is not a number from 1 to 1e+18"},
      {with(train, {"--tokens", "inf"}), "--tokens: inf is not a number"},
      {with(train, {"--usd-per-chip-hour", "-3"}), "--usd-per-chip-hour: -3 is not a number from 0"},
      {with(train, {"--tp", "8", "--pp", "100000", "--dp", "1000000"}), "impossible plan: PP 100000 is more than the cluster's 8 chips"},
      {{"train", "--model", "llama3-8b", "--chip", "h100", "--count", "9223372036854775807"}, "--count: Value 9223372036854775807 not in range"},
      {{"train", "--model", "llama3-8b", "--chip", "h100", "--count", "99999999999999999999"}, "--count: Value 99999999999999999999 not in range"},
      {with(infer, {"--tp", "0"}), "--tp: Value 0 not in range"},
      {{"infer", "--model", "llama3-8b", "--chip", "h100", "--count", "4611686018427387904", "--search"}, "--count: Value 4611686018427387904 not in range"},
      {with(infer, {"--ttft-ms", "nan"}), "--ttft-ms: nan is not a number"},
      {with(infer, {"--mtp", "1", "--mtp-accept", "nan"}), "--mtp-accept: nan is not a number from 0 to 1"},
      {with(infer, {"--input-len", "0"}), "--input-len: Value 0 not in range"},
      {with(infer, {"--expert-imbalance", "nan"}), "--expert-imbalance: nan is not a number"},
  };
  for (const auto& bad : table) {
    const CliRun run = chipgap(bad.args);
    std::string line;
    for (const auto& a : bad.args) line += a + " ";
    EXPECT_EQ(run.exit_code, 2) << line << "\n" << run.err;
    EXPECT_TRUE(run.out.empty()) << line;
    EXPECT_NE(run.err.find(bad.message), std::string::npos) << line << "\n" << run.err;
  }
}

TEST(CliBadFiles, DevicesAndInvalidUtf8AreRefused) {
  CliRun run = chipgap({"classify", "--spec", "/dev/zero", "--to", "CN"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("cannot read the spec file /dev/zero: not a regular file"), std::string::npos) << run.err;

  const auto spec = std::filesystem::temp_directory_path() / ("chipgap_bad_utf8_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(spec) << "name: Caf\xe9 chip\n";
  run = chipgap({"classify", "--spec", spec.string(), "--to", "CN", "--format", "json"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find(":1:10: the file is not valid UTF-8"), std::string::npos) << run.err;
  std::filesystem::remove(spec);
}

}  // namespace

namespace {

TEST(CliCurrency, AVerdictAfterTheRuleBookReviewSaysSo) {
  CliRun run = chipgap({"classify", "h20", "--to", "CN", "--date", "2026-12-07"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("WARNING:        the rule book was last reviewed through"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Rule book reviewed through"), std::string::npos);
  run = chipgap({"classify", "h20", "--to", "CN", "--date", "2026-03-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_TRUE(json["warnings"].empty());
  EXPECT_FALSE(json["rule_book_reviewed_through"].is_null());
}

}  // namespace

namespace {

TEST(CliMeasures, ListShowAndTheNetStanceReachSystems) {
  // Measures keyed to a chip reach the systems built from it (HGX H20 once showed none).
  CliRun run = chipgap({"measures", "list", "--chip", "HGX H20", "--date", "2025-09-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["net_effect"], "discouraged");
  EXPECT_FALSE(json["conflict"].get<bool>());
  EXPECT_TRUE(std::any_of(json["measures"].begin(), json["measures"].end(),
                          [](const auto& m) { return m["id"] == "cn-h20-guidance-2025-08"; }));

  run = chipgap({"classify", "HGX H20", "--to", "CN", "--date", "2025-09-01", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["import_net_effect"], "discouraged");

  run = chipgap({"measures", "show", "cn-h20-guidance-2025-08"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Effect:   discouraged (evidence reported)"), std::string::npos) << run.out;

  run = chipgap({"measures", "show", "cn-samr"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("did you mean 'cn-samr-nvidia-probe-2024-12'"), std::string::npos) << run.err;
}

}  // namespace

namespace {

TEST(CliVersion, NamesTheDataAndHowCurrentTheRuleBookIs) {
  const CliRun run = chipgap({"--version"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("chipgap ", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("accelerators"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("rule book reviewed through 2026-05-31"), std::string::npos) << run.out;
}

}  // namespace

TEST(CliVerdicts, EveryChipOnceSortedByStrictness) {
  const CliRun run = chipgap({"verdicts", "--to", "CN", "--date", "2024-06-01", "--sort", "status", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = nlohmann::json::parse(run.out);
  const CliRun chips = chipgap({"chips", "--format", "json"});
  EXPECT_EQ(rows.size(), nlohmann::json::parse(chips.out).size());
  // Strictest first: a presumption of denial before anything that needs no licence.
  EXPECT_EQ(rows.front()["authorization"], "license");
  EXPECT_NE(rows.back()["authorization"], "license");
  const CliRun bad = chipgap({"verdicts", "--to", "CN", "--sort", "price"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--sort must be one of catalog, name, vendor, tpp, status"), std::string::npos) << bad.err;
}
