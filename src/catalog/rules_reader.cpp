// SPDX-License-Identifier: Apache-2.0
// Reading rule documents (rules/us), import measures (rules/cn) and countries (rules/countries.yaml).
#include <algorithm>
#include <tuple>

#include "chipgap/catalog/rule_book.hpp"
#include "condition_reader.hpp"
#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;
using detail::read_sourced;
using detail::read_word;
using detail::text_value;

std::optional<spec::Condition> read_when(MapReader& map, std::string_view key, bool required) {
  auto node = required ? map.required(key) : map.optional(key);
  if (!node) return std::nullopt;
  return detail::read_condition(map.context(), *node, map.child_path(key));
}

// A list of entries under `key`, each read by `read_one`.
template <typename Entry, typename ReadOne>
std::vector<Entry> read_entries(MapReader& map, std::string_view key, ReadOne read_one) {
  std::vector<Entry> entries;
  auto node = map.optional(key);
  if (!node) return entries;
  const std::string path = map.child_path(key);
  if (!node->IsSequence()) {
    map.context().error(node->Mark(), path, "expected a list, got " + detail::describe_node(*node));
    return entries;
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    MapReader entry(map.context(), (*node)[i], path + "[" + std::to_string(i) + "]");
    if (!entry.is_map()) continue;
    if (auto value = read_one(entry)) entries.push_back(std::move(*value));
    entry.finish();
  }
  return entries;
}

std::optional<spec::ClassificationClause> read_clause(MapReader& entry, bool with_eccn) {
  spec::ClassificationClause clause;
  clause.clause = detail::read_text(entry, "clause", true).value_or("");
  if (with_eccn) {
    clause.eccn = detail::read_text(entry, "eccn", true).value_or("");
    clause.system_eccn = detail::read_text(entry, "system_eccn", false).value_or("");
  }
  clause.text = detail::read_text(entry, "text", true).value_or("");
  auto when = read_when(entry, "when", true);
  if (!when) return std::nullopt;
  clause.when = std::move(*when);
  return clause;
}

std::optional<spec::LicensingEntry> read_licensing(MapReader& entry) {
  spec::LicensingEntry licensing;
  licensing.clause = detail::read_text(entry, "clause", true).value_or("");
  licensing.text = detail::read_text(entry, "text", true).value_or("");
  auto when = read_when(entry, "when", true);
  auto authorization = read_word<spec::Authorization>(entry, "authorization", true, spec::kAuthorizationNames);
  licensing.review_policy = read_word<spec::ReviewPolicy>(entry, "review_policy", false, spec::kReviewPolicyNames);
  licensing.conditions = detail::read_text_list(entry, "conditions");
  licensing.line = entry.node().Mark().line + 1;
  if (!when || !authorization) return std::nullopt;
  licensing.when = std::move(*when);
  licensing.authorization = *authorization;
  return licensing;
}

std::optional<spec::AttachedCondition> read_attached_condition(MapReader& entry) {
  spec::AttachedCondition condition;
  condition.id = detail::read_text(entry, "id", true).value_or("");
  condition.text = detail::read_text(entry, "text", true).value_or("");
  condition.when = read_when(entry, "when", false);
  if (auto node = entry.optional("without_license")) {
    if (!node->IsScalar() || (node->Scalar() != "true" && node->Scalar() != "false")) {
      entry.context().error(node->Mark(), entry.child_path("without_license"), "expected true or false, got " + detail::describe_node(*node));
    } else {
      condition.without_license = node->Scalar() == "true";
    }
  }
  if (condition.without_license && !condition.when) {
    entry.context().error(entry.node().Mark(), entry.path(), "a condition on exports without a licence needs a `when`");
  }
  return condition;
}

