// SPDX-License-Identifier: Apache-2.0
// The condition language of rule documents (docs/rules.md): plain data, parsed from `when:` and
// evaluated by the rules engine.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chipgap/spec/accelerator.hpp"

namespace chipgap::spec {

// Item metrics a rule can test. Bandwidths are compared in GB/s, density in GB/s per mm².
enum class Metric { Tpp, PerformanceDensity, DramBandwidth, IoBandwidth, DramPlusIoBandwidth, MemoryBandwidthDensity };
inline constexpr std::string_view kMetricNames[] = {"tpp",          "performance_density",     "dram_bandwidth",
                                                    "io_bandwidth", "dram_plus_io_bandwidth", "memory_bandwidth_density"};
std::string_view to_string(Metric metric);
std::string_view metric_label(Metric metric);  // "TPP", "performance density", "DRAM bandwidth", ...
std::string_view metric_unit(Metric metric);   // "", "", "GB/s", ..., "GB/s/mm²"

enum class Comparison { Ge, Gt, Le, Lt };
std::string_view to_string(Comparison comparison);  // "ge", ...
std::string_view symbol(Comparison comparison);     // "≥", ...


struct MetricTest {
  Metric metric = Metric::Tpp;
  Comparison comparison = Comparison::Ge;
  double threshold = 0;  // in the metric's comparison unit
};
struct DatacenterTest {
  bool datacenter = true;
};
struct ItemKindTest {
  ItemKind kind = ItemKind::Accelerator;
};
struct NameTest {
  enum class Field { Vendor, Chip, Market } field = Field::Chip;
  std::vector<std::string> names;
};
struct PlaceTest {
  enum class Party { Destination, EndUserHq } party = Party::Destination;
  std::vector<std::string> places;  // group ids ("D:5") and country codes ("MO")
};
struct EccnTest {
  std::vector<std::string> eccns;
};

struct Condition {
  enum class Op { All, Any, Not, Test } op = Op::All;  // an empty All is true
  std::vector<Condition> children;
  std::variant<MetricTest, DatacenterTest, ItemKindTest, NameTest, PlaceTest, EccnTest> test;
  int line = 0;  // where it was written, for messages about it
};

// Visits every test (leaf) of a condition tree, whatever its all/any/not nesting.
void for_each_test(const Condition& condition, const std::function<void(const Condition&)>& visit);

}  // namespace chipgap::spec
