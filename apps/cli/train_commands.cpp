// SPDX-License-Identifier: Apache-2.0
// `chipgap train`: one training plan, or a search over plans, for a model on a cluster.
#include <cmath>

#include <fmt/format.h>

#include "chipgap/codec/perf_json.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/run_totals.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

std::string seconds_text(double s) {
  if (s >= 1) return fmt::format("{:.2f} s", s);
  return fmt::format("{:.1f} ms", s * 1e3);
}

std::string estimate_text(const perf::TrainingPlan& plan, const perf::TrainingEstimate& e, const perf::TrainingBand& band) {
  const auto& m = e.memory;
  const auto& b = e.breakdown;
  std::string out;
  out += fmt::format("Plan                {}\n", perf::describe(plan));
  if (!e.feasible) out += fmt::format("Does not fit        {}\n", e.reason);
  out += fmt::format("Step time           {} (band {} to {})\n", seconds_text(e.step_time_s), seconds_text(band.fast.step_time_s),
                     seconds_text(band.slow.step_time_s));
  out += fmt::format("Tokens/s per chip   {} (band {} to {}, every efficiency at the slow and at the fast end of its range)\n",
                     format_number(e.tokens_per_s_per_chip, 0), format_number(band.slow.tokens_per_s_per_chip, 0),
                     format_number(band.fast.tokens_per_s_per_chip, 0));
  out += fmt::format("Model TFLOP/s/chip  {} (MFU {:.1f}% of the dense {} peak", format_number(e.model_tflops_per_chip, 0),
                     100 * e.mfu, plan.precision == perf::TrainPrecision::Fp8 ? "FP8" : "BF16");
  if (plan.precision == perf::TrainPrecision::Fp8) out += fmt::format(", {:.1f}% of BF16", 100 * e.mfu_bf16);
  out += ")\n";
  out += fmt::format("Memory per chip     {:.1f} of {:.0f} GB: weights {:.1f}, gradients {:.1f}, optimizer {:.1f}, "
                     "activations {:.1f}, reserved {:.1f}\n",
                     m.total() / 1e9, e.memory_capacity / 1e9, m.weights / 1e9, m.gradients / 1e9, m.optimizer / 1e9,
                     m.activations / 1e9, m.reserved / 1e9);
  out += "Step breakdown      compute " + seconds_text(b.compute) + " (of which recomputation " + seconds_text(b.recompute) +
         "), pipeline bubble " + seconds_text(b.bubble) + ", optimizer " + seconds_text(b.optimizer) + "\n";
  auto comm = [&](const char* name, double exposed, double hidden) {
    if (exposed + hidden <= 0) return;
    out += fmt::format("  {:<18}exposed {}, hidden {}\n", name, seconds_text(exposed), seconds_text(hidden));
  };
  comm("TP communication", b.tp_exposed, b.tp_hidden);
  if (b.tp_overlap_slowdown > 0) out += "  TP overlap        slows the GEMMs by " + seconds_text(b.tp_overlap_slowdown) + "\n";
  comm("CP communication", b.cp_exposed, b.cp_hidden);
  comm("EP all-to-all", b.ep_exposed, b.ep_hidden);
  comm("PP sends", b.pp_exposed, 0);
  comm("DP gradients", b.dp_exposed, b.dp_hidden);
  return out;
}

std::string totals_text(const perf::RunTotals& r) {
  std::string out = fmt::format("Whole run ({} tokens): {:.1f} days", format_number(r.tokens, 0), r.days);
  if (r.days_fast && r.days_slow) out += fmt::format(" (band {:.1f} to {:.1f})", *r.days_fast, *r.days_slow);
  out += fmt::format(", {} chip-hours, ", format_number(r.chip_hours, 0));
  if (r.energy_mwh) out += fmt::format("{:.0f} MWh for the chips at their {:.0f} W TDP", *r.energy_mwh, *r.power_per_chip_w);
  else out += "energy at chip TDP unknown (no TDP in the catalog)";
  if (r.energy_it_mwh) out += fmt::format(" ({:.0f} MWh at the system's {:.0f} W per chip)", *r.energy_it_mwh, *r.system_power_per_chip_w);
  else out += " (system power not in the catalog)";
  if (r.cost_usd) out += fmt::format(", ${} at ${:.2f} per chip-hour", format_number(*r.cost_usd, 0), *r.usd_per_chip_hour);
  else out += ", cost unknown (no catalog price; give --usd-per-chip-hour)";
  return out + "\n";
}

}  // namespace

