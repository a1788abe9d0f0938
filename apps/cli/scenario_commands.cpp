// SPDX-License-Identifier: Apache-2.0
// `chipgap scenario list|show|run|diff`: national compute and market scenarios (docs/scenarios.md).
#include <fmt/format.h>

#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/codec/scenario_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/scenario/engine.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

catalog::ScenarioData load_data(const catalog::Catalog& catalog, const std::string& data_dir) {
  auto data = catalog::load_scenario_data(data_dir, catalog);
  if (!data) throw CommandError("the scenario data has errors:\n" + to_string(data.errors()), kExitBadData);
  return std::move(data).value();
}

const spec::Scenario* find_or_throw(const catalog::ScenarioData& data, const std::string& id) {
  if (id == "inputs") return nullptr;  // the inputs as they stand
  const spec::Scenario* s = data.find_scenario(id);
  if (s == nullptr) {
    const std::string hint = did_you_mean(data.suggest_scenarios(id));
    throw CommandError(fmt::format("no scenario '{}'{}; 'chipgap scenario list' lists them", id, hint.empty() ? "" : "; " + hint),
                       kExitNotFound);
  }
  return s;
}

std::map<std::string, double> parse_sets(const std::vector<std::string>& sets) {
  std::map<std::string, double> out;
  for (const auto& set : sets) {
    const auto eq = set.find('=');
    double value = 0;
    std::size_t used = 0;
    bool ok = eq != std::string::npos && eq > 0;
    if (ok) {
      try {
        value = std::stod(set.substr(eq + 1), &used);
      } catch (const std::exception&) {
        ok = false;
      }
      ok = ok && used == set.size() - eq - 1 && std::isfinite(value);
    }
    if (!ok) throw CommandError(fmt::format("--set '{}': write KEY=NUMBER, e.g. --set smuggling.multiplier=0.5", set), kExitUsage);
    out[set.substr(0, eq)] = value;
  }
  return out;
}

// Everything a run needs, kept alive together: the engine refers to the rest.
struct Setup {
  catalog::ScenarioData data;
  perf::EfficiencyTable efficiency;
  std::unique_ptr<scenario::Engine> engine;
};

std::unique_ptr<Setup> make_setup(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir) {
  auto s = std::make_unique<Setup>();
  s->data = load_data(catalog, data_dir);
  s->efficiency = load_efficiency_or_throw(data_dir);
  auto workloads = catalog::load_workloads(data_dir, catalog);
  if (!workloads) throw CommandError("the reference workloads have errors:\n" + to_string(workloads.errors()), kExitBadData);
  auto bases = scenario::workload_bases(catalog, *workloads, s->efficiency);
  if (!bases) throw CommandError(to_string(bases.errors()), kExitBadData);
  s->engine = std::make_unique<scenario::Engine>(catalog, rules, s->data, std::move(bases).value());
  return s;
}

scenario::RunOptions options_of(const ScenarioRequest& r) {
  scenario::RunOptions options;
  options.first_year = r.first_year;
  options.last_year = r.last_year;
  options.draws = r.draws;
  options.seed = r.seed;
  options.threads = r.threads;
  options.overrides = parse_sets(r.sets);
  return options;
}

// Errors in --set overrides (the engine marks them with the file "--set"): an unknown key is a not-found.
[[noreturn]] void throw_run_errors(const std::vector<Diagnostic>& errors) {
  const Diagnostic& d = errors.front();
  const bool unknown = d.file == "--set" && d.message.rfind("no ", 0) == 0;
  throw CommandError(to_string(errors), unknown ? kExitNotFound : kExitUsage);
}

scenario::RunResult run_or_throw(const Setup& setup, const spec::Scenario* scenario, const ScenarioRequest& r) {
  const scenario::RunOptions options = options_of(r);
  auto run = setup.engine->run(scenario, options);
  if (!run) throw_run_errors(run.errors());
  return std::move(run).value();
}

std::size_t basis_index(const std::string& basis) {
  for (std::size_t b = 0; b < scenario::kBases; ++b) {
    if (scenario::kBasisNames[b] == basis) return b;
  }
  throw CommandError(fmt::format("--basis must be one of peak, train, serve, not '{}'{}", basis,
                                 basis.empty() ? "" : "; " + did_you_mean(closest_names(basis, {"peak", "train", "serve"}))),
                     kExitNotFound);
}

std::string band(const scenario::Percentiles& p, int decimals = 0, double scale = 1) {
  return fmt::format("{} ({}-{})", format_number(p.p50 * scale, decimals), format_number(p.p10 * scale, decimals),
                     format_number(p.p90 * scale, decimals));
}

