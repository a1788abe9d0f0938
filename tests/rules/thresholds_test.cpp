// SPDX-License-Identifier: Apache-2.0
// The built-in rule book at and around every 3A090 threshold, and the monotonicity the law has: more
// performance never loosens a classification, more bandwidth never loosens the April 2025 letters.
#include <gtest/gtest.h>

#include <random>

#include "builtin_rules.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::rules {
namespace {

using spec::Metric;

const catalog::RuleBook& book() { return chipgap::testing::builtin_rules(); }

// A synthetic datacenter chip with the given TPP and density (die area follows).
Item chip(double tpp, double density, bool datacenter = true, std::string vendor = "Example") {
  Item item;
  item.name = "synthetic";
  item.vendor = std::move(vendor);
  item.datacenter = datacenter;
  item.die_area_mm2 = tpp / density;
  item.metric(Metric::Tpp) = MetricValue{tpp};
  item.metric(Metric::PerformanceDensity) = MetricValue{density};
  item.metric(Metric::DramBandwidth) = MetricValue{800};
  item.metric(Metric::IoBandwidth) = MetricValue{64};
  set_metric(item, Metric::Tpp, tpp);
  return item;
}

Verdict verdict_for(const Item& item, const char* date = "2024-06-01", const char* to = "CN") {
  auto v = classify(book(), item, Query{to, *Date::parse(date), std::nullopt, {}});
  if (!v.ok()) throw std::runtime_error(to_string(v.errors()));
  return std::move(v).value();
}

std::string eccn(const Item& item, const char* date = "2024-06-01") {
  return verdict_for(item, date).eccn.value_or("none");
}

TEST(Thresholds, Tpp4800SeparatesA1) {
  EXPECT_EQ(eccn(chip(4800, 1.0)), "3A090.a");
  EXPECT_EQ(eccn(chip(4799.99, 1.0)), "none");
  EXPECT_EQ(eccn(chip(4800.01, 1.0)), "3A090.a");
}

TEST(Thresholds, DensityOf592SeparatesA2FromB) {
  EXPECT_EQ(eccn(chip(2000, 5.92)), "3A090.a");
  EXPECT_EQ(eccn(chip(2000, 5.9199)), "3A090.b");
  EXPECT_EQ(eccn(chip(2000, 5.9201)), "3A090.a");
  EXPECT_EQ(eccn(chip(1600, 6)), "3A090.a");
  EXPECT_EQ(eccn(chip(1599.99, 6)), "none");
}

TEST(Thresholds, B1WindowIs2400To4800AndDensity16To592) {
  EXPECT_EQ(eccn(chip(2400, 1.6)), "3A090.b");
  EXPECT_EQ(eccn(chip(2399.99, 1.6)), "none");
  EXPECT_EQ(eccn(chip(2400, 1.5999)), "none");
  EXPECT_EQ(eccn(chip(4799, 3.0)), "3A090.b");
}

TEST(Thresholds, B2StartsAtDensity32) {
  EXPECT_EQ(eccn(chip(1900, 3.2)), "3A090.b");
  EXPECT_EQ(eccn(chip(1900, 3.1999)), "none");
  EXPECT_EQ(eccn(chip(1900, 3.2001)), "3A090.b");
}

TEST(Thresholds, NonDatacenterPartsBelow4800AreExcluded) {
  EXPECT_EQ(eccn(chip(4799, 8.0, false)), "none");
  EXPECT_EQ(eccn(chip(4800, 8.0, false)), "3A090.a");
  EXPECT_EQ(verdict_for(chip(4800, 8.0, false)).authorization, spec::Authorization::Nac);
}

TEST(Thresholds, The2022RuleNeedsBothTppAndIo) {
  Item item = chip(5000, 6.0);
  item.metric(Metric::IoBandwidth) = MetricValue{599.99};
  set_metric(item, Metric::Tpp, 5000);
  EXPECT_EQ(eccn(item, "2023-06-01"), "none");
  item.metric(Metric::IoBandwidth) = MetricValue{600};
  set_metric(item, Metric::Tpp, 5000);
  EXPECT_EQ(eccn(item, "2023-06-01"), "3A090.a");
  set_metric(item, Metric::Tpp, 4799.99);
  EXPECT_EQ(eccn(item, "2023-06-01"), "none");
}

// A chip below every 3A090 line, with the given bandwidths, while the April 2025 letters apply.
spec::Authorization letter_authorization(double dram, double io, const char* vendor = "Nvidia") {
  Item item = chip(1000, 1.0, true, vendor);
  item.metric(Metric::DramBandwidth) = MetricValue{dram};
  item.metric(Metric::IoBandwidth) = MetricValue{io};
  set_metric(item, Metric::Tpp, 1000);
  return verdict_for(item, "2025-06-01").authorization;
}

TEST(Thresholds, April2025LettersAtEachBandwidthLine) {
  const auto authorization = letter_authorization;
  using spec::Authorization;
  EXPECT_EQ(authorization(1400, 0.1, "Nvidia"), Authorization::License);
  EXPECT_EQ(authorization(1399.9, 0.1, "Nvidia"), Authorization::None);
  EXPECT_EQ(authorization(100, 1100, "AMD"), Authorization::License);
  EXPECT_EQ(authorization(100, 1099.9, "AMD"), Authorization::None);
  EXPECT_EQ(authorization(1000, 700, "Intel"), Authorization::License);  // sum 1,700
  EXPECT_EQ(authorization(1000, 699.9, "Intel"), Authorization::None);
  EXPECT_EQ(authorization(5000, 2000, "Example"), Authorization::None);  // the letters went to three vendors
}

int severity(const Verdict& v) {
  if (!v.eccn) return 0;
  return *v.eccn == "3A090.b" ? 1 : 2;
}

// Raising TPP at a fixed die area (density rises with it) never lowers the classification, on any date
// of the 2023 regime, for datacenter and other parts alike.
TEST(Properties, ClassificationIsMonotoneInTpp) {
  std::mt19937 random(20231117);
  std::uniform_real_distribution<double> area(100, 2000);
  std::uniform_real_distribution<double> tpp(100, 30000);
  for (const char* date : {"2023-11-17", "2024-06-01", "2026-03-01"}) {
    for (int trial = 0; trial < 200; ++trial) {
      const bool datacenter = trial % 2 == 0;
      const double die = area(random);
      double low = tpp(random);
      double high = tpp(random);
      if (low > high) std::swap(low, high);
      const Verdict a = verdict_for(chip(low, low / die, datacenter), date);
      const Verdict b = verdict_for(chip(high, high / die, datacenter), date);
      EXPECT_LE(severity(a), severity(b)) << date << " TPP " << low << " -> " << high << " area " << die;
      if (datacenter) { EXPECT_LE(a.authorization, b.authorization) << date << " TPP " << low << " -> " << high; }
    }
  }
}

// More DRAM or I/O bandwidth never loosens the authorization while the April 2025 letters apply.
TEST(Properties, LettersAreMonotoneInBandwidth) {
  std::mt19937 random(20250409);
  std::uniform_real_distribution<double> bandwidth(0, 3000);
  for (int trial = 0; trial < 300; ++trial) {
    double dram_low = bandwidth(random), dram_high = bandwidth(random);
    double io_low = bandwidth(random), io_high = bandwidth(random);
    if (dram_low > dram_high) std::swap(dram_low, dram_high);
    if (io_low > io_high) std::swap(io_low, io_high);
    EXPECT_LE(letter_authorization(dram_low, io_low), letter_authorization(dram_high, io_high));
  }
}

}  // namespace
}  // namespace chipgap::rules

