// SPDX-License-Identifier: Apache-2.0
// Design-to-comply (docs/policy.md): a base die from the catalog with knobs (compute enabled, memory
// bandwidth and capacity, scale-up links), each walked over a grid within the bounds data/design/ cites;
// every candidate classified by the rules engine against a target (rule book, date, destination, the
// authorization wanted); the compliant designs that no other compliant design dominates evaluated by an
// objective (the performance engine on a workload); the best returned with the thresholds that bind.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/rules/verdict.hpp"
#include "chipgap/spec/design_knob.hpp"

namespace chipgap::policy {

// The most candidates one search walks (the product of its knobs' values).
inline constexpr std::size_t kMaxDesigns = 5'000'000;

// What the vendor wants to ship under: no licence and no exception; at most a licence exception (NAC,
// ACA); or a licence reviewed case by case (or with a presumption of approval).
enum class Want { None, Nac, CaseByCase };
inline constexpr std::string_view kWantNames[] = {"none", "nac", "case_by_case"};
bool meets(const rules::Verdict& verdict, Want want);

// Shares of the base die's values, indexed by spec::Knob.
using KnobValues = std::array<double, spec::kKnobCount>;

// The base die with the knobs applied: the chip (a new part: the base's vendor and market, none of its
// names, so rules that name a part do not follow it) and, when the base has a catalog system, that system
// with its scale-up bandwidth scaled (the domain and network stay; with no links left, the domain is a
// single chip).
struct DesignedPart {
  spec::Accelerator chip;
  std::optional<spec::System> system;
  compare::Hardware hardware() const { return {&chip, system ? &*system : nullptr}; }
};
DesignedPart apply_knobs(const spec::Accelerator& base, const spec::System* base_system, const KnobValues& knobs);

// The objective: larger is better, or no value with the reason (no deployment fits, ...).
using Objective = std::function<compare::Capability(const compare::Hardware&)>;

// The objectives the CLI, the API and the Python module offer: the performance engine's best deployment
// (output tokens/s per chip) or best plan (training tokens/s per chip) on `chips` of the designed part.
// The efficiency table must outlive the objective.
Objective serving_objective(compare::ServingWorkload workload, std::int64_t chips, const perf::EfficiencyTable& efficiency);
Objective training_objective(compare::TrainingWorkload workload, std::int64_t chips, const perf::EfficiencyTable& efficiency);
// How many chips an objective runs on: `wanted`, else one system serving and 1,024 training, in whole
// systems of the base's system.
std::int64_t objective_chips(const spec::System* system, bool serve, std::optional<std::int64_t> wanted);

// A knob's walk: min, min + step, ... up to max.
struct KnobRange {
  spec::Knob knob = spec::Knob::ComputeShare;
  double min = 1, max = 1, step = 1;
};

// How a search shares its work between processes (the ranks of an MPI run); by default one process
// does everything. Each process takes the indices congruent to its rank; `combine` replaces a vector
// by the element-wise maximum of every process's, on every process.
struct Partition {
  int rank = 0, size = 1;
  std::function<void(std::vector<unsigned char>&)> combine_flags;
  std::function<void(std::vector<double>&)> combine_values;
};

// Every knob of the data at its full range and step, with `overrides` in place of those they name (the
// search checks them against the data's bounds). Error (key "knob"): a knob overridden twice.
Result<std::vector<KnobRange>> knob_ranges(const std::vector<spec::DesignKnob>& bounds, const std::vector<KnobRange>& overrides);

struct DesignQuery {
  const spec::Accelerator* base = nullptr;
  const spec::System* system = nullptr;  // the base's system (scale-up domain, network); may be null
  std::vector<KnobRange> knobs;           // knobs not listed stay at 1 (the base's value)
  std::string destination = "CN";
  Date date;
  std::vector<std::string> extra_rules;
  Want want = Want::None;
  std::size_t top = 5;
  unsigned threads = 0;  // 0: all cores
  std::size_t max_candidates = kMaxDesigns;  // a server asks for fewer
  Partition partition;
};

struct DesignMetrics {
  std::optional<double> tpp, performance_density, dram_bandwidth_gbs, io_bandwidth_gbs;
};

// What stops a knob one step higher: the status it would reach and the clauses that would newly fire, or
// the knob's own bound.
struct Binding {
  spec::Knob knob = spec::Knob::ComputeShare;
  double next = 0;            // the knob's next value
  bool at_bound = false;      // the knob is at its upper bound: the data, not a rule, binds
  std::string new_status;
  std::vector<std::string> clauses;  // "clause (rule)"
};

struct Design {
  KnobValues knobs{};
  DesignMetrics metrics;
  std::string verdict;  // the status, as the rules engine words it
  bool compliant = false;
  std::optional<double> objective;
  std::string reason;  // when the objective has no value
  std::vector<Binding> binding;
};

struct DesignResult {
  std::vector<Design> designs;  // the best compliant designs, best first
  Design unconstrained;         // the base die as catalogued, whatever its verdict
  std::size_t candidates = 0, compliant = 0, evaluated = 0;
  std::string reason;  // when no design meets the target: why
  double seconds = 0;
};

// Errors (key): "knob" a range outside the data's bounds (with them), empty or inverted, or a knob given
// twice; "design" more candidates than query.max_candidates; "to" an unknown destination. No compliant design is a normal
// result with its reason.
Result<DesignResult> design_search(const catalog::RuleBook& rules, const std::vector<spec::DesignKnob>& bounds, const DesignQuery& query,
                                   const Objective& objective);

}  // namespace chipgap::policy
