// SPDX-License-Identifier: Apache-2.0
// `chipgap compare`: chips or systems side by side on one workload at equal count, power or budget.
#include <fmt/format.h>

#include "chipgap/codec/compare_json.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/compare/comparison.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

constexpr std::int64_t kDefaultCount = 1024;

compare::EqualTerms equal_terms(const CompareRequest& r) {
  compare::EqualTerms t;
  t.basis = parse_word<compare::EqualBasis>(r.equal, compare::kEqualBasisNames, "--equal");
  auto refuse = [&](bool given, const char* option) {
    if (given) throw CommandError(fmt::format("{} does not apply to --equal {}", option, r.equal), kExitUsage);
  };
  switch (t.basis) {
    case compare::EqualBasis::Count:
      refuse(r.power_kw.has_value(), "--power-kw");
      refuse(r.budget_usd.has_value(), "--budget-usd");
      t.count = r.count.value_or(kDefaultCount);
      break;
    case compare::EqualBasis::Power:
      refuse(r.count.has_value(), "--count");
      refuse(r.budget_usd.has_value(), "--budget-usd");
      if (!r.power_kw) throw CommandError("--equal power needs --power-kw", kExitUsage);
      t.power_kw = *r.power_kw;
      break;
    case compare::EqualBasis::Budget:
      refuse(r.count.has_value(), "--count");
      refuse(r.power_kw.has_value(), "--power-kw");
      if (!r.budget_usd) throw CommandError("--equal budget needs --budget-usd", kExitUsage);
      t.budget_usd = *r.budget_usd;
      break;
  }
  return t;
}

std::string optional_text(const std::optional<double>& v, int decimals, const char* suffix = "") {
  return v ? format_number(*v, decimals) + suffix : "-";
}

std::string equal_line(const compare::EqualTerms& t) {
  switch (t.basis) {
    case compare::EqualBasis::Count:
      return fmt::format("Equal count: {} chips per row (rounded up to whole systems)", format_number(static_cast<double>(t.count), 0));
    case compare::EqualBasis::Power:
      return fmt::format("Equal power: {} kW of IT power per row (whole systems that fit)", format_number(t.power_kw, 0));
    case compare::EqualBasis::Budget:
      return fmt::format("Equal budget: ${} of purchases per row at catalog prices (whole systems that fit)", format_number(t.budget_usd, 0));
  }
  return {};
}

std::string comparison_text(const compare::Comparison& c, bool serving) {
  Table results({{"Name"}, {"Chips", Align::Right}, {serving ? "Output tok/s" : "Tokens/s", Align::Right}, {"Band", Align::Right}, {"Ratio", Align::Right},
                 {serving ? "Deployment" : "Days", serving ? Align::Left : Align::Right}, {"IT kW", Align::Right},
                 {"Capital $", Align::Right}, {"Per kW", Align::Right}, {"Per $", Align::Right}});
  Table paper({{"Name"}, {"TPP", Align::Right}, {"BF16", Align::Right}, {"FP8", Align::Right}, {"Mem BW", Align::Right},
               {"Mem", Align::Right}, {"Scale-up", Align::Right}});
  auto ratio = [](const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : "-"; };
  std::string notes;
  for (const auto& row : c.rows) {
    const std::string name = row.hardware.name();
    paper.add_row({name, ratio(row.figure_ratios.tpp), ratio(row.figure_ratios.bf16_tflops), ratio(row.figure_ratios.fp8_tflops),
                   ratio(row.figure_ratios.memory_gbps), ratio(row.figure_ratios.memory_gb), ratio(row.figure_ratios.scale_up_gbps)});
    if (!row.feasible) {
      results.add_row({name, row.affordable > 0 ? format_number(static_cast<double>(row.affordable), 0) : "-", "-", "-", "-", "-", "-", "-", "-", "-"});
      notes += fmt::format("  {}: {}\n", name, row.reason);
      continue;
    }
    const std::string detail = serving ? row.serving->deployment : fmt::format("{:.1f}", row.training->totals.days);
    std::string chips = format_number(static_cast<double>(row.count), 0);
    if (row.count != row.affordable) chips += fmt::format(" of {}", format_number(static_cast<double>(row.affordable), 0));
    const std::string band = row.value_low && row.value_high
                                 ? fmt::format("{}-{}", format_number(*row.value_low, 0), format_number(*row.value_high, 0))
                                 : "-";
    results.add_row({name, chips, format_number(row.value, 0), band, row.ratio > 0 ? fmt::format("{:.2f}", row.ratio) : "-", detail,
                     optional_text(row.power_kw, 0, row.power.estimated ? "*" : ""), optional_text(row.capital_usd, 0, row.chip_price_only ? "†" : ""),
                     ratio(row.per_kw_ratio), ratio(row.per_usd_ratio)});
    if (!row.explains.empty()) notes += fmt::format("  {}: {}\n", name, row.explains);
  }
  const std::string baseline = c.rows[c.baseline].hardware.name();
  std::string out = results.to_text() + "\n";
  out += "On paper, per chip, as ratios to " + baseline + "\n" + paper.to_text() + "\n";
  if (!notes.empty()) out += fmt::format("Against {} ({}):\n{}", baseline, serving ? "decode chip-seconds per output token" : "seconds per training step", notes);
  out += "\nBand: the throughput at the ends of the efficiency table's ranges. Ratios are to " + baseline + ". 'n of m': the best plan used n of the m chips the terms allow (the rest idle).\n";
  out += "IT kW: the system's catalogued power over its chips; '*' marks chip TDP times the catalog systems' median "
         "system-over-TDP ratio";
  if (c.overhead) out += fmt::format(" ({:.2f}, range {:.2f}-{:.2f}, from {} systems)", c.overhead->central, c.overhead->low, c.overhead->high, c.overhead->systems.size());
  out += ".\nCapital: catalog purchase prices, the system's where the catalog has one; '†' marks a system priced at its chips "
         "alone (servers, network and racks not counted), which flatters it against systems priced whole. IT kW and capital count "
         "every chip the terms allow, idle ones included. Per kW, per $: throughput per kW of IT power and per dollar of capital, "
         "as ratios to the baseline's.";
  if (c.terms.basis == compare::EqualBasis::Count) out += " At equal count, ratios are per chip: whole systems round the counts apart.";
  out += "\n";
  return out;
}

}  // namespace

