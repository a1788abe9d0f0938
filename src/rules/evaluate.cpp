// SPDX-License-Identifier: Apache-2.0
#include "evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"

namespace chipgap::rules::detail {
namespace {

bool contains_any(const std::vector<std::string>& haystack, const std::vector<std::string>& needles) {
  return std::any_of(needles.begin(), needles.end(), [&](const std::string& n) {
    return std::find(haystack.begin(), haystack.end(), n) != haystack.end();
  });
}

bool names_match(const spec::NameTest& test, const Item& item) {
  // A market not in the catalog matches no market_in test: only a cited "china_only" excludes a part.
  if (test.field == spec::NameTest::Field::Market) {
    return !item.market.empty() && std::find(test.names.begin(), test.names.end(), item.market) != test.names.end();
  }
  std::vector<std::string> own{normalize_name(test.field == spec::NameTest::Field::Vendor ? item.vendor : item.name)};
  if (test.field == spec::NameTest::Field::Chip) {
    for (const auto& alias : item.aliases) own.push_back(normalize_name(alias));
    // A system is caught by what names its accelerator: a letter naming the H20 covers an HGX H20, and a
    // measure against the H20 reaches the servers built from it.
    if (!item.contains.empty()) own.push_back(normalize_name(item.contains));
  }
  return std::any_of(test.names.begin(), test.names.end(), [&](const std::string& name) {
    return std::find(own.begin(), own.end(), normalize_name(name)) != own.end();
  });
}

bool compare(double value, spec::Comparison comparison, double threshold) {
  switch (comparison) {
    case spec::Comparison::Ge: return value >= threshold;
    case spec::Comparison::Gt: return value > threshold;
    case spec::Comparison::Le: return value <= threshold;
    case spec::Comparison::Lt: return value < threshold;
  }
  return false;
}

// A lower bound decides "at least" tests only when it already passes them, and "at most" tests only when
// it already fails them.
Truth compare_bound(const MetricValue& v, spec::Comparison comparison, double threshold) {
  const bool holds = compare(v.value, comparison, threshold);
  if (!v.lower_bound) return holds ? Truth::True : Truth::False;
  const bool upward = comparison == spec::Comparison::Ge || comparison == spec::Comparison::Gt;
  if (upward) return holds ? Truth::True : Truth::Unknown;
  return holds ? Truth::Unknown : Truth::False;
}

Truth test_truth(const spec::Condition& condition, const Environment& env, const std::string& rule_id,
                 const std::string& clause, Findings* findings) {
  return std::visit(
      [&](const auto& test) -> Truth {
        using T = std::decay_t<decltype(test)>;
        if constexpr (std::is_same_v<T, spec::MetricTest>) {
          if (findings == nullptr) return Truth::True;  // gate check: metrics assumed to pass
          const auto& value = env.item.metric(test.metric);
          if (!value) {
            const std::string label(spec::metric_label(test.metric));
            if (std::find(findings->unknown_metrics.begin(), findings->unknown_metrics.end(), label) ==
                findings->unknown_metrics.end()) {
              findings->unknown_metrics.push_back(label);
            }
            return Truth::Unknown;
          }
          const Truth truth = compare_bound(*value, test.comparison, test.threshold);
          Margin margin{rule_id, clause, test.metric, value->value, value->lower_bound, test.comparison, test.threshold,
                        compare(value->value, test.comparison, test.threshold), ""};
          margin.text = margin_text(margin);
          findings->margins.push_back(std::move(margin));
          return truth;
        } else if constexpr (std::is_same_v<T, spec::DatacenterTest>) {
          return env.item.datacenter == test.datacenter ? Truth::True : Truth::False;
        } else if constexpr (std::is_same_v<T, spec::ItemKindTest>) {
          return env.item.kind == test.kind ? Truth::True : Truth::False;
        } else if constexpr (std::is_same_v<T, spec::NameTest>) {
          return names_match(test, env.item) ? Truth::True : Truth::False;
        } else if constexpr (std::is_same_v<T, spec::PlaceTest>) {
          const auto& places = test.party == spec::PlaceTest::Party::Destination ? env.destination_places : env.hq_places;
          return contains_any(places, test.places) ? Truth::True : Truth::False;
        } else {
          return env.eccn && std::find(test.eccns.begin(), test.eccns.end(), *env.eccn) != test.eccns.end()
                     ? Truth::True
                     : Truth::False;
        }
      },
      condition.test);
}

// Evaluates every child (no short cut) so that all margins are seen.
Truth evaluate_tree(const spec::Condition& condition, const Environment& env, const std::string& rule_id,
                    const std::string& clause, Findings* findings) {
  using Op = spec::Condition::Op;
  if (condition.op == Op::Test) return test_truth(condition, env, rule_id, clause, findings);
  if (condition.op == Op::Not) {
    const Truth inner = evaluate_tree(condition.children.front(), env, rule_id, clause, findings);
    return inner == Truth::Unknown ? Truth::Unknown : (inner == Truth::True ? Truth::False : Truth::True);
  }
  const bool all = condition.op == Op::All;
  bool unknown = false;
  bool decided = false;  // a False child for all, a True child for any
  for (const auto& child : condition.children) {
    const Truth t = evaluate_tree(child, env, rule_id, clause, findings);
    if (t == Truth::Unknown) unknown = true;
    if (t == (all ? Truth::False : Truth::True)) decided = true;
  }
  if (decided) return all ? Truth::False : Truth::True;
  if (unknown) return Truth::Unknown;
  return all ? Truth::True : Truth::False;
}

}  // namespace

Truth evaluate(const spec::Condition& condition, const Environment& env, const std::string& rule_id,
               const std::string& clause, Findings& findings) {
  return evaluate_tree(condition, env, rule_id, clause, &findings);
}

bool gate_open(const spec::Condition& condition, const Environment& env) {
  return evaluate_tree(condition, env, "", "", nullptr) == Truth::True;
}

std::string margin_text(const Margin& m) {
  const int decimals = m.metric == spec::Metric::Tpp ? 0 : (m.metric == spec::Metric::PerformanceDensity ||
                                                                    m.metric == spec::Metric::MemoryBandwidthDensity
                                                                ? 2
                                                                : 0);
  const std::string unit(spec::metric_unit(m.metric));
  const auto with_unit = [&](double v) { return format_number(v, decimals) + (unit.empty() ? "" : " " + unit); };
  const double difference = m.value - m.threshold;
  std::string text = std::string(spec::metric_label(m.metric)) + " " + (m.lower_bound ? "≥ " : "") + with_unit(m.value) + ": ";
  if (std::fabs(difference) < 1e-9) {
    text += "exactly at ";
  } else {
    text += with_unit(std::fabs(difference)) + (difference < 0 ? " below " : " above ");
  }
  return text + m.clause + "'s " + std::string(spec::symbol(m.comparison)) + " " + with_unit(m.threshold);
}

}  // namespace chipgap::rules::detail
