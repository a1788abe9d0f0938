// SPDX-License-Identifier: Apache-2.0
#include "chipgap/rules/threshold_move.hpp"

#include <algorithm>
#include <functional>

namespace chipgap::rules {
namespace {

// Every metric test of the document, writable: classification, exclusions, licensing and attached
// conditions alike, so that a moved line moves wherever the document states it.
void for_each_metric_test(spec::Condition& condition, const std::function<void(spec::MetricTest&)>& visit) {
  if (condition.op == spec::Condition::Op::Test) {
    if (auto* test = std::get_if<spec::MetricTest>(&condition.test)) visit(*test);
    return;
  }
  for (auto& child : condition.children) for_each_metric_test(child, visit);
}

void for_each_metric_test(spec::RuleDocument& document, const std::function<void(spec::MetricTest&)>& visit) {
  for (auto& c : document.classification) for_each_metric_test(c.when, visit);
  for (auto& c : document.exclusions) for_each_metric_test(c.when, visit);
  for (auto& e : document.licensing) for_each_metric_test(e.when, visit);
  for (auto& c : document.conditions) {
    if (c.when) for_each_metric_test(*c.when, visit);
  }
}

}  // namespace

std::vector<spec::Metric> metrics_tested(const spec::RuleDocument& document) {
  std::vector<spec::Metric> metrics;
  document.for_each_condition([&](const spec::Condition& condition) {
    spec::for_each_test(condition, [&](const spec::Condition& leaf) {
      if (const auto* test = std::get_if<spec::MetricTest>(&leaf.test)) {
        if (std::find(metrics.begin(), metrics.end(), test->metric) == metrics.end()) metrics.push_back(test->metric);
      }
    });
  });
  std::sort(metrics.begin(), metrics.end());
  return metrics;
}

std::optional<double> principal_threshold(const spec::RuleDocument& document, spec::Metric metric) {
  std::optional<double> principal;
  document.for_each_condition([&](const spec::Condition& condition) {
    spec::for_each_test(condition, [&](const spec::Condition& leaf) {
      if (const auto* test = std::get_if<spec::MetricTest>(&leaf.test); test && test->metric == metric) {
        principal = std::max(principal.value_or(test->threshold), test->threshold);
      }
    });
  });
  return principal;
}

spec::RuleDocument move_thresholds(const spec::RuleDocument& document, const std::vector<ThresholdMove>& moves, MoveMode mode) {
  spec::RuleDocument moved = document;
  for (const ThresholdMove& move : moves) {
    const auto principal = principal_threshold(document, move.metric);
    if (!principal) continue;
    for_each_metric_test(moved, [&](spec::MetricTest& test) {
      if (test.metric != move.metric) return;
      if (mode == MoveMode::Scale) {
        // A zero principal has nothing to scale by: every threshold on the metric becomes the value.
        test.threshold = *principal == 0 ? move.value : test.threshold * (move.value / *principal);
      } else if (test.threshold == *principal) {
        test.threshold = move.value;
      }
    });
  }
  return moved;
}

}  // namespace chipgap::rules