std::string compare_command(const catalog::Catalog& catalog, const std::string& data_dir, const CompareRequest& given,
                            Format format) {
  CompareRequest r = given;
  r.workload = with_named_workload(catalog, data_dir, given.workload);
  if (r.names.size() < 2) throw CommandError("compare needs two or more chips or systems", kExitUsage);
  std::vector<compare::Hardware> hardware;
  for (const auto& name : r.names) hardware.push_back(resolve_hardware(catalog, name, "compare"));
  std::size_t baseline = 0;
  if (!r.baseline.empty()) {
    const compare::Hardware base = resolve_hardware(catalog, r.baseline, "--baseline");
    const auto found = std::find_if(hardware.begin(), hardware.end(),
                                    [&](const compare::Hardware& h) { return h.chip == base.chip && h.system == base.system; });
    if (found == hardware.end()) hardware.insert(hardware.begin(), base);
    else baseline = static_cast<std::size_t>(found - hardware.begin());
  }
  const compare::EqualTerms terms = equal_terms(r);
  const spec::ModelArch model = resolve_model(catalog, r.workload.model);
  const perf::EfficiencyTable efficiency = load_efficiency_or_throw(data_dir);
  const auto overhead = compare::catalog_it_overhead(catalog);
  compare::Comparison c = r.workload.serve
      ? compare::compare_serving(hardware, baseline, terms, serving_workload(model, r.workload), efficiency, overhead)
      : compare::compare_training(hardware, baseline, terms, training_workload(model, r.workload), efficiency, overhead);
  // A bare chip cannot span scale-up domains without a network; its catalog system has one.
  for (auto& row : c.rows) {
    if (row.feasible || row.hardware.system != nullptr) continue;
    for (const auto& system : catalog.systems()) {
      if (&catalog.chip_of(system) != row.hardware.chip) continue;
      row.reason += fmt::format("; compare the system '{}' for its network", system.name);
      break;
    }
  }
  const char* unit = r.workload.serve ? "output tokens/s" : "training tokens/s";
  if (format == Format::Json) {
    nlohmann::json out = codec::compare_json(c, unit);
    out["workload"] = workload_json(model, r.workload);
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("compare prints text or JSON", kExitUsage);
  return workload_text(model, r.workload) + "\n" + equal_line(terms) + "\n\n" + comparison_text(c, r.workload.serve);
}

}  // namespace chipgap::cli