namespace chipgap::rules {
namespace {

// No verdict is shown as decided when an input it needs is unknown: for every catalog chip on the
// session's date, a verdict marked decided must stay the same whatever values its unknown metrics take
// (checked at both extremes, independently of how the engine enumerates outcomes).
TEST(Undetermined, NoCatalogVerdictIsDecidedOnAnUnknownInput) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto book = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && book.ok());
  const Query query{"CN", Date{2026, 12, 7}, std::nullopt, {}};
  int undetermined = 0;
  for (const auto& chip : catalog->accelerators()) {
    const Item item = make_item(chip);
    auto verdict = classify(*book, item, query);
    ASSERT_TRUE(verdict.ok());
    if (verdict->indeterminate) {
      ++undetermined;
      EXPECT_FALSE(verdict->possible_outcomes.empty() && verdict->outcomes_enumerated) << chip.name;
      continue;
    }
    for (double extreme : {1e-3, 1e7}) {
      Item probe = item;
      for (auto& metric : probe.metrics) {
        if (!metric || metric->lower_bound) metric = MetricValue{extreme, false};
      }
      auto at = classify(*book, probe, query);
      ASSERT_TRUE(at.ok());
      EXPECT_EQ(at->decided_status(), verdict->decided_status()) << chip.name << " decided, but differs at " << extreme;
    }
  }
  EXPECT_GT(undetermined, 0);  // the catalog has parts with unpublished rates; they must show as such
}

}  // namespace
}  // namespace chipgap::rules
