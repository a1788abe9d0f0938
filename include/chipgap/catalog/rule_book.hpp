// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/end_user.hpp"
#include "chipgap/spec/mineral_control.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::catalog {

// Rule documents, countries and import measures, validated and indexed: immutable once built.
class RuleBook {
 public:
  const std::vector<spec::RuleDocument>& documents() const { return documents_; }
  const std::vector<spec::Country>& countries() const { return countries_; }
  // The last date whose changes the rule book was checked to include (countries.yaml's
  // `reviewed_through`); verdicts for later dates may miss newer measures and say so.
  const std::optional<Date>& reviewed_through() const { return reviewed_through_; }
  void set_reviewed_through(std::optional<Date> date) { reviewed_through_ = date; }
  const std::vector<spec::CountryGroup>& groups() const { return groups_; }
  const std::vector<spec::ImportMeasure>& import_measures() const { return measures_; }

  // By ISO code or English name, case-insensitively.
  const spec::Country* find_country(std::string_view code_or_name) const;
  std::vector<std::string> suggest_countries(std::string_view code_or_name) const;
  const spec::RuleDocument* find_document(std::string_view id) const;
  // A copy of the book with the document of the same id replaced: a what-if rule (a sweep's moved
  // thresholds) that keeps every index. The id must name a document of the book.
  RuleBook with_document(spec::RuleDocument document) const;
  std::vector<std::string> suggest_documents(std::string_view id) const;
  const spec::ImportMeasure* find_import_measure(std::string_view id) const;
  std::vector<std::string> suggest_import_measures(std::string_view id) const;
  // End users on restricted-party lists (rules/end-users/), by id, listed name or alias.
  const std::vector<spec::ListedEntity>& end_users() const { return end_users_; }
  const spec::ListedEntity* find_end_user(std::string_view name) const;
  std::vector<std::string> suggest_end_users(std::string_view name) const;
  // The Affiliates rule (rules/end-users/), when the data has it.
  const std::optional<spec::AffiliatesRule>& affiliates_rule() const { return affiliates_rule_; }
  void set_affiliates_rule(std::optional<spec::AffiliatesRule> rule) { affiliates_rule_ = std::move(rule); }
  // China's export controls on critical minerals (rules/cn-export-controls/), in file order.
  const std::vector<spec::MineralControl>& mineral_controls() const { return mineral_controls_; }
  void set_mineral_controls(std::vector<spec::MineralControl> controls) { mineral_controls_ = std::move(controls); }
  // Those on exports to `country` (as it is evaluated: Hong Kong as China) and those to everywhere; every
  // control when `country` is null.
  std::vector<const spec::MineralControl*> mineral_controls_to(const spec::Country* country) const;
  // Indexes the end users; fails when one name or alias would name two of them.
  Result<bool> set_end_users(std::vector<spec::ListedEntity> end_users);
  // Group ids the country belongs to on a date, after `treated_as` (Hong Kong gets China's groups): a
  // group's dated changes (Nicaragua joined D:5 on 2024-03-15) are undone before their dates.
  std::vector<std::string> groups_on(const spec::Country& country, Date date) const;
  // The country a destination is evaluated as (itself, or what it is treated as).
  const spec::Country& evaluated_as(const spec::Country& country) const;

  // Checks references between documents, countries and groups, and indexes them.
  static Result<RuleBook> assemble(std::vector<spec::Country> countries, std::vector<spec::CountryGroup> groups,
                                   std::vector<spec::RuleDocument> documents,
                                   std::vector<spec::ImportMeasure> measures);

 private:
  std::vector<spec::Country> countries_;
  std::optional<Date> reviewed_through_;
  std::vector<spec::CountryGroup> groups_;
  std::vector<spec::RuleDocument> documents_;
  std::vector<spec::ImportMeasure> measures_;
  std::vector<spec::ListedEntity> end_users_;
  std::vector<spec::MineralControl> mineral_controls_;
  std::optional<spec::AffiliatesRule> affiliates_rule_;
  std::unordered_map<std::string, std::size_t> end_user_index_;  // normalized id, name and aliases -> index
  std::unordered_map<std::string, std::size_t> country_index_;  // normalized code and name -> index
};

struct RuleFiles {
  DataFile countries;
  std::vector<DataFile> documents;        // rules/us/*.yaml
  std::vector<DataFile> import_measures;  // rules/cn/*.yaml
  std::vector<DataFile> end_users;        // rules/end-users/*.yaml
  std::vector<DataFile> mineral_controls; // rules/cn-export-controls/*.yaml
};

Result<RuleBook> parse_rule_book(const RuleFiles& files);

// Reads root/rules/countries.yaml and the yaml files of root/rules/us, cn, end-users and cn-export-controls.
Result<RuleBook> load_rule_book(const std::filesystem::path& root);

// Names in rule conditions (chip_in, vendor_in) that match nothing in the catalog: likely typos.
std::vector<Diagnostic> check_names_against_catalog(const RuleBook& rules, const Catalog& catalog);

}  // namespace chipgap::catalog
