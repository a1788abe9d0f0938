// SPDX-License-Identifier: Apache-2.0
#include "outcomes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "chipgap/common/number_format.hpp"

namespace chipgap::rules::detail {
namespace {

using spec::Metric;

// More combinations than this and the outcomes are not listed (each costs one classification).
constexpr std::size_t kMaxCombinations = 4096;

// The thresholds of every condition in force that can apply to the item (its gate is open).
std::map<Metric, std::set<double>> thresholds_in(const std::vector<const spec::RuleDocument*>& documents,
                                                 const std::function<bool(const spec::Condition&)>& applies) {
  std::map<Metric, std::set<double>> thresholds;
  for (const auto* document : documents) {
    document->for_each_condition([&](const spec::Condition& condition) {
      if (!applies(condition)) return;
      spec::for_each_test(condition, [&](const spec::Condition& test) {
        if (const auto* metric = std::get_if<spec::MetricTest>(&test.test)) thresholds[metric->metric].insert(metric->threshold);
      });
    });
  }
  return thresholds;
}

// One unknown metric: the intervals its thresholds (`edges`) cut [floor, infinity) into, and a point
// strictly inside each, so that >, >=, < and <= tests all see the interval's side.
struct Axis {
  Metric metric;
  std::optional<double> floor;  // a known lower bound
  std::vector<double> edges;
  std::vector<double> points;   // edges.size() + 1
};

Axis make_axis(Metric metric, const std::set<double>& cuts, std::optional<double> floor) {
  Axis axis{metric, floor, {}, {}};
  for (double cut : cuts) {
    if (!floor || cut > *floor) axis.edges.push_back(cut);
  }
  const double low = floor.value_or(0);
  axis.points.push_back(axis.edges.empty() ? low * 2 + 1 : (low + axis.edges.front()) / 2);
  for (std::size_t i = 0; i < axis.edges.size(); ++i) {
    axis.points.push_back(i + 1 == axis.edges.size() ? axis.edges[i] * 2 : (axis.edges[i] + axis.edges[i + 1]) / 2);
  }
  return axis;
}

std::string number_text(Metric metric, double value) {
  const int decimals = metric == Metric::PerformanceDensity || metric == Metric::MemoryBandwidthDensity ? 2 : 0;
  std::string text = format_number(value, decimals);
  const std::string_view unit = spec::metric_unit(metric);
  if (!unit.empty()) text += " " + std::string(unit);
  return text;
}

// "TPP 1,600 to 4,800", "TPP below 1,600", "TPP 4,800 or more"; empty when the range is the whole axis.
std::string range_text(const Axis& axis, std::size_t first, std::size_t last) {
  const bool from_bottom = first == 0, to_top = last + 1 == axis.points.size();
  if (from_bottom && to_top) return {};
  const std::string label(spec::metric_label(axis.metric));
  const std::optional<double> lower = from_bottom ? axis.floor : std::optional<double>(axis.edges[first - 1]);
  if (to_top) return label + " " + number_text(axis.metric, *lower) + " or more";
  const std::string upper = number_text(axis.metric, axis.edges[last]);
  if (!lower) return label + " below " + upper;
  return label + " " + number_text(axis.metric, *lower) + " to " + upper;
}

// A box of the grid of intervals: per axis, the first and last interval it spans.
using Box = std::vector<std::pair<std::size_t, std::size_t>>;

// Merges boxes of one outcome that touch along one axis and agree on every other, until none do, so
// that "TPP below 1,600" and "TPP 1,600 to 2,400" read as "TPP below 2,400" and an axis the outcome
// does not depend on disappears.
std::vector<Box> merge_boxes(std::vector<Box> boxes, std::size_t axes) {
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t a = 0; a < axes; ++a) {
      std::sort(boxes.begin(), boxes.end(), [a](const Box& x, const Box& y) {
        Box kx = x, ky = y;
        kx[a] = ky[a] = {0, 0};
        return std::tie(kx, x[a]) < std::tie(ky, y[a]);
      });
      std::vector<Box> out;
      for (const Box& box : boxes) {
        if (!out.empty()) {
          Box& last = out.back();
          bool same_elsewhere = true;
          for (std::size_t b = 0; b < axes && same_elsewhere; ++b) same_elsewhere = b == a || last[b] == box[b];
          if (same_elsewhere && last[a].second + 1 == box[a].first) {
            last[a].second = box[a].second;
            merged = true;
            continue;
          }
        }
        out.push_back(box);
      }
      boxes = std::move(out);
    }
  }
  return boxes;
}

}  // namespace

