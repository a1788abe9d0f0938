// SPDX-License-Identifier: Apache-2.0
// Hypothetical rules: a rule document with the thresholds of one metric moved, the raw material of
// threshold sweeps (docs/policy.md). Pure functions over a copy; the rule book itself never changes.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "chipgap/spec/rules.hpp"

namespace chipgap::rules {

// How a new value for a metric reaches a document's thresholds on it:
// - line: the thresholds equal to the principal one move to the value, the other tiers stay (the
//   "TPP line moves from 4,800 to 2,400" reading);
// - scale: every threshold on the metric is multiplied by value / principal (the tiers keep their shape).
enum class MoveMode { Line, Scale };
inline constexpr std::string_view kMoveModeNames[] = {"line", "scale"};

struct ThresholdMove {
  spec::Metric metric = spec::Metric::Tpp;
  double value = 0;
};

// The metrics a document tests, in kMetricNames order.
std::vector<spec::Metric> metrics_tested(const spec::RuleDocument& document);

// A document's principal threshold on a metric: the largest one it states (4,800 for TPP in the
// October 2023 rule, 5.92 for performance density); none when the document does not test the metric.
std::optional<double> principal_threshold(const spec::RuleDocument& document, spec::Metric metric);

// The document with its thresholds moved. A metric the document does not test is left alone (callers
// check with principal_threshold first).
spec::RuleDocument move_thresholds(const spec::RuleDocument& document, const std::vector<ThresholdMove>& moves, MoveMode mode);

}  // namespace chipgap::rules
