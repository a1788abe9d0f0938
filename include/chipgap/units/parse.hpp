// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "chipgap/units/quantity.hpp"

namespace chipgap::units {

// A number with a unit, converted to the base unit of its dimension (see quantity.hpp).
struct ParsedQuantity {
  double base_value = 0.0;
  Dimension dimension = Dimension::ComputeRate;
};

// Why a unit string was rejected; `message` is complete and ready for a Diagnostic.
struct UnitError {
  std::string message;
};

// Parses "989 TFLOP/s", "3.35 TB/s", "400 Gb/s", "96 GiB", "814 mm2", "700 W", "27500 USD", ...
std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text);

// Parses and checks the dimension: "80 GB" where a data rate is expected is an error that says so.
std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text, Dimension expected);

template <Dimension D>
std::variant<Quantity<D>, UnitError> parse(std::string_view text) {
  auto parsed = parse_quantity(text, D);
  if (auto* error = std::get_if<UnitError>(&parsed)) return *error;
  return Quantity<D>::from_base(std::get<ParsedQuantity>(parsed).base_value);
}

}  // namespace chipgap::units
