// SPDX-License-Identifier: Apache-2.0
// `chipgap gap`: on each date, the best chip shipping anywhere, the best exportable to a destination
// without a licence, the best licensable one and the best made there, with their ratios to the frontier.
#include <fmt/format.h>

#include "chipgap/codec/compare_json.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/compare/gap.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

// `with_verdict`: the export verdict in brackets (meaningless for a chip made in the destination).
std::string cell(const std::optional<compare::GapEntry>& e, bool with_verdict = true) {
  if (!e) return "-";
  std::string text = fmt::format("{} {:.2f}", e->chip->name, e->ratio);
  if (!with_verdict) {
  } else if (e->authorization == spec::Authorization::License && e->review_policy) {
    text += fmt::format(" ({})", spec::to_string(*e->review_policy));
  } else if (e->authorization != spec::Authorization::None) {
    text += fmt::format(" ({})", spec::to_string(e->authorization));
  }
  if (with_verdict && e->import_effect != "none") text += fmt::format(" [import {}]", e->import_effect);
  if (e->available.year_only) text += "~";
  if (e->announced) text += "†";
  return text;
}

std::string gap_text(const compare::Gap& gap, const std::string& basis_text) {
  Table table({{"Date"}, {"Frontier"}, {"Value", Align::Right}, {"Exportable"}, {"Licensable"}, {"Domestic"}});
  for (const auto& p : gap.points) {
    table.add_row({p.date.to_string() + (p.projected ? "*" : ""), p.frontier ? p.frontier->chip->name : "-",
                   p.frontier ? format_number(p.frontier->value, 0) : "-", cell(p.exportable), cell(p.licensable), cell(p.domestic, false)});
  }
  std::string out = fmt::format("The chip gap for {}: {}\n\n", gap.query.destination, basis_text);
  out += table.to_text() + "\n";
  out += "Each column names the best chip and its ratio to the frontier on that date. Exportable: no licence needed (or a "
         "licence exception such as NAC, in brackets; the destination's own net measure on the chip in square brackets); licensable: a licence under a policy other than presumption of denial. Verdicts from the rules "
         "engine (chipgap classify).\n";
  out += "'~' first shipment known only to the year (counted from 1 July); '*' a date after today; '†' an announced part, "
         "counted only after today.\n";
  if (!gap.rule_changes.empty()) {
    out += "\nRule changes that moved a chip in range:\n";
    for (const auto& c : gap.rule_changes) {
      std::string ids;
      for (const auto& id : c.rules) ids += (ids.empty() ? "" : ", ") + id;
      out += fmt::format("  {}  {}\n", c.date.to_string(), ids);
    }
  }
  if (!gap.points.empty() && !gap.points.back().undetermined.empty()) {
    std::string names;
    for (const auto& n : gap.points.back().undetermined) names += (names.empty() ? "" : ", ") + n;
    out += fmt::format("\nUndetermined on {} (unknown metrics; left out of exportable and licensable): {}\n",
                       gap.points.back().date.to_string(), names);
  }
  if (!gap.unvalued.empty()) {
    out += fmt::format("\n{} data-centre chips have no value on this basis and are left out", gap.unvalued.size());
    std::string names;
    for (std::size_t i = 0; i < gap.unvalued.size() && i < 12; ++i) names += (i ? ", " : "") + gap.unvalued[i].first;
    out += ": " + names + (gap.unvalued.size() > 12 ? ", ..." : "") + " (--format json gives each reason)\n";
  }
  return out;
}

}  // namespace

std::string gap_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                        const GapRequest& given, Date today, Format format) {
  GapRequest r = given;
  r.workload = with_named_workload(catalog, data_dir, given.workload);
  compare::GapQuery query;
  query.destination = r.destination;
  query.since = parse_date_option(r.since, "--since");
  query.until = r.until.empty() ? today : parse_date_option(r.until, "--until");
  query.today = today;
  query.step = parse_word<compare::GapStep>(r.step, compare::kGapStepNames, "--step");
  if (query.until < query.since) {
    throw CommandError(fmt::format("--since {} is after --until {}", query.since.to_string(), query.until.to_string()), kExitUsage);
  }
  const auto basis = capability_basis(catalog, data_dir, r.workload, r.workload_given, r.count);
  auto gap = compare::chip_gap(catalog, rules, query, basis->capability);
  if (!gap) throw CommandError(to_string(gap.errors()), kExitUsage);
  if (format == Format::Json) {
    nlohmann::json out = codec::gap_json(*gap, basis->basis, basis->unit);
    if (basis->model) out["workload"] = workload_json(*basis->model, r.workload);
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) {
    Table table({{"date"}, {"projected"}, {"frontier"}, {"frontier_value"}, {"exportable"}, {"exportable_ratio"}, {"licensable"},
                 {"licensable_ratio"}, {"domestic"}, {"domestic_ratio"}});
    auto name = [](const std::optional<compare::GapEntry>& e) { return e ? e->chip->name : ""; };
    auto ratio = [](const std::optional<compare::GapEntry>& e) { return e ? fmt::format("{:.4f}", e->ratio) : ""; };
    for (const auto& p : gap->points) {
      table.add_row({p.date.to_string(), p.projected ? "true" : "false", name(p.frontier),
                     p.frontier ? fmt::format("{:.6g}", p.frontier->value) : "", name(p.exportable), ratio(p.exportable),
                     name(p.licensable), ratio(p.licensable), name(p.domestic), ratio(p.domestic)});
    }
    return table.to_csv();
  }
  return gap_text(*gap, basis->text);
}

}  // namespace chipgap::cli
