// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <set>
#include <tuple>

#include "chipgap/common/names.hpp"
#include "chipgap/rules/engine.hpp"
#include "evaluate.hpp"
#include "outcomes.hpp"

namespace chipgap::rules {
namespace {

using detail::Environment;
using detail::Findings;
using detail::Truth;

// A document in force and the sections of it that a later document superseded.
struct ActiveDocument {
  const spec::RuleDocument* document;
  std::set<std::string> removed_sections;
  bool has(const char* section) const { return removed_sections.count(section) == 0; }
};

bool selected(const spec::RuleDocument& document, const std::vector<std::string>& extra_rules) {
  return std::any_of(extra_rules.begin(), extra_rules.end(),
                     [&](const std::string& id) { return normalize_name(id) == normalize_name(document.id); });
}

// "-ID" in the extra rules: a what-if without that document (the April 2025 letters never sent).
bool excluded(const spec::RuleDocument& document, const std::vector<std::string>& extra_rules) {
  return std::any_of(extra_rules.begin(), extra_rules.end(), [&](const std::string& id) {
    return !id.empty() && id[0] == '-' && normalize_name(id.substr(1)) == normalize_name(document.id);
  });
}

std::vector<ActiveDocument> active_documents(const catalog::RuleBook& book, Date date,
                                             const std::vector<std::string>& extra_rules) {
  std::vector<const spec::RuleDocument*> candidates;
  for (const auto& document : book.documents()) {
    const bool chosen = selected(document, extra_rules);
    if (excluded(document, extra_rules)) continue;
    if (document.status == spec::RuleStatus::Pending && !chosen) continue;
    if (document.start() > date) continue;
    if (document.not_enforced_from && document.not_enforced_from->value <= date && !chosen) continue;
    candidates.push_back(&document);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto* a, const auto* b) { return a->start() < b->start(); });
  std::vector<ActiveDocument> active;
  for (const auto* document : candidates) {
    ActiveDocument entry{document, {}};
    bool whole_removed = false;
    for (const auto* other : candidates) {
      for (const auto& target : other->supersedes) {
        const auto hash = target.find('#');
        if (target.substr(0, hash) != document->id) continue;
        if (hash == std::string::npos) whole_removed = true;
        else entry.removed_sections.insert(target.substr(hash + 1));
      }
    }
    if (!whole_removed) active.push_back(std::move(entry));
  }
  return active;
}

std::vector<std::string> places_of(const catalog::RuleBook& book, const spec::Country& country, Date date) {
  std::vector<std::string> places{country.code, book.evaluated_as(country).code};
  const auto groups = book.groups_on(country, date);
  places.insert(places.end(), groups.begin(), groups.end());
  return places;
}

Result<const spec::Country*> resolve_country(const catalog::RuleBook& book, const std::string& text, const char* option) {
  if (const auto* country = book.find_country(text)) return country;
  std::string message = "unknown country '" + text + "'";
  const std::string suggestion = did_you_mean(book.suggest_countries(text));
  message += suggestion.empty() ? "; use an ISO 3166 code such as CN, US or SA" : "; " + suggestion;
  return std::vector<Diagnostic>{{"", 0, 0, option, message}};
}

void add_clause(Verdict& verdict, const spec::RuleDocument& document, const std::string& clause, const std::string& text,
                const char* role) {
  verdict.clauses.push_back({document.id, clause, document.citation.value, text, role});
}

// Keeps margins only for clauses whose non-metric conditions hold, once per threshold.
void keep_margins(Verdict& verdict, const spec::Condition& when, const Environment& env, Findings& findings) {
  if (!detail::gate_open(when, env)) return;
  for (auto& margin : findings.margins) {
    const bool seen = std::any_of(verdict.margins.begin(), verdict.margins.end(), [&](const Margin& m) {
      return std::tie(m.rule_id, m.clause, m.metric, m.comparison, m.threshold) ==
             std::tie(margin.rule_id, margin.clause, margin.metric, margin.comparison, margin.threshold);
    });
    if (!seen) verdict.margins.push_back(std::move(margin));
  }
}

void note_unknown(Verdict& verdict, const std::string& clause, const Findings& findings) {
  verdict.indeterminate = true;
  std::string reason = clause + " cannot be decided:";
  for (const auto& metric : findings.unknown_metrics) reason += " " + metric + " unknown;";
  reason.pop_back();
  verdict.indeterminate_reasons.push_back(reason);
}

struct ClauseMatch {
  const spec::ClassificationClause* clause = nullptr;
  const spec::RuleDocument* document = nullptr;
};

// The first clause of `section` (exclusions or classification) that holds, in document order. Every clause
// is evaluated so that all margins are seen; an undecidable clause matters only while nothing has matched
// and `settled` is false.
ClauseMatch first_match(Verdict& verdict, const std::vector<ActiveDocument>& active, const Environment& env,
                        const char* section, std::vector<spec::ClassificationClause> spec::RuleDocument::*clauses,
                        bool settled) {
  ClauseMatch match;
  for (const auto& entry : active) {
    if (!entry.has(section)) continue;
    for (const auto& clause : entry.document->*clauses) {
      Findings findings;
      const Truth t = detail::evaluate(clause.when, env, entry.document->id, clause.clause, findings);
      keep_margins(verdict, clause.when, env, findings);
      if (match.clause != nullptr || settled) continue;
      if (t == Truth::True) match = {&clause, entry.document};
      if (t == Truth::Unknown) note_unknown(verdict, clause.clause, findings);
    }
  }
  return match;
}

void classify_item(Verdict& verdict, const std::vector<ActiveDocument>& active, Environment& env) {
  const ClauseMatch exclusion = first_match(verdict, active, env, "exclusions", &spec::RuleDocument::exclusions, false);
  const ClauseMatch match = first_match(verdict, active, env, "classification", &spec::RuleDocument::classification,
                                        exclusion.clause != nullptr);
  if (exclusion.clause != nullptr) {
    add_clause(verdict, *exclusion.document, exclusion.clause->clause, exclusion.clause->text, "exclusion");
    return;
  }
  if (match.clause != nullptr) {
    // Licensing is written against the IC's classification; a system reports its own.
    env.eccn = match.clause->eccn;
    verdict.eccn = !env.item.contains.empty() && !match.clause->system_eccn.empty() ? match.clause->system_eccn
                                                                                    : match.clause->eccn;
    add_clause(verdict, *match.document, match.clause->clause, match.clause->text, "classification");
  }
}

// Whether `condition` holds for the item; conditions without `when` always do.
bool condition_holds(Verdict& verdict, const spec::RuleDocument& document, const spec::AttachedCondition& condition,
                     const Environment& env) {
  if (!condition.when) return true;
  Findings findings;
  const Truth t = detail::evaluate(*condition.when, env, document.id, condition.id, findings);
  keep_margins(verdict, *condition.when, env, findings);
  return t == Truth::True;
}

void attach(Verdict& verdict, const spec::RuleDocument& document, const spec::AttachedCondition& condition) {
  verdict.conditions.push_back({condition.id, condition.text, document.id, document.citation.value});
  add_clause(verdict, document, condition.id, condition.text, "condition");
}

void attach_named_conditions(Verdict& verdict, const spec::RuleDocument& document, const spec::LicensingEntry& entry,
                             const Environment& env) {
  for (const auto& id : entry.conditions) {
    const auto* condition = document.find_condition(id);
    if (condition_holds(verdict, document, *condition, env)) attach(verdict, document, *condition);
  }
}

void license_item(Verdict& verdict, const std::vector<ActiveDocument>& active, const Environment& env) {
  struct Candidate {
    const spec::RuleDocument* document;
    const spec::LicensingEntry* entry;
  };
  std::vector<Candidate> candidates;
  for (const auto& active_document : active) {
    if (!active_document.has("licensing")) continue;
    for (const auto& entry : active_document.document->licensing) {
      Findings findings;
      const Truth t = detail::evaluate(entry.when, env, active_document.document->id, entry.clause, findings);
      keep_margins(verdict, entry.when, env, findings);
      if (t == Truth::Unknown) note_unknown(verdict, entry.clause, findings);
      if (t == Truth::True) {
        candidates.push_back({active_document.document, &entry});
        break;  // within a document, the first matching entry applies
      }
    }
  }
  // Strictest authorization; among equals a statute before regulations and letters, then the newest
  // document (candidates are oldest first).
  const auto rank = [](const Candidate& c) {
    return std::make_pair(c.entry->authorization, c.document->kind == "legislation");
  };
  const Candidate* winner = nullptr;
  for (const auto& candidate : candidates) {
    if (winner == nullptr || rank(candidate) >= rank(*winner)) winner = &candidate;
  }
  if (winner == nullptr) return;
  verdict.authorization = winner->entry->authorization;
  verdict.license_required = verdict.authorization == spec::Authorization::License;
  add_clause(verdict, *winner->document, winner->entry->clause, winner->entry->text, "licensing");
  // An entry that states no review policy (an is-informed letter) does not erase the policy an older,
  // equally strict entry gives: the newest stated policy applies.
  if (winner->entry->review_policy) {
    verdict.review_policy = winner->entry->review_policy;
    return attach_named_conditions(verdict, *winner->document, *winner->entry, env);
  }
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    if (it->entry->authorization != winner->entry->authorization || !it->entry->review_policy) continue;
    verdict.review_policy = it->entry->review_policy;
    if (&*it != winner) add_clause(verdict, *it->document, it->entry->clause, it->entry->text, "licensing");
    break;
  }
  attach_named_conditions(verdict, *winner->document, *winner->entry, env);
}

