// SPDX-License-Identifier: Apache-2.0
#include "chipgap/catalog/rule_book.hpp"

#include <algorithm>
#include <map>
#include <functional>
#include <set>

#include "chipgap/common/names.hpp"

namespace chipgap::catalog {
namespace {

const std::set<std::string> kSections = {"classification", "exclusions", "licensing", "conditions"};

// Calls `visit` for every leaf test of a condition tree.
// Every condition of the book with the file it was written in.
void for_each_condition(const std::vector<spec::RuleDocument>& documents, const std::vector<spec::ImportMeasure>& measures,
                        const std::function<void(const spec::Condition&, const std::string& file)>& visit) {
  for (const auto& document : documents) {
    document.for_each_condition([&](const spec::Condition& c) { visit(c, document.defined_at.file); });
  }
  for (const auto& measure : measures) visit(measure.applies_to, measure.defined_at.file);
}

}  // namespace

RuleBook RuleBook::with_document(spec::RuleDocument document) const {
  RuleBook copy = *this;
  for (auto& d : copy.documents_) {
    if (d.id == document.id) d = std::move(document);
  }
  return copy;
}

const spec::Country* RuleBook::find_country(std::string_view code_or_name) const {
  auto it = country_index_.find(normalize_name(code_or_name));
  return it == country_index_.end() ? nullptr : &countries_[it->second];
}

std::vector<std::string> RuleBook::suggest_countries(std::string_view code_or_name) const {
  std::vector<std::string> names;
  for (const auto& country : countries_) names.push_back(country.name);
  std::vector<std::string> suggestions;
  for (const auto& name : closest_names(code_or_name, names)) {
    suggestions.push_back(find_country(name)->code + " (" + name + ")");
  }
  return suggestions;
}

const spec::RuleDocument* RuleBook::find_document(std::string_view id) const {
  auto it = std::find_if(documents_.begin(), documents_.end(),
                         [&](const spec::RuleDocument& d) { return normalize_name(d.id) == normalize_name(id); });
  return it == documents_.end() ? nullptr : &*it;
}

std::vector<std::string> RuleBook::suggest_documents(std::string_view id) const {
  std::vector<std::string> ids;
  for (const auto& document : documents_) ids.push_back(document.id);
  return closest_names(id, ids);
}

const spec::ImportMeasure* RuleBook::find_import_measure(std::string_view id) const {
  auto it = std::find_if(measures_.begin(), measures_.end(),
                         [&](const spec::ImportMeasure& m) { return normalize_name(m.id) == normalize_name(id); });
  return it == measures_.end() ? nullptr : &*it;
}

std::vector<std::string> RuleBook::suggest_import_measures(std::string_view id) const {
  std::vector<std::string> ids;
  for (const auto& measure : measures_) ids.push_back(measure.id);
  return closest_names(id, ids);
}

const spec::Country& RuleBook::evaluated_as(const spec::Country& country) const {
  if (country.treated_as.empty()) return country;
  const spec::Country* target = find_country(country.treated_as);
  return target ? *target : country;
}

std::vector<std::string> RuleBook::groups_on(const spec::Country& country, Date date) const {
  const std::string& code = evaluated_as(country).code;
  std::vector<std::string> out;
  for (const auto& group : groups_) {
    if (group.has_member(code, date)) out.push_back(group.id);
  }
  return out;
}

std::vector<const spec::MineralControl*> RuleBook::mineral_controls_to(const spec::Country* country) const {
  const std::string code = country != nullptr ? evaluated_as(*country).code : "";
  std::vector<const spec::MineralControl*> out;
  for (const auto& c : mineral_controls_) {
    if (code.empty() || c.destination == "all" || c.destination == code) out.push_back(&c);
  }
  return out;
}

const spec::ListedEntity* RuleBook::find_end_user(std::string_view name) const {
  const auto it = end_user_index_.find(normalize_name(name));
  return it == end_user_index_.end() ? nullptr : &end_users_[it->second];
}

std::vector<std::string> RuleBook::suggest_end_users(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& entity : end_users_) {
    names.push_back(entity.id);
    names.push_back(entity.name);
    for (const auto& alias : entity.aliases) names.push_back(alias);
  }
  // One suggestion per spelling ("huawei" and "Huawei" are one name).
  std::vector<std::string> unique;
  for (auto& candidate : closest_names(name, names, 6)) {
    const bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const std::string& u) { return normalize_name(u) == normalize_name(candidate); });
    if (!seen && unique.size() < 3) unique.push_back(std::move(candidate));
  }
  return unique;
}

