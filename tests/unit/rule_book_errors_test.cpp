// SPDX-License-Identifier: Apache-2.0
// Exact error messages for bad rule documents, countries and measures.
#include <gtest/gtest.h>

#include "chipgap/catalog/rule_book.hpp"

namespace chipgap::catalog {
namespace {

const char* kCountries =
    "sources:\n"
    "  g: {title: Country groups, url: https://example.com/groups}\n"
    "countries:\n"
    "  - {code: CN, name: China}\n"
    "  - {code: HK, name: Hong Kong, treated_as: CN}\n"
    "  - {code: SA, name: Saudi Arabia}\n"
    "groups:\n"
    "  - {id: \"D:5\", title: Arms embargo, members: {value: [CN], source: g, confidence: official}}\n";

// A rule document whose `when` (written at line 9, indented by 8) is `when`.
std::string rule(const std::string& when, const std::string& extra = "") {
  return "sources:\n"                                                             // 1
         "  fr: {title: A rule, url: https://example.com/fr}\n"                   // 2
         "rule:\n"                                                                // 3
         "  id: test-rule\n"                                                      // 4
         "  title: Test rule\n"                                                   // 5
         "  kind: regulation\n"                                                   // 6
         "  citation: {value: 1 FR 1, source: fr, confidence: official}\n"        // 7
         "  effective: {value: 2024-01-01, source: fr, confidence: official}\n"   // 8
         "  status: in_force\n"                                                   // 9
         "  classification:\n"                                                    // 10
         "    - clause: X.1\n"                                                    // 11
         "      eccn: X\n"                                                        // 12
         "      text: a test\n"                                                   // 13
         "      when: " + when + "\n" + extra;                                    // 14
}

// Every diagnostic of loading `files`, as text; empty when they load.
std::vector<std::string> errors_of(const RuleFiles& files) {
  auto result = parse_rule_book(files);
  std::vector<std::string> lines;
  if (!result.ok()) {
    for (const auto& d : result.errors()) lines.push_back(to_string(d));
  }
  return lines;
}

std::vector<std::string> errors_of(const std::string& document) {
  return errors_of({{"countries.yaml", kCountries}, {{"rule.yaml", document}}, {}, {}, {}});
}

// The countries file with `prefix` (top-level keys) before it.
std::vector<std::string> errors_of_countries(const std::string& prefix) {
  return errors_of({{"countries.yaml", prefix + kCountries}, {}, {}, {}, {}});
}

using Lines = std::vector<std::string>;

TEST(RuleBookErrors, AValidDocumentLoads) {
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {{"rule.yaml", rule("{metric: tpp, ge: 4800}")}}, {}, {}, {}});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  const auto* hk = result->find_country("hong kong");
  ASSERT_NE(hk, nullptr);
  EXPECT_EQ(result->evaluated_as(*hk).code, "CN");
  EXPECT_EQ(result->groups_on(*hk, *Date::parse("2024-01-01")), std::vector<std::string>{"D:5"});
}

TEST(RuleBookErrors, UnknownMetricSuggests) {
  EXPECT_EQ(errors_of(rule("{metric: ttp, ge: 4800}")),
            Lines{"rule.yaml:14:22: rule.classification[0].when.metric: unknown metric 'ttp'; did you mean 'tpp'?"});
}

TEST(RuleBookErrors, BandwidthThresholdsNeedUnits) {
  EXPECT_EQ(errors_of(rule("{metric: dram_bandwidth, ge: 1400}")),
            Lines{"rule.yaml:14:42: rule.classification[0].when.ge: missing unit in '1400' (e.g. '3.35 TB/s')"});
}

