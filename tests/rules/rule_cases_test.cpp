// SPDX-License-Identifier: Apache-2.0
// Runs the declarative cases in tests/cases/rules/*.yaml (format: tests/cases/rules/README.md) against
// the built-in catalog and rule book. Each case is its own test, named after its file and index.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "builtin_rules.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap {
namespace {

struct Case {
  std::string file;
  std::size_t index = 0;
  YAML::Node node;
};

// Names a case in failure messages by file and position instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.file << " case " << c.index; }

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(CHIPGAP_CASES_DIR)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const YAML::Node root = YAML::LoadFile(path.string());
    const YAML::Node list = root["cases"];
    for (std::size_t i = 0; i < list.size(); ++i) cases.push_back({path.filename().string(), i, list[i]});
  }
  return cases;
}

const catalog::Catalog& the_catalog() {
  static const auto result = catalog::load_catalog(CHIPGAP_DATA_DIR);
  if (!result.ok()) throw std::runtime_error(to_string(result.errors()));
  return result.value();
}

const catalog::RuleBook& the_rules() { return chipgap::testing::builtin_rules(); }

std::string optional_text(const std::optional<std::string>& value) { return value ? *value : "null"; }

// The expected value of `key`, "null" for YAML null.
std::string expected_text(const YAML::Node& expect, const char* key) {
  const YAML::Node node = expect[key];
  return node.IsNull() ? "null" : node.as<std::string>();
}

class RuleCase : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCase, MatchesItsSource) {
  const Case& c = GetParam();
  const YAML::Node& node = c.node;
  SCOPED_TRACE(node["name"].as<std::string>());
  ASSERT_TRUE(node["source"]) << "every case cites where its expected outcome comes from";
  ASSERT_TRUE(node["source"]["url"] || node["source"]["document"]);

  rules::Item item;
  if (node["chip"]) {
    const auto* chip = the_catalog().find_accelerator(node["chip"].as<std::string>());
    ASSERT_NE(chip, nullptr) << node["chip"].as<std::string>();
    item = rules::make_item(*chip);
  } else {
    ASSERT_TRUE(node["spec"]) << "a case names a chip or gives a spec";
    YAML::Emitter out;
    out << node["spec"];
    auto spec = catalog::parse_spec_file({c.file + " spec", out.c_str()});
    ASSERT_TRUE(spec.ok()) << to_string(spec.errors());
    item = rules::make_item(*spec);
  }
  rules::Query query;
  query.destination = node["to"].as<std::string>();
  query.date = *Date::parse(node["date"].as<std::string>());
  if (node["hq"]) query.end_user_hq = node["hq"].as<std::string>();
  if (node["regime"]) query.extra_rules.push_back(node["regime"].as<std::string>());
  auto verdict = rules::classify(the_rules(), item, query);
  ASSERT_TRUE(verdict.ok()) << to_string(verdict.errors());
  const rules::Verdict& v = *verdict;
  SCOPED_TRACE("verdict: " + v.status());

  const YAML::Node expect = node["expect"];
  if (expect["determination"]) {
    EXPECT_EQ(v.indeterminate ? "undetermined" : "decided", expect["determination"].as<std::string>());
  }
  if (expect["authorization_in_every_case"]) {
    EXPECT_EQ(v.authorization_in_every_case ? std::string(spec::to_string(*v.authorization_in_every_case)) : "null",
              expected_text(expect, "authorization_in_every_case"));
  }
  for (const auto& input : expect["missing_inputs_include"]) {
    EXPECT_NE(std::find(v.missing_inputs.begin(), v.missing_inputs.end(), input.as<std::string>()), v.missing_inputs.end())
        << "missing input " << input.as<std::string>() << " not reported";
  }
  for (const auto& eccn : expect["possible_eccns"]) {
    const std::string wanted = eccn.IsNull() ? "null" : eccn.as<std::string>();
    EXPECT_TRUE(std::any_of(v.possible_outcomes.begin(), v.possible_outcomes.end(),
                            [&](const rules::PossibleOutcome& o) { return optional_text(o.eccn) == wanted; }))
        << "no possible outcome in " << wanted;
  }
  if (expect["eccn"]) { EXPECT_EQ(optional_text(v.eccn), expected_text(expect, "eccn")); }
  if (expect["authorization"]) { EXPECT_EQ(spec::to_string(v.authorization), expected_text(expect, "authorization")); }
  if (expect["license_required"]) { EXPECT_EQ(v.license_required, expect["license_required"].as<bool>()); }
  if (expect["review_policy"]) {
    EXPECT_EQ(v.review_policy ? std::string(spec::to_string(*v.review_policy)) : "null",
              expected_text(expect, "review_policy"));
  }
  auto includes = [](const auto& list, const std::string& wanted, auto field) {
    return std::any_of(list.begin(), list.end(), [&](const auto& entry) { return field(entry) == wanted; });
  };
  for (const auto& clause : expect["clauses_include"]) {
    EXPECT_TRUE(includes(v.clauses, clause.as<std::string>(), [](const auto& c) { return c.clause; }))
        << "clause " << clause.as<std::string>() << " did not fire";
  }
  for (const auto& condition : expect["conditions_include"]) {
    EXPECT_TRUE(includes(v.conditions, condition.as<std::string>(), [](const auto& c) { return c.id; }))
        << "condition " << condition.as<std::string>() << " missing";
  }
  for (const auto& condition : expect["conditions_exclude"]) {
    EXPECT_FALSE(includes(v.conditions, condition.as<std::string>(), [](const auto& c) { return c.id; }))
        << "condition " << condition.as<std::string>() << " applies but should not";
  }
  for (const auto& measure : expect["import_measures_include"]) {
    EXPECT_TRUE(includes(v.import_measures, measure.as<std::string>(), [](const auto& m) { return m.id; }))
        << "import measure " << measure.as<std::string>() << " missing";
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file.substr(0, info.param.file.size() - 5) + "_" + std::to_string(info.param.index);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleCase, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
}  // namespace chipgap
