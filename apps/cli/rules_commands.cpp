// SPDX-License-Identifier: Apache-2.0
// `chipgap classify`, `timeline`, `headroom` and `rules list|show|diff`.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "chipgap/codec/rules_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/rules/affiliates.hpp"
#include "chipgap/rules/engine.hpp"
#include "commands.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

using rules::Verdict;

rules::Item resolve_item(const catalog::Catalog& catalog, const RulesRequest& request) {
  if (!request.spec_file.empty()) {
    auto file = catalog::read_data_file(request.spec_file);
    if (!file) throw CommandError("cannot read the spec file " + request.spec_file + ": " + file.errors().front().message, kExitNotFound);
    auto chip = catalog::parse_spec_file(*file);
    if (!chip) {
      std::string message = "the spec file has " + std::to_string(chip.errors().size()) + " error(s):\n" +
                            to_string(chip.errors());
      message.pop_back();
      throw CommandError(message, kExitBadData);
    }
    return rules::make_item(*chip);
  }
  const auto* chip = catalog.find_accelerator(request.chip);
  if (chip == nullptr) {
    if (const auto* system = catalog.find_system(request.chip)) return rules::make_item(*system, catalog.chip_of(*system));
    std::string message = "no accelerator or system named '" + request.chip + "'";
    const std::string suggestion = did_you_mean(catalog.suggest_accelerators(request.chip));
    message += suggestion.empty() ? "; run 'chipgap chips' for the list, or give --spec FILE" : "; " + suggestion;
    throw CommandError(message, kExitNotFound);
  }
  return rules::make_item(*chip);
}

rules::Query query_of(const RulesRequest& request) {
  rules::Query query{request.destination, request.date, std::nullopt, request.regimes};
  if (!request.end_user_hq.empty()) query.end_user_hq = request.end_user_hq;
  return query;
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) {
    std::string message;
    for (const auto& d : result.errors()) message += (message.empty() ? "" : "\n") + to_string(d);
    throw CommandError(message, kExitNotFound);
  }
  return std::move(result).value();
}

std::string metric_line(const rules::Item& item) {
  using spec::Metric;
  auto show = [&](Metric m, int decimals, const char* unit) {
    const auto& v = item.metric(m);
    if (!v) return std::string(spec::metric_label(m)) + " unknown";
    return std::string(spec::metric_label(m)) + " " + (v->lower_bound ? "≥ " : "") + format_number(v->value, decimals) + unit;
  };
  std::string line = show(Metric::Tpp, 0, "") + "; " + show(Metric::PerformanceDensity, 2, "") + "; " +
                     show(Metric::DramBandwidth, 0, " GB/s") + "; " + show(Metric::IoBandwidth, 0, " GB/s");
  if (item.kind == spec::ItemKind::Hbm) line += "; " + show(Metric::MemoryBandwidthDensity, 2, " GB/s/mm²");
  return line + (item.datacenter ? "; datacenter part" : "; not a datacenter part");
}

std::string authorization_text(spec::Authorization authorization) {
  switch (authorization) {
    case spec::Authorization::License: return "license required";
    case spec::Authorization::Nac: return "License Exception NAC (see the clause for whether BIS must be notified)";
    case spec::Authorization::Aca: return "License Exception ACA (no notification)";
    case spec::Authorization::None: return "no license required";
  }
  return "";
}

