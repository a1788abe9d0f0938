// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace chipgap {

// A calendar date (proleptic Gregorian), as rules are dated. The library has no clock: front ends pass
// "today" in.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  // "2023-11-17"; nullopt unless the text is exactly YYYY-MM-DD and the day exists.
  static std::optional<Date> parse(std::string_view text);
  std::string to_string() const;
  Date next_day() const;
  Date previous_day() const;
};

}  // namespace chipgap
