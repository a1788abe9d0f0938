// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "chipgap/spec/condition.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::spec {

std::string_view to_string(Metric metric) { return kMetricNames[static_cast<int>(metric)]; }

std::string_view metric_label(Metric metric) {
  switch (metric) {
    case Metric::Tpp: return "TPP";
    case Metric::PerformanceDensity: return "performance density";
    case Metric::DramBandwidth: return "DRAM bandwidth";
    case Metric::IoBandwidth: return "I/O bandwidth";
    case Metric::DramPlusIoBandwidth: return "DRAM + I/O bandwidth";
    case Metric::MemoryBandwidthDensity: return "memory bandwidth density";
  }
  return "";
}

std::string_view metric_unit(Metric metric) {
  switch (metric) {
    case Metric::Tpp:
    case Metric::PerformanceDensity: return "";
    case Metric::DramBandwidth:
    case Metric::IoBandwidth:
    case Metric::DramPlusIoBandwidth: return "GB/s";
    case Metric::MemoryBandwidthDensity: return "GB/s/mm²";
  }
  return "";
}

std::string_view to_string(Comparison comparison) {
  static constexpr std::string_view kNames[] = {"ge", "gt", "le", "lt"};
  return kNames[static_cast<int>(comparison)];
}

std::string_view symbol(Comparison comparison) {
  static constexpr std::string_view kSymbols[] = {"≥", ">", "≤", "<"};
  return kSymbols[static_cast<int>(comparison)];
}


std::string_view to_string(Authorization authorization) {
  return kAuthorizationNames[static_cast<int>(authorization)];
}

std::string_view to_string(ReviewPolicy policy) { return kReviewPolicyNames[static_cast<int>(policy)]; }

std::string_view to_string(RuleStatus status) { return kRuleStatusNames[static_cast<int>(status)]; }

const AttachedCondition* RuleDocument::find_condition(std::string_view id) const {
  auto it = std::find_if(conditions.begin(), conditions.end(), [&](const AttachedCondition& c) { return c.id == id; });
  return it == conditions.end() ? nullptr : &*it;
}

void RuleDocument::for_each_condition(const std::function<void(const Condition&)>& visit) const {
  for (const auto& clause : classification) visit(clause.when);
  for (const auto& clause : exclusions) visit(clause.when);
  for (const auto& entry : licensing) visit(entry.when);
  for (const auto& condition : conditions) {
    if (condition.when) visit(*condition.when);
  }
}

bool CountryGroup::has_member(std::string_view code, Date date) const {
  bool member = std::find(members.value.begin(), members.value.end(), code) != members.value.end();
  // Undo the country's changes after `date`, latest first: before it joined it was out, before it left in.
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (it->country == code && date < it->date.value) member = !it->joined;
  }
  return member;
}

void for_each_test(const Condition& condition, const std::function<void(const Condition&)>& visit) {
  if (condition.op == Condition::Op::Test) {
    visit(condition);
    return;
  }
  for (const auto& child : condition.children) for_each_test(child, visit);
}

}  // namespace chipgap::spec
