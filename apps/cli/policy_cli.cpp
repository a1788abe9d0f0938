// SPDX-License-Identifier: Apache-2.0
#include "policy_cli.hpp"

#include "options.hpp"
#include "ranks.hpp"

namespace chipgap::cli {

void add_policy_commands(CLI::App& app, PolicyCommands& c) {
  auto& s = c.sweep_request;
  c.sweep = app.add_subcommand("sweep", "Move a rule's thresholds over a grid: chips that flip, best exportable chip, China's compute");
  c.sweep->add_option("--rule", s.rule, "The rule document whose thresholds move (chipgap rules list)")->required();
  c.sweep->add_option("--vary", s.vary, "METRIC=FROM:TO:STEP, e.g. tpp=4800:1600:-100 (once or twice; METRIC as in the rules: "
                                        "tpp, performance_density, dram_bandwidth, io_bandwidth, dram_plus_io_bandwidth, ...)")
      ->required();
  c.sweep->add_option("--to", s.destination, "Destination country (default CN)");
  c.sweep->add_option("--date", s.date, "Date YYYY-MM-DD (default: today); the rule must be in force then");
  c.sweep->add_option("--move", s.move, "line: the principal threshold and those equal to it move (default); scale: every tier "
                                        "on the metric scales with it");
  c.sweep->add_option("--regime", s.regimes, "Also apply this pending or not-enforced rule (-ID: leave one out)");
  add_workload_options(c.sweep, s.workload);
  c.sweep->add_option("--count", s.count, "On a workload basis: chips per cluster (default 1,024 training, 64 serving)")
      ->check(whole(1, 1'000'000));
  c.sweep->add_option("--scenario", s.scenario, "Also run this scenario (or 'inputs') under each point's rules");
  c.sweep->add_option("--year", s.year, "With --scenario: the year of China's stock (default 2026)")
      ->check(CLI::Range(2015, 2040))
      ->each([&s](const std::string&) { s.year_given = true; });
  c.sweep->add_option("--basis", s.scenario_basis, "With --scenario: H100 equivalents on peak (default), train or serve");
  c.sweep->add_option("--draws", s.draws, "With --scenario: Monte Carlo draws per point (default 200)")->check(CLI::Range(1, 100'000));
  c.sweep->add_option("--seed", s.seed, "With --scenario: random seed (default 1; every point uses the same draws)");
  c.sweep->add_option("--threads", s.threads, "Threads (default: all cores, or the cores over the ranks under mpirun)")
      ->check(CLI::Range(1, 1024));

  auto& d = c.design_request;
  c.design = app.add_subcommand("design", "The best part a base die can become and still get the authorization wanted");
  c.design->add_option("--base", d.base, "Base die: a catalog chip or system (e.g. \"H100 SXM\", \"HGX H100\")")->required();
  c.design->add_option("--to", d.destination, "Destination country (default CN)");
  c.design->add_option("--date", d.date, "Date YYYY-MM-DD (default: today)");
  c.design->add_option("--regime", d.regimes, "Also apply this pending or not-enforced rule (-ID: leave one out)");
  c.design->add_option("--want", d.want, "none (no licence, no exception; default), nac (at most a licence exception) or case_by_case");
  c.design->add_option("--objective", d.objective, "serve (default; the llama3-70b-chat workload unless workload options say otherwise) or train (llama3-405b-pretraining)");
  add_workload_options(c.design, d.workload);
  c.design->add_option("--count", d.count, "Chips the objective runs on (default: one system serving, 1,024 training)")
      ->check(whole(1, 1'000'000));
  c.design->add_option("--knob", d.knobs, "KNOB=MIN:MAX:STEP or KNOB=VALUE within data/design/'s bounds (compute_share, "
                                          "memory_bandwidth_share, memory_capacity_share, scale_up_share)");
  c.design->add_option("--top", d.top, "Designs to show (default 5)")->check(CLI::Range(1, 1000));
  c.design->add_option("--threads", d.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
}

bool chosen(const PolicyCommands& c) { return c.sweep->parsed() || c.design->parsed(); }

std::optional<std::string> run_policy_command(PolicyCommands& c, const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                                              const std::string& data_dir, Date today, Format format, const Ranks& ranks) {
  if (c.sweep->parsed()) {
    auto& s = c.sweep_request;
    note_given_workload_options(*c.sweep, s.workload);
    s.workload_given = !s.workload.given.empty() || !s.workload.named.empty();
    return sweep_command(catalog, rules, data_dir, s, today, format, ranks);
  }
  if (c.design->parsed()) {
    note_given_workload_options(*c.design, c.design_request.workload);
    return design_command(catalog, rules, data_dir, c.design_request, today, format, ranks);
  }
  return std::nullopt;
}

}  // namespace chipgap::cli
