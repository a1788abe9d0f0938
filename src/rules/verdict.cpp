// SPDX-License-Identifier: Apache-2.0
#include "chipgap/rules/verdict.hpp"

namespace chipgap::rules {

std::string Verdict::status() const {
  std::string text = eccn ? *eccn : std::string("not classified");
  text += "; " + std::string(spec::to_string(authorization));
  if (review_policy) text += " (" + std::string(spec::to_string(*review_policy)) + ")";
  if (!conditions.empty()) {
    text += "; conditions:";
    for (const auto& c : conditions) text += " " + c.id;
  }
  if (indeterminate) text += "; indeterminate";
  return text;
}

}  // namespace chipgap::rules
