// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "chipgap/common/date.hpp"

namespace chipgap {
namespace {

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_EQ(Date::parse("2023-11-17"), (Date{2023, 11, 17}));
  EXPECT_EQ(Date::parse("2024-02-29"), (Date{2024, 2, 29}));
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-1-17", "17/11/2023", "", "2023-11-17x"}) {
    EXPECT_FALSE(Date::parse(bad)) << bad;
  }
}

TEST(Date, OrdersAndSteps) {
  EXPECT_LT(*Date::parse("2023-11-16"), *Date::parse("2023-11-17"));
  EXPECT_EQ(Date::parse("2023-12-31")->next_day().to_string(), "2024-01-01");
  EXPECT_EQ(Date::parse("2024-03-01")->previous_day().to_string(), "2024-02-29");
}

}  // namespace
}  // namespace chipgap
