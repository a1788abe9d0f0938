// SPDX-License-Identifier: Apache-2.0
// `chipgap design`: the best part a base die can become and still get the authorization wanted, on a
// serving or training objective (docs/policy.md).
#include <fmt/format.h>

#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/codec/policy_json.hpp"
#include "chipgap/compare/reference_workload.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/policy/design.hpp"
#include "commands.hpp"
#include "named_numbers.hpp"
#include "perf_setup.hpp"
#include "ranks.hpp"
#include "table.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

policy::KnobRange parse_knob(const std::string& text) {
  const std::vector<std::string> names(std::begin(spec::kKnobNames), std::end(spec::kKnobNames));
  const auto parsed = parse_named_numbers(text, names, "--knob", "knob", "KNOB=MIN:MAX:STEP (or KNOB=VALUE), e.g. compute_share=0.1:1:0.01", true);
  const auto& n = parsed.numbers;
  return {static_cast<spec::Knob>(parsed.index), n[0], n.size() == 3 ? n[1] : n[0], n.size() == 3 ? n[2] : 1};
}

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string design_text(const policy::DesignQuery& q, const policy::DesignResult& result, const std::string& basis_text) {
  std::string out = fmt::format("Designs from the {} die for {} on {} wanting '{}'{}; objective: {}\n", q.base->name, q.destination,
                                q.date.to_string(), policy::kWantNames[static_cast<std::size_t>(q.want)],
                                q.system ? fmt::format(" (in {}'s scale-up domain and network)", q.system->name) : "", basis_text);
  out += fmt::format("{} candidates, {} comply, {} undominated ones evaluated, {:.1f} s\n\n", format_number(static_cast<double>(result.candidates), 0),
                     format_number(static_cast<double>(result.compliant), 0), format_number(static_cast<double>(result.evaluated), 0), result.seconds);
  Table table({{"#"}, {"Compute", Align::Right}, {"DRAM BW", Align::Right}, {"DRAM cap", Align::Right}, {"Links", Align::Right},
               {"TPP", Align::Right}, {"Density", Align::Right}, {"DRAM GB/s", Align::Right}, {"I/O GB/s", Align::Right}, {"Status"},
               {"Objective", Align::Right}, {"vs die", Align::Right}});
  auto add = [&](const std::string& label, const policy::Design& d) {
    auto num = [](const std::optional<double>& v, int decimals) { return v ? format_number(*v, decimals) : "-"; };
    const auto& u = result.unconstrained.objective;
    table.add_row({label, percent(d.knobs[0]), percent(d.knobs[1]), percent(d.knobs[2]), percent(d.knobs[3]), num(d.metrics.tpp, 0),
                   num(d.metrics.performance_density, 2), num(d.metrics.dram_bandwidth_gbs, 0), num(d.metrics.io_bandwidth_gbs, 0), d.verdict,
                   d.objective ? format_number(*d.objective, 0) : "-",
                   d.objective && u && *u > 0 ? fmt::format("{:.0f}%", *d.objective / *u * 100) : "-"});
  };
  for (std::size_t i = 0; i < result.designs.size(); ++i) add(std::to_string(i + 1), result.designs[i]);
  add("die", result.unconstrained);
  out += table.to_text();
  out += "\nKnobs as shares of the base die's catalogued values; 'die' is the base die itself (a new part: rules naming the base do not apply).\n";
  if (!result.reason.empty()) out += "\n" + result.reason + "\n";
  if (!result.designs.empty()) {
    out += "\nWhat binds the best design (one knob step higher):\n";
    for (const auto& b : result.designs.front().binding) {
      const std::string knob(spec::kKnobNames[static_cast<std::size_t>(b.knob)]);
      if (b.at_bound) {
        out += fmt::format("  {}: at its upper bound ({}) in data/design/\n", knob, percent(b.next));
      } else {
        std::string clauses;
        for (const auto& c : b.clauses) clauses += (clauses.empty() ? "" : ", ") + c;
        out += fmt::format("  {}: at {} the status becomes {}{}\n", knob, percent(b.next), b.new_status, clauses.empty() ? "" : " (" + clauses + ")");
      }
    }
  }
  if (!result.unconstrained.objective && !result.unconstrained.reason.empty()) {
    out += "\nThe base die has no objective value: " + result.unconstrained.reason + "\n";
  }
  return out;
}

}  // namespace

