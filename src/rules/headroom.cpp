// SPDX-License-Identifier: Apache-2.0
// Headroom, both ways: move one metric through every threshold of the rules in force, up and down, and
// report each value at which the status changes. The status is constant between two neighbouring
// thresholds, so one classification per interval decides it exactly.
#include <algorithm>
#include <cmath>
#include <set>

#include "chipgap/rules/engine.hpp"

namespace chipgap::rules {
namespace {

using spec::Metric;

std::vector<spec::MetricTest> thresholds_in_force(const catalog::RuleBook& book, const Query& query) {
  std::vector<spec::MetricTest> tests;
  for (const auto* document : documents_in_force(book, query.date, query.extra_rules)) {
    document->for_each_condition([&](const spec::Condition& condition) {
      spec::for_each_test(condition, [&](const spec::Condition& leaf) {
        if (const auto* test = std::get_if<spec::MetricTest>(&leaf.test)) tests.push_back(*test);
      });
    });
  }
  return tests;
}

// A threshold on the moving metric's own scale. `upper_closed`: the threshold value itself belongs to
// the interval above it (≥ and < tests); otherwise to the interval below (> and ≤ tests).
struct Boundary {
  double value = 0;
  bool upper_closed = true;
  bool operator<(const Boundary& o) const { return value != o.value ? value < o.value : upper_closed < o.upper_closed; }
  bool operator==(const Boundary& o) const { return value == o.value && upper_closed == o.upper_closed; }
};

// Density thresholds become TPP values through the die area (TPP moves density with it); DRAM + I/O
// thresholds become DRAM or I/O values; memory bandwidth density thresholds become DRAM values through
// the ratio they keep.
std::vector<Boundary> boundaries(const Item& item, Metric metric, const std::vector<spec::MetricTest>& tests) {
  std::vector<Boundary> out;
  for (const auto& test : tests) {
    double value = test.threshold;
    if (test.metric == metric) {
      // used as is
    } else if (metric == Metric::Tpp && test.metric == Metric::PerformanceDensity && item.die_area_mm2) {
      value = test.threshold * *item.die_area_mm2;
    } else if (test.metric == Metric::DramPlusIoBandwidth && (metric == Metric::DramBandwidth || metric == Metric::IoBandwidth)) {
      const auto& other = item.metric(metric == Metric::DramBandwidth ? Metric::IoBandwidth : Metric::DramBandwidth);
      if (!other) continue;
      value = test.threshold - other->value;
    } else if (metric == Metric::DramBandwidth && test.metric == Metric::MemoryBandwidthDensity) {
      const auto& dram = item.metric(Metric::DramBandwidth);
      const auto& density = item.metric(Metric::MemoryBandwidthDensity);
      if (!dram || !density || density->value <= 0) continue;
      value = test.threshold * dram->value / density->value;
    } else {
      continue;
    }
    const bool upper_closed = test.comparison == spec::Comparison::Ge || test.comparison == spec::Comparison::Lt;
    out.push_back({value, upper_closed});
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A value inside the interval just above (or just below) a boundary.
double just_above(const Boundary& b) { return b.upper_closed ? b.value : std::nextafter(b.value, INFINITY) + std::fabs(b.value) * 1e-12; }
double just_below(const Boundary& b) { return b.upper_closed ? std::nextafter(b.value, -INFINITY) - std::fabs(b.value) * 1e-12 : b.value; }

std::set<std::string> fired(const Verdict& v) {
  std::set<std::string> out;
  for (const auto& c : v.clauses) out.insert(c.clause + " (" + c.rule_id + ")");
  return out;
}

StatusStep step_between(const Verdict& before, const Verdict& after, const Boundary& b, bool rising) {
  StatusStep step;
  step.threshold = b.value;
  step.comparison = rising ? (b.upper_closed ? "≥" : ">") : (b.upper_closed ? "<" : "≤");
  step.new_status = after.status();
  const auto was = fired(before);
  const auto now = fired(after);
  std::set_difference(now.begin(), now.end(), was.begin(), was.end(), std::back_inserter(step.clauses_on));
  std::set_difference(was.begin(), was.end(), now.begin(), now.end(), std::back_inserter(step.clauses_off));
  return step;
}

}  // namespace

Result<std::vector<Headroom>> headroom(const catalog::RuleBook& book, const Item& item, const Query& query) {
  auto base = classify(book, item, query);
  if (!base) return base.errors();
  const auto tests = thresholds_in_force(book, query);
  std::vector<Headroom> result;
  std::vector<Metric> metrics{Metric::Tpp, Metric::DramBandwidth, Metric::IoBandwidth};
  // Density on its own moves with the die area at a fixed TPP: only meaningful when the die is known.
  if (item.die_area_mm2) metrics.insert(metrics.begin() + 1, Metric::PerformanceDensity);
  for (Metric metric : metrics) {
    Headroom room;
    room.metric = metric;
    const auto& current = item.metric(metric);
    if (!current) {
      result.push_back(room);
      continue;
    }
    room.current = current->value;
    room.lower_bound = current->lower_bound;
    const auto bounds = boundaries(item, metric, tests);
    // Rising: each boundary whose upper interval lies above the current value, nearest first.
    const Verdict* previous = &*base;
    std::vector<Verdict> kept;
    kept.reserve(bounds.size() * 2);
    for (const Boundary& b : bounds) {
      const double value = just_above(b);
      if (value <= current->value) continue;
      Item moved = item;
      set_metric(moved, metric, value);
      auto verdict = classify(book, moved, query);
      if (!verdict) return verdict.errors();
      kept.push_back(std::move(verdict).value());
      if (kept.back().status() != previous->status()) room.up.push_back(step_between(*previous, kept.back(), b, true));
      previous = &kept.back();
    }
    previous = &*base;
    for (auto it = bounds.rbegin(); it != bounds.rend(); ++it) {
      const double value = just_below(*it);
      if (value >= current->value || value < 0) continue;
      Item moved = item;
      set_metric(moved, metric, value);
      auto verdict = classify(book, moved, query);
      if (!verdict) return verdict.errors();
      kept.push_back(std::move(verdict).value());
      if (kept.back().status() != previous->status()) room.down.push_back(step_between(*previous, kept.back(), *it, false));
      previous = &kept.back();
    }
    if (!room.up.empty()) {
      room.limit = room.up.front().threshold;
      room.new_status = room.up.front().new_status;
      room.clauses = room.up.front().clauses_on;
    }
    result.push_back(std::move(room));
  }
  return result;
}

}  // namespace chipgap::rules