void read_document(FileContext& context, MapReader& top, std::vector<spec::RuleDocument>& out) {
  auto node = top.required("rule");
  if (!node) return;
  const std::size_t errors_before = context.error_count();
  MapReader rule(context, *node, "rule");
  if (!rule.is_map()) return;
  detail::CitedSources cited;
  spec::RuleDocument document;
  document.id = detail::read_text(rule, "id", true).value_or("");
  document.title = detail::read_text(rule, "title", true).value_or("");
  if (auto kind = rule.required("kind")) {
    const std::vector<std::string> kinds(std::begin(spec::kRuleKindNames), std::end(spec::kRuleKindNames));
    if (kind->IsScalar() && std::find(kinds.begin(), kinds.end(), kind->Scalar()) != kinds.end()) {
      document.kind = kind->Scalar();
    } else {
      context.error(kind->Mark(), rule.child_path("kind"), detail::unknown_word_message("kind", *kind, kinds));
    }
  }
  auto citation = read_sourced(rule, "citation", true, text_value());
  auto effective = read_sourced(rule, "effective", true, detail::date_value());
  document.compliance = read_sourced(rule, "compliance", false, detail::date_value());
  document.status = read_word<spec::RuleStatus>(rule, "status", true, spec::kRuleStatusNames).value_or(spec::RuleStatus::InForce);
  document.not_enforced_from = read_sourced(rule, "not_enforced_from", false, detail::date_value());
  document.supersedes = detail::read_text_list(rule, "supersedes");
  document.classification = read_entries<spec::ClassificationClause>(rule, "classification",
                                                                       [](MapReader& e) { return read_clause(e, true); });
  document.exclusions =
      read_entries<spec::ClassificationClause>(rule, "exclusions", [](MapReader& e) { return read_clause(e, false); });
  document.licensing = read_entries<spec::LicensingEntry>(rule, "licensing", read_licensing);
  document.conditions = read_entries<spec::AttachedCondition>(rule, "conditions", read_attached_condition);
  document.notes = detail::read_text_list(rule, "notes");
  rule.finish();
  for (std::size_t i = 0; i < document.licensing.size(); ++i) {
    const auto& entry = document.licensing[i];
    for (const auto& id : entry.conditions) {
      if (document.find_condition(id) != nullptr) continue;
      YAML::Mark mark = YAML::Mark::null_mark();
      mark.line = entry.line - 1;
      context.error(mark, "rule.licensing[" + std::to_string(i) + "].conditions",
                    "condition '" + id + "' is not defined in the document's 'conditions'");
    }
  }
  if (context.error_count() != errors_before || !citation || !effective) return;
  document.citation = *citation;
  document.effective = *effective;
  cited.add(citation);
  cited.add(effective);
  cited.add(document.compliance);
  cited.add(document.not_enforced_from);
  document.sources = detail::sources_for(context, cited.ids());
  document.defined_at = context.defined_at(node->Mark().line + 1, "rule");
  out.push_back(std::move(document));
}

std::optional<spec::ImportMeasure> read_measure(FileContext& context, MapReader& entry) {
  spec::ImportMeasure measure;
  detail::CitedSources cited;
  measure.id = detail::read_text(entry, "id", true).value_or("");
  measure.title = detail::read_text(entry, "title", true).value_or("");
  auto date = read_sourced(entry, "date", true, detail::date_value());
  measure.until = read_sourced(entry, "until", false, detail::date_value());
  auto applies_to = read_when(entry, "applies_to", true);
  measure.effect = detail::read_text(entry, "effect", true).value_or("");
  measure.evidence = detail::read_text(entry, "evidence", true).value_or("");
  measure.summary = detail::read_text(entry, "summary", false).value_or("");
  measure.country = detail::read_text(entry, "country", false).value_or("CN");
  const std::tuple<const char*, const std::string*, std::vector<std::string>> words[] = {
      {"effect", &measure.effect, {std::begin(spec::kImportEffectNames), std::end(spec::kImportEffectNames)}},
      {"evidence", &measure.evidence, {"official", "reported", "low"}}};
  for (const auto& [key, word, allowed] : words) {
    if (word->empty() || std::find(allowed.begin(), allowed.end(), *word) != allowed.end()) continue;
    const YAML::Node& node = entry.node();
    context.error(node[key].Mark(), entry.child_path(key), detail::unknown_word_message(key, node[key], allowed));
  }
  if (!date || !applies_to) return std::nullopt;
  measure.date = *date;
  measure.applies_to = std::move(*applies_to);
  cited.add(date);
  cited.add(measure.until);
  measure.sources = detail::sources_for(context, cited.ids());
  measure.defined_at = context.defined_at(entry.node().Mark().line + 1, entry.path());
  return measure;
}

