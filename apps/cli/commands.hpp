// SPDX-License-Identifier: Apache-2.0
// The CLI's commands: each renders a complete output string (printed only if the whole command
// succeeds) or throws CommandError.
#pragma once

#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/perf/inference_model.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"

namespace chipgap::cli {

enum class Format { Table, Json, Csv };

// Exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitNotFound = 1;  // a name that is not in the catalog
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitBadData = 3;   // the catalog failed to load

class CommandError : public std::runtime_error {
 public:
  CommandError(const std::string& message, int exit_code) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Renders numbers the way the output format wants them (grouped in tables, plain in CSV and JSON).
struct Style {
  Format format = Format::Table;
  std::string number(double value, int decimals = 1) const;
  std::string number(const std::optional<double>& value, int decimals = 1) const;  // "-" or "" if unknown
};

struct ChipFilter {
  std::string vendor;
  std::string country;
};

std::string list_chips(const catalog::Catalog& catalog, const ChipFilter& filter, Format format);
std::string show_chip(const catalog::Catalog& catalog, const std::string& name, Format format);
std::string list_systems(const catalog::Catalog& catalog, Format format);
std::string show_system(const catalog::Catalog& catalog, const std::string& name, Format format);

// What the rules commands are asked about: a catalog chip or a spec file, a destination, a date.
struct RulesRequest {
  std::string chip;       // catalog name, or empty when `spec_file` is given
  std::string spec_file;  // path of a user's spec
  std::string destination;
  std::string end_user_hq;  // empty: not given
  std::string end_user;     // a listed party (rules/end-users/), for classify; empty: not given
  std::vector<std::string> owned_by;  // "NAME:PERCENT": listed owners of the buyer, for the Affiliates rule
  Date date;
  std::vector<std::string> regimes;
};

std::string classify_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format);
std::string timeline_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format);
std::string headroom_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                             const RulesRequest& request, Format format);
std::string rules_list_command(const catalog::RuleBook& rules, Format format);
std::string rules_show_command(const catalog::RuleBook& rules, const std::string& id, Format format);
// `chipgap verdicts`: every catalog chip for one destination and date; --sort catalog|name|vendor|tpp|status.
std::string verdicts_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const RulesRequest& request,
                             const std::string& sort, Format format);
std::string rules_diff_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& from,
                               const std::string& to, const RulesRequest& request, Format format);

// Destination-side measures (apps/cli/measures_commands.cpp).
// `chipgap minerals`: China's export controls on critical minerals and their status on a date.
// `destination`: a country name or code (empty: every control); unknown names exit 1 with suggestions.
std::string minerals_command(const catalog::RuleBook& rules, Date date, const std::string& destination, Format format);

struct MeasuresRequest {
  std::string country = "CN";  // the country whose measures are listed (China's imports, Malaysia's transit)
  std::string chip;  // only the measures that apply to this chip or system
  std::string date;  // only those in force on this date
};
std::string measures_list_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                                  const MeasuresRequest& request, Format format);
std::string measures_show_command(const catalog::RuleBook& rules, const std::string& id, Format format);

// The performance model (apps/cli/train_commands.cpp, validate_commands.cpp).
// What `train` and `infer` share: the model, the cluster and its cost.
struct ClusterRequest {
  std::string model;   // catalog name or a model file's path
  std::string chip;    // accelerator name, or
  std::string system;  // system name (its chips per domain and network)
  std::int64_t count = 0;  // chips; with --system, defaults to one system
  std::string scale_out;   // e.g. "400Gb/s", for a chip whose network the catalog lacks
  std::optional<double> usd_per_chip_hour;
};

struct TrainRequest {
  ClusterRequest cluster;
  std::optional<std::int64_t> tp, pp, dp, cp, ep, vp, micro_batch;
  std::optional<int> zero;
  std::int64_t global_batch = 0;  // 0: about 4M tokens
  std::int64_t seq_len = 4096;
  std::string precision = "bf16";
  std::string recompute;  // empty: none, or searched
  std::string schedule = "1f1b";
  bool sequence_parallel = false;
  bool no_flash_attention = false;
  bool no_tp_overlap = false;
  bool bf16_optimizer_moments = false;
  bool fp8_activation_cache = false;
  bool fp32_sharded_weights = false;
  bool balanced_routing = false;
  bool search = false;
  std::size_t top = 5;
  unsigned threads = 0;
  std::optional<double> tokens;
};
std::string train_command(const catalog::Catalog& catalog, const std::string& data_dir, const TrainRequest& request,
                          Format format);
// The workload `match`, `compare` and `gap` evaluate: a training run, or with `serve` a serving workload.
struct WorkloadRequest {
  std::string named;             // --workload: a reference workload (data/workloads/); given options override it
  std::set<std::string> given;   // the workload options given on the command line
  std::string model = "llama3-405b";
  double tokens = 15.6e12;
  std::int64_t seq_len = 8192;
  std::int64_t global_batch = 2048;
  std::string precision = "bf16";
  bool serve = false;
  std::int64_t input_len = 4096, output_len = 1024;
  std::optional<double> ttft_ms, tpot_ms;
  std::string kv_precision = "bf16";
};