Result<bool> RuleBook::set_end_users(std::vector<spec::ListedEntity> end_users) {
  end_users_ = std::move(end_users);
  end_user_index_.clear();
  std::vector<Diagnostic> errors;
  for (std::size_t i = 0; i < end_users_.size(); ++i) {
    const auto& entity = end_users_[i];
    std::vector<std::string> keys{entity.id, entity.name};
    keys.insert(keys.end(), entity.aliases.begin(), entity.aliases.end());
    for (const auto& key : keys) {
      auto [it, inserted] = end_user_index_.emplace(normalize_name(key), i);
      if (!inserted && it->second != i) {
        errors.push_back({entity.defined_at.file, entity.defined_at.line, 0, entity.defined_at.key_path,
                          "'" + key + "' also names " + end_users_[it->second].id});
      }
    }
  }
  if (!errors.empty()) return errors;
  return true;
}

namespace {

// A group's dated changes must name listed countries and, country by country, alternate between joining
// and leaving, ending in today's membership: otherwise the membership on an earlier date is ill-defined.
void check_membership_changes(const spec::CountryGroup& group, const RuleBook& book, std::vector<Diagnostic>& errors) {
  std::map<std::string, const spec::MembershipChange*> last;
  for (const auto& change : group.changes) {
    const std::string key = "groups." + group.id + ".changes";
    const spec::Country* country = book.find_country(change.country);
    if (country == nullptr || country->code != change.country) {
      errors.push_back({"countries.yaml", change.date.provenance.line, 0, key,
                        "'" + change.country + "' is not a country code listed under 'countries'"});
      continue;
    }
    auto& previous = last[change.country];
    if (previous != nullptr && previous->joined == change.joined) {
      errors.push_back({"countries.yaml", change.date.provenance.line, 0, key,
                        change.country + (change.joined ? " joins " : " leaves ") + group.id + " twice in a row"});
    }
    previous = &change;
  }
  for (const auto& [code, change] : last) {
    const auto& members = group.members.value;
    const bool member = std::find(members.begin(), members.end(), code) != members.end();
    if (member != change->joined) {
      errors.push_back({"countries.yaml", change->date.provenance.line, 0, "groups." + group.id + ".changes",
                        code + "'s last change " + (change->joined ? "joins" : "leaves") + " " + group.id + " but " +
                            (member ? "it is" : "it is not") + " listed under members"});
    }
  }
}

}  // namespace