TEST(RuleBookErrors, ThresholdsAreFiniteAndNotNegative) {
  // NaN, inf and negative thresholds once loaded silently and changed verdicts.
  for (const char* value : {"nan", "inf", "-4800"}) {
    EXPECT_EQ(errors_of(rule(std::string("{metric: tpp, ge: ") + value + "}")),
              Lines{std::string("rule.yaml:14:31: rule.classification[0].when.ge: a threshold for tpp must be a finite "
                                "number of at least 0, not ") + value})
        << value;
  }
  EXPECT_EQ(errors_of(rule("{metric: dram_bandwidth, ge: -1400 GB/s}")),
            Lines{"rule.yaml:14:42: rule.classification[0].when.ge: a bandwidth threshold must be finite and at least 0, "
                  "not -1400 GB/s"});
  EXPECT_EQ(errors_of(rule("{metric: dram_bandwidth, ge: 1e308 TB/s}")),
            Lines{"rule.yaml:14:42: rule.classification[0].when.ge: '1e308 TB/s' is too large"});
}

TEST(RuleBookErrors, ReviewedThroughIsADate) {
  auto book = parse_rule_book({{"countries.yaml", std::string("reviewed_through: 2026-05-31\n") + kCountries}, {}, {}, {}, {}});
  ASSERT_TRUE(book.ok()) << to_string(book.errors());
  EXPECT_EQ(book->reviewed_through(), (Date{2026, 5, 31}));
  EXPECT_EQ(errors_of_countries("reviewed_through: last May\n"),
            Lines{"countries.yaml:1:19: reviewed_through: expected a date YYYY-MM-DD, got 'last May'"});
}

TEST(RuleBookErrors, MarketsAreKnownWords) {
  EXPECT_EQ(errors_of(rule("{market_in: [china_onyl]}")),
            Lines{"rule.yaml:14:25: rule.classification[0].when.market_in: unknown market 'china_onyl'; did you mean "
                  "'china_only'?"});
}

TEST(RuleBookErrors, KindIsOneOfTheKnownWords) {
  // The typo 'legislaton' once turned the H200 from presumption of denial to case by case.
  std::string document = rule("{metric: tpp, ge: 4800}");
  document.replace(document.find("kind: regulation"), 16, "kind: legislaton");
  EXPECT_EQ(errors_of(document), Lines{"rule.yaml:6:9: rule.kind: unknown kind 'legislaton'; did you mean 'legislation'?"});
}

TEST(RuleBookErrors, AConditionHasOneForm) {
  EXPECT_EQ(errors_of(rule("{datacenter: true, item: hbm}")),
            Lines{"rule.yaml:14:13: rule.classification[0].when: a condition has exactly one form; combine several "
                  "with 'all' or 'any'"});
}

TEST(RuleBookErrors, UnknownPlace) {
  EXPECT_EQ(errors_of(rule("{destination_in: [\"D:6\"]}")),
            Lines{"rule.yaml:14: unknown country or group 'D:6'; did you mean 'D:5'?"});
}

TEST(RuleBookErrors, BadDateAndUnknownSupersedes) {
  std::string document = rule("{metric: tpp, ge: 4800}", "  supersedes: [test-rul]\n");
  document.replace(document.find("2024-01-01"), 10, "2024-02-30");
  EXPECT_EQ(errors_of(document),
            Lines{"rule.yaml:8:22: rule.effective.value: expected a date YYYY-MM-DD, got '2024-02-30'"});
  document.replace(document.find("2024-02-30"), 10, "2024-02-29");
  EXPECT_EQ(errors_of(document),
            Lines{"rule.yaml:4: rule.supersedes: supersedes unknown rule 'test-rul'; did you mean 'test-rule'?"});
}

TEST(RuleBookErrors, UnknownAuthorizationAndUndefinedCondition) {
  const std::string licensing =
      "  licensing:\n"                                                // 15
      "    - clause: L\n"                                             // 16
      "      text: a license\n"                                       // 17
      "      when: {destination_in: [CN]}\n"                          // 18
      "      authorization: licence\n"                                // 19
      "      conditions: [tarif]\n";                                  // 20
  EXPECT_EQ(errors_of(rule("{metric: tpp, ge: 4800}", licensing)),
            Lines{"rule.yaml:19:22: rule.licensing[0].authorization: unknown authorization 'licence'; did you mean "
                  "'license'?"});
  std::string fixed = licensing;
  fixed.replace(fixed.find("licence"), 7, "license");
  EXPECT_EQ(errors_of(rule("{metric: tpp, ge: 4800}", fixed)),
            Lines{"rule.yaml:16: rule.licensing[0].conditions: condition 'tarif' is not defined in the document's "
                  "'conditions'"});
}