std::string run_text(const scenario::RunResult& run, std::size_t b) {
  const std::string basis(scenario::kBasisNames[b]);
  Table compute({{"Year"}, {"China stock", Align::Right}, {"China additions", Align::Right}, {"US stock", Align::Right},
                 {"US:China", Align::Right}, {"Domestic share", Align::Right}});
  Table units({{"Year"}, {"Legal", Align::Right}, {"Smuggled", Align::Right}, {"Domestic", Align::Right},
               {"Domestic share (units)", Align::Right}, {"Vendor revenue $B", Align::Right}, {"US take $B", Align::Right}});
  for (const auto& y : run.years) {
    compute.add_row({std::to_string(y.year), band(y.china.stock[b]), band(y.china.additions[b]), band(y.us.stock[b]),
                     band(y.us_china_ratio[b], 1), band(y.domestic_share_compute[b], 2)});
    units.add_row({std::to_string(y.year), format_number(y.china_units[0].p50, 0), format_number(y.china_units[1].p50, 0),
                   format_number(y.china_units[2].p50, 0), band(y.domestic_share_units, 2), band(y.vendor_revenue_usd, 1, 1e-9),
                   band(y.us_take_usd, 2, 1e-9)});
  }
  std::string out = fmt::format("Scenario {}: {} draws, seed {}, H100 equivalents on the {} basis; p50 (p10-p90)\n\n", run.scenario,
                                run.draws, run.seed, basis);
  out += compute.to_text() + "\nChina's additions in units by origin (p50), the domestic share of units, and money:\n" + units.to_text();
  if (!run.notes.empty()) {
    out += "\nNotes:\n";
    for (const auto& n : run.notes) out += "  - " + n + "\n";
  }
  return out + fmt::format("\n{} inputs drawn ({} with a range); --format json lists each with its source. {:.2f} s.\n", run.inputs.size(),
                           std::count_if(run.inputs.begin(), run.inputs.end(), [](const auto& i) { return i.low.has_value(); }),
                           run.seconds);
}

}  // namespace

std::string scenario_list_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format) {
  const auto data = load_data(catalog, data_dir);
  if (format == Format::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : data.scenarios) out.push_back({{"id", s.id}, {"title", s.title}});
    return out.dump(2) + '\n';
  }
  Table table({{"Id"}, {"Title"}});
  for (const auto& s : data.scenarios) table.add_row({s.id, s.title});
  if (format == Format::Csv) return table.to_csv();
  return table.to_text() + fmt::format("\n{} supply flows and {} parameters in data/scenarios/inputs/; 'inputs' runs them as they stand.\n",
                                       data.flows.size(), data.parameters.size());
}

std::string scenario_show_command(const catalog::Catalog& catalog, const std::string& data_dir, const std::string& id, Format format) {
  const auto data = load_data(catalog, data_dir);
  const spec::Scenario* s = find_or_throw(data, id);
  if (s == nullptr) throw CommandError("'inputs' is not a scenario file; 'chipgap scenario run inputs' runs the inputs", kExitUsage);
  if (format == Format::Json) return codec::scenario_json(*s).dump(2) + '\n';
  std::string out = fmt::format("{}: {}\n\n{}\n", s->id, s->title, s->narrative);
  if (!s->extra_rules.empty()) {
    out += "\nRules applied as if in force:";
    for (const auto& r : s->extra_rules) out += " " + r;
    out += "\n";
  }
  out += "\nChanges against the inputs:\n";
  for (const auto& [key, u] : s->parameters) {
    out += fmt::format("  {} = {:g}{} ({})\n", key, u.value,
                       u.provenance.range ? fmt::format(" ({:g}-{:g})", u.provenance.range->low, u.provenance.range->high) : "",
                       spec::to_string(u.provenance.confidence));
  }
  for (const auto& [flow, years] : s->units) {
    for (const auto& [year, u] : years) out += fmt::format("  units.{}.{} = {}\n", flow, year, format_number(u.value, 0));
  }
  out += "\nSources:\n";
  for (const auto& src : s->sources) out += fmt::format("  {}: {} {}\n", src.id, src.title, src.url);
  return out;
}

