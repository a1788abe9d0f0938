// SPDX-License-Identifier: Apache-2.0
// What a verdict would be for each possible value of the inputs it cannot know. Private to the rules module.
#pragma once

#include <functional>
#include <vector>

#include "chipgap/rules/item.hpp"
#include "chipgap/rules/verdict.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::rules::detail {

// For an indeterminate `verdict`: the unknown metrics that the documents in force test, the intervals
// between the thresholds they meet, and the verdict `classify_at` gives at a point inside every
// combination of intervals, grouped into PossibleOutcomes. A verdict whose every outcome is the same is
// decided after all and is marked so.
// `applies` says whether a condition's non-metric parts hold for the item (only those conditions' thresholds
// cut the unknown metrics into intervals).
void enumerate_outcomes(Verdict& verdict, const std::vector<const spec::RuleDocument*>& documents, const Item& item,
                        const std::function<bool(const spec::Condition&)>& applies,
                        const std::function<Verdict(const Item&)>& classify_at);

}  // namespace chipgap::rules::detail
