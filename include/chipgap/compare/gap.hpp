// SPDX-License-Identifier: Apache-2.0
// The chip gap over time: on each date, the best chip shipping anywhere (the frontier), the best one
// exportable to a destination without a licence, the best licensable one and the best made in the
// destination, each with its capability and its ratio to the frontier. Verdicts come from the rules
// engine, capabilities from a capability function (peak rates, or the performance engine on a
// workload); nothing here is a hand list.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::compare {

enum class GapStep { Month, Quarter };
inline constexpr std::string_view kGapStepNames[] = {"month", "quarter"};

struct GapQuery {
  std::string destination = "CN";
  Date since{2022, 1, 1};
  Date until{2026, 12, 1};
  Date today{2026, 12, 1};  // points after it are projections: announced parts count, marked so
  GapStep step = GapStep::Quarter;
};

// A chip's capability on the gap's basis (larger is better), or why it has none.
struct Capability {
  std::optional<double> value;
  std::string reason;
};
using CapabilityOf = std::function<Capability(const spec::Accelerator&)>;
// The same capability, computed once per chip (by name) and kept; safe to call from several threads.
// Sweeps and design searches ask for the same chips at every point.
CapabilityOf memoised(CapabilityOf capability);

// When a chip counts as shipping: its catalogued first shipment, else 1 July of its year (marked as
// resting on the year alone).
struct Availability {
  Date date;
  bool year_only = false;
};
Availability availability(const spec::Accelerator& chip);

struct GapEntry {
  const spec::Accelerator* chip = nullptr;
  double value = 0;
  double ratio = 0;  // to the frontier on the same date
  Availability available;
  bool announced = false;  // counted only because the date lies after `today`
  std::string status;      // the verdict for the destination, as the rules engine words it
  spec::Authorization authorization = spec::Authorization::None;
  std::optional<spec::ReviewPolicy> review_policy;
  std::vector<std::string> conditions;  // ids of the conditions attached to a licence
  std::string import_effect = "none";   // the destination's own measures on the chip, net
};

struct GapPoint {
  Date date;
  bool projected = false;  // after `today`
  std::optional<GapEntry> frontier, exportable, licensable, domestic;
  // Shipping foreign chips whose verdict the rules engine cannot decide (unknown metrics): left out of
  // exportable and licensable, named here.
  std::vector<std::string> undetermined;
};

struct RuleChange {
  Date date;
  std::vector<std::string> rules;  // ids starting (or ending) that day
};

struct Gap {
  GapQuery query;
  std::vector<GapPoint> points;
  std::vector<RuleChange> rule_changes;  // within the range
  // Data-centre chips left out because they have no capability on the basis, with the reason.
  std::vector<std::pair<std::string, std::string>> unvalued;
  double seconds = 0;
};

// Data-centre chips only (consumer cards are not what clusters are built from); rumoured parts never.
// Errors: an unknown destination (with suggestions), since after until.
Result<Gap> chip_gap(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const GapQuery& query,
                     const CapabilityOf& capability);

// Dense 16-bit peak (BF16, else FP16) in TFLOP/s: the peak-compute basis.
Capability peak_16bit_capability(const spec::Accelerator& chip);

// Workload bases: the performance engine's best plan (training tokens/s per chip) or best deployment
// (output tokens/s per chip) on `count` chips, rounded up to whole systems (or up to a power-of-two
// number of systems where that plans better), in the first catalog system built from the chip (its
// scale-up domain and network), else the bare chip.
CapabilityOf training_capability(const catalog::Catalog& catalog, const TrainingWorkload& workload,
                                 const perf::EfficiencyTable& efficiency, std::int64_t count);
CapabilityOf serving_capability(const catalog::Catalog& catalog, const ServingWorkload& workload,
                                const perf::EfficiencyTable& efficiency, std::int64_t count);

}  // namespace chipgap::compare
