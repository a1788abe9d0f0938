// SPDX-License-Identifier: Apache-2.0
// `chipgap compare`: several chips or systems on one workload at equal count, equal power or equal
// budget, each against a baseline: the workload's throughput ratio beside the ratios of the catalog
// figures ("70% on paper" against "x% on this workload"), and the term of the step that explains the
// difference. A consumer of the performance engine through match.hpp's best outcomes; nothing here
// models hardware.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/compare/basis.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap::compare {

enum class EqualBasis { Count, Power, Budget };
inline constexpr std::string_view kEqualBasisNames[] = {"count", "power", "budget"};

// What every row gets the same of.
struct EqualTerms {
  EqualBasis basis = EqualBasis::Count;
  std::int64_t count = 0;  // chips (Count)
  double power_kw = 0;     // IT power on the like-for-like basis of basis.hpp (Power)
  double budget_usd = 0;   // purchase price at catalog prices (Budget)
};

// Per-chip catalog figures, and the same figures as ratios to the baseline's.
struct ChipFigures {
  std::optional<double> tpp, bf16_tflops, fp8_tflops, memory_gbps, memory_gb, scale_up_gbps;
};
ChipFigures chip_figures(const spec::Accelerator& chip);

// How one part of the step (training: seconds per step, at the same global batch on every row; serving:
// decode chip-seconds per output token) differs from the baseline's.
struct TermDelta {
  std::string term;
  double row = 0, baseline = 0;
};

struct ComparisonRow {
  Hardware hardware;
  std::int64_t affordable = 0;  // chips the equal terms allow (whole systems)
  std::int64_t count = 0;       // chips the best plan uses: affordable, or fewer when that plans better
  bool feasible = false;
  std::string reason;           // why the row has no value
  double value = 0;             // training tokens/s or output tokens/s, the whole cluster
  std::optional<double> value_low, value_high;  // at the ends of the efficiency band
  // Value over the baseline's (0 when either has none); at equal count, per chip of each row's count,
  // since whole systems round the counts apart.
  double ratio = 0;
  std::optional<ClusterOutcome> training;
  std::optional<ServingOutcome> serving;
  ItPowerPerChip power;         // per chip, the like-for-like basis
  std::optional<double> power_kw, capital_usd;  // for the `affordable` chips, idle ones included
  bool chip_price_only = false;  // a system without a catalogued price, priced at its chips' price alone
  // Throughput per kW of IT power and per dollar of capital, as ratios to the baseline's (when both know
  // their power or price): perf per watt and perf per dollar whatever the equal terms.
  std::optional<double> per_kw_ratio, per_usd_ratio;
  ChipFigures figures, figure_ratios;
  std::vector<TermDelta> terms;
  std::string explains;         // the term whose change from the baseline is largest, in words
};

struct Comparison {
  EqualTerms terms;
  std::size_t baseline = 0;     // index into rows
  std::vector<ComparisonRow> rows;
  std::optional<ItOverhead> overhead;
  double seconds = 0;
};

// Rows in the order given; `baseline` indexes `hardware`. A row that cannot take part (no TDP for equal
// power, no price for an equal budget, no plan that fits) keeps its reason and no value.
Comparison compare_training(const std::vector<Hardware>& hardware, std::size_t baseline, const EqualTerms& terms,
                            const TrainingWorkload& workload, const perf::EfficiencyTable& efficiency,
                            const std::optional<ItOverhead>& overhead, const MatchLimits& limits = {});
Comparison compare_serving(const std::vector<Hardware>& hardware, std::size_t baseline, const EqualTerms& terms,
                           const ServingWorkload& workload, const perf::EfficiencyTable& efficiency,
                           const std::optional<ItOverhead>& overhead, const MatchLimits& limits = {});

}  // namespace chipgap::compare
