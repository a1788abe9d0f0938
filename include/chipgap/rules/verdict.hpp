// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgap/common/date.hpp"
#include "chipgap/rules/item.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::rules {

// A clause that took part in the verdict, with the legal citation of its document.
struct FiredClause {
  std::string rule_id;
  std::string clause;
  std::string citation;
  std::string text;
  std::string role;  // classification, exclusion, licensing, condition
};

// How far a metric is from one threshold of a clause in force ("TPP 2,368: 32 below 3A090.b.1's 2,400").
struct Margin {
  std::string rule_id;
  std::string clause;
  spec::Metric metric = spec::Metric::Tpp;
  double value = 0;
  bool lower_bound = false;
  spec::Comparison comparison = spec::Comparison::Ge;
  double threshold = 0;
  bool satisfied = false;  // the comparison holds
  std::string text;
};

struct AppliedCondition {
  std::string id;
  std::string text;
  std::string rule_id;
  std::string citation;
};

struct ImportMeasureHit {
  std::string id;
  std::string title;
  Date date;
  std::string effect;
  std::string evidence;
  std::string summary;
};

// One verdict the item could get, depending on the values of the inputs that are unknown, and the
// ranges of those inputs that give it ("TPP 1,600 to 2,400", "TPP at least 4,800 and density below 5.92").
struct PossibleOutcome {
  std::string status;  // as Verdict::status(), without the "undetermined" mark
  std::optional<std::string> eccn;
  spec::Authorization authorization = spec::Authorization::None;
  std::optional<spec::ReviewPolicy> review_policy;
  std::vector<std::string> conditions;  // ids of the conditions attached
  std::vector<std::string> when;  // each a range of the unknown inputs that gives this outcome
};

struct Verdict {
  std::string item;
  std::string destination;       // ISO code as asked
  std::string destination_name;
  std::string evaluated_as;      // the country whose groups applied (HK -> CN)
  std::optional<std::string> end_user_hq;
  Date date;
  Item inputs;

  std::optional<std::string> eccn;  // 3A090.a / .b / .c, or none
  spec::Authorization authorization = spec::Authorization::None;
  std::optional<spec::ReviewPolicy> review_policy;
  bool license_required = false;
  // The verdict depends on a metric that is unknown; the reasons say which. When it does, the fields
  // above hold the answer with every undecidable test taken as failed, which is only one of the
  // possible outcomes listed below: front ends must lead with "undetermined", never with those fields.
  bool indeterminate = false;
  std::vector<std::string> indeterminate_reasons;
  std::vector<std::string> missing_inputs;          // labels of the unknown metrics the verdict depends on
  std::vector<PossibleOutcome> possible_outcomes;   // every distinct verdict over the unknown values
  bool outcomes_enumerated = false;                 // false: too many unknowns to list every outcome
  // When every possible outcome needs the same authorization (e.g. a part named in a letter needs a
  // licence whatever its TPP), that much is decided even though the classification is not.
  std::optional<spec::Authorization> authorization_in_every_case;

  std::vector<AppliedCondition> conditions;
  std::vector<FiredClause> clauses;
  std::vector<Margin> margins;
  std::vector<ImportMeasureHit> import_measures;
  // The destination's own stance, net of its measures in force: the strictest effect (prohibited >
  // restricted > discouraged > inspection > approved), "none" without measures; when an approval stands
  // beside a restrictive measure, both are kept and `import_conflict` says so rather than hiding one.
  std::string import_net_effect = "none";
  bool import_conflict = false;
  std::vector<std::string> rules_in_force;
  // How current the rule book is: changes after this date are not in it, so a verdict for a later date
  // may miss them (`after_review`).
  std::optional<Date> rules_reviewed_through;
  bool after_review = false;

  // "3A090.a; license (presumption_of_denial); conditions: a, b" — what timelines and diffs compare;
  // "undetermined | <each possible outcome>" when the verdict depends on unknown inputs.
  std::string status() const;
  // The first form whatever `indeterminate` says: the answer with undecidable tests taken as failed.
  std::string decided_status() const;
};

}  // namespace chipgap::rules