void enumerate_outcomes(Verdict& verdict, const std::vector<const spec::RuleDocument*>& documents, const Item& item,
                        const std::function<bool(const spec::Condition&)>& applies,
                        const std::function<Verdict(const Item&)>& classify_at) {
  if (!verdict.indeterminate) return;
  const auto thresholds = thresholds_in(documents, applies);
  // The metrics that are unknown (or only a lower bound) and that some applicable rule tests. Density
  // follows TPP when the die area is known, so it is then not an axis of its own.
  const bool tpp_unknown = !item.metric(Metric::Tpp) || item.metric(Metric::Tpp)->lower_bound;
  std::vector<Axis> axes;
  for (const auto& [metric, cuts] : thresholds) {
    const auto& value = item.metric(metric);
    if (value && !value->lower_bound) continue;
    if (metric == Metric::PerformanceDensity && item.die_area_mm2 && tpp_unknown) continue;
    axes.push_back(make_axis(metric, cuts, value ? std::optional<double>(value->value) : std::nullopt));
  }
  std::size_t combinations = 1;
  for (const auto& axis : axes) {
    combinations *= axis.points.size();
    if (combinations > kMaxCombinations) break;
  }
  if (combinations > kMaxCombinations) {
    for (const auto& axis : axes) verdict.missing_inputs.emplace_back(spec::metric_label(axis.metric));
    return;
  }

  std::vector<std::vector<Box>> boxes_of;  // per outcome
  std::vector<std::size_t> index(axes.size(), 0);
  for (std::size_t n = 0; n < combinations; ++n) {
    Item probe = item;
    Box box;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const double value = axes[a].points[index[a]];
      probe.metric(axes[a].metric) = MetricValue{value, false};
      if (axes[a].metric == Metric::Tpp && item.die_area_mm2) {
        probe.metric(Metric::PerformanceDensity) = MetricValue{value / *item.die_area_mm2, false};
      }
      box.emplace_back(index[a], index[a]);
    }
    const Verdict at = classify_at(probe);
    const std::string status = at.status();
    auto it = std::find_if(verdict.possible_outcomes.begin(), verdict.possible_outcomes.end(),
                           [&](const PossibleOutcome& o) { return o.status == status; });
    if (it == verdict.possible_outcomes.end()) {
      std::vector<std::string> conditions;
      for (const auto& c : at.conditions) conditions.push_back(c.id);
      verdict.possible_outcomes.push_back({status, at.eccn, at.authorization, at.review_policy, conditions, {}});
      boxes_of.emplace_back();
      it = std::prev(verdict.possible_outcomes.end());
    }
    boxes_of[static_cast<std::size_t>(it - verdict.possible_outcomes.begin())].push_back(std::move(box));
    for (std::size_t a = axes.size(); a-- > 0;) {  // next combination, last axis fastest
      if (++index[a] < axes[a].points.size()) break;
      index[a] = 0;
    }
  }
  verdict.outcomes_enumerated = true;

  // One outcome whatever the unknowns are, and the one already found: decided after all.
  if (verdict.possible_outcomes.size() == 1 && verdict.possible_outcomes.front().status == verdict.decided_status()) {
    verdict.indeterminate = false;
    verdict.possible_outcomes.clear();
    verdict.indeterminate_reasons.clear();
    return;
  }
  // The inputs named as missing are those some outcome depends on.
  std::vector<bool> matters(axes.size(), false);
  for (std::size_t o = 0; o < verdict.possible_outcomes.size(); ++o) {
    for (const Box& box : merge_boxes(boxes_of[o], axes.size())) {
      std::string when;
      for (std::size_t a = 0; a < axes.size(); ++a) {
        const std::string range = range_text(axes[a], box[a].first, box[a].second);
        if (range.empty()) continue;
        matters[a] = true;
        when += (when.empty() ? "" : " and ") + range;
      }
      verdict.possible_outcomes[o].when.push_back(when.empty() ? "any value of the unknown inputs" : when);
    }
  }
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (matters[a]) verdict.missing_inputs.emplace_back(spec::metric_label(axes[a].metric));
  }
  const auto& first = verdict.possible_outcomes.front();
  if (std::all_of(verdict.possible_outcomes.begin(), verdict.possible_outcomes.end(),
                  [&](const PossibleOutcome& o) { return o.authorization == first.authorization; })) {
    verdict.authorization_in_every_case = first.authorization;
  }
}

}  // namespace chipgap::rules::detail
