// SPDX-License-Identifier: Apache-2.0
// `chipgap sweep`: hypothetical rules from a rule document with its thresholds moved over a grid; for each
// point the chips whose status flips, the best chip still exportable and, with --scenario, the compute
// the destination fields in a year. Runs threaded, or split across MPI ranks under mpirun.
#include <fmt/format.h>

#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/codec/policy_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/common/parallel.hpp"
#include "chipgap/policy/sweep.hpp"
#include "commands.hpp"
#include "named_numbers.hpp"
#include "perf_setup.hpp"
#include "ranks.hpp"
#include "table.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

policy::Axis parse_axis(const std::string& vary) {
  const std::vector<std::string> names(std::begin(spec::kMetricNames), std::end(spec::kMetricNames));
  const auto parsed = parse_named_numbers(vary, names, "--vary", "metric", "METRIC=FROM:TO:STEP, e.g. tpp=4800:1600:-100", false);
  return {static_cast<spec::Metric>(parsed.index), parsed.numbers[0], parsed.numbers[1], parsed.numbers[2]};
}

// Storage the sweep's scenario probe refers to.
struct ScenarioSetup {
  catalog::ScenarioData data;
  perf::EfficiencyTable efficiency;
};

std::string flips_text(const std::vector<policy::Flip>& flips) {
  std::string out;
  for (std::size_t i = 0; i < flips.size() && i < 3; ++i) {
    out += (i ? ", " : "") + flips[i].chip;
  }
  if (flips.size() > 3) out += fmt::format(" +{}", flips.size() - 3);
  return out;
}

std::string sweep_text(const policy::Sweep& sweep, const std::vector<policy::SweepPoint>& points, const CapabilityBasis& basis) {
  const auto& q = sweep.query();
  std::vector<Table::Column> columns;
  for (const auto& axis : q.axes) columns.push_back({std::string(spec::metric_label(axis.metric)), Align::Right});
  columns.push_back({"Flips", Align::Right});
  columns.push_back({"Chips that change status"});
  columns.push_back({"Best exportable"});
  columns.push_back({"Value", Align::Right});
  if (q.scenario) columns.push_back({fmt::format("China stock {} (H100e)", q.scenario->options.last_year), Align::Right});
  Table table(columns);
  for (const auto& p : points) {
    std::vector<std::string> row;
    for (std::size_t a = 0; a < p.thresholds.size(); ++a) {
      row.push_back(format_number(p.thresholds[a], q.axes[a].metric == spec::Metric::PerformanceDensity ? 2 : 0));
    }
    row.push_back(std::to_string(p.flipped.size()));
    row.push_back(flips_text(p.flipped));
    row.push_back(p.best_exportable ? p.best_exportable->chip : "none");
    row.push_back(p.best_exportable ? format_number(p.best_exportable->value, 0) : "-");
    if (q.scenario) {
      row.push_back(p.china_compute ? fmt::format("{} ({}-{})", format_number(p.china_compute->p50, 0), format_number(p.china_compute->p10, 0),
                                                  format_number(p.china_compute->p90, 0))
                                    : "-");
    }
    table.add_row(row);
  }
  std::string axes;
  for (std::size_t a = 0; a < q.axes.size(); ++a) {
    axes += fmt::format("{}{} (now {})", a ? " and " : "", spec::metric_label(q.axes[a].metric), format_number(sweep.baseline_thresholds()[a], 2));
  }
  std::string out = fmt::format("{} with its {} moved ({}), for {} on {}\n", q.rule_id, axes,
                                q.mode == rules::MoveMode::Line ? "the line at the principal threshold; other tiers stay" : "every tier scaled",
                                q.destination, q.date.to_string());
  const auto& best = sweep.baseline_best();
  out += fmt::format("As the rules stand: best exportable {}; value = {}\n\n", best ? best->chip + " " + format_number(best->value, 0) : "none",
                     basis.text);
  out += table.to_text();
  out += "\nFlips: catalog chips whose status differs from the rules as they stand (--format json lists each with both statuses). "
         "Exportable: shipping by the date, foreign to the destination, no licence needed (an exception such as NAC counts).\n";
  if (q.scenario) {
    out += fmt::format("China stock: p50 (p10-p90) of {} draws of scenario {} in {} on the {} basis, each point's rules in place of the "
                       "document as it stands.\n",
                       q.scenario->options.draws, q.scenario->scenario ? q.scenario->scenario->id : "inputs", q.scenario->options.last_year,
                       scenario::kBasisNames[static_cast<std::size_t>(q.scenario->basis)]);
  }
  if (const auto unvalued = sweep.unvalued(); !unvalued.empty()) {
    out += fmt::format("{} exportable-eligible chips have no value on this basis and are never 'best' (--format json gives each reason).\n",
                       unvalued.size());
  }
  return out;
}