TEST(RuleBookErrors, GroupMembersMustBeListedCountries) {
  std::string countries = kCountries;
  countries.replace(countries.find("[CN]"), 4, "[CN, XX]");
  auto result = parse_rule_book({{"countries.yaml", countries}, {}, {}, {}, {}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(to_string(result.errors()[0]),
            "countries.yaml:8: groups.D:5.members: 'XX' is not a country code listed under 'countries'");
}

TEST(RuleBookErrors, ImportMeasureWordsAreChecked) {
  const std::string measures =
      "sources:\n"
      "  r: {title: Report, url: https://example.com/r}\n"
      "measures:\n"
      "  - id: m\n"
      "    title: A measure\n"
      "    date: {value: 2025-01-01, source: r, confidence: reported}\n"
      "    applies_to: {vendor_in: [Nvidia]}\n"
      "    effect: banned\n"
      "    evidence: rumour\n";
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {}, {{"cn.yaml", measures}}, {}, {}});
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.errors().size(), 2u);
  EXPECT_EQ(to_string(result.errors()[0]), "cn.yaml:8:13: measures[0].effect: unknown effect 'banned'; expected "
                                           "approved, inspection, permit, discouraged, restricted or prohibited");
  EXPECT_EQ(to_string(result.errors()[1]), "cn.yaml:9:15: measures[0].evidence: unknown evidence 'rumour'; expected "
                                           "official, reported or low");
}

TEST(RuleBookErrors, AMeasuresCountryMustBeListedAndUnlicensedConditionsNeedAWhen) {
  const std::string measures =
      "sources:\n"
      "  r: {title: Report, url: https://example.com/r}\n"
      "measures:\n"
      "  - id: m\n"
      "    country: XX\n"
      "    title: A measure\n"
      "    date: {value: 2025-01-01, source: r, confidence: reported}\n"
      "    applies_to: {vendor_in: [Nvidia]}\n"
      "    effect: permit\n"
      "    evidence: reported\n";
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {}, {{"my.yaml", measures}}, {}, {}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(to_string(result.errors()), "my.yaml:4: measures[0].country: 'XX' is not a country code listed under 'countries'\n");
  EXPECT_EQ(errors_of(rule("{metric: tpp, ge: 4800}", "  conditions:\n    - {id: c, text: a condition, without_license: true}\n")),
            Lines{"rule.yaml:16:7: rule.conditions[0]: a condition on exports without a licence needs a `when`"});
}

TEST(RuleBookErrors, ACountryWithoutACodeIsAnError) {
  // Once threw from yaml-cpp while locating the bad code (found by fuzz/rule_book_fuzzer;
  // fuzz/regressions/rule_book/).
  auto result = parse_rule_book({{"countries.yaml", "countries:\n  - {name: China}\n  - {code: [CN], name: China}\n"}, {}, {}, {}, {}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(to_string(result.errors()), "countries.yaml:1:1: sources: missing required key\n"
                                        "countries.yaml:2:5: countries[0].code: missing required key\n"
                                        "countries.yaml:3:12: countries[1].code: expected text, got a list\n");
}

}  // namespace
}  // namespace chipgap::catalog