std::string train_command(const catalog::Catalog& catalog, const std::string& data_dir, const TrainRequest& request,
                          Format format) {
  const auto setup = resolve_setup(catalog, data_dir, request.cluster);
  const spec::ModelArch& model = setup->model;
  const perf::Cluster* cluster = &setup->cluster;
  const spec::Accelerator* chip = cluster->chip;
  const std::int64_t count = cluster->chips;
  const perf::TrainingModel training(model, *cluster);

  perf::TrainingPlan plan;
  plan.seq_len = request.seq_len;
  if (plan.seq_len < 1) throw CommandError("--seq-len must be at least 1", kExitUsage);
  plan.global_batch = request.global_batch > 0 ? request.global_batch : perf::default_global_batch(plan.seq_len);
  plan.precision = parse_word<perf::TrainPrecision>(request.precision, perf::kTrainPrecisionNames, "--precision");
  plan.schedule = parse_word<perf::Schedule>(request.schedule, perf::kScheduleNames, "--schedule");
  plan.flash_attention = !request.no_flash_attention;
  plan.tp_comm_overlap = !request.no_tp_overlap;
  plan.bf16_optimizer_moments = request.bf16_optimizer_moments;
  plan.fp8_activation_cache = request.fp8_activation_cache;
  plan.fp32_sharded_weights = request.fp32_sharded_weights;
  plan.balanced_routing = request.balanced_routing;
  std::optional<perf::Recompute> recompute;
  if (!request.recompute.empty()) recompute = parse_word<perf::Recompute>(request.recompute, perf::kRecomputeNames, "--recompute");

  const std::string heading = fmt::format("{} on {}, {}", model.name, cluster_label(*cluster),
                                          perf::kTrainPrecisionNames[static_cast<int>(plan.precision)]);
  std::optional<perf::CostAssumptions> cost;
  if (request.tokens) {
    if (*request.tokens <= 0) throw CommandError("--tokens must be positive", kExitUsage);
    cost = perf::CostAssumptions{};
    cost->usd_per_chip_hour = request.cluster.usd_per_chip_hour;
  }

  if (request.search) {
    perf::SearchSpace space;
    space.base = plan;
    space.tp = request.tp;
    space.pp = request.pp;
    space.dp = request.dp;
    space.cp = request.cp;
    space.ep = request.ep;
    space.vp = request.vp;
    space.micro_batch = request.micro_batch;
    space.recompute = recompute;
    space.zero = request.zero;
    const perf::SearchResult result = perf::search_plans(training, space, request.top, request.threads);
    if (format == Format::Json) {
      nlohmann::json plans = nlohmann::json::array();
      for (const auto& ranked : result.best) {
        nlohmann::json row = codec::plan_estimate_json(ranked.plan, ranked.estimate);
        const perf::TrainingBand band = perf::training_band(model, *cluster, ranked.plan);
        row["band"] = codec::to_json(band);
        if (cost) row["run"] = codec::to_json(perf::run_totals(ranked.estimate, band, *cluster, *request.tokens, *cost));
        plans.push_back(std::move(row));
      }
      nlohmann::json out = {{"model", model.name}, {"chip", chip->name}, {"chips", count}, {"plans", plans},
                            {"plans_evaluated", result.plans_evaluated}, {"plans_feasible", result.plans_feasible},
                            {"search_seconds", result.search_seconds}, {"threads", result.threads},
                            {"validation", training_coverage_note(catalog, data_dir, *setup, plan.precision).json}};
      if (result.best.empty() && result.closest) out["closest"] = codec::plan_estimate_json(result.closest->plan, result.closest->estimate);
      return out.dump(2) + '\n';
    }
    std::string out = heading + "\n";
    out += fmt::format("{} plans evaluated ({} fit in memory) in {:.3f} s on {} threads\n\n",
                       format_number(static_cast<double>(result.plans_evaluated), 0),
                       format_number(static_cast<double>(result.plans_feasible), 0), result.search_seconds, result.threads);
    if (result.best.empty()) {
      out += "No plan fits in memory.";
      if (result.closest) out += " Closest: " + perf::describe(result.closest->plan) + ": " + result.closest->estimate.reason;
      return out + "\n";
    }
    Table table({{"#", Align::Right}, {"Plan"}, {"Step", Align::Right}, {"Tokens/s/chip", Align::Right},
                 {"MFU", Align::Right}, {"Memory GB", Align::Right}});
    for (std::size_t i = 0; i < result.best.size(); ++i) {
      const auto& r = result.best[i];
      table.add_row({std::to_string(i + 1), perf::describe(r.plan), seconds_text(r.estimate.step_time_s),
                     format_number(r.estimate.tokens_per_s_per_chip, 0), fmt::format("{:.1f}%", 100 * r.estimate.mfu),
                     fmt::format("{:.1f}", r.estimate.memory.total() / 1e9)});
    }
    if (format == Format::Csv) return table.to_csv();
    const auto& best = result.best.front();
    const perf::TrainingBand band = perf::training_band(model, *cluster, best.plan);
    out += table.to_text() + "\nBest plan:\n" + estimate_text(best.plan, best.estimate, band);
    out += training_coverage_note(catalog, data_dir, *setup, plan.precision).text;
    if (cost) out += totals_text(perf::run_totals(best.estimate, band, *cluster, *request.tokens, *cost));
    return out;
  }

  plan.tp = request.tp.value_or(1);
  plan.pp = request.pp.value_or(1);
  plan.cp = request.cp.value_or(1);
  plan.ep = request.ep.value_or(1);
  plan.vp = request.vp.value_or(1);
  plan.micro_batch = request.micro_batch.value_or(1);
  plan.recompute = recompute.value_or(perf::Recompute::None);
  plan.zero = request.zero.value_or(1);
  plan.sequence_parallel = request.sequence_parallel;
  const std::int64_t model_parallel = plan.tp * plan.pp * plan.cp;
  if (request.dp) {
    plan.dp = *request.dp;
  } else {
    if (model_parallel < 1 || count % model_parallel != 0) {
      throw CommandError(fmt::format("TP {} x PP {} x CP {} = {} does not divide the {} chips", plan.tp, plan.pp, plan.cp,
                                     model_parallel, count), kExitUsage);
    }
    plan.dp = count / model_parallel;
  }
  if (!request.global_batch) plan.global_batch = std::max(plan.global_batch, plan.dp * plan.micro_batch) / (plan.dp * plan.micro_batch) * (plan.dp * plan.micro_batch);
  if (std::string problem = training.check(plan); !problem.empty()) throw CommandError("impossible plan: " + problem, kExitUsage);
  const perf::TrainingEstimate estimate = training.evaluate(plan);
  const perf::TrainingBand band = perf::training_band(model, *cluster, plan);
  std::optional<perf::RunTotals> totals;
  if (cost) totals = perf::run_totals(estimate, band, *cluster, *request.tokens, *cost);
  if (format == Format::Json) {
    nlohmann::json out = codec::plan_estimate_json(plan, estimate);
    out["validation"] = training_coverage_note(catalog, data_dir, *setup, plan.precision).json;
    out["model"] = model.name;
    out["chip"] = chip->name;
    out["chips"] = count;
    out["band"] = codec::to_json(band);
    if (totals) out["run"] = codec::to_json(*totals);
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("train prints CSV only with --search; use --format json", kExitUsage);
  std::string out = heading + "\n" + estimate_text(plan, estimate, band);
  out += training_coverage_note(catalog, data_dir, *setup, plan.precision).text;
  if (totals) out += totals_text(*totals);
  return out;
}

}  // namespace chipgap::cli
