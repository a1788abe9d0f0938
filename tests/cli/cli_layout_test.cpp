// SPDX-License-Identifier: Apache-2.0
// The text layout: tables and prose fit --width (numbers whole, names unbroken), --columns picks and orders
// table columns in text and CSV and refuses names no table has, text speaks words where JSON keeps ids, and
// JSON names catalog files relative to the catalog root, not the build machine.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli_runner.hpp"

using cli_testing::chipgap;
using cli_testing::CliRun;

namespace {

std::size_t widest_line(const std::string& text) {
  std::istringstream lines(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(lines, line);) {
    std::size_t columns = 0;  // UTF-8: count characters, not bytes
    for (char c : line) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    widest = std::max(widest, columns);
  }
  return widest;
}

}  // namespace

TEST(CliLayout, OutputFitsTheWidth) {
  const std::vector<std::vector<std::string>> commands{
      {"verdicts", "--to", "CN", "--date", "2026-06-01"},
      {"timeline", "H20", "--to", "CN"},
      {"gap", "--to", "CN", "--until", "2025-12-01"},
      {"rules", "list"},
      {"chip", "H20"},
      {"classify", "H20", "--to", "CN", "--date", "2026-06-01"},
      {"scenario", "run", "status-quo-2026-12", "--draws", "50"},
  };
  for (auto args : commands) {
    const CliRun wide = chipgap(args);
    args.insert(args.end(), {"--width", "120"});
    const CliRun run = chipgap(args);
    ASSERT_EQ(run.exit_code, 0) << args[0] << ": " << run.err;
    EXPECT_GT(widest_line(wide.out), 120u) << args[0] << " needs no wrapping, so this checks nothing";
    EXPECT_LE(widest_line(run.out), 120u) << args[0] << ":\n" << run.out;
  }
}

TEST(CliLayout, WrappedTablesKeepNamesAndNumbersWhole) {
  const CliRun run = chipgap({"verdicts", "--to", "CN", "--date", "2026-06-01", "--width", "80"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LE(widest_line(run.out), 80u) << run.out;
  // A chip's row starts with its whole name and its TPP ungrouped across lines.
  EXPECT_NE(run.out.find("\nH20 "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("2,368"), std::string::npos);
  EXPECT_NE(run.out.find("\nAscend 910C "), std::string::npos);
  // --width 0 never wraps; a width too narrow to be useful is refused.
  EXPECT_GT(widest_line(chipgap({"verdicts", "--to", "CN", "--date", "2026-06-01", "--width", "0"}).out), 120u);
  const CliRun narrow = chipgap({"chips", "--width", "12"});
  EXPECT_EQ(narrow.exit_code, 2);
  EXPECT_EQ(narrow.out, "");
}

TEST(CliLayout, ColumnsPickAndOrderInTextAndCsv) {
  const CliRun csv = chipgap({"chips", "--columns", "tpp,name", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("TPP,Name\n", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find("\n2368,H20\n"), std::string::npos) << csv.out;
  // A unique prefix picks a column; text output has only those.
  const CliRun text = chipgap({"verdicts", "--to", "CN", "--date", "2025-06-01", "--columns", "chip,stat"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Chip"), std::string::npos);
  EXPECT_EQ(text.out.find("Vendor"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("Density"), std::string::npos);
}

TEST(CliLayout, ColumnsNoTableHasAreRefused) {
  const CliRun typo = chipgap({"chips", "--columns", "name,vendr"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.out, "");  // nothing printed, not a whole table
  EXPECT_NE(typo.err.find("--columns 'name', 'vendr'"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("did you mean 'Vendor'"), std::string::npos) << typo.err;
  // Ambiguous: "mem" begins both "Mem GB" and "Mem GB/s".
  EXPECT_EQ(chipgap({"chips", "--columns", "mem"}).exit_code, 2);
  // JSON has no tables: --columns leaves it whole rather than failing.
  const CliRun json = chipgap({"chips", "--columns", "name", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
}

TEST(CliLayout, TextSpeaksWordsJsonAndCsvKeepIds) {
  const std::vector<std::string> args{"verdicts", "--to", "CN", "--date", "2026-06-01"};
  const CliRun text = chipgap(args);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find("case_by_case"), std::string::npos);
  EXPECT_EQ(text.out.find("presumption_of_denial"), std::string::npos);
  EXPECT_NE(text.out.find("license (case by case)"), std::string::npos);
  auto csv_args = args;
  csv_args.insert(csv_args.end(), {"--format", "csv"});
  EXPECT_NE(chipgap(csv_args).out.find("(case_by_case)"), std::string::npos);
  auto json_args = args;
  json_args.insert(json_args.end(), {"--format", "json"});
  bool any_id = false;
  for (const auto& row : nlohmann::json::parse(chipgap(json_args).out)) any_id |= row["review_policy"] == "case_by_case";
  EXPECT_TRUE(any_id);
  const CliRun rules = chipgap({"rules", "list"});
  EXPECT_EQ(rules.out.find("in_force"), std::string::npos);
  EXPECT_NE(rules.out.find("in force"), std::string::npos);
}

TEST(CliLayout, JsonNamesCatalogFilesRelativeToTheCatalogRoot) {
  const auto chip = nlohmann::json::parse(chipgap({"chip", "H20", "--format", "json"}).out);
  EXPECT_EQ(chip["defined_at"]["file"], "accelerators/nvidia-datacenter.yaml");
  EXPECT_GT(chip["defined_at"]["line"].get<int>(), 0);
  const auto system = nlohmann::json::parse(chipgap({"system", "HGX H20", "--format", "json"}).out);
  EXPECT_EQ(system["defined_at"]["file"], "systems/systems.yaml");
  const auto rule = nlohmann::json::parse(chipgap({"rules", "show", "us-ear-2023-10", "--format", "json"}).out);
  EXPECT_EQ(rule["defined_at"]["file"].get<std::string>().rfind("rules/us/", 0), 0u) << rule["defined_at"];
}

TEST(CliLayout, ColumnsThatCannotFitAreLeftOutWithANote) {
  const CliRun text = chipgap({"chips", "--width", "120"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_LE(widest_line(text.out), 120u) << text.out;
  EXPECT_NE(text.out.find("(Not shown, to fit 120 columns: DC, Scale-up GB/s;"), std::string::npos) << text.out;
  // Wide enough, or in CSV, or asked for by name, they are there.
  EXPECT_EQ(chipgap({"chips", "--width", "0"}).out.find("Not shown"), std::string::npos);
  EXPECT_NE(chipgap({"chips", "--format", "csv"}).out.find("Scale-up GB/s"), std::string::npos);
  EXPECT_NE(chipgap({"chips", "--columns", "name,scale-up", "--width", "120"}).out.find("Scale-up GB/s"), std::string::npos);
}