std::string verdict_text(const Verdict& v) {
  std::string out = v.item + (v.inputs.contains.empty() ? "" : " (a system of " + v.inputs.contains + ")") + " → " +
                    v.destination_name + " (" + v.destination + ")";
  if (v.evaluated_as != v.destination) out += ", evaluated as " + v.evaluated_as;
  if (v.end_user_hq) out += ", end user headquartered in " + *v.end_user_hq;
  out += ", on " + v.date.to_string() + "\n\n";
  if (v.after_review) {
    out += "  WARNING:        the rule book was last reviewed through " + v.rules_reviewed_through->to_string() +
           "; measures taken after that date are not in this verdict\n";
  }
  if (v.indeterminate) {
    // Undetermined comes first and the one-sided answer is not shown as if it were the verdict.
    std::string missing;
    for (const auto& m : v.missing_inputs) missing += (missing.empty() ? "" : ", ") + m;
    out += "  UNDETERMINED:   the verdict depends on inputs the catalog does not have" +
           (missing.empty() ? std::string() : " (" + missing + ")") + "\n";
    if (v.authorization_in_every_case) out += "  In every case:  " + authorization_text(*v.authorization_in_every_case) + "\n";
    out += "  Metrics:        " + metric_line(v.inputs) + "\n";
    if (v.outcomes_enumerated) {
      out += "  Possible verdicts, by the unknown values:\n";
      for (const auto& outcome : v.possible_outcomes) {
        std::string line = (outcome.eccn ? *outcome.eccn : std::string("not in 3A090")) + ", " +
                           authorization_text(outcome.authorization);
        if (outcome.review_policy) line += " (" + std::string(spec::to_string(*outcome.review_policy)) + ")";
        for (std::size_t i = 0; i < outcome.conditions.size(); ++i) line += (i ? ", " : "; conditions: ") + outcome.conditions[i];
        out += "    - " + line + " if\n";
        const std::size_t shown_ranges = std::min<std::size_t>(outcome.when.size(), 4);
        for (std::size_t i = 0; i < shown_ranges; ++i) out += "        " + outcome.when[i] + "\n";
        if (outcome.when.size() > shown_ranges) {
          out += "        (and " + std::to_string(outcome.when.size() - shown_ranges) + " more combinations)\n";
        }
      }
    } else {
      out += "  Possible verdicts: too many unknown inputs to list them\n";
    }
    out += "  Undecided tests:\n";
    for (const auto& reason : v.indeterminate_reasons) out += "    - " + reason + "\n";
  } else {
    out += "  Metrics:        " + metric_line(v.inputs) + "\n";
    out += "  Classification: " + (v.eccn ? *v.eccn : std::string("not in 3A090")) + "\n";
    out += "  Authorization:  " + authorization_text(v.authorization);
    if (v.review_policy) out += ", review policy " + std::string(spec::to_string(*v.review_policy));
    out += "\n";
  }
  if (!v.conditions.empty()) {
    out += "\nConditions\n";
    for (const auto& c : v.conditions) out += "  - " + c.id + ": " + c.text + " [" + c.rule_id + "]\n";
  }
  if (!v.clauses.empty()) {
    out += "\nClauses that decided it\n";
    Table table({{"Role"}, {"Clause"}, {"Rule"}, {"Citation"}});
    for (const auto& c : v.clauses) table.add_row({c.role, c.clause, c.rule_id, c.citation});
    out += table.to_text();
  }
  if (!v.margins.empty()) {
    out += "\nDistance to each threshold in force\n";
    for (const auto& m : v.margins) out += "  " + m.text + " [" + m.rule_id + "]\n";
  }
  if (!v.import_measures.empty()) {
    out += "\nDestination-side measures in " + v.evaluated_as + " (its own import or transit measures, reported separately from U.S. export status)\n";
    for (const auto& m : v.import_measures) {
      out += "  " + m.date.to_string() + " " + m.id + " (" + m.effect + ", evidence " + m.evidence + "): " + m.title + "\n";
    }
  }
  out += "\nRules in force: ";
  for (std::size_t i = 0; i < v.rules_in_force.size(); ++i) out += (i ? ", " : "") + v.rules_in_force[i];
  if (v.rules_reviewed_through) out += "\nRule book reviewed through " + v.rules_reviewed_through->to_string();
  return out + "\n";
}

}  // namespace

Date parse_date_option(const std::string& text, const char* option) {
  auto date = Date::parse(text);
  if (!date) {
    throw CommandError(std::string(option) + ": '" + text + "' is not a date; write YYYY-MM-DD, e.g. 2024-06-01", kExitUsage);
  }
  return *date;
}