// Conditions that no licensing entry names apply by themselves, to any item that needs an authorization.
void attach_standing_conditions(Verdict& verdict, const std::vector<ActiveDocument>& active, const Environment& env) {
  const bool licensed = verdict.authorization != spec::Authorization::None;
  for (const auto& entry : active) {
    if (!entry.has("conditions")) continue;
    const spec::RuleDocument& document = *entry.document;
    for (const auto& condition : document.conditions) {
      const bool named = std::any_of(document.licensing.begin(), document.licensing.end(), [&](const auto& l) {
        return std::find(l.conditions.begin(), l.conditions.end(), condition.id) != l.conditions.end();
      });
      if (named || !condition.when || (!licensed && !condition.without_license)) continue;
      if (condition_holds(verdict, document, condition, env)) attach(verdict, document, condition);
    }
  }
}

// The destination's own measures on the item, and their net (the same query `chipgap measures` makes).
void find_import_measures(Verdict& verdict, const catalog::RuleBook& book, const Environment& env) {
  const ImportStance stance = import_stance(book, {verdict.evaluated_as, verdict.date, env.item});
  for (const auto* measure : stance.measures) {
    verdict.import_measures.push_back(
        {measure->id, measure->title, measure->date.value, measure->effect, measure->evidence, measure->summary});
  }
  verdict.import_net_effect = stance.net_effect;
  verdict.import_conflict = stance.conflict;
}

}  // namespace

