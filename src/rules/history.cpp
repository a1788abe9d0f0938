// SPDX-License-Identifier: Apache-2.0
// Timelines and diffs: the classification re-run on the dates where rules change.
#include <algorithm>
#include <map>
#include <set>

#include "chipgap/rules/engine.hpp"

namespace chipgap::rules {
namespace {

// Every date on which a document starts or stops applying, an import measure starts or ends, or one of
// `countries` joins or leaves a group.
std::map<Date, std::vector<std::string>> change_dates(const catalog::RuleBook& book,
                                                      const std::vector<std::string>& extra_rules,
                                                      const std::vector<std::string>& countries = {}) {
  std::map<Date, std::vector<std::string>> dates;
  for (const auto& document : book.documents()) {
    const bool chosen = std::find(extra_rules.begin(), extra_rules.end(), document.id) != extra_rules.end();
    if (document.status == spec::RuleStatus::Pending && !chosen) continue;
    dates[document.start()].push_back(document.id);
    if (document.not_enforced_from && !chosen) {
      dates[document.not_enforced_from->value].push_back(document.id + " (no longer enforced)");
    }
  }
  for (const auto& measure : book.import_measures()) {
    dates[measure.date.value].push_back(measure.id);
    if (measure.until) dates[measure.until->value].push_back(measure.id + " (ended)");
  }
  // The destination (or the buyer's headquarters) joining or leaving a group changes the rules that reach it.
  for (const auto& group : book.groups()) {
    for (const auto& change : group.changes) {
      if (std::find(countries.begin(), countries.end(), change.country) == countries.end()) continue;
      dates[change.date.value].push_back(change.country + (change.joined ? " joins " : " leaves ") + group.id);
    }
  }
  return dates;
}

// What a timeline shows as a change: the status and the import measures in force.
std::string timeline_key(const Verdict& verdict) {
  std::string key = verdict.status();
  for (const auto& measure : verdict.import_measures) key += "|" + measure.id;
  return key;
}

std::set<std::string> clause_keys(const Verdict& verdict) {
  std::set<std::string> keys;
  for (const auto& clause : verdict.clauses) keys.insert(clause.clause + " (" + clause.rule_id + ")");
  return keys;
}

}  // namespace

Result<std::vector<TimelineEntry>> timeline(const catalog::RuleBook& book, const Item& item, const Query& query) {
  // The countries whose group changes matter: the destination and the headquarters, as they are evaluated.
  std::vector<std::string> countries;
  for (const auto* text : {&query.destination, query.end_user_hq ? &*query.end_user_hq : nullptr}) {
    if (text == nullptr) continue;
    if (const auto* country = book.find_country(*text)) countries.push_back(book.evaluated_as(*country).code);
  }
  const auto dates = change_dates(book, query.extra_rules, countries);
  std::vector<TimelineEntry> entries;
  std::string previous;
  auto visit = [&](Date date, std::vector<std::string> starting) -> std::optional<std::vector<Diagnostic>> {
    Query at = query;
    at.date = date;
    auto verdict = classify(book, item, at);
    if (!verdict) return verdict.errors();
    const std::string key = timeline_key(*verdict);
    if (entries.empty() || key != previous) entries.push_back({date, std::move(starting), std::move(verdict).value()});
    previous = key;
    return std::nullopt;
  };
  if (!dates.empty()) {
    if (auto errors = visit(dates.begin()->first.previous_day(), {})) return *errors;
  }
  for (const auto& [date, starting] : dates) {
    if (auto errors = visit(date, starting)) return *errors;
  }
  return entries;
}

Result<std::vector<StatusChange>> diff(const catalog::RuleBook& book, const catalog::Catalog& catalog, Date from, Date to,
                                       const Query& query) {
  std::vector<StatusChange> changes;
  for (const auto& chip : catalog.accelerators()) {
    const Item item = make_item(chip);
    Query before_query = query;
    before_query.date = from;
    Query after_query = query;
    after_query.date = to;
    auto before = classify(book, item, before_query);
    if (!before) return before.errors();
    auto after = classify(book, item, after_query);
    if (!after) return after.errors();
    if (before->status() == after->status()) continue;
    StatusChange change{chip.name, std::move(before).value(), std::move(after).value(), {}};
    const auto was = clause_keys(change.before);
    const auto now = clause_keys(change.after);
    for (const auto& key : now) {
      if (!was.count(key)) change.reasons.push_back("now: " + key);
    }
    for (const auto& key : was) {
      if (!now.count(key)) change.reasons.push_back("no longer: " + key);
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace chipgap::rules