namespace {

// An end user's listing on the verdict's date: on a restricted-party list, every item subject to the EAR
// needs a licence for it, whatever the chip's classification.
std::string end_user_text(const spec::ListedEntity& e, Date date) {
  const std::string list = e.list == "entity_list" ? "the Entity List" : "the Military End-User List";
  if (!e.listed_on(date)) {
    std::string when = date < e.listed.value ? "listed only from " + e.listed.value.to_string()
                                             : "removed on " + e.removed->value.to_string();
    return fmt::format("  End user:       {} is not on {} on {} ({})\n", e.name, list, date.to_string(), when);
  }
  std::string out = fmt::format("  END USER:       {} is on {} (from {}{}): LICENCE REQUIRED {}, review policy: {}\n", e.name, list,
                                e.listed.value.to_string(), e.listed.provenance.note.empty() ? "" : ", " + e.listed.provenance.note,
                                e.license_requirement.value, e.review_policy.value);
  if (e.footnote) out += "                  " + e.footnote->value + "\n";
  return out;
}

std::string percent(double value) { return format_number(value, 3) + "%"; }

std::string owners_text(const rules::AffiliateScreening& s) {
  std::string out;
  for (const auto& owner : s.owners) {
    out += (out.empty() ? "" : ", ") + percent(owner.percent) + " by " + owner.entity->name +
           (owner.listed ? " (listed)" : " (not listed on this date)");
  }
  return out;
}

// Ownership screening under the Affiliates rule, one paragraph; an outcome the data cannot decide says so
// and gives the verdict for each possibility.
std::string affiliate_text(const rules::AffiliateScreening& s) {
  const std::string label = "  AFFILIATE:      ";
  const std::string indent(label.size(), ' ');
  const std::string owned = "owned " + owners_text(s);
  if (s.rule == nullptr) return label + owned + ": the rule book has no Affiliates rule, so ownership is not screened\n";
  const auto& rule = *s.rule;
  const std::string name = "the Affiliates rule (" + rule.citation.value + ")";
  const std::string requirement =
      s.strictest != nullptr ? "LICENCE REQUIRED " + s.strictest->license_requirement.value + ", review policy: " +
                                   s.strictest->review_policy.value + " (" + s.strictest->name + "'s listing, the strictest owner's)"
                             : "";
  const std::string suspension = rule.suspended_from ? rule.suspended_from->value.to_string() + " through " +
                                                           rule.suspended_until->value.previous_day().to_string()
                                                     : "";
  switch (s.outcome) {
    case rules::AffiliateOutcome::NoRule: break;
    case rules::AffiliateOutcome::NotCovered:
      return label + owned + ": listed owners hold " + percent(s.listed_percent) + ", below " + name + "'s " +
             percent(rule.threshold_percent) + "; ownership alone does not restrict this buyer\n";
    case rules::AffiliateOutcome::NotYetInForce:
      return label + owned + ": " + name + " takes effect only on " + rule.effective.value.to_string() +
             "; before it, ownership alone did not restrict a buyer\n";
    case rules::AffiliateOutcome::LicenceRequired:
      return label + owned + ": " + name + " reaches it (" + percent(s.listed_percent) + " listed ownership, threshold " +
             percent(rule.threshold_percent) + "): " + requirement + "\n";
    case rules::AffiliateOutcome::Suspended:
      return label + owned + ", but " + name + " is suspended from " + suspension +
             ": only listed entities themselves are restricted. In force, it would mean: " + requirement + "\n";
    case rules::AffiliateOutcome::Undetermined:
      return label + "UNDETERMINED. O" + owned.substr(1) + ". The suspension of " + name + " ended on " +
             rule.suspended_until->value.previous_day().to_string() + "; the rule returns by itself unless BIS acted, and no source " +
             "read reports either.\n" + indent + "If it returned: " + requirement + ".\n" + indent +
             "If the suspension was extended: ownership alone does not restrict this buyer.\n";
  }
  return "";
}

}  // namespace

std::string classify_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format) {
  const spec::ListedEntity* end_user = nullptr;
  if (!request.end_user.empty()) {
    end_user = rules.find_end_user(request.end_user);
    if (end_user == nullptr) {
      const std::string hint = did_you_mean(rules.suggest_end_users(request.end_user));
      throw CommandError("unknown end user '" + request.end_user + "' (not in data/rules/end-users/)" +
                             (hint.empty() ? "" : "; " + hint),
                         kExitNotFound);
    }
  }
  std::vector<rules::OwnerShare> owners;
  for (const auto& text : request.owned_by) {
    auto share = rules::parse_owner_share(text, "--owned-by");
    if (!share) throw CommandError(to_string(share.errors().front()), kExitUsage);
    owners.push_back(std::move(share).value());
  }
  const auto item = resolve_item(catalog, request);
  const auto verdict = value_or_throw(rules::classify(rules, item, query_of(request)));
  std::optional<rules::AffiliateScreening> affiliate;
  if (!owners.empty()) {
    for (const auto& owner : owners) {
      if (rules.find_end_user(owner.name) != nullptr) continue;
      const std::string hint = did_you_mean(rules.suggest_end_users(owner.name));
      throw CommandError("unknown owner '" + owner.name + "' (not among the listed end users of data/rules/end-users/)" +
                             (hint.empty() ? "" : "; " + hint),
                         kExitNotFound);
    }
    auto screened = rules::screen_affiliate(rules, owners, verdict.date);
    if (!screened) throw CommandError(to_string(screened.errors().front()), kExitUsage);  // shares out of range
    affiliate = std::move(screened).value();
  }
  if (format == Format::Json) {
    nlohmann::json out = codec::to_json(verdict);
    if (end_user != nullptr) out["end_user"] = codec::end_user_json(*end_user, verdict.date);
    if (affiliate) out["affiliate"] = codec::affiliate_json(*affiliate);
    return out.dump(2) + "\n";
  }
  if (format == Format::Csv) {
    std::vector<Table::Column> columns{{"chip"}, {"destination"}, {"date"}, {"eccn"}, {"authorization"}, {"review_policy"}, {"conditions"}};
    if (affiliate) columns.push_back({"affiliate"});  // the ownership screening's outcome (undetermined included)
    Table table(columns);
    std::string conditions;
    for (const auto& c : verdict.conditions) conditions += (conditions.empty() ? "" : " ") + c.id;
    std::vector<std::string> row{verdict.item, verdict.destination, verdict.date.to_string(), verdict.eccn.value_or(""),
                                 std::string(spec::to_string(verdict.authorization)),
                                 verdict.review_policy ? std::string(spec::to_string(*verdict.review_policy)) : "", conditions};
    if (affiliate) row.emplace_back(rules::kAffiliateOutcomeNames[static_cast<int>(affiliate->outcome)]);
    table.add_row(row);
    return table.to_csv();
  }
  if (end_user == nullptr && !affiliate) return verdict_text(verdict);
  // The listing and the ownership screening come first: they decide whatever the chip's classification
  // says. An undecidable ownership outcome is announced on the first line.
  std::string text = verdict_text(verdict);
  const std::size_t body = text.find("\n\n");
  std::string screened = end_user != nullptr ? end_user_text(*end_user, verdict.date) : "";
  if (affiliate) screened += affiliate_text(*affiliate);
  std::string first;
  if (affiliate && affiliate->outcome == rules::AffiliateOutcome::Undetermined) {
    first = "UNDETERMINED for this buyer: whether the Affiliates rule returned after its suspension is not reported "
            "(see AFFILIATE below).\n";
  }
  return first + text.substr(0, body + 2) + screened + text.substr(body + 2);
}

