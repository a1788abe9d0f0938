// SPDX-License-Identifier: Apache-2.0
#include "chipgap/common/number_format.hpp"
#include "commands.hpp"

namespace chipgap::cli {

std::string Style::number(double value, int decimals) const {
  return format_number(value, decimals, format == Format::Table);
}

std::string Style::number(const std::optional<double>& value, int decimals) const {
  if (!value) return format == Format::Csv ? "" : "-";
  return number(*value, decimals);
}

}  // namespace chipgap::cli
