// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "chipgap/units/parse.hpp"

namespace chipgap::units {
namespace {

ParsedQuantity parse_ok(std::string_view text) {
  auto result = parse_quantity(text);
  if (auto* error = std::get_if<UnitError>(&result)) ADD_FAILURE() << text << ": " << error->message;
  return std::get_if<ParsedQuantity>(&result) ? std::get<ParsedQuantity>(result) : ParsedQuantity{};
}

std::string parse_error(std::string_view text, std::optional<Dimension> expected = std::nullopt) {
  auto result = expected ? parse_quantity(text, *expected) : parse_quantity(text);
  if (auto* error = std::get_if<UnitError>(&result)) return error->message;
  ADD_FAILURE() << text << " was accepted";
  return {};
}

struct Case {
  const char* text;
  Dimension dimension;
  double base;
};

TEST(UnitParser, AcceptsEverySpellingTheDataUses) {
  const Case cases[] = {
      {"989 TFLOP/s", Dimension::ComputeRate, 989e12},  {"1979 TOP/s", Dimension::ComputeRate, 1979e12},
      {"2.5 PFLOP/s", Dimension::ComputeRate, 2.5e15},  {"312 TFLOPS", Dimension::ComputeRate, 312e12},
      {"624 TOPS", Dimension::ComputeRate, 624e12},     {"3.35 TB/s", Dimension::DataRate, 3.35e12},
      {"900 GB/s", Dimension::DataRate, 900e9},         {"400 Gb/s", Dimension::DataRate, 50e9},
      {"400 Gbps", Dimension::DataRate, 50e9},          {"80 GB", Dimension::DataSize, 80e9},
      {"96 GiB", Dimension::DataSize, 96.0 * 1073741824.0}, {"814 mm2", Dimension::Area, 814},
      {"814 mm^2", Dimension::Area, 814},               {"814 mm²", Dimension::Area, 814},
      {"700 W", Dimension::Power, 700},                 {"10.2 kW", Dimension::Power, 10200},
      {"27500 USD", Dimension::Money, 27500},           {"1.5 ms", Dimension::Time, 1.5e-3},
      {"3.2 MWh", Dimension::Energy, 3.2 * 3.6e9},      {"1e3 W", Dimension::Power, 1000},
      {"  80 GB  ", Dimension::DataSize, 80e9},
  };
  for (const auto& c : cases) {
    const ParsedQuantity q = parse_ok(c.text);
    EXPECT_EQ(q.dimension, c.dimension) << c.text;
    EXPECT_NEAR(q.base_value, c.base, c.base * 1e-12) << c.text;
  }
}

TEST(UnitParser, TypedParseReturnsTheQuantity) {
  auto rate = parse<Dimension::DataRate>("3.35 TB/s");
  ASSERT_TRUE(std::holds_alternative<DataRate>(rate));
  EXPECT_DOUBLE_EQ(in_gigabytes_per_second(std::get<DataRate>(rate)), 3350);
}

TEST(UnitParser, UnknownUnitSuggestsTheRightCase) {
  EXPECT_EQ(parse_error("3.35 TB/S"), "unknown unit 'TB/S' in '3.35 TB/S'; did you mean 'TB/s'?");
  EXPECT_EQ(parse_error("989 TFLOP"), "unknown unit 'TFLOP' in '989 TFLOP'; did you mean 'TFLOP/s' or 'TFLOPS'?");
  EXPECT_EQ(parse_error("400 GB/S"), "unknown unit 'GB/S' in '400 GB/S'; did you mean 'GB/s'?");
  EXPECT_EQ(parse_error("400 gb/s"), "unknown unit 'gb/s' in '400 gb/s'; did you mean 'Gb/s'?");
  EXPECT_EQ(parse_error("12 parsecs"), "unknown unit 'parsecs' in '12 parsecs'");
}

TEST(UnitParser, RejectsMalformedNumbers) {
  EXPECT_EQ(parse_error("fast TFLOP/s"), "expected a number with a unit like '3.35 TB/s', got 'fast TFLOP/s'");
  EXPECT_EQ(parse_error(""), "expected a number with a unit, got an empty value");
  EXPECT_EQ(parse_error("80"), "missing unit in '80' (e.g. '3.35 TB/s')");
  EXPECT_EQ(parse_error("27,500 USD"), "thousands separators are not allowed in '27,500 USD'; write '27500 USD'");
  EXPECT_EQ(parse_error("1.2.3 W"), "expected a number with a unit like '3.35 TB/s', got '1.2.3 W'");
}

TEST(UnitParser, DimensionMismatchSaysWhatWasExpected) {
  EXPECT_EQ(parse_error("80 GB", Dimension::DataRate),
            "expected a data rate like '3.35 TB/s', got '80 GB' (a data size)");
  EXPECT_EQ(parse_error("700 W", Dimension::ComputeRate),
            "expected a compute rate like '989 TFLOP/s', got '700 W' (a power)");
}

TEST(Quantity, ArithmeticStaysInBaseUnits) {
  const DataSize weights = gigabytes(80);
  const DataRate bandwidth = gigabytes_per_second(3350);
  EXPECT_NEAR(in_seconds(weights / bandwidth), 80.0 / 3350.0, 1e-15);
  EXPECT_DOUBLE_EQ((watts(700) * seconds(3600)).base(), 700.0 * 3600.0);
  EXPECT_LT(gigabytes_per_second(400), gigabytes_per_second(600));
  EXPECT_DOUBLE_EQ(in_gigabits_per_second(gigabytes_per_second(50)), 400);
}

}  // namespace
}  // namespace chipgap::units
