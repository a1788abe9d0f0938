// SPDX-License-Identifier: Apache-2.0
// The rules engine: interprets the rule book for one item, destination and date. Pure functions over
// immutable data; safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/rules/item.hpp"
#include "chipgap/rules/verdict.hpp"

namespace chipgap::rules {

struct Query {
  std::string destination;                // country code or name
  Date date;
  std::optional<std::string> end_user_hq;  // where the end user (or its parent) is headquartered
  // Pending or not-enforced rule ids to apply as if in force; "-ID" leaves a document out (a what-if
  // in which it was never issued).
  std::vector<std::string> extra_rules;
};

// The documents in force on a date (see docs/rules.md), oldest first.
std::vector<const spec::RuleDocument*> documents_in_force(const catalog::RuleBook& book, Date date,
                                                          const std::vector<std::string>& extra_rules = {});

// Errors name the bad argument (unknown country, unknown rule id) with suggestions.
Result<Verdict> classify(const catalog::RuleBook& book, const Item& item, const Query& query);

// The item's status through every dated change of the rules, first entry the state before any of them.
struct TimelineEntry {
  Date date;
  std::vector<std::string> rules_starting;  // ids whose start (or end of enforcement) falls on this date
  Verdict verdict;
};
Result<std::vector<TimelineEntry>> timeline(const catalog::RuleBook& book, const Item& item, const Query& query);

// Catalog chips whose status differs between two dates.
struct StatusChange {
  std::string chip;
  Verdict before;
  Verdict after;
  std::vector<std::string> reasons;  // clauses that fired on one date but not the other
};
Result<std::vector<StatusChange>> diff(const catalog::RuleBook& book, const catalog::Catalog& catalog, Date from,
                                       Date to, const Query& query);

// The import-side measures of a country (China's, today), optionally only those in force on a date and
// those that apply to an item, oldest first, and their net: the strictest effect (prohibited >
// restricted > discouraged > inspection > approved; "none" without measures), with `conflict` when an
// approval stands beside a restrictive measure. The net means something for one item on one date.
struct MeasureQuery {
  std::string country = "CN";
  std::optional<Date> date;
  std::optional<Item> item;
};
struct ImportStance {
  std::vector<const spec::ImportMeasure*> measures;
  std::string net_effect = "none";
  bool conflict = false;
};
ImportStance import_stance(const catalog::RuleBook& book, const MeasureQuery& query);

// One change of status met while a metric moves away from its current value, the others fixed.
struct StatusStep {
  double threshold = 0;  // where the status changes, in the metric's unit
  // How the metric must stand against it for the new status: "≥" or ">" rising, "<" or "≤" falling.
  std::string comparison;
  std::string new_status;
  std::vector<std::string> clauses_on;   // "clause (rule)" that fire from here and did not before
  std::vector<std::string> clauses_off;  // "clause (rule)" that fired before and do not from here
};

// How far one metric can move each way before the status changes, and every change after that: up to
// the last threshold above and down to the last one above zero.
struct Headroom {
  spec::Metric metric = spec::Metric::Tpp;
  std::optional<double> current;
  bool lower_bound = false;     // the current value is a lower bound (an input is unknown)
  std::vector<StatusStep> up;   // rising, nearest first
  std::vector<StatusStep> down; // falling, nearest first
  // The first rising change (up.front()), as before the two-way search: kept for the API's readers.
  std::optional<double> limit;
  std::string new_status;
  std::vector<std::string> clauses;
};
Result<std::vector<Headroom>> headroom(const catalog::RuleBook& book, const Item& item, const Query& query);

}  // namespace chipgap::rules