namespace chipgap::catalog {
namespace {

// An end-user file with one listing; `extra` replaces nothing and is appended to the entry.
std::string end_users(const std::string& policy, const std::string& extra = "") {
  return "sources:\n"                                                                          // 1
         "  fr: {title: A listing, url: https://example.com/fr}\n"                             // 2
         "entities:\n"                                                                         // 3
         "  - id: acme\n"                                                                      // 4
         "    name: Acme Computing Co.\n"                                                      // 5
         "    aliases: [Acme]\n"                                                               // 6
         "    country: CN\n"                                                                   // 7
         "    list: entity_list\n"                                                             // 8
         "    listed: {value: 2020-01-01, source: fr, confidence: official, note: 1 FR 1}\n"    // 9
         "    license_requirement: {value: all items, source: fr, confidence: official}\n"     // 10
         "    review_policy: {value: " + policy + ", source: fr, confidence: official}\n" + extra;  // 11
}

std::vector<std::string> end_user_errors(const std::string& file) {
  return errors_of({{"countries.yaml", kCountries}, {}, {}, {{"end-users.yaml", file}}, {}});
}

TEST(RuleBookErrors, EndUsersLoadAndAreFoundByAnyOfTheirNames) {
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {}, {}, {{"end-users.yaml", end_users("presumption_of_denial")}}, {}});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  const auto* acme = result->find_end_user("acme computing co");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(result->find_end_user("ACME"), acme);
  EXPECT_FALSE(acme->listed_on(*Date::parse("2019-12-31")));
  EXPECT_TRUE(acme->listed_on(*Date::parse("2020-01-01")));
  EXPECT_EQ(result->suggest_end_users("acmee"), std::vector<std::string>{"acme"});
}

TEST(RuleBookErrors, EndUserPoliciesListsAndDatesAreChecked) {
  EXPECT_EQ(end_user_errors(end_users("presumption_of_denail")),
            Lines{"end-users.yaml:11:28: entities[0].review_policy.value: unknown review_policy 'presumption_of_denail'; "
                  "did you mean 'presumption_of_denial'?"});
  EXPECT_EQ(end_user_errors(end_users("case_by_case", "    removed: {value: 2019-01-01, source: fr, confidence: official}\n")),
            Lines{"end-users.yaml:12:14: entities[0].removed: removed before it was listed"});
  std::string two = end_users("case_by_case");
  two += "  - id: acme-2\n    name: Acme Two\n    aliases: [Acme]\n    country: CN\n    list: entity_list\n"
         "    listed: {value: 2021-01-01, source: fr, confidence: official}\n"
         "    license_requirement: {value: all items, source: fr, confidence: official}\n"
         "    review_policy: {value: case_by_case, source: fr, confidence: official}\n";
  const Lines errors = end_user_errors(two);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("'Acme' also names acme"), std::string::npos) << errors[0];
}

}  // namespace
}  // namespace chipgap::catalog

namespace chipgap::catalog {
namespace {

// A controls file with one suspended control; `suspension` gives its two suspension lines.
std::string minerals(const std::string& suspension) {
  return "sources:\n"                                                                      // 1
         "  m: {title: An announcement, url: https://example.com/m}\n"                     // 2
         "controls:\n"                                                                     // 3
         "  - id: ga\n"                                                                    // 4
         "    title: Gallium\n"                                                            // 5
         "    instrument: No. 1\n"                                                         // 6
         "    materials: [gallium]\n"                                                      // 7
         "    destination: US\n"                                                           // 8
         "    effect: ban\n"                                                               // 9
         "    effective: {value: 2024-12-03, source: m, confidence: reported}\n" +         // 10
         suspension;
}

TEST(RuleBookErrors, MineralControlsHaveADatedStatus) {
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {}, {}, {},
                                 {{"m.yaml", minerals("    suspended_from: {value: 2025-11-09, source: m, confidence: reported}\n"
                                                      "    suspended_until: {value: 2026-11-27, source: m, confidence: reported}\n")}}});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  ASSERT_EQ(result->mineral_controls().size(), 1u);
  const auto& ga = result->mineral_controls()[0];
  EXPECT_EQ(ga.status_on(*Date::parse("2024-12-02")), spec::ControlStatus::NotYetInForce);
  EXPECT_EQ(ga.status_on(*Date::parse("2025-01-01")), spec::ControlStatus::InForce);
  EXPECT_EQ(ga.status_on(*Date::parse("2026-01-01")), spec::ControlStatus::Suspended);
  // After the suspension, what happened is unknown unless the data says: never shown as decided.
  EXPECT_EQ(ga.status_on(*Date::parse("2026-12-07")), spec::ControlStatus::UnknownAfterSuspension);
}