std::string design_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                           const DesignRequest& given, Date today, Format format, const Ranks& ranks) {
  DesignRequest r = given;
  const bool serve = r.objective == "serve";
  if (!serve && r.objective != "train") {
    throw CommandError(fmt::format("--objective must be serve or train, not '{}'", r.objective), kExitUsage);
  }
  // Without workload options, the objective's reference workload (chipgap workloads).
  if (r.workload.named.empty() && r.workload.given.empty()) r.workload.named = serve ? compare::kServeBasisWorkload : compare::kTrainBasisWorkload;
  r.workload = with_named_workload(catalog, data_dir, r.workload);
  if (r.workload.serve != serve && !r.workload.named.empty()) {
    throw CommandError(fmt::format("--workload {} is a {} workload but --objective is {}", r.workload.named, r.workload.serve ? "serving" : "training",
                                   r.objective),
                       kExitUsage);
  }
  r.workload.serve = serve;

  policy::DesignQuery q;
  auto hardware = resolve_hardware(catalog, r.base, "--base");
  if (hardware.system == nullptr) hardware = compare::hardware_for(catalog, *hardware.chip);
  q.base = hardware.chip;
  q.system = hardware.system;
  q.destination = r.destination;
  q.date = r.date.empty() ? today : parse_date_option(r.date, "--date");
  q.extra_rules = r.regimes;
  q.want = parse_word<policy::Want>(r.want, policy::kWantNames, "--want");
  q.top = r.top;
  q.threads = r.threads > 0 ? r.threads : ranks.threads();
  if (ranks.size() > 1) {
    q.partition.rank = ranks.rank();
    q.partition.size = ranks.size();
    q.partition.combine_flags = [&ranks](std::vector<unsigned char>& v) { ranks.max_all(v); };
    q.partition.combine_values = [&ranks](std::vector<double>& v) { ranks.max_all(v); };
  }
  auto bounds = catalog::load_design_knobs(data_dir);
  if (!bounds) throw CommandError("the design knobs have errors:\n" + to_string(bounds.errors()), kExitBadData);
  std::vector<policy::KnobRange> given_ranges;
  for (const auto& text : r.knobs) given_ranges.push_back(parse_knob(text));
  auto ranges = policy::knob_ranges(*bounds, given_ranges);
  if (!ranges) throw CommandError(option_message(ranges.errors().front()), kExitUsage);
  q.knobs = std::move(ranges).value();

  const spec::ModelArch model = resolve_model(catalog, r.workload.model);
  const perf::EfficiencyTable efficiency = load_efficiency_or_throw(data_dir);
  const std::int64_t count = policy::objective_chips(q.system, serve, r.count > 0 ? std::optional(r.count) : std::nullopt);
  const policy::Objective objective = serve ? policy::serving_objective(serving_workload(model, r.workload), count, efficiency)
                                            : policy::training_objective(training_workload(model, r.workload), count, efficiency);
  const std::string unit_text = serve ? "output tokens/s per chip" : "training tokens/s per chip";
  auto result = policy::design_search(rules, *bounds, q, objective);
  if (!result) {
    const auto& d = result.errors().front();
    throw CommandError(option_message(d), kExitUsage);
  }
  const std::string basis_text = fmt::format("{} on {} chips ({})", unit_text, format_number(static_cast<double>(count), 0), workload_text(model, r.workload));
  if (!ranks.root()) return {};
  if (format == Format::Json) {
    nlohmann::json out = codec::design_json(q, *result, unit_text);
    out["ranks"] = ranks.size();
    out["workload"] = workload_json(model, r.workload);
    out["count"] = count;
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) {
    Table table({{"rank"}, {"compute_share"}, {"memory_bandwidth_share"}, {"memory_capacity_share"}, {"scale_up_share"}, {"tpp"},
                 {"performance_density"}, {"dram_bandwidth_gbs"}, {"io_bandwidth_gbs"}, {"verdict"}, {"objective"}});
    auto num = [](const std::optional<double>& v) { return v ? fmt::format("{:.6g}", *v) : ""; };
    for (std::size_t i = 0; i < result->designs.size(); ++i) {
      const auto& d = result->designs[i];
      table.add_row({std::to_string(i + 1), fmt::format("{:.4g}", d.knobs[0]), fmt::format("{:.4g}", d.knobs[1]), fmt::format("{:.4g}", d.knobs[2]),
                     fmt::format("{:.4g}", d.knobs[3]), num(d.metrics.tpp), num(d.metrics.performance_density), num(d.metrics.dram_bandwidth_gbs),
                     num(d.metrics.io_bandwidth_gbs), d.verdict, num(d.objective)});
    }
    return table.to_csv();
  }
  return design_text(q, *result, basis_text);
}

}  // namespace chipgap::cli