// This rank's share of the points (every size-th from its rank), evaluated on its threads, then gathered
// to rank 0 as JSON and put back in index order. One rank: all points, threaded.
std::vector<policy::SweepPoint> evaluate_points(const policy::Sweep& sweep, const Ranks& ranks, unsigned threads) {
  if (ranks.size() == 1) {
    auto points = sweep.run(threads);
    if (!points) throw CommandError(to_string(points.errors()), kExitUsage);
    return std::move(points).value();
  }
  std::vector<std::size_t> mine;
  for (std::size_t i = static_cast<std::size_t>(ranks.rank()); i < sweep.size(); i += static_cast<std::size_t>(ranks.size())) mine.push_back(i);
  std::vector<std::optional<Result<policy::SweepPoint>>> results(mine.size());
  parallel_for(mine.size(), threads > 0 ? threads : ranks.threads(), [&](std::size_t k) { results[k] = sweep.evaluate(mine[k]); });
  nlohmann::json share = nlohmann::json::array();
  std::string failure;
  for (std::size_t k = 0; k < mine.size(); ++k) {
    if (!*results[k]) {
      failure = to_string(results[k]->errors());
      break;
    }
    share.push_back(codec::sweep_point_json(sweep, mine[k], results[k]->value()));
  }
  const auto gathered = ranks.gather(failure.empty() ? share.dump() : "!" + failure);
  if (!ranks.root()) return {};
  std::vector<policy::SweepPoint> points(sweep.size());
  for (const auto& text : gathered) {
    if (!text.empty() && text[0] == '!') throw CommandError(text.substr(1), kExitUsage);
    for (const auto& j : nlohmann::json::parse(text)) {
      auto point = codec::sweep_point_from_json(sweep, j);
      if (!point) throw CommandError(to_string(point.errors()), kExitUsage);
      points[j.at("index").get<std::size_t>()] = std::move(point).value();
    }
  }
  return points;
}

}  // namespace

std::string sweep_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                          const SweepRequest& given, Date today, Format format, const Ranks& ranks) {
  SweepRequest r = given;
  r.workload = with_named_workload(catalog, data_dir, given.workload);
  policy::SweepQuery query;
  query.rule_id = r.rule;
  for (const auto& vary : r.vary) query.axes.push_back(parse_axis(vary));
  query.mode = parse_word<rules::MoveMode>(r.move, rules::kMoveModeNames, "--move");
  query.destination = r.destination;
  query.date = r.date.empty() ? today : parse_date_option(r.date, "--date");
  query.extra_rules = r.regimes;
  const auto basis = capability_basis(catalog, data_dir, r.workload, r.workload_given, r.count);

  std::unique_ptr<ScenarioSetup> setup;
  if (!r.scenario.empty()) {
    setup = std::make_unique<ScenarioSetup>();
    auto data = catalog::load_scenario_data(data_dir, catalog);
    if (!data) throw CommandError("the scenario data has errors:\n" + to_string(data.errors()), kExitBadData);
    setup->data = std::move(data).value();
    policy::ScenarioProbe probe;
    probe.data = &setup->data;
    if (r.scenario != "inputs") {
      probe.scenario = setup->data.find_scenario(r.scenario);
      if (probe.scenario == nullptr) {
        const std::string hint = did_you_mean(setup->data.suggest_scenarios(r.scenario));
        throw CommandError(fmt::format("--scenario: no scenario '{}'{}; 'chipgap scenario list' lists them", r.scenario,
                                       hint.empty() ? "" : "; " + hint),
                           kExitUsage);
      }
    }
    probe.basis = parse_word<scenario::Basis>(r.scenario_basis, scenario::kBasisNames, "--basis");
    if (probe.basis != scenario::Basis::Peak) {
      setup->efficiency = load_efficiency_or_throw(data_dir);
      auto workloads = catalog::load_workloads(data_dir, catalog);
      if (!workloads) throw CommandError("the reference workloads have errors:\n" + to_string(workloads.errors()), kExitBadData);
      auto bases = scenario::workload_bases(catalog, *workloads, setup->efficiency);
      if (!bases) throw CommandError(to_string(bases.errors()), kExitBadData);
      probe.bases = std::move(bases).value();
    } else {
      probe.bases = scenario::peak_only_bases();  // peak factors need no workload
    }
    probe.options.first_year = std::min(2022, r.year);
    probe.options.last_year = r.year;
    probe.options.draws = r.draws;
    probe.options.seed = r.seed;
    probe.options.threads = 1;  // the points run in parallel, not the draws
    query.scenario = std::move(probe);
  } else if (r.year_given) {
    throw CommandError("--year applies with --scenario", kExitUsage);
  }

  auto sweep = policy::Sweep::prepare(catalog, rules, std::move(query), basis->capability);
  if (!sweep) {
    const auto& d = sweep.errors().front();
    throw CommandError(option_message(d), kExitUsage);
  }
  const auto points = evaluate_points(**sweep, ranks, r.threads);
  if (!ranks.root()) return {};
  if (format == Format::Json) {
    nlohmann::json out = codec::sweep_json(**sweep, points, basis->basis, basis->unit);
    if (basis->model) out["workload"] = workload_json(*basis->model, r.workload);
    out["ranks"] = ranks.size();
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) {
    std::vector<Table::Column> columns;
    for (const auto& axis : (*sweep)->query().axes) columns.push_back({std::string(spec::to_string(axis.metric))});
    for (const char* c : {"flips", "flipped", "best_exportable", "best_value", "china_p10", "china_p50", "china_p90"}) columns.push_back({c});
    Table table(columns);
    for (const auto& p : points) {
      std::vector<std::string> row;
      for (double t : p.thresholds) row.push_back(fmt::format("{:.6g}", t));
      std::string flipped;
      for (const auto& f : p.flipped) flipped += (flipped.empty() ? "" : "; ") + f.chip;  // statuses: --format json
      row.push_back(std::to_string(p.flipped.size()));
      row.push_back(flipped);
      row.push_back(p.best_exportable ? p.best_exportable->chip : "");
      row.push_back(p.best_exportable ? fmt::format("{:.6g}", p.best_exportable->value) : "");
      for (double v : {p.china_compute ? p.china_compute->p10 : NAN, p.china_compute ? p.china_compute->p50 : NAN,
                       p.china_compute ? p.china_compute->p90 : NAN}) {
        row.push_back(std::isnan(v) ? "" : fmt::format("{:.6g}", v));
      }
      table.add_row(row);
    }
    return table.to_csv();
  }
  return sweep_text(**sweep, points, *basis);
}

}  // namespace chipgap::cli