ImportStance import_stance(const catalog::RuleBook& book, const MeasureQuery& query) {
  ImportStance stance;
  for (const auto& measure : book.import_measures()) {
    if (measure.country != query.country) continue;
    if (query.date && (measure.date.value > *query.date || (measure.until && measure.until->value <= *query.date))) continue;
    if (query.item) {
      const Environment env{*query.item, {measure.country}, {}, std::nullopt};
      Findings findings;
      if (detail::evaluate(measure.applies_to, env, measure.id, measure.id, findings) != Truth::True) continue;
    }
    stance.measures.push_back(&measure);
  }
  std::stable_sort(stance.measures.begin(), stance.measures.end(),
                   [](const auto* a, const auto* b) { return a->date.value < b->date.value; });
  const auto& order = spec::kImportEffectNames;
  auto rank = [&](std::string_view e) { return std::find(std::begin(order), std::end(order), e) - std::begin(order); };
  bool approved = false;
  for (const auto* measure : stance.measures) {
    if (stance.net_effect == "none" || rank(measure->effect) > rank(stance.net_effect)) stance.net_effect = measure->effect;
    approved = approved || measure->effect == "approved";
  }
  stance.conflict = approved && rank(stance.net_effect) >= rank("discouraged");
  return stance;
}

std::vector<const spec::RuleDocument*> documents_in_force(const catalog::RuleBook& book, Date date,
                                                          const std::vector<std::string>& extra_rules) {
  std::vector<const spec::RuleDocument*> documents;
  for (const auto& entry : active_documents(book, date, extra_rules)) documents.push_back(entry.document);
  return documents;
}

