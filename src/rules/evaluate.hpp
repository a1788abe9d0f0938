// SPDX-License-Identifier: Apache-2.0
// Three-valued evaluation of rule conditions, with the margins to every threshold compared. Private to
// the rules module.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgap/rules/item.hpp"
#include "chipgap/rules/verdict.hpp"
#include "chipgap/spec/condition.hpp"

namespace chipgap::rules::detail {

enum class Truth { False, True, Unknown };

// Everything a condition can look at.
struct Environment {
  const Item& item;
  std::vector<std::string> destination_places;  // the destination's code and groups
  std::vector<std::string> hq_places;           // the end user's HQ code and groups; empty if not given
  std::optional<std::string> eccn;              // the classification reached so far
};

// What one evaluation found besides its truth value.
struct Findings {
  std::vector<Margin> margins;
  std::vector<std::string> unknown_metrics;  // labels of metrics that were needed but unknown
};

// Evaluates `condition`. Margins are recorded for metric tests with a known value and attributed to
// `clause` of `rule_id`.
Truth evaluate(const spec::Condition& condition, const Environment& env, const std::string& rule_id,
               const std::string& clause, Findings& findings);

// Whether the condition's non-metric parts hold (every metric test taken as true): a clause whose gate is
// closed (wrong destination, wrong item kind) says nothing about how far the item is from its thresholds.
bool gate_open(const spec::Condition& condition, const Environment& env);

std::string margin_text(const Margin& margin);

}  // namespace chipgap::rules::detail