std::string timeline_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format) {
  const auto item = resolve_item(catalog, request);
  const auto entries = value_or_throw(rules::timeline(rules, item, query_of(request)));
  if (format == Format::Json) return codec::to_json(entries).dump(2) + "\n";
  Table table({{"From"}, {"Status"}, {"Import measures"}, {"Changed by"}});
  for (const auto& entry : entries) {
    std::string measures;
    for (const auto& m : entry.verdict.import_measures) measures += (measures.empty() ? "" : ", ") + m.id;
    std::string changed;
    for (const auto& id : entry.rules_starting) changed += (changed.empty() ? "" : ", ") + id;
    table.add_row({entry.date.to_string(), entry.verdict.status(), measures,
                   changed.empty() ? "(before)" : changed});
  }
  if (format == Format::Csv) return table.to_csv();
  return item.name + " → " + request.destination + ": status through every dated change\n\n" + table.to_text();
}

std::string headroom_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format) {
  const auto item = resolve_item(catalog, request);
  const auto base = value_or_throw(rules::classify(rules, item, query_of(request)));
  const auto rooms = value_or_throw(rules::headroom(rules, item, query_of(request)));
  if (format == Format::Json) {
    return nlohmann::json{{"verdict", codec::to_json(base)}, {"headroom", codec::to_json(rooms)}}.dump(2) + "\n";
  }
  Table table({{"Metric"}, {"Now", Align::Right}, {"Moves"}, {"Changes at", Align::Right}, {"Change", Align::Right}, {"New status"},
               {"Clauses"}});
  const bool grouped = format == Format::Table;
  for (const auto& room : rooms) {
    const int decimals = room.metric == spec::Metric::PerformanceDensity ? 2 : 0;
    const std::string label(spec::metric_label(room.metric));
    const std::string now = room.current ? format_number(*room.current, decimals, grouped) + (room.lower_bound ? " (at least)" : "") : "unknown";
    if (!room.current || (room.up.empty() && room.down.empty())) {
      table.add_row({label, now, "-", "-", "-", room.current ? "no threshold either way" : "-", ""});
      continue;
    }
    bool first = true;
    for (const auto* steps : {&room.up, &room.down}) {
      for (const auto& step : *steps) {
        const double change = step.threshold - *room.current;
        std::string clauses;
        for (const auto& c : step.clauses_on) clauses += (clauses.empty() ? "+" : ", +") + c;
        for (const auto& c : step.clauses_off) clauses += (clauses.empty() ? "-" : ", -") + c;
        table.add_row({first ? label : "", first ? now : "", steps == &room.up ? "up" : "down",
                       step.comparison + " " + format_number(step.threshold, decimals, grouped),
                       (change >= 0 ? "+" : "") + format_number(change, decimals, grouped), step.new_status, clauses});
        first = false;
      }
    }
  }
  if (format == Format::Csv) return table.to_csv();
  return item.name + " → " + base.destination + " on " + base.date.to_string() + ": " + base.status() +
         "\nEvery change of status as one metric moves up or down, the others fixed (TPP moves performance density with "
         "it; performance density alone moves with the die area; DRAM moves DRAM + I/O and memory bandwidth density):\n\n" +
         table.to_text();
}