std::string scenario_run_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                 const ScenarioRequest& r, Format format) {
  const std::size_t b = basis_index(r.basis);
  const auto setup = make_setup(catalog, rules, data_dir);
  const spec::Scenario* s = find_or_throw(setup->data, r.id);
  const scenario::RunResult run = run_or_throw(*setup, s, r);
  if (format == Format::Json) return codec::scenario_run_json(run).dump(2) + '\n';
  if (format == Format::Csv) {
    Table table({{"year"}, {"basis"}, {"china_stock_p10"}, {"china_stock_p50"}, {"china_stock_p90"}, {"china_additions_p50"},
                 {"us_stock_p50"}, {"domestic_share_units_p50"}, {"domestic_share_compute_p50"}, {"vendor_revenue_usd_p50"}});
    for (const auto& y : run.years) {
      table.add_row({std::to_string(y.year), r.basis, fmt::format("{:.6g}", y.china.stock[b].p10), fmt::format("{:.6g}", y.china.stock[b].p50),
                     fmt::format("{:.6g}", y.china.stock[b].p90), fmt::format("{:.6g}", y.china.additions[b].p50),
                     fmt::format("{:.6g}", y.us.stock[b].p50), fmt::format("{:.4f}", y.domestic_share_units.p50),
                     fmt::format("{:.4f}", y.domestic_share_compute[b].p50), fmt::format("{:.6g}", y.vendor_revenue_usd.p50)});
    }
    return table.to_csv();
  }
  return run_text(run, b);
}

std::string scenario_diff_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                  const ScenarioRequest& r, Format format) {
  const std::size_t b = basis_index(r.basis);
  const auto setup = make_setup(catalog, rules, data_dir);
  const scenario::RunResult first = run_or_throw(*setup, find_or_throw(setup->data, r.id), r);
  const scenario::RunResult second = run_or_throw(*setup, find_or_throw(setup->data, r.other), r);
  if (format == Format::Json) {
    return nlohmann::json{{"a", codec::scenario_run_json(first)}, {"b", codec::scenario_run_json(second)}}.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("scenario diff prints text or JSON", kExitUsage);
  Table table({{"Year"}, {"China stock", Align::Right}, {"China additions", Align::Right}, {"Legal units", Align::Right},
               {"Domestic units", Align::Right}, {"Vendor revenue $B", Align::Right}, {"US take $B", Align::Right}});
  auto delta = [](double a, double bb, int decimals, double scale = 1) {
    const double d = (bb - a) * scale;
    return (d > 0 ? "+" : "") + format_number(d, decimals);
  };
  for (std::size_t i = 0; i < first.years.size(); ++i) {
    const auto& a = first.years[i];
    const auto& c = second.years[i];
    table.add_row({std::to_string(a.year), delta(a.china.stock[b].p50, c.china.stock[b].p50, 0),
                   delta(a.china.additions[b].p50, c.china.additions[b].p50, 0), delta(a.china_units[0].p50, c.china_units[0].p50, 0),
                   delta(a.china_units[2].p50, c.china_units[2].p50, 0), delta(a.vendor_revenue_usd.p50, c.vendor_revenue_usd.p50, 2, 1e-9),
                   delta(a.us_take_usd.p50, c.us_take_usd.p50, 2, 1e-9)});
  }
  return fmt::format("{} minus {}: differences of the medians, same seed ({}) and draws ({}); H100 equivalents on the {} basis\n\n",
                     second.scenario, first.scenario, r.seed, r.draws, r.basis) +
         table.to_text();
}

std::string scenario_sensitivity_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                         const ScenarioRequest& r, int year, Format format) {
  const std::size_t b = basis_index(r.basis);
  const auto setup = make_setup(catalog, rules, data_dir);
  const spec::Scenario* s = find_or_throw(setup->data, r.id);
  const scenario::RunOptions options = options_of(r);
  auto result = setup->engine->sensitivity(s, options, year, static_cast<scenario::Basis>(b));
  if (!result) throw_run_errors(result.errors());
  if (format == Format::Json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& x : *result) {
      rows.push_back({{"input", x.input}, {"low", x.low}, {"high", x.high}, {"china_stock_at_low", x.at_low},
                      {"china_stock_at_high", x.at_high}, {"swing", x.swing()}});
    }
    return nlohmann::json{{"scenario", r.id}, {"year", year}, {"basis", r.basis}, {"rows", rows}}.dump(2) + '\n';
  }
  Table table({{"Input"}, {"Range", Align::Right}, {"China stock at low", Align::Right}, {"at high", Align::Right},
               {"Swing", Align::Right}});
  for (const auto& x : *result) {
    table.add_row({x.input, fmt::format("{}-{}", format_number(x.low, 2), format_number(x.high, 2)), format_number(x.at_low, 0),
                   format_number(x.at_high, 0), format_number(x.swing(), 0)});
  }
  if (format == Format::Csv) return table.to_csv();
  return fmt::format("What moves China's {} stock (H100 equivalents, {} basis, p50 over {} draws) in scenario {}: each input fixed at "
                     "either end of its range, the others drawn\n\n",
                     year, r.basis, r.draws, r.id) +
         table.to_text();
}

}  // namespace chipgap::cli