Result<Verdict> classify(const catalog::RuleBook& book, const Item& item, const Query& query) {
  auto destination = resolve_country(book, query.destination, "--to");
  if (!destination) return destination.errors();
  std::vector<std::string> hq_places;
  std::optional<std::string> hq_code;
  if (query.end_user_hq) {
    auto hq = resolve_country(book, *query.end_user_hq, "--hq");
    if (!hq) return hq.errors();
    hq_places = places_of(book, **hq, query.date);
    hq_code = (*hq)->code;
  }
  for (const auto& given : query.extra_rules) {
    const std::string id = !given.empty() && given[0] == '-' ? given.substr(1) : given;  // "-ID": without it
    if (book.find_document(id) != nullptr) continue;
    std::string message = "unknown rule '" + id + "'";
    const std::string suggestion = did_you_mean(book.suggest_documents(id));
    message += suggestion.empty() ? "; run 'chipgap rules list'" : "; " + suggestion;
    return std::vector<Diagnostic>{{"", 0, 0, "--regime", message}};
  }

  Verdict verdict;
  verdict.item = item.name;
  verdict.destination = (*destination)->code;
  verdict.destination_name = (*destination)->name;
  verdict.evaluated_as = book.evaluated_as(**destination).code;
  verdict.end_user_hq = hq_code;
  verdict.date = query.date;
  verdict.inputs = item;
  verdict.rules_reviewed_through = book.reviewed_through();
  verdict.after_review = book.reviewed_through() && query.date > *book.reviewed_through();

  const auto active = active_documents(book, query.date, query.extra_rules);
  for (const auto& entry : active) verdict.rules_in_force.push_back(entry.document->id);
  const std::vector<std::string> destination_places = places_of(book, **destination, query.date);
  auto evaluate = [&](const Item& probe, Verdict& out) {
    Environment env{probe, destination_places, hq_places, std::nullopt};
    classify_item(out, active, env);
    license_item(out, active, env);
    attach_standing_conditions(out, active, env);
  };
  evaluate(item, verdict);
  // Import measures are not part of the status the possible outcomes compare, and do not depend on the
  // metrics those vary: found once, for the item itself.
  find_import_measures(verdict, book, Environment{item, destination_places, hq_places, std::nullopt});
  std::vector<const spec::RuleDocument*> documents;
  for (const auto& entry : active) documents.push_back(entry.document);
  const Environment gate_env{item, destination_places, hq_places, std::nullopt};
  const auto applies = [&](const spec::Condition& condition) { return detail::gate_open(condition, gate_env); };
  detail::enumerate_outcomes(verdict, documents, item, applies, [&](const Item& probe) {
    Verdict at;
    at.date = verdict.date;
    at.evaluated_as = verdict.evaluated_as;
    evaluate(probe, at);
    return at;
  });
  return verdict;
}

}  // namespace chipgap::rules
