// SPDX-License-Identifier: Apache-2.0
// units::parse_quantity, with and without an expected dimension, and the number formatting that prints
// what it returns.
#include "chipgap/common/number_format.hpp"
#include "chipgap/units/parse.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  if (auto parsed = units::parse_quantity(text); auto* quantity = std::get_if<units::ParsedQuantity>(&parsed)) {
    (void)format_number(quantity->base_value, 2);
    (void)units::dimension_name(quantity->dimension);
  }
  using units::Dimension;
  for (Dimension d : {Dimension::ComputeRate, Dimension::DataRate, Dimension::DataSize, Dimension::Area, Dimension::Power,
                      Dimension::Money, Dimension::Time, Dimension::Energy}) {
    (void)units::parse_quantity(text, d);
  }
  return 0;
}