// One listing: who, on which list, from when (and until when), the licence requirement and review policy
// the entry states, each cited.
std::optional<spec::ListedEntity> read_end_user(FileContext& context, MapReader& entry) {
  spec::ListedEntity entity;
  detail::CitedSources cited;
  entity.id = detail::read_text(entry, "id", true).value_or("");
  entity.name = detail::read_text(entry, "name", true).value_or("");
  entity.aliases = detail::read_text_list(entry, "aliases");
  entity.country = detail::read_text(entry, "country", true).value_or("");
  entity.list = detail::read_text(entry, "list", true).value_or("");
  auto listed = read_sourced(entry, "listed", true, detail::date_value());
  entity.removed = read_sourced(entry, "removed", false, detail::date_value());
  auto requirement = read_sourced(entry, "license_requirement", true, text_value());
  auto policy = read_sourced(entry, "review_policy", true, text_value());
  entity.footnote = read_sourced(entry, "footnote", false, text_value());
  entity.summary = detail::read_text(entry, "summary", false).value_or("");
  const YAML::Node& node = entry.node();
  if (!entity.list.empty()) {
    const std::vector<std::string> allowed(std::begin(spec::kEndUserListNames), std::end(spec::kEndUserListNames));
    if (std::find(allowed.begin(), allowed.end(), entity.list) == allowed.end()) {
      context.error(node["list"].Mark(), entry.child_path("list"), detail::unknown_word_message("list", node["list"], allowed));
    }
  }
  if (policy) {
    const std::vector<std::string> allowed(std::begin(spec::kEndUserPolicyNames), std::end(spec::kEndUserPolicyNames));
    if (std::find(allowed.begin(), allowed.end(), policy->value) == allowed.end()) {
      context.error(node["review_policy"]["value"].Mark(), entry.child_path("review_policy") + ".value",
                    detail::unknown_word_message("review_policy", node["review_policy"]["value"], allowed));
      return std::nullopt;
    }
  }
  if (listed && entity.removed && !(listed->value < entity.removed->value)) {
    context.error(node["removed"].Mark(), entry.child_path("removed"), "removed before it was listed");
    return std::nullopt;
  }
  if (!listed || !requirement || !policy) return std::nullopt;
  entity.listed = *listed;
  entity.license_requirement = *requirement;
  entity.review_policy = *policy;
  cited.add(listed);
  cited.add(entity.removed);
  cited.add(requirement);
  cited.add(policy);
  cited.add(entity.footnote);
  entity.sources = detail::sources_for(context, cited.ids());
  entity.defined_at = context.defined_at(node.Mark().line + 1, entry.path());
  return entity;
}

// `effective`, and optionally `suspended_from`, `suspended_until` and `after_suspension`: a control's
// dates, shared by China's mineral controls and the US Affiliates rule. False when any is malformed.
bool read_dated_control(FileContext& context, MapReader& entry, spec::DatedControl& control, detail::CitedSources& cited) {
  auto effective = read_sourced(entry, "effective", true, detail::date_value());
  control.suspended_from = read_sourced(entry, "suspended_from", false, detail::date_value());
  control.suspended_until = read_sourced(entry, "suspended_until", false, detail::date_value());
  control.after_suspension = detail::read_text(entry, "after_suspension", false).value_or("unknown");
  const YAML::Node& node = entry.node();
  bool ok = true;
  const std::vector<std::string> after(std::begin(spec::kAfterSuspensionNames), std::end(spec::kAfterSuspensionNames));
  if (std::find(after.begin(), after.end(), control.after_suspension) == after.end() && node["after_suspension"]) {
    context.error(node["after_suspension"].Mark(), entry.child_path("after_suspension"),
                  detail::unknown_word_message("after_suspension", node["after_suspension"], after));
    ok = false;
  }
  if (control.suspended_from.has_value() != control.suspended_until.has_value()) {
    context.error(node.Mark(), entry.path(), "give both suspended_from and suspended_until, or neither");
    ok = false;
  } else if (control.suspended_from && effective &&
             (control.suspended_from->value < effective->value || !(control.suspended_from->value < control.suspended_until->value))) {
    context.error(node["suspended_from"].Mark(), entry.child_path("suspended_from"),
                  "a suspension must start after the control takes effect and end after it starts");
    ok = false;
  }
  if (!effective) return false;
  control.effective = *effective;
  cited.add(effective);
  cited.add(control.suspended_from);
  cited.add(control.suspended_until);
  return ok;
}

// The Affiliates rule: its citation, the ownership share from which it reaches an affiliate, and its dates.
std::optional<spec::AffiliatesRule> read_affiliates_rule(FileContext& context, MapReader& entry) {
  spec::AffiliatesRule rule;
  detail::CitedSources cited;
  rule.id = detail::read_text(entry, "id", true).value_or("");
  rule.title = detail::read_text(entry, "title", true).value_or("");
  auto citation = read_sourced(entry, "citation", true, text_value());
  auto threshold = read_sourced(entry, "threshold_percent", true, detail::number_value(1, 100));
  bool ok = read_dated_control(context, entry, rule, cited);
  rule.summary = detail::read_text(entry, "summary", false).value_or("");
  if (!ok || !citation || !threshold) return std::nullopt;
  rule.citation = *citation;
  rule.threshold_percent = threshold->value;
  cited.add(citation);
  cited.add(threshold);
  rule.sources = detail::sources_for(context, cited.ids());
  rule.defined_at = context.defined_at(entry.node().Mark().line + 1, entry.path());
  return rule;
}