// `chipgap scenario list|show|run|diff`: national compute and market scenarios.
struct ScenarioRequest {
  std::string id = "status-quo-2026-12", other;  // run: id; diff: id and other
  std::size_t draws = 1000;
  std::uint64_t seed = 1;
  std::string basis = "peak";
  std::vector<std::string> sets;  // KEY=NUMBER
  int first_year = 2022, last_year = 2026;  // the last year with inputs for both countries
  unsigned threads = 0;
};
std::string scenario_list_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format);
std::string scenario_show_command(const catalog::Catalog& catalog, const std::string& data_dir, const std::string& id, Format format);
std::string scenario_run_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                 const ScenarioRequest& request, Format format);
std::string scenario_sensitivity_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                         const ScenarioRequest& request, int year, Format format);
std::string scenario_diff_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                                  const ScenarioRequest& request, Format format);

// `chipgap workloads`: the reference workloads of data/workloads/.
std::string workloads_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format);

// `chipgap match`: how many candidate chips finish a training run no later than a reference cluster.
struct MatchRequest {
  std::string reference, candidate;  // chip or system names
  std::int64_t reference_count = 0;
  WorkloadRequest workload;
  std::int64_t max_count = 1'000'000;
  std::optional<double> usd_per_chip_hour;
  std::optional<double> pue;
  std::optional<double> demand;  // with workload.serve: output tokens/s
};
std::string match_command(const catalog::Catalog& catalog, const std::string& data_dir, const MatchRequest& request,
                          Format format);

// `chipgap compare`: chips or systems side by side on one workload at equal count, power or budget.
struct CompareRequest {
  std::vector<std::string> names;
  std::string baseline;  // empty: the first name
  std::string equal = "count";
  std::optional<std::int64_t> count;
  std::optional<double> power_kw, budget_usd;
  WorkloadRequest workload;
};
std::string compare_command(const catalog::Catalog& catalog, const std::string& data_dir, const CompareRequest& request,
                            Format format);

// `chipgap gap`: the frontier, exportable, licensable and domestic best chips over time.
struct GapRequest {
  std::string destination = "CN";
  std::string since = "2022-01-01", until;  // until empty: today
  std::string step = "quarter";
  bool workload_given = false;  // false: the peak-compute basis
  WorkloadRequest workload;
  std::int64_t count = 0;      // chips per cluster on a workload basis (0: 1,024 training, 64 serving)
};
std::string gap_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                        const GapRequest& request, Date today, Format format);

class Ranks;  // ranks.hpp: the processes of an MPI run

// `chipgap sweep`: a rule document's thresholds moved over a grid (docs/policy.md).
struct SweepRequest {
  std::string rule;
  std::vector<std::string> vary;  // METRIC=FROM:TO:STEP, one or two
  std::string move = "line";
  std::string destination = "CN";
  std::string date;  // empty: today
  std::vector<std::string> regimes;
  bool workload_given = false;  // false: the peak-compute basis
  WorkloadRequest workload;
  std::int64_t count = 0;
  std::string scenario;  // empty: no scenario probe
  int year = 2026;
  bool year_given = false;
  std::string scenario_basis = "peak";
  std::size_t draws = 200;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};
std::string sweep_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                          const SweepRequest& request, Date today, Format format, const Ranks& ranks);

// `chipgap design`: design-to-comply from a base die (docs/policy.md).
struct DesignRequest {
  std::string base;
  std::string destination = "CN";
  std::string date;  // empty: today
  std::vector<std::string> regimes;
  std::string want = "none";
  std::string objective = "serve";
  WorkloadRequest workload;
  std::int64_t count = 0;  // chips the objective runs on (0: one system serving, 1,024 training)
  std::vector<std::string> knobs;  // KNOB=MIN:MAX:STEP overrides within data/design/'s bounds
  std::size_t top = 5;
  unsigned threads = 0;
};
std::string design_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const std::string& data_dir,
                           const DesignRequest& request, Date today, Format format, const Ranks& ranks);

struct InferRequest {
  ClusterRequest cluster;
  std::int64_t input_len = 1024, output_len = 256;
  std::string precision = "bf16";
  std::string kv_precision = "bf16";
  std::optional<std::int64_t> tp, dp, ep, batch, prefill_tokens, context;
  std::int64_t mtp = 0;
  double mtp_accept = 0;
  bool mtp_accept_given = false;
  bool two_batch_overlap = false;
  double attention_core_share = 0;
  double expert_imbalance = perf::kDefaultExpertImbalance;
  bool balanced_routing = false;
  bool ungrouped_kv_reads = false;
  bool fp8_attention = false;
  bool static_batching = false;
  std::string phase = "both";
  std::optional<double> ttft_ms, tpot_ms;
  bool search = false;
  std::size_t top = 5;
};
std::string infer_command(const catalog::Catalog& catalog, const std::string& data_dir, const InferRequest& request,
                          Format format);
std::string validate_training_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format);
std::string validate_inference_command(const catalog::Catalog& catalog, const std::string& data_dir, Format format);

// "2024-06-01" or a usage error naming the option.
Date parse_date_option(const std::string& text, const char* option);

}  // namespace chipgap::cli
