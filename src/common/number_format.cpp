// SPDX-License-Identifier: Apache-2.0
#include "chipgap/common/number_format.hpp"

#include <fmt/format.h>

namespace chipgap {

std::string format_number(double value, int decimals, bool grouped) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  if (!grouped) return text;
  // Group the integer digits in threes.
  const std::size_t start = (text[0] == '-') ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::size_t pos = end; pos > start + 3; pos -= 3) text.insert(pos - 3, ",");
  return text;
}

}  // namespace chipgap