// One of China's mineral export controls: what, where to, from when, and its suspension, each cited.
std::optional<spec::MineralControl> read_mineral_control(FileContext& context, MapReader& entry) {
  spec::MineralControl control;
  detail::CitedSources cited;
  control.id = detail::read_text(entry, "id", true).value_or("");
  control.title = detail::read_text(entry, "title", true).value_or("");
  control.instrument = detail::read_text(entry, "instrument", true).value_or("");
  control.materials = detail::read_text_list(entry, "materials");
  control.destination = detail::read_text(entry, "destination", true).value_or("");
  control.effect = detail::read_text(entry, "effect", true).value_or("");
  bool ok = read_dated_control(context, entry, control, cited);
  control.summary = detail::read_text(entry, "summary", false).value_or("");
  const YAML::Node& node = entry.node();
  const std::vector<std::string> effects(std::begin(spec::kMineralEffectNames), std::end(spec::kMineralEffectNames));
  if (!control.effect.empty() && std::find(effects.begin(), effects.end(), control.effect) == effects.end() && node["effect"]) {
    context.error(node["effect"].Mark(), entry.child_path("effect"), detail::unknown_word_message("effect", node["effect"], effects));
    ok = false;
  }
  if (control.materials.empty() && node["materials"]) {
    context.error(node["materials"].Mark(), entry.child_path("materials"), "name at least one material");
    ok = false;
  }
  if (!ok) return std::nullopt;
  control.sources = detail::sources_for(context, cited.ids());
  control.defined_at = context.defined_at(node.Mark().line + 1, entry.path());
  return control;
}

// {country: NI, joined: {value: 2024-03-15, source: ...}} or {country: KH, left: {...}}: exactly one of the two.
std::optional<spec::MembershipChange> read_membership_change(MapReader& entry) {
  spec::MembershipChange change;
  change.country = detail::read_text(entry, "country", true).value_or("");
  auto joined = read_sourced(entry, "joined", false, detail::date_value());
  auto left = read_sourced(entry, "left", false, detail::date_value());
  if (joined.has_value() == left.has_value()) {
    entry.context().error(entry.node().Mark(), entry.path(), "give exactly one of `joined` and `left` (a dated source)");
    return std::nullopt;
  }
  change.joined = joined.has_value();
  change.date = joined ? *joined : *left;
  if (change.country.empty()) return std::nullopt;
  return change;
}

void read_countries(FileContext& context, MapReader& top, std::vector<spec::Country>& countries,
                    std::vector<spec::CountryGroup>& groups) {
  countries = read_entries<spec::Country>(top, "countries", [&](MapReader& entry) -> std::optional<spec::Country> {
    spec::Country country;
    country.code = detail::read_text(entry, "code", true).value_or("");
    country.name = detail::read_text(entry, "name", true).value_or("");
    country.treated_as = detail::read_text(entry, "treated_as", false).value_or("");
    if (country.code.size() != 2 || !std::isupper(static_cast<unsigned char>(country.code[0])) ||
        !std::isupper(static_cast<unsigned char>(country.code[1]))) {
      const YAML::Node& node = entry.node();
      // A missing or non-text code is reported by read_text; node["code"] would then be an invalid node
      // whose Mark() throws (found by fuzz/rule_book_fuzzer; fuzz/regressions/rule_book/).
      if (!node["code"] || !node["code"].IsScalar()) return std::nullopt;
      context.error(node["code"].Mark(), entry.child_path("code"),
                    "expected a two-letter ISO 3166 country code such as 'US' or 'CN', got '" + country.code + "'");
      return std::nullopt;
    }
    return country;
  });
  groups = read_entries<spec::CountryGroup>(top, "groups", [&](MapReader& entry) -> std::optional<spec::CountryGroup> {
    spec::CountryGroup group;
    group.id = detail::read_text(entry, "id", true).value_or("");
    group.title = detail::read_text(entry, "title", true).value_or("");
    auto members = read_sourced(entry, "members", true, detail::text_list_value());
    group.changes = read_entries<spec::MembershipChange>(entry, "changes", read_membership_change);
    std::stable_sort(group.changes.begin(), group.changes.end(),
                     [](const auto& a, const auto& b) { return a.date.value < b.date.value; });
    if (!members) return std::nullopt;
    group.members = *members;
    return group;
  });
}

}  // namespace