std::string rules_list_command(const catalog::RuleBook& rules, Format format) {
  if (format == Format::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : rules.documents()) out.push_back(codec::summary_json(d));
    return out.dump(2) + "\n";
  }
  Table table({{"Id"}, {"Effective"}, {"Status"}, {"Kind"}, {"Title"}});
  for (const auto& d : rules.documents()) {
    std::string status(spec::to_string(d.status));
    if (d.not_enforced_from) status += ", not enforced from " + d.not_enforced_from->value.to_string();
    std::string effective = d.effective.value.to_string();
    if (d.compliance) effective += " (compliance " + d.compliance->value.to_string() + ")";
    table.add_row({d.id, effective, status, d.kind, d.title});
  }
  return format == Format::Csv ? table.to_csv() : table.to_text();
}

std::string rules_show_command(const catalog::RuleBook& rules, const std::string& id, Format format) {
  const auto* d = rules.find_document(id);
  if (d == nullptr) {
    std::string message = "no rule named '" + id + "'";
    const std::string suggestion = did_you_mean(rules.suggest_documents(id));
    throw CommandError(message + (suggestion.empty() ? "; run 'chipgap rules list'" : "; " + suggestion), kExitNotFound);
  }
  if (format == Format::Json) return codec::to_json(*d).dump(2) + "\n";
  std::string out = d->id + ": " + d->title + "\n";
  out += "  citation:  " + d->citation.value + "\n  effective: " + d->effective.value.to_string() + "\n";
  if (d->compliance) out += "  compliance: " + d->compliance->value.to_string() + "\n";
  out += "  status:    " + std::string(spec::to_string(d->status)) + "\n";
  if (d->not_enforced_from) out += "  not enforced from " + d->not_enforced_from->value.to_string() + "\n";
  if (!d->supersedes.empty()) {
    out += "  supersedes:";
    for (const auto& s : d->supersedes) out += " " + s;
    out += "\n";
  }
  auto section = [&](const char* title, const std::vector<spec::ClassificationClause>& clauses) {
    if (clauses.empty()) return;
    out += std::string("\n") + title + "\n";
    for (const auto& c : clauses) out += "  " + c.clause + (c.eccn.empty() ? "" : " → " + c.eccn) + ": " + c.text + "\n";
  };
  section("Classification", d->classification);
  section("Exclusions", d->exclusions);
  if (!d->licensing.empty()) {
    out += "\nLicensing (first matching entry applies)\n";
    for (const auto& e : d->licensing) {
      out += "  " + e.clause + ": " + e.text + " → " + std::string(spec::to_string(e.authorization));
      if (e.review_policy) out += " (" + std::string(spec::to_string(*e.review_policy)) + ")";
      out += "\n";
    }
  }
  if (!d->conditions.empty()) {
    out += "\nConditions\n";
    for (const auto& c : d->conditions) out += "  " + c.id + ": " + c.text + "\n";
  }
  if (!d->notes.empty()) {
    out += "\nNotes\n";
    for (const auto& n : d->notes) out += "  - " + n + "\n";
  }
  out += "\nSources\n";
  for (const auto& s : d->sources) out += "  [" + s.id + "] " + s.title + " — " + s.url + "\n";
  return out;
}

std::string rules_diff_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& from,
                               const std::string& to, const RulesRequest& request, Format format) {
  const Date from_date = parse_date_option(from, "DATE1");
  const Date to_date = parse_date_option(to, "DATE2");
  const auto changes = value_or_throw(rules::diff(rules, catalog, from_date, to_date, query_of(request)));
  if (format == Format::Json) return codec::to_json(changes).dump(2) + "\n";
  Table table({{"Chip"}, {"On " + from}, {"On " + to}, {"Why"}});
  for (const auto& change : changes) {
    std::string why;
    for (const auto& reason : change.reasons) why += (why.empty() ? "" : "; ") + reason;
    table.add_row({change.chip, change.before.status(), change.after.status(), why});
  }
  if (format == Format::Csv) return table.to_csv();
  if (changes.empty()) return "No catalog chip changes status for " + request.destination + " between " + from + " and " + to + ".\n";
  return "Catalog chips whose status for " + request.destination + " changes between " + from + " and " + to + ":\n\n" +
         table.to_text();
}

}  // namespace chipgap::cli
