// SPDX-License-Identifier: Apache-2.0
// Headroom: raise one metric through the thresholds of the rules in force and report the first value at
// which the status changes.
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "chipgap/rules/engine.hpp"

namespace chipgap::rules {
namespace {

using spec::Metric;

void collect_thresholds(const spec::Condition& condition, std::vector<spec::MetricTest>& out) {
  if (condition.op == spec::Condition::Op::Test) {
    if (const auto* test = std::get_if<spec::MetricTest>(&condition.test)) out.push_back(*test);
    return;
  }
  for (const auto& child : condition.children) collect_thresholds(child, out);
}

std::vector<spec::MetricTest> thresholds_in_force(const catalog::RuleBook& book, const Query& query) {
  std::vector<spec::MetricTest> tests;
  for (const auto* document : documents_in_force(book, query.date, query.extra_rules)) {
    for (const auto& c : document->classification) collect_thresholds(c.when, tests);
    for (const auto& c : document->exclusions) collect_thresholds(c.when, tests);
    for (const auto& e : document->licensing) collect_thresholds(e.when, tests);
    for (const auto& c : document->conditions) {
      if (c.when) collect_thresholds(*c.when, tests);
    }
  }
  return tests;
}

// Values of `metric` at which some threshold is crossed, expressed in that metric. Density thresholds
// become TPP values through the die area; DRAM + I/O thresholds become DRAM or I/O values.
std::vector<double> breakpoints(const Item& item, Metric metric, const std::vector<spec::MetricTest>& tests) {
  std::vector<double> values;
  for (const auto& test : tests) {
    double value = test.threshold;
    if (test.metric == metric) {
      // used as is
    } else if (metric == Metric::Tpp && test.metric == Metric::PerformanceDensity && item.die_area_mm2) {
      value = test.threshold * *item.die_area_mm2;
    } else if (test.metric == Metric::DramPlusIoBandwidth &&
               (metric == Metric::DramBandwidth || metric == Metric::IoBandwidth)) {
      const auto& other = item.metric(metric == Metric::DramBandwidth ? Metric::IoBandwidth : Metric::DramBandwidth);
      if (!other) continue;
      value = test.threshold - other->value;
    } else {
      continue;
    }
    values.push_back(value);
    // A strict comparison flips just past its threshold.
    if (test.comparison == spec::Comparison::Gt || test.comparison == spec::Comparison::Le) {
      values.push_back(std::nextafter(value, INFINITY) + std::fabs(value) * 1e-12);
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

}  // namespace

Result<std::vector<Headroom>> headroom(const catalog::RuleBook& book, const Item& item, const Query& query) {
  auto base = classify(book, item, query);
  if (!base) return base.errors();
  const auto tests = thresholds_in_force(book, query);
  std::vector<Headroom> result;
  for (Metric metric : {Metric::Tpp, Metric::DramBandwidth, Metric::IoBandwidth}) {
    Headroom room;
    room.metric = metric;
    const auto& current = item.metric(metric);
    if (current) room.current = current->value;
    if (!current) {
      result.push_back(room);
      continue;
    }
    for (double value : breakpoints(item, metric, tests)) {
      if (value <= current->value) continue;
      Item raised = item;
      set_metric(raised, metric, value);
      auto verdict = classify(book, raised, query);
      if (!verdict) return verdict.errors();
      if (verdict->status() == base->status()) continue;
      room.limit = value;
      room.new_status = verdict->status();
      std::set<std::string> before;
      for (const auto& c : base->clauses) before.insert(c.clause);
      for (const auto& c : verdict->clauses) {
        if (!before.count(c.clause)) room.clauses.push_back(c.clause + " (" + c.rule_id + ")");
      }
      break;
    }
    result.push_back(room);
  }
  return result;
}

}  // namespace chipgap::rules
