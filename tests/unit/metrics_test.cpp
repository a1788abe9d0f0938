// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/metrics/system_totals.hpp"

namespace chipgap::metrics {
namespace {

using spec::Precision;

template <typename T>
spec::Sourced<T> sourced(T value) {
  return spec::Sourced<T>{value, {}};
}

void set_rate(spec::Accelerator& chip, Precision p, double tops) {
  chip.throughput[static_cast<std::size_t>(p)] = sourced(units::tera_ops_per_second(tops));
}

// The H100 SXM's published dense rates (NVIDIA datasheet, sparse figures halved).
spec::Accelerator h100_like() {
  spec::Accelerator chip;
  chip.name = "H100 SXM";
  set_rate(chip, Precision::FP64, 66.9);
  set_rate(chip, Precision::TF32, 494.7);
  set_rate(chip, Precision::BF16, 989.4);
  set_rate(chip, Precision::FP8, 1978.9);
  set_rate(chip, Precision::INT8, 1978.9);
  chip.die_area = sourced(units::square_millimetres(814));
  chip.memory.bandwidth = sourced(units::gigabytes_per_second(3350));
  return chip;
}

TEST(ExportMetrics, TppIsTheLargestRateTimesBitLength) {
  const auto m = compute_export_metrics(h100_like());
  ASSERT_TRUE(m.tpp);
  EXPECT_NEAR(m.tpp->tpp, 1978.9 * 8, 1e-9);
  EXPECT_EQ(m.tpp->precision, Precision::FP8);  // ties go to the narrower, then the first, precision
  EXPECT_EQ(m.tpp_terms.size(), 5u);
  EXPECT_NEAR(m.tpp_terms[0].tpp, 66.9 * 64, 1e-9);
  EXPECT_EQ(m.unknown_precisions, (std::vector<Precision>{Precision::FP32, Precision::FP16, Precision::FP4}));
}

TEST(ExportMetrics, TppCountsTheWidestPrecisionWhenItWins) {
  spec::Accelerator chip;
  set_rate(chip, Precision::FP64, 100);  // 6,400
  set_rate(chip, Precision::FP8, 500);   // 4,000
  const auto m = compute_export_metrics(chip);
  EXPECT_EQ(m.tpp->precision, Precision::FP64);
  EXPECT_DOUBLE_EQ(m.tpp->tpp, 6400);
  EXPECT_FALSE(m.tpp_lower_bound);
}

TEST(ExportMetrics, TppFromWidePrecisionsAloneIsALowerBound) {
  spec::Accelerator chip;
  set_rate(chip, Precision::FP32, 15);
  const auto m = compute_export_metrics(chip);
  EXPECT_DOUBLE_EQ(m.tpp->tpp, 480);
  EXPECT_TRUE(m.tpp_lower_bound);
  EXPECT_FALSE(compute_export_metrics(h100_like()).tpp_lower_bound);
}

TEST(ExportMetrics, PerformanceDensityDividesByDieArea) {
  const auto m = compute_export_metrics(h100_like());
  ASSERT_TRUE(m.performance_density);
  EXPECT_NEAR(*m.performance_density, 1978.9 * 8 / 814, 1e-9);
}

TEST(ExportMetrics, UnknownInputsGiveUnknownMetrics) {
  spec::Accelerator chip;
  const auto m = compute_export_metrics(chip);
  EXPECT_FALSE(m.tpp);
  EXPECT_FALSE(m.performance_density);
  EXPECT_FALSE(m.dram_bandwidth);
  EXPECT_EQ(m.unknown_precisions.size(), spec::kPrecisionCount);

  spec::Accelerator no_area = h100_like();
  no_area.die_area.reset();
  EXPECT_FALSE(compute_export_metrics(no_area).performance_density);
  EXPECT_TRUE(compute_export_metrics(no_area).tpp);
}

TEST(ExportMetrics, IoSumsLinksAndCountsBothDirectionsOfIntegratedPorts) {
  spec::Accelerator chip = h100_like();
  chip.scale_up = spec::ScaleUp{};
  chip.scale_up->bandwidth = sourced(units::gigabytes_per_second(900));
  chip.host_interface.bandwidth = sourced(units::gigabytes_per_second(128));
  auto m = compute_export_metrics(chip);
  EXPECT_TRUE(m.io.complete());
  EXPECT_DOUBLE_EQ(units::in_gigabytes_per_second(m.io.total), 1028);

  chip.scale_out = spec::ScaleOut{};
  chip.scale_out->bandwidth = sourced(units::gigabytes_per_second(600));  // 24 × 200 GbE per direction
  chip.scale_out->integrated = sourced(true);
  m = compute_export_metrics(chip);
  EXPECT_DOUBLE_EQ(units::in_gigabytes_per_second(m.io.total), 1028 + 1200);
}

TEST(ExportMetrics, IoIsALowerBoundWhenAComponentIsUnknown) {
  spec::Accelerator chip;
  chip.scale_up = spec::ScaleUp{};
  chip.scale_up->technology = sourced(std::string("MetaXLink"));
  chip.host_interface.bandwidth = sourced(units::gigabytes_per_second(64));
  const auto m = compute_export_metrics(chip);
  EXPECT_FALSE(m.io.complete());
  EXPECT_EQ(m.io.unknown, (std::vector<std::string>{"scale-up (MetaXLink)"}));
  EXPECT_DOUBLE_EQ(units::in_gigabytes_per_second(m.io.total), 64);
}

TEST(SystemTotals, MultiplyPerChipValuesByTheCount) {
  const spec::Accelerator chip = h100_like();
  spec::System system;
  system.chips = sourced<std::int64_t>(8);
  const auto totals = compute_system_totals(system, chip);
  ASSERT_TRUE(totals.throughput[static_cast<std::size_t>(Precision::BF16)]);
  EXPECT_NEAR(units::in_tera_ops_per_second(*totals.throughput[static_cast<std::size_t>(Precision::BF16)]),
              8 * 989.4, 1e-9);
  EXPECT_FALSE(totals.throughput[static_cast<std::size_t>(Precision::FP4)]);
  EXPECT_DOUBLE_EQ(units::in_gigabytes_per_second(*totals.memory_bandwidth), 8 * 3350);
  EXPECT_FALSE(totals.memory);
}

}  // namespace
}  // namespace chipgap::metrics