Result<RuleBook> RuleBook::assemble(std::vector<spec::Country> countries, std::vector<spec::CountryGroup> groups,
                                    std::vector<spec::RuleDocument> documents, std::vector<spec::ImportMeasure> measures) {
  RuleBook book;
  std::vector<Diagnostic> errors;
  book.countries_ = std::move(countries);
  book.groups_ = std::move(groups);
  book.documents_ = std::move(documents);
  book.measures_ = std::move(measures);

  for (std::size_t i = 0; i < book.countries_.size(); ++i) {
    const auto& country = book.countries_[i];
    for (const auto& key : {normalize_name(country.code), normalize_name(country.name)}) {
      auto [it, inserted] = book.country_index_.emplace(key, i);
      if (!inserted && it->second != i) {
        errors.push_back({"countries.yaml", 0, 0, "countries", "'" + key + "' names two countries: " +
                                                                  book.countries_[it->second].code + " and " + country.code});
      }
    }
  }
  for (const auto& country : book.countries_) {
    if (!country.treated_as.empty() && book.find_country(country.treated_as) == nullptr) {
      errors.push_back({"countries.yaml", 0, 0, "countries." + country.code + ".treated_as",
                        "unknown country '" + country.treated_as + "'"});
    }
  }
  std::set<std::string> group_ids;
  for (const auto& group : book.groups_) {
    if (!group_ids.insert(group.id).second) {
      errors.push_back({"countries.yaml", group.members.provenance.line, 0, "groups", "duplicate group '" + group.id + "'"});
    }
    for (const auto& member : group.members.value) {
      const spec::Country* country = book.find_country(member);
      if (country == nullptr || country->code != member) {
        errors.push_back({"countries.yaml", group.members.provenance.line, 0, "groups." + group.id + ".members",
                          "'" + member + "' is not a country code listed under 'countries'"});
      }
    }
    check_membership_changes(group, book, errors);
  }

  for (const auto& measure : book.measures_) {
    const spec::Country* country = book.find_country(measure.country);
    if (country == nullptr || country->code != measure.country) {
      errors.push_back({measure.defined_at.file, measure.defined_at.line, 0, measure.defined_at.key_path + ".country",
                        "'" + measure.country + "' is not a country code listed under 'countries'"});
    }
  }

  std::set<std::string> document_ids;
  for (const auto& document : book.documents_) {
    if (!document_ids.insert(document.id).second) {
      errors.push_back({document.defined_at.file, document.defined_at.line, 0, "rule.id",
                        "duplicate rule id '" + document.id + "'"});
    }
  }
  for (const auto& document : book.documents_) {
    for (const auto& target : document.supersedes) {
      const auto hash = target.find('#');
      const std::string id = target.substr(0, hash);
      const bool known_section = hash == std::string::npos || kSections.count(target.substr(hash + 1)) > 0;
      if (document_ids.count(id) == 0 || !known_section) {
        std::string message = "supersedes unknown " + std::string(document_ids.count(id) ? "section '" : "rule '") +
                              target + "'";
        const std::string suggestion = did_you_mean(book.suggest_documents(id));
        if (document_ids.count(id) == 0 && !suggestion.empty()) message += "; " + suggestion;
        errors.push_back({document.defined_at.file, document.defined_at.line, 0, "rule.supersedes", message});
      }
    }
  }
  std::set<std::string> measure_ids;
  for (const auto& measure : book.measures_) {
    if (!measure_ids.insert(measure.id).second) {
      errors.push_back({measure.defined_at.file, measure.defined_at.line, 0, measure.defined_at.key_path + ".id",
                        "duplicate measure id '" + measure.id + "'"});
    }
  }

  // Places named in conditions must be groups or countries.
  std::vector<std::string> place_names(group_ids.begin(), group_ids.end());
  for (const auto& country : book.countries_) place_names.push_back(country.code);
  for_each_condition(book.documents_, book.measures_, [&](const spec::Condition& root, const std::string& file) {
    spec::for_each_test(root, [&](const spec::Condition& test) {
      const auto* places = std::get_if<spec::PlaceTest>(&test.test);
      if (places == nullptr) return;
      for (const auto& place : places->places) {
        if (group_ids.count(place) || (book.find_country(place) && book.find_country(place)->code == place)) continue;
        std::string message = "unknown country or group '" + place + "'";
        const std::string suggestion = did_you_mean(closest_names(place, place_names, 1, false));
        if (!suggestion.empty()) message += "; " + suggestion;
        errors.push_back({file, test.line, 0, "", message});
      }
    });
  });
  if (!errors.empty()) return errors;
  return book;
}

std::vector<Diagnostic> check_names_against_catalog(const RuleBook& rules, const Catalog& catalog) {
  std::vector<Diagnostic> errors;
  std::vector<std::string> vendors;
  for (const auto& chip : catalog.accelerators()) {
    if (std::find(vendors.begin(), vendors.end(), chip.vendor) == vendors.end()) vendors.push_back(chip.vendor);
  }
  for_each_condition(rules.documents(), rules.import_measures(), [&](const spec::Condition& root, const std::string& file) {
    spec::for_each_test(root, [&](const spec::Condition& test) {
      const auto* names = std::get_if<spec::NameTest>(&test.test);
      if (names == nullptr || names->field == spec::NameTest::Field::Market) return;  // market words are checked when read
      for (const auto& name : names->names) {
        const bool chip = names->field == spec::NameTest::Field::Chip;
        const bool known = chip ? catalog.find_accelerator(name) != nullptr
                                : std::any_of(vendors.begin(), vendors.end(),
                                              [&](const std::string& v) { return normalize_name(v) == normalize_name(name); });
        if (known) continue;
        std::string message = std::string(chip ? "no accelerator named '" : "no vendor named '") + name + "' in the catalog";
        const std::string suggestion =
            did_you_mean(chip ? catalog.suggest_accelerators(name) : closest_names(name, vendors, 1));
        if (!suggestion.empty()) message += "; " + suggestion;
        errors.push_back({file, test.line, 0, "", message});
      }
    });
  });
  return errors;
}

}  // namespace chipgap::catalog
