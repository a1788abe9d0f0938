// SPDX-License-Identifier: Apache-2.0
// The national-compute engine (docs/scenarios.md): supply flows by year, gated by the rules engine's
// verdicts and the importing side's measures, weighted by per-chip capability factors from the
// performance engine, accumulated into stocks with retirement, over Monte Carlo draws of every
// uncertain input. A consumer of the rules and performance engines; it models no chip and no rule.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/reference_workload.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::scenario {

// What an H100 equivalent means: peak dense 8-bit operations (Epoch-compatible), training throughput
// or serving throughput on the reference workloads, each relative to the H100 SXM's.
enum class Basis { Peak, Train, Serve };
inline constexpr std::string_view kBasisNames[] = {"peak", "train", "serve"};
inline constexpr std::size_t kBases = 3;

// A chip's worth in H100 equivalents on each basis. A chip the performance engine cannot place on a
// workload (no system with a network, a precision it lacks) is valued on its peak factor there, and
// says so.
struct ChipFactors {
  std::array<double, kBases> h100e{};
  std::array<bool, kBases> fell_back{};  // valued on peak for want of a workload figure
};

// Capability functions for the two workload bases (compare::training_capability and friends); the
// engine divides each chip's figure by the H100 SXM's.
struct CapabilityBases {
  compare::CapabilityOf train, serve;
};

// The train and serve bases of docs/scenarios.md: the reference workloads kTrainBasisWorkload and
// kServeBasisWorkload (compare/reference_workload.hpp) on their cluster sizes. An error names a missing
// workload.
Result<CapabilityBases> workload_bases(const catalog::Catalog& catalog, const std::vector<spec::ReferenceWorkload>& workloads,
                                       const perf::EfficiencyTable& efficiency);

// Bases for runs read on the peak basis only (a sweep's many runs, say): the train and serve
// capabilities are not computed, and every chip's train and serve factors fall back to its peak one.
CapabilityBases peak_only_bases();

// The most draws × years one run holds (about 90 MB of per-draw metrics).
inline constexpr std::size_t kMaxDrawYears = 500'000;

struct RunOptions {
  int first_year = 2022, last_year = 2030;
  std::size_t draws = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: all cores; the result does not depend on it
  // --set: parameter keys, or "units.<flow>.<year>", to a fixed value.
  std::map<std::string, double> overrides;
};

struct Percentiles {
  double p10 = 0, p50 = 0, p90 = 0;
};
using ByBasis = std::array<Percentiles, kBases>;

struct CountryYear {
  ByBasis stock, additions;  // H100 equivalents
};

struct YearResult {
  int year = 0;
  CountryYear china, us;
  std::array<Percentiles, 3> china_units;  // additions by origin (kOriginNames order)
  Percentiles domestic_share_units;        // of China's additions
  ByBasis domestic_share_compute;
  ByBasis us_china_ratio;                  // US stock over China's
  Percentiles vendor_revenue_usd;          // legal US-origin sales to China, priced flows only
  Percentiles us_take_usd;                 // revenue shares and tariffs the rules attach
};

// One input the run used: its value and range after the scenario and overrides, and its sources.
struct InputUsed {
  std::string id;  // parameter key or "units.<flow>.<year>"
  double value = 0;
  std::optional<double> low, high;
  std::vector<std::string> sources;
  std::string origin;  // "inputs", "scenario", or "override"
};

struct RunResult {
  std::string scenario;
  std::uint64_t seed = 0;
  std::size_t draws = 0;
  std::vector<YearResult> years;
  std::vector<InputUsed> inputs;
  std::map<std::string, ChipFactors> factors;  // by chip, for the flows' chips
  std::vector<std::string> notes;              // fallbacks, unpriced flows, undetermined verdicts
  double seconds = 0;
};

// How much one uncertain input moves China's stock in a year: the median with the input fixed at each
// end of its range (every other input still drawn), and the swing between them.
struct Sensitivity {
  std::string input;
  double low = 0, high = 0;        // the input's range
  double at_low = 0, at_high = 0;  // China's stock p50 (H100e) with the input there
  double swing() const { return at_high - at_low; }
};

// Prepares the per-chip factors and per-flow policy gates once, then draws. Errors: an unknown
// override key (with suggestions), an override out of range, a chip with no peak factor, an unknown
// rule id in the scenario.
class Engine {
 public:
  Engine(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const catalog::ScenarioData& data,
         CapabilityBases bases);
  // `scenario` null: the inputs as they are.
  Result<RunResult> run(const spec::Scenario* scenario, const RunOptions& options) const;
  // Every input with a range, largest swing of China's stock in `year` on `basis` first.
  Result<std::vector<Sensitivity>> sensitivity(const spec::Scenario* scenario, const RunOptions& options, int year,
                                               Basis basis) const;
  // The factors are computed once per chip and kept.
  Result<ChipFactors> factors(const spec::SupplyFlow& flow) const;

 private:
  const catalog::Catalog& catalog_;
  const catalog::RuleBook& rules_;
  const catalog::ScenarioData& data_;
  CapabilityBases bases_;
  mutable std::mutex mutex_;  // guards the caches: runs may share an engine (the server's threads)
  mutable std::optional<std::array<std::optional<double>, kBases>> reference_;  // the H100 SXM's figures
  mutable std::map<std::string, ChipFactors> cache_;
  // A legal flow's verdicts through every rule change, by chip, destination and rule what-ifs: the same
  // for every run of a scenario, and the costliest part of preparing one.
  mutable std::map<std::string, std::vector<rules::TimelineEntry>> timelines_;
};

}  // namespace chipgap::scenario
