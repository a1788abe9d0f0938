// SPDX-License-Identifier: Apache-2.0
// The chipgap command line: parses arguments, loads the catalog, runs one command, and prints its whole
// output only when it succeeded. Errors go to stderr with a documented exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <csignal>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/training_plan.hpp"
#include "chipgap/server/server.hpp"
#include "commands.hpp"
#include "install_layout.hpp"
#include "options.hpp"
#include "policy_cli.hpp"
#include "ranks.hpp"
#include "readable.hpp"
#include "table.hpp"

namespace {

using chipgap::cli::CommandError;
using chipgap::cli::finite;
using chipgap::cli::whole;
using chipgap::cli::add_workload_options;
using chipgap::cli::Format;

chipgap::server::Server* running_server = nullptr;

extern "C" void stop_server(int) {
  if (running_server != nullptr) running_server->stop();
}

chipgap::Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

std::string version_text(const std::string& data_dir) {
  std::string text = std::string("chipgap ") + CHIPGAP_VERSION + "\ndata: " + data_dir;
  const auto catalog = chipgap::catalog::load_catalog(data_dir);
  const auto rules = chipgap::catalog::load_rule_book(data_dir);
  if (!catalog || !rules) return text + " (does not load; run a command to see why)";
  text += fmt::format(" ({} accelerators, {} systems, {} models; {} rule documents, {} import measures",
                      catalog->accelerators().size(), catalog->systems().size(), catalog->models().size(),
                      rules->documents().size(), rules->import_measures().size());
  if (rules->reviewed_through()) text += "; rule book reviewed through " + rules->reviewed_through()->to_string();
  return text + ")";
}

constexpr std::int64_t kMaxChips = chipgap::perf::kMaxClusterChips;

// The options shared by classify, timeline and headroom.
void add_rules_options(CLI::App* command, chipgap::cli::RulesRequest& request, std::string& date, bool with_date) {
  command->add_option("--to", request.destination, "Destination country (ISO code or name)")->required();
  command->add_option("--hq", request.end_user_hq, "Country where the end user (or its parent) is headquartered");
  command->add_option("--regime", request.regimes,
                      "Also apply this pending or not-enforced rule (e.g. safe-chips-act, us-ai-diffusion-2025-01)");
  if (with_date) command->add_option("--date", date, "Date YYYY-MM-DD (default: today)");
}

// The model, cluster and cost options that `train` and `infer` share.
void add_cluster_options(CLI::App* command, chipgap::cli::ClusterRequest& request, const std::string& model_example) {
  command->add_option("--model", request.model, "Model name (e.g. " + model_example + ") or a model file")->required();
  command->add_option("--chip", request.chip, "Accelerator name");
  command->add_option("--system", request.system, "System name (sets the scale-up domain and network)");
  command->add_option("--count", request.count, "Chips in the cluster (default with --system: one system)")
      ->check(whole(1, kMaxChips));
  command->add_option("--scale-out", request.scale_out, "Network bandwidth per chip when the catalog has none (e.g. 400Gb/s)");
  command->add_option("--usd-per-chip-hour", request.usd_per_chip_hour, "Cost rate (default: price over 4 years + power)")
      ->check(finite(0, 1e6));
}

int run(int argc, char** argv, const chipgap::cli::Ranks& ranks) {
  CLI::App app{"chipgap: export-control metrics and specifications of AI accelerators, from a cited catalog"};

  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand

  std::string data_dir = chipgap::cli::installed_or("data", CHIPGAP_DATA_DIR);
  Format format = Format::Table;
  const std::map<std::string, Format> formats{{"table", Format::Table}, {"json", Format::Json}, {"csv", Format::Csv}};
  app.add_option("--data", data_dir, "Catalog root (holds accelerators/ and systems/)")
      ->capture_default_str();
  // The version names the data it would answer from: which catalog and how current its rule book is.
  app.set_version_flag("--version", [&data_dir] { return version_text(data_dir); });
  app.add_option("--format", format, "Output format: table, json or csv")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("table");
  chipgap::cli::TableLayout table_layout{chipgap::cli::terminal_width(), {}};
  app.add_option("--width", table_layout.width,
                 "Wrap text tables to this many columns (default: $COLUMNS, else the terminal's width, else 120; 0: never)")
      ->check([](const std::string& text) {
        const auto value = std::strtoull(text.c_str(), nullptr, 10);
        using chipgap::cli::kNarrowestWidth, chipgap::cli::kWidestWidth;
        return value == 0 || (value >= kNarrowestWidth && value <= kWidestWidth)
                   ? std::string()
                   : fmt::format("must be 0 or {} to {}", kNarrowestWidth, kWidestWidth);
      });
  app.add_option("--columns", table_layout.columns,
                 "Only these table columns, in this order: headers (case-insensitive) or a prefix of one, comma-separated")
      ->delimiter(',');

  chipgap::cli::ChipFilter filter;
  auto* chips = app.add_subcommand("chips", "List accelerators with key specs and export metrics");
  chips->add_option("--vendor", filter.vendor, "Only this vendor (case-insensitive)");
  chips->add_option("--country", filter.country, "Only vendors headquartered in this country (e.g. CN)");

  std::string name;
  auto* chip = app.add_subcommand("chip", "Everything about one accelerator, with derived metrics and sources");
  chip->add_option("name", name, "Accelerator name or alias (e.g. h100, ascend-910c)")->required();
  auto* systems = app.add_subcommand("systems", "List servers and racks with their totals");
  auto* system = app.add_subcommand("system", "Everything about one system");
  system->add_option("name", name, "System name or alias (e.g. 'GB200 NVL72', cm384)")->required();

  chipgap::cli::RulesRequest request;
  std::string date_text;
  auto* classify = app.add_subcommand("classify", "Export-control verdict for a chip, a destination and a date");
  classify->add_option("name", request.chip, "Accelerator name or alias");
  classify->add_option("--spec", request.spec_file, "A spec file describing your own chip (see docs/rules.md)");
  classify->add_option("--end-user", request.end_user,
                       "The end user, screened against the restricted-party listings in data/rules/end-users/");
  classify->add_option("--owned-by", request.owned_by,
                       "NAME:PERCENT, repeatable: a listed party owning that share of the buyer, screened under the "
                       "Affiliates rule (e.g. --owned-by smic:60)");
  add_rules_options(classify, request, date_text, true);
  auto* timeline = app.add_subcommand("timeline", "A chip's status through every dated change of the rules");
  timeline->add_option("name", request.chip, "Accelerator name or alias");
  timeline->add_option("--spec", request.spec_file, "A spec file describing your own chip");
  add_rules_options(timeline, request, date_text, false);
  auto* headroom = app.add_subcommand("headroom", "How far each metric can rise or must fall for each change of status");
  headroom->add_option("name", request.chip, "Accelerator name or alias");
  headroom->add_option("--spec", request.spec_file, "A spec file describing your own chip");
  add_rules_options(headroom, request, date_text, true);
  std::string verdicts_sort = "catalog";
  auto* verdicts = app.add_subcommand("verdicts", "Every catalog chip's verdict for a destination and a date");
  add_rules_options(verdicts, request, date_text, true);
  verdicts->add_option("--sort", verdicts_sort, "catalog (default), name, vendor, tpp (largest first) or status (strictest first)");
  auto* rules = app.add_subcommand("rules", "The rule documents: list, show, diff");
  rules->require_subcommand(1);
  auto* rules_list = rules->add_subcommand("list", "Every rule document with its dates and status");
  std::string rule_id;
  auto* rules_show = rules->add_subcommand("show", "One rule document: clauses, licensing, conditions, sources");
  rules_show->add_option("id", rule_id, "Rule id (see 'rules list')")->required();
  std::string diff_from;
  std::string diff_to;
  auto* rules_diff = rules->add_subcommand("diff", "Catalog chips whose status changes between two dates");
  rules_diff->add_option("date1", diff_from, "First date YYYY-MM-DD")->required();
  rules_diff->add_option("date2", diff_to, "Second date YYYY-MM-DD")->required();
  request.destination = "CN";
  rules_diff->add_option("--to", request.destination, "Destination country (default CN)");
  rules_diff->add_option("--hq", request.end_user_hq, "End user's headquarters country");
  rules_diff->add_option("--regime", request.regimes, "Also apply this pending or not-enforced rule");

  std::string minerals_date, minerals_to;
  auto* minerals = app.add_subcommand("minerals", "China's export controls on critical minerals and their status on a date");
  minerals->add_option("--date", minerals_date, "Status on this date (default: today)");
  minerals->add_option("--to", minerals_to, "Only controls on exports to this country (and those to everywhere)");

  chipgap::cli::MeasuresRequest measures_request;
  std::string measure_id;
  auto* measures = app.add_subcommand("measures", "Destination-side measures (China's on imports, Malaysia's on transit): list, show");
  measures->require_subcommand(1);
  auto* measures_list = measures->add_subcommand("list", "Every measure, or those on a chip or system and a date");
  measures_list->add_option("--country", measures_request.country, "Whose measures: CN (default) or MY");
  measures_list->add_option("--chip", measures_request.chip, "Only measures that apply to this chip or system");
  measures_list->add_option("--date", measures_request.date, "Only measures in force on this date (YYYY-MM-DD)");
  auto* measures_show = measures->add_subcommand("show", "One measure: dates, effect, evidence, sources");
  measures_show->add_option("id", measure_id, "Measure id (see 'measures list')")->required();

  chipgap::cli::TrainRequest train_request;
  auto* train = app.add_subcommand("train", "Step time, throughput and memory of LLM training on a cluster; plan search");
  add_cluster_options(train, train_request.cluster, "llama3-405b");
  train->add_option("--tp", train_request.tp, "Tensor-parallel degree")->check(whole(1, kMaxChips));
  train->add_option("--pp", train_request.pp, "Pipeline-parallel degree")->check(whole(1, kMaxChips));
  train->add_option("--dp", train_request.dp, "Data-parallel degree (default: chips / (TP x PP x CP))")
      ->check(whole(1, kMaxChips));
  train->add_option("--cp", train_request.cp, "Context-parallel degree")->check(whole(1, kMaxChips));
  train->add_option("--ep", train_request.ep, "Expert-parallel degree (MoE models)")->check(whole(1, kMaxChips));
  train->add_option("--vp", train_request.vp, "Virtual pipeline stages per chip (interleaving)")->check(whole(1, 1000));
  train->add_option("--micro-batch", train_request.micro_batch, "Sequences per micro-batch")
      ->check(whole(1, chipgap::perf::kMaxGlobalBatch));
  train->add_option("--global-batch", train_request.global_batch, "Sequences per step (default: about 4M tokens)")
      ->check(whole(1, chipgap::perf::kMaxGlobalBatch));
  train->add_option("--seq-len", train_request.seq_len, "Sequence length (default 4096)")
      ->check(whole(1, chipgap::perf::kMaxSeqLen));
  train->add_option("--precision", train_request.precision, "bf16 or fp8 (default bf16)");
  train->add_option("--recompute", train_request.recompute, "none, selective or full");
  train->add_flag("--sequence-parallel", train_request.sequence_parallel, "Megatron sequence parallelism");
  train->add_option("--zero", train_request.zero, "ZeRO stage 0-3 (default 1: sharded optimizer)")->check(CLI::Range(0, 3));
  train->add_option("--schedule", train_request.schedule, "1f1b (interleaved when --vp > 1) or dualpipe");
  train->add_flag("--no-flash-attention", train_request.no_flash_attention, "Unfused attention (stores the score matrix)");
  train->add_flag("--no-tp-overlap", train_request.no_tp_overlap, "Do not overlap TP communication with GEMMs");
  train->add_flag("--bf16-optimizer-moments", train_request.bf16_optimizer_moments, "Keep Adam's moments in BF16 (DeepSeek-V3)");
  train->add_flag("--fp8-activation-cache", train_request.fp8_activation_cache,
                  "Cache activation-function inputs in FP8 for the backward pass (FP8 runs; DeepSeek-V3)");
  train->add_flag("--fp32-sharded-weights", train_request.fp32_sharded_weights,
                  "With --zero 3: the FP32 shard is the only copy of the weights (PyTorch FSDP2 with mixed precision)");
  train->add_flag("--balanced-routing", train_request.balanced_routing,
                  "Every expert gets exactly its share of tokens (benchmarks that force the router's balance)");
  train->add_flag("--search", train_request.search, "Search all plans (options given are kept fixed)");
  train->add_option("--top", train_request.top, "Plans to show with --search (default 5)")->check(CLI::Range(1, 1000));
  train->add_option("--threads", train_request.threads, "Search threads (default: all cores)")->check(whole(1, 1024));
  train->add_option("--tokens", train_request.tokens, "Training tokens, for days, chip-hours, energy and cost")
      ->check(finite(1, 1e18));

  chipgap::cli::MatchRequest match_request;
  auto* match = app.add_subcommand("match", "How many candidate chips train a model no slower than a reference cluster");
  match->add_option("--reference", match_request.reference, "Reference chip or system (e.g. \"HGX H100\")")->required();
  match->add_option("--reference-count", match_request.reference_count, "Chips in the reference cluster")
      ->required()
      ->check(whole(1, kMaxChips));
  match->add_option("--candidate", match_request.candidate, "Candidate chip or system (e.g. \"CloudMatrix 384\")")->required();
  add_workload_options(match, match_request.workload);
  match->add_option("--max-count", match_request.max_count, "Largest candidate count tried (default 1,000,000)")
      ->check(whole(1, kMaxChips));
  match->add_option("--demand", match_request.demand, "With --serve: output tokens/s to serve (default: what the reference serves)")
      ->check(finite(1e-6, 1e15));
  match->add_option("--pue", match_request.pue, "Facility power over IT power, for a facility power figure (e.g. 1.3)")
      ->check(finite(1.0, 5.0));
  match->add_option("--usd-per-chip-hour", match_request.usd_per_chip_hour, "Cost rate for both sides (default: price over 4 years + power)")
      ->check(finite(0, 1e6));

  auto* workloads = app.add_subcommand("workloads", "The reference workloads (data/workloads/) that --workload names");

  chipgap::cli::ScenarioRequest scenario_request;
  std::string scenario_id;
  auto* scenario = app.add_subcommand("scenario", "National compute and market scenarios: list, show, run, diff");
  scenario->require_subcommand(1);
  auto* scenario_list = scenario->add_subcommand("list", "The shipped scenarios");
  auto* scenario_show = scenario->add_subcommand("show", "One scenario: narrative, changes, sources");
  scenario_show->add_option("id", scenario_id, "Scenario id")->required();
  auto* scenario_run = scenario->add_subcommand("run", "Run a scenario (or 'inputs'): China's and the US's compute by year, p10/p50/p90");
  scenario_run->add_option("id", scenario_request.id, "Scenario id, or 'inputs'")->required();
  auto* scenario_diff = scenario->add_subcommand("diff", "Two scenarios on the same draws: the second minus the first");
  scenario_diff->add_option("id", scenario_request.id, "First scenario")->required();
  scenario_diff->add_option("other", scenario_request.other, "Second scenario")->required();
  int sensitivity_year = 2026;
  auto* scenario_sensitivity = scenario->add_subcommand("sensitivity", "Which inputs move China's stock in a year most");
  scenario_sensitivity->add_option("id", scenario_request.id, "Scenario id, or 'inputs'")->required();
  scenario_sensitivity->add_option("--year", sensitivity_year, "The year (default 2026)")->check(CLI::Range(2015, 2040));
  for (auto* command : {scenario_run, scenario_diff, scenario_sensitivity}) {
    command->add_option("--draws", scenario_request.draws, "Monte Carlo draws (default 1,000)")->check(CLI::Range(1, 100'000));
    command->add_option("--seed", scenario_request.seed, "Random seed (default 1)");
    command->add_option("--basis", scenario_request.basis, "H100 equivalents on peak 8-bit (default), train or serve");
    command->add_option("--set", scenario_request.sets, "KEY=NUMBER: fix a parameter or units.<flow>.<year> (repeatable)");
    command->add_option("--from", scenario_request.first_year, "First year (default 2022)")->check(CLI::Range(2015, 2040));
    command->add_option("--until", scenario_request.last_year, "Last year (default 2026, the last with inputs for both countries)")->check(CLI::Range(2015, 2040));
    command->add_option("--threads", scenario_request.threads, "Threads (default: all cores; the result does not depend on it)")
        ->check(CLI::Range(1, 1024));
  }

  chipgap::cli::CompareRequest compare_request;
  auto* compare = app.add_subcommand("compare", "Chips or systems side by side on one workload at equal count, power or budget");
  compare->add_option("names", compare_request.names, "Chips or systems (two or more)")->required();
  compare->add_option("--baseline", compare_request.baseline, "The row the ratios divide by (default: the first name)");
  compare->add_option("--equal", compare_request.equal, "What every row gets the same of: count, power or budget (default count)");
  compare->add_option("--count", compare_request.count, "With --equal count: chips per row (default 1,024)")->check(whole(1, kMaxChips));
  compare->add_option("--power-kw", compare_request.power_kw, "With --equal power: IT power per row in kW")->check(finite(0.001, 1e9));
  compare->add_option("--budget-usd", compare_request.budget_usd, "With --equal budget: purchase budget per row in USD")
      ->check(finite(1, 1e13));
  add_workload_options(compare, compare_request.workload);

  chipgap::cli::GapRequest gap_request;
  auto* gap = app.add_subcommand("gap", "The chip gap over time: frontier, exportable, licensable and domestic best chips");
  gap->add_option("--to", gap_request.destination, "Destination country (default CN)");
  gap->add_option("--since", gap_request.since, "First date YYYY-MM-DD (default 2022-01-01)");
  gap->add_option("--until", gap_request.until, "Last date YYYY-MM-DD (default today; later dates count announced parts)");
  gap->add_option("--step", gap_request.step, "month or quarter (default quarter)");
  gap->add_option("--count", gap_request.count, "On a workload basis: chips per cluster (default 1,024 training, 64 serving)")
      ->check(whole(1, kMaxChips));
  add_workload_options(gap, gap_request.workload);

  chipgap::cli::InferRequest infer_request;
  auto* infer = app.add_subcommand("infer", "Serving a model: TTFT, TPOT, throughput per chip, memory, cost; deployment search");
  add_cluster_options(infer, infer_request.cluster, "deepseek-v3");
  infer->add_option("--input-len", infer_request.input_len, "Prompt tokens (default 1024)")
      ->check(whole(1, chipgap::perf::kMaxSeqLen));
  infer->add_option("--output-len", infer_request.output_len, "Output tokens (default 256)")
      ->check(whole(1, chipgap::perf::kMaxSeqLen));
  infer->add_option("--precision", infer_request.precision, "Weights: bf16, fp8, int8 or int4 (default bf16)");
  infer->add_option("--kv-precision", infer_request.kv_precision, "KV cache: bf16 or fp8 (default bf16)");
  infer->add_option("--tp", infer_request.tp, "Tensor-parallel degree of attention (default: the domain for dense models, 1 for MoE)")
      ->check(whole(1, kMaxChips));
  infer->add_option("--dp", infer_request.dp, "Attention data-parallel groups (default: chips / TP)")->check(whole(1, kMaxChips));
  infer->add_option("--ep", infer_request.ep, "Expert-parallel degree: 1 or all chips (default: all chips for MoE)")
      ->check(whole(1, kMaxChips));
  infer->add_option("--batch", infer_request.batch, "Sequences per instance (default: the largest that meets the targets)")
      ->check(whole(1, 100'000'000));
  infer->add_option("--prefill-tokens", infer_request.prefill_tokens, "Prompt tokens per chip in one prefill batch")
      ->check(whole(1, 100'000'000));
  infer->add_option("--context", infer_request.context, "Average KV length in decode (default: input + output / 2)")
      ->check(whole(1, chipgap::perf::kMaxSeqLen));
  infer->add_option("--mtp", infer_request.mtp, "Draft tokens per step (multi-token prediction)")->check(CLI::Range(0, 8));
  infer->add_option("--mtp-accept", infer_request.mtp_accept, "Acceptance rate of each draft token")
      ->check(finite(0.0, 1.0))
      ->each([&](const std::string&) { infer_request.mtp_accept_given = true; });
  infer->add_flag("--two-batch-overlap", infer_request.two_batch_overlap, "Overlap one micro-batch's communication with the other's computation");
  infer->add_option("--attention-core-share", infer_request.attention_core_share,
                    "With --two-batch-overlap: run attention and MoE of the two micro-batches at once, attention on this "
                    "share of the compute units (0: one after the other on all units)")
      ->check(finite(0.0, 0.99));
  infer->add_option("--expert-imbalance", infer_request.expert_imbalance,
                    "Systematic expert load skew: busiest rank's tokens over the average (default 1.18)")
      ->check(finite(1.0, 100.0));
  infer->add_flag("--balanced-routing", infer_request.balanced_routing,
                  "Every expert gets exactly its share of tokens (as profiling runs simulate)");
  infer->add_flag("--fp8-attention", infer_request.fp8_attention,
                  "Attention in FP8 against an FP8 KV cache (FlashAttention-3's FP8 path, FP8 MLA kernels); needs --kv-precision fp8");
  infer->add_flag("--ungrouped-kv-reads", infer_request.ungrouped_kv_reads,
                  "Decode attention reads each KV head once per query head (kernels without GQA support)");
  infer->add_flag("--static-batching", infer_request.static_batching,
                  "With --phase both: prefill a whole batch, then decode it (default: continuous batching)");
  infer->add_option("--phase", infer_request.phase, "prefill, decode or both (default both)");
  infer->add_option("--ttft-ms", infer_request.ttft_ms, "Time-to-first-token target")->check(finite(0.001, 1e9));
  infer->add_option("--tpot-ms", infer_request.tpot_ms, "Time-per-output-token target")->check(finite(0.001, 1e9));
  infer->add_flag("--search", infer_request.search, "Search deployments, colocated and disaggregated");
  infer->add_option("--top", infer_request.top, "Deployments to show with --search (default 5)")->check(CLI::Range(1, 1000));

  chipgap::cli::PolicyCommands policy;
  chipgap::cli::add_policy_commands(app, policy);

  auto* validate = app.add_subcommand("validate", "Check the performance model against published runs");
  validate->require_subcommand(1);
  auto* validate_training = validate->add_subcommand("training", "Training runs of data/validation/training.yaml");
  auto* validate_inference = validate->add_subcommand("inference", "Serving results of data/validation/inference.yaml");

  chipgap::server::Options serve_options;
  serve_options.web_dir = chipgap::cli::installed_or("web", CHIPGAP_WEB_DIR);
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API (/api/v1) and the web dashboard");
  serve->add_option("--host", serve_options.host, "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", serve_options.port, "Port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
  serve->add_option("--web", serve_options.web_dir, "Built dashboard directory")->capture_default_str();
  serve->add_option("--threads", serve_options.threads, "Worker threads (default 48)")->check(CLI::Range(1, 1024));
  serve->add_option("--allow-host", serve_options.allowed_hosts,
                    "Also answer requests whose Host is NAME (e.g. behind a reverse proxy); others get 403");
  serve_options.log = [](const std::string& line) { std::cerr << "chipgap serve: " << line << '\n'; };

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and a hint to stderr
    return chipgap::cli::kExitUsage;
  }

  chipgap::cli::set_table_layout(table_layout);

  auto catalog = chipgap::catalog::load_catalog(data_dir);
  if (!catalog) {
    std::cerr << "chipgap: the catalog in " << data_dir << " has " << catalog.errors().size()
              << (catalog.errors().size() == 1 ? " error" : " errors") << ":\n"
              << chipgap::to_string(catalog.errors());
    return chipgap::cli::kExitBadData;
  }

  const bool needs_rules = *classify || *timeline || *headroom || *verdicts || *rules || *measures || *minerals || *gap || *scenario || *serve ||
                           chipgap::cli::chosen(policy);
  std::optional<chipgap::catalog::RuleBook> rule_book;
  if (needs_rules) {
    auto loaded = chipgap::catalog::load_rule_book(data_dir);
    std::vector<chipgap::Diagnostic> errors = loaded ? chipgap::catalog::check_names_against_catalog(*loaded, *catalog)
                                                     : loaded.errors();
    if (!errors.empty()) {
      std::cerr << "chipgap: the rules in " << data_dir << " have " << errors.size()
                << (errors.size() == 1 ? " error" : " errors") << ":\n"
                << chipgap::to_string(errors);
      return chipgap::cli::kExitBadData;
    }
    rule_book = std::move(loaded).value();
  }

  if (*serve) {
    auto efficiency = chipgap::catalog::load_efficiency(data_dir);
    if (!efficiency) {
      std::cerr << "chipgap: the efficiency data in " << data_dir << " has errors:\n" << chipgap::to_string(efficiency.errors());
      return chipgap::cli::kExitBadData;
    }
    // Scenario data is optional for the server: without it (or with errors in it, reported here) the
    // scenario endpoints answer 503 and everything else serves.
    auto scenario_data = chipgap::catalog::load_scenario_data(data_dir, *catalog);
    auto workloads = chipgap::catalog::load_workloads(data_dir, *catalog);
    chipgap::api::Api api(std::move(catalog).value(), std::move(*rule_book), today, std::move(efficiency).value());
    if (workloads) api.enable_workloads(*workloads);
    if (!scenario_data || !workloads) {
      std::cerr << "chipgap: scenarios are off; the scenario data or reference workloads in " << data_dir << " have errors:\n"
                << chipgap::to_string(!scenario_data ? scenario_data.errors() : workloads.errors());
    } else if (auto enabled = api.enable_scenarios(std::move(scenario_data).value(), *workloads); !enabled) {
      std::cerr << "chipgap: scenarios are off: " << chipgap::to_string(enabled.errors());
    }
    // Design searches are optional too: without the knobs or the reference workloads (or with errors in
    // them, reported) POST /design answers 503.
    auto knobs = chipgap::catalog::load_design_knobs(data_dir);
    auto design = knobs && workloads ? api.enable_design(std::move(knobs).value(), *workloads)
                                     : chipgap::Result<bool>(!knobs ? knobs.errors() : workloads.errors());
    if (!design) std::cerr << "chipgap: design searches are off: " << chipgap::to_string(design.errors());
    chipgap::server::Server server(api, serve_options);
    if (!server.bind()) {
      std::cerr << "chipgap: " << server.error() << '\n';
      return chipgap::cli::kExitUsage;
    }
    running_server = &server;
    std::signal(SIGINT, stop_server);
    std::signal(SIGTERM, stop_server);
    std::cerr << "chipgap: serving http://" << serve_options.host << ":" << server.port() << "/ (API under /api/v1)\n";
    server.run();
    running_server = nullptr;
    return chipgap::cli::kExitOk;
  }

  try {
    for (auto* command : {classify, timeline, headroom}) {
      if (!*command) continue;
      if (request.chip.empty() == request.spec_file.empty()) {
        throw CommandError("give either a chip NAME or --spec FILE", chipgap::cli::kExitUsage);
      }
    }
    request.date = date_text.empty() ? today() : chipgap::cli::parse_date_option(date_text, "--date");
    std::string output;
    if (*classify) output = chipgap::cli::classify_command(*catalog, *rule_book, request, format);
    if (*timeline) output = chipgap::cli::timeline_command(*catalog, *rule_book, request, format);
    if (*headroom) output = chipgap::cli::headroom_command(*catalog, *rule_book, request, format);
    if (*verdicts) output = chipgap::cli::verdicts_command(*catalog, *rule_book, request, verdicts_sort, format);
    if (*minerals) {
      const auto on = minerals_date.empty() ? today() : chipgap::cli::parse_date_option(minerals_date, "--date");
      output = chipgap::cli::minerals_command(*rule_book, on, minerals_to, format);
    }
    if (*measures_list) output = chipgap::cli::measures_list_command(*catalog, *rule_book, measures_request, format);
    if (*measures_show) output = chipgap::cli::measures_show_command(*rule_book, measure_id, format);
    if (*rules_list) output = chipgap::cli::rules_list_command(*rule_book, format);
    if (*rules_show) output = chipgap::cli::rules_show_command(*rule_book, rule_id, format);
    if (*rules_diff) output = chipgap::cli::rules_diff_command(*catalog, *rule_book, diff_from, diff_to, request, format);
    if (*train) output = chipgap::cli::train_command(*catalog, data_dir, train_request, format);
    if (*infer) output = chipgap::cli::infer_command(*catalog, data_dir, infer_request, format);
    // Which workload options the user gave, so that a named workload fills only the others.
    chipgap::cli::note_given_workload_options(*match, match_request.workload);
    chipgap::cli::note_given_workload_options(*compare, compare_request.workload);
    chipgap::cli::note_given_workload_options(*gap, gap_request.workload);
    if (*match) output = chipgap::cli::match_command(*catalog, data_dir, match_request, format);
    if (*scenario_list) output = chipgap::cli::scenario_list_command(*catalog, data_dir, format);
    if (*scenario_show) output = chipgap::cli::scenario_show_command(*catalog, data_dir, scenario_id, format);
    if (*scenario_run) output = chipgap::cli::scenario_run_command(*catalog, *rule_book, data_dir, scenario_request, format);
    if (*scenario_sensitivity) {
      output = chipgap::cli::scenario_sensitivity_command(*catalog, *rule_book, data_dir, scenario_request, sensitivity_year, format);
    }
    if (*scenario_diff) output = chipgap::cli::scenario_diff_command(*catalog, *rule_book, data_dir, scenario_request, format);
    if (*workloads) output = chipgap::cli::workloads_command(*catalog, data_dir, format);
    if (*compare) output = chipgap::cli::compare_command(*catalog, data_dir, compare_request, format);
    if (*gap) {
      // A workload basis only when a workload was given; otherwise peak compute.
      gap_request.workload_given = !gap_request.workload.given.empty() || !gap_request.workload.named.empty();
      output = chipgap::cli::gap_command(*catalog, *rule_book, data_dir, gap_request, today(), format);
    }
    if (auto policy_output = chipgap::cli::run_policy_command(policy, *catalog, *rule_book, data_dir, today(), format, ranks)) {
      output = std::move(*policy_output);
    }
    if (*validate_inference) output = chipgap::cli::validate_inference_command(*catalog, data_dir, format);
    if (*validate_training) output = chipgap::cli::validate_training_command(*catalog, data_dir, format);
    if (*chips) output = chipgap::cli::list_chips(*catalog, filter, format);
    if (*chip) output = chipgap::cli::show_chip(*catalog, name, format);
    if (*systems) output = chipgap::cli::list_systems(*catalog, format);
    if (*system) output = chipgap::cli::show_system(*catalog, name, format);
    // --columns that fit no table of the output is a usage error, not a silently whole table.
    if (format != Format::Json) {
      if (auto unused = chipgap::cli::columns_not_applied(); !unused.empty()) throw CommandError(unused, chipgap::cli::kExitUsage);
    }
    if (format == Format::Table) output = chipgap::cli::wrap_prose(chipgap::cli::readable(std::move(output)));
    if (ranks.root()) std::cout << output << std::flush;
  } catch (const CommandError& e) {
    if (ranks.root()) std::cerr << "chipgap: " << e.what() << '\n';
    return e.exit_code();
  }
  return chipgap::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    // Under mpirun every rank runs the command; each computes its share and rank 0 prints the whole.
    const chipgap::cli::Ranks ranks(&argc, &argv);
    return run(argc, argv, ranks);
  } catch (const CommandError& e) {
    std::cerr << "chipgap: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "chipgap: internal error: " << e.what() << '\n';
    return 70;
  }
}
