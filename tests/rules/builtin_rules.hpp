// SPDX-License-Identifier: Apache-2.0
// The built-in rule book, loaded once for every test that classifies against it.
#pragma once

#include <stdexcept>

#include "chipgap/catalog/rule_book.hpp"

namespace chipgap::testing {

inline const catalog::RuleBook& builtin_rules() {
  static const auto result = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  if (!result.ok()) throw std::runtime_error(to_string(result.errors()));
  return result.value();
}

}  // namespace chipgap::testing
