// SPDX-License-Identifier: Apache-2.0
#include "chipgap/rules/verdict.hpp"

namespace chipgap::rules {

std::string Verdict::decided_status() const {
  std::string text = eccn ? *eccn : std::string("not classified");
  text += "; " + std::string(spec::to_string(authorization));
  if (review_policy) text += " (" + std::string(spec::to_string(*review_policy)) + ")";
  if (!conditions.empty()) {
    text += "; conditions:";
    for (const auto& c : conditions) text += " " + c.id;
  }
  return text;
}

std::string Verdict::status() const {
  if (!indeterminate) return decided_status();
  // Timelines and diffs compare this text: the set of possible outcomes is part of the status.
  std::string text = "undetermined";
  for (const auto& outcome : possible_outcomes) text += " | " + outcome.status;
  return text;
}

}  // namespace chipgap::rules