TEST(RuleBookErrors, MineralControlsNeedBothEndsOfASuspensionAndKnownWords) {
  auto errors = errors_of({{"countries.yaml", kCountries}, {}, {}, {},
                           {{"m.yaml", minerals("    suspended_from: {value: 2025-11-09, source: m, confidence: reported}\n")}}});
  EXPECT_EQ(errors, Lines{"m.yaml:4:5: controls[0]: give both suspended_from and suspended_until, or neither"});
  std::string bad = minerals("");
  bad.replace(bad.find("effect: ban"), 11, "effect: bann");
  errors = errors_of({{"countries.yaml", kCountries}, {}, {}, {}, {{"m.yaml", bad}}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("controls[0].effect: unknown effect 'bann'; did you mean 'ban'?"), std::string::npos) << errors[0];
}

}  // namespace
}  // namespace chipgap::catalog

namespace chipgap::catalog {
namespace {

// The test countries with a D:5 `changes` list (written at line 9) after the groups.
std::vector<std::string> group_change_errors(const std::string& members, const std::string& changes) {
  std::string countries = kCountries;
  countries.replace(countries.find("[CN]"), 4, members);
  countries.replace(countries.find("}}\n", countries.find("D:5")), 3, "},\n");
  countries.insert(countries.size() - 1, " changes: " + changes + "}");
  return errors_of({{"countries.yaml", countries}, {}, {}, {}, {}});
}

TEST(RuleBookErrors, GroupChangesAlternateAndEndInTodaysMembership) {
  const std::string joined = "{value: 2024-03-15, source: g, confidence: reported}";
  EXPECT_EQ(group_change_errors("[CN, SA]", "[{country: SA, joined: " + joined + "}]"), Lines{});
  EXPECT_EQ(group_change_errors("[CN]", "[{country: SA, joined: " + joined + "}]"),
            Lines{"countries.yaml:8: groups.D:5.changes: SA's last change joins D:5 but it is not listed under members"});
  EXPECT_EQ(group_change_errors("[CN, SA]", "[{country: SA, joined: " + joined + "}, {country: SA, joined: " +
                                                "{value: 2025-01-01, source: g, confidence: reported}}]"),
            Lines{"countries.yaml:8: groups.D:5.changes: SA joins D:5 twice in a row"});
  const Lines both = group_change_errors("[CN]", "[{country: SA, joined: " + joined + ", left: " + joined + "}]");
  ASSERT_EQ(both.size(), 1u);
  EXPECT_NE(both[0].find("give exactly one of `joined` and `left`"), std::string::npos) << both[0];
}

// An end-user file holding the Affiliates rule; `dates` gives its date lines.
std::string affiliates(const std::string& dates) {
  return "sources:\n"
         "  fr: {title: The rule, url: https://example.com/fr}\n"
         "affiliates_rule:\n"
         "  id: affiliates\n"
         "  title: Affiliates\n"
         "  citation: {value: 1 FR 1, source: fr, confidence: official}\n"
         "  threshold_percent: {value: 50, source: fr, confidence: official}\n" +
         dates;
}

TEST(RuleBookErrors, TheAffiliatesRuleHasADatedStatus) {
  auto result = parse_rule_book({{"countries.yaml", kCountries}, {}, {}, {{"a.yaml", affiliates(
      "  effective: {value: 2025-09-29, source: fr, confidence: official}\n"
      "  suspended_from: {value: 2025-11-10, source: fr, confidence: reported}\n"
      "  suspended_until: {value: 2026-11-10, source: fr, confidence: reported}\n")}}, {}});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  ASSERT_TRUE(result->affiliates_rule().has_value());
  EXPECT_EQ(result->affiliates_rule()->status_on(*Date::parse("2026-11-10")), spec::ControlStatus::UnknownAfterSuspension);
  const Lines late = end_user_errors(affiliates(
      "  effective: {value: 2025-09-29, source: fr, confidence: official}\n"
      "  suspended_from: {value: 2025-09-01, source: fr, confidence: reported}\n"
      "  suspended_until: {value: 2026-11-10, source: fr, confidence: reported}\n"));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].find("a suspension must start after the control takes effect"), std::string::npos) << late[0];
  const Lines missing = end_user_errors(affiliates(""));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("affiliates_rule.effective: missing required key"), std::string::npos) << missing[0];
}

}  // namespace
}  // namespace chipgap::catalog
