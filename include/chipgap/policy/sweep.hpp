// SPDX-License-Identifier: Apache-2.0
// Threshold sweeps (docs/policy.md): hypothetical rules derived from a rule document by moving its
// thresholds over a 1-D or 2-D grid, and for each point the catalog chips whose status changes, the
// best chip still exportable to the destination and, with a scenario, the compute the destination
// fields in a year. A consumer of the rules engine (verdicts), capability functions (peak rates or the
// performance engine) and the scenario engine; it models nothing itself.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/rules/threshold_move.hpp"
#include "chipgap/scenario/engine.hpp"

namespace chipgap::policy {

// The most points one sweep holds (the product of its axes).
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

// One metric's values: from, from + step, ... while not past `to` (a descending axis has a negative
// step). An error (with key "vary") for a zero or non-finite step, a step that points away from `to`
// (an inverted or empty range), a negative value, or more than kMaxSweepPoints values.
struct Axis {
  spec::Metric metric = spec::Metric::Tpp;
  double from = 0, to = 0, step = 0;
};
Result<std::vector<double>> axis_values(const Axis& axis);

// China's (the destination's) compute in one year under each point's rules: a scenario run whose rule
// book is the point's.
struct ScenarioProbe {
  const catalog::ScenarioData* data = nullptr;
  const spec::Scenario* scenario = nullptr;  // null: the inputs as they are
  scenario::CapabilityBases bases;
  scenario::RunOptions options;  // last_year is the year asked for
  scenario::Basis basis = scenario::Basis::Peak;
};

struct SweepQuery {
  std::string rule_id;
  std::vector<Axis> axes;  // one or two, on different metrics the document tests
  rules::MoveMode mode = rules::MoveMode::Line;
  std::string destination = "CN";
  Date date;
  std::vector<std::string> extra_rules;  // as rules::Query's
  std::optional<ScenarioProbe> scenario;
};

struct Flip {
  std::string chip, before, after;  // statuses as the rules engine words them
};

struct BestChip {
  std::string chip;
  double value = 0;  // on the capability basis
  std::string status;
};

struct SweepPoint {
  std::vector<double> thresholds;  // the new principal value of each axis's metric, in axis order
  std::vector<Flip> flipped;       // against the rule book as it is, catalog order
  std::optional<BestChip> best_exportable;
  std::optional<scenario::Percentiles> china_compute;  // the destination's stock in the probe's year, H100e
};

// A prepared sweep: the baseline verdicts and the checks are done once; points are evaluated on demand
// (by index, so that ranks of a distributed run can each take their share) and capabilities are
// memoised per chip. Safe to evaluate from several threads at once.
class Sweep {
 public:
  // Errors (key in each diagnostic): "rule" unknown (with suggestions) or not in force on the date,
  // "vary" a metric the document does not test, a metric given twice, a bad range, more than two axes or
  // too many points; "to" an unknown destination.
  static Result<std::unique_ptr<Sweep>> prepare(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                                                SweepQuery query, compare::CapabilityOf capability);

  std::size_t size() const { return size_; }
  const SweepQuery& query() const { return query_; }
  const std::vector<std::vector<double>>& axis_values() const { return values_; }
  // The principal threshold of each axis's metric in the document as it is.
  const std::vector<double>& baseline_thresholds() const { return baseline_thresholds_; }
  const std::optional<BestChip>& baseline_best() const { return baseline_best_; }
  // Data-centre chips left out of "best exportable" for want of a capability, with the reason.
  std::vector<std::pair<std::string, std::string>> unvalued() const;

  // Point `index` (row-major over the axes). Errors come from the scenario run.
  Result<SweepPoint> evaluate(std::size_t index) const;
  // Every point, on `threads` threads (0: all cores), in index order.
  Result<std::vector<SweepPoint>> run(unsigned threads) const;

 private:
  Sweep(const catalog::Catalog& catalog, const catalog::RuleBook& rules, SweepQuery query, compare::CapabilityOf capability);
  std::optional<BestChip> best_exportable(const std::vector<rules::Verdict>& verdicts) const;
  Result<std::vector<rules::Verdict>> verdicts_under(const catalog::RuleBook& book) const;

  const catalog::Catalog& catalog_;
  const catalog::RuleBook& rules_;
  SweepQuery query_;
  compare::CapabilityOf capability_;
  const spec::RuleDocument* document_ = nullptr;
  std::vector<std::vector<double>> values_;
  std::size_t size_ = 0;
  std::vector<double> baseline_thresholds_;
  std::vector<const spec::Accelerator*> chips_;   // every accelerator of the catalog
  std::vector<rules::Item> items_;                // what the rules engine classifies, per chip
  std::vector<bool> candidate_;                   // shipping by the date, data-centre, foreign to the destination
  std::vector<rules::Verdict> baseline_;
  std::optional<BestChip> baseline_best_;
};

}  // namespace chipgap::policy