Result<RuleBook> parse_rule_book(const RuleFiles& files) {
  std::vector<Diagnostic> errors;
  std::vector<spec::Country> countries;
  std::vector<spec::CountryGroup> groups;
  std::vector<spec::RuleDocument> documents;
  std::vector<spec::ImportMeasure> measures;
  std::vector<spec::ListedEntity> end_users;
  std::vector<spec::MineralControl> mineral_controls;
  std::optional<spec::AffiliatesRule> affiliates_rule;
  std::optional<Date> reviewed_through;
  detail::parse_data_file(files.countries, {"countries", "groups"}, errors, [&](FileContext& context, MapReader& top) {
    read_countries(context, top, countries, groups);
    if (auto node = top.optional("reviewed_through")) {
      reviewed_through = node->IsScalar() ? Date::parse(node->Scalar()) : std::nullopt;
      if (!reviewed_through) {
        context.error(node->Mark(), "reviewed_through", "expected a date YYYY-MM-DD, got " + detail::describe_node(*node));
      }
    }
  });
  for (const auto& file : files.documents) {
    detail::parse_data_file(file, {"rule"}, errors,
                            [&](FileContext& context, MapReader& top) { read_document(context, top, documents); });
  }
  for (const auto& file : files.import_measures) {
    detail::parse_data_file(file, {"measures"}, errors, [&](FileContext& context, MapReader& top) {
      auto list = read_entries<spec::ImportMeasure>(top, "measures",
                                                    [&](MapReader& entry) { return read_measure(context, entry); });
      for (auto& measure : list) measures.push_back(std::move(measure));
    });
  }
  for (const auto& file : files.end_users) {
    detail::parse_data_file(file, {"entities", "affiliates_rule"}, errors, [&](FileContext& context, MapReader& top) {
      auto list = read_entries<spec::ListedEntity>(top, "entities",
                                                   [&](MapReader& entry) { return read_end_user(context, entry); });
      for (auto& entity : list) end_users.push_back(std::move(entity));
      if (auto node = top.optional("affiliates_rule")) {
        MapReader entry(context, *node, "affiliates_rule");
        if (!entry.is_map()) return;
        if (affiliates_rule) {
          context.error(node->Mark(), "affiliates_rule", "a second Affiliates rule; the rule book has one");
        } else {
          affiliates_rule = read_affiliates_rule(context, entry);
        }
        entry.finish();
      }
    });
  }
  for (const auto& file : files.mineral_controls) {
    detail::parse_data_file(file, {"controls"}, errors, [&](FileContext& context, MapReader& top) {
      auto list = read_entries<spec::MineralControl>(top, "controls",
                                                     [&](MapReader& entry) { return read_mineral_control(context, entry); });
      for (auto& control : list) mineral_controls.push_back(std::move(control));
    });
  }
  if (!errors.empty()) return errors;
  auto book = RuleBook::assemble(std::move(countries), std::move(groups), std::move(documents), std::move(measures));
  if (!book) return book;
  book.value().set_reviewed_through(reviewed_through);
  book.value().set_mineral_controls(std::move(mineral_controls));
  book.value().set_affiliates_rule(std::move(affiliates_rule));
  if (auto indexed = book.value().set_end_users(std::move(end_users)); !indexed) return indexed.errors();
  return book;
}

Result<RuleBook> load_rule_book(const std::filesystem::path& root) {
  std::vector<Diagnostic> errors;
  RuleFiles files;
  const auto rules = root / "rules";
  auto countries = detail::read_data_files({rules / "countries.yaml"}, errors);
  files.documents = detail::read_data_files(detail::yaml_files_in(rules / "us"), errors, root);
  // Destination-side measures: China's on imports (cn/), Malaysia's on transshipment (my/).
  files.import_measures = detail::read_data_files(detail::yaml_files_in(rules / "cn"), errors, root);
  for (auto& file : detail::read_data_files(detail::yaml_files_in(rules / "my"), errors, root)) {
    files.import_measures.push_back(std::move(file));
  }
  files.end_users = detail::read_data_files(detail::yaml_files_in(rules / "end-users"), errors, root);
  files.mineral_controls = detail::read_data_files(detail::yaml_files_in(rules / "cn-export-controls"), errors, root);
  if (countries.empty() && errors.empty()) {
    errors.push_back({(rules / "countries.yaml").string(), 0, 0, "", "file not found"});
  }
  if (!errors.empty()) return errors;
  files.countries = std::move(countries.front());
  return parse_rule_book(files);
}

}  // namespace chipgap::catalog
