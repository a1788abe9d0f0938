// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/train and /api/v1/infer: the CLI's `train` and `infer` over JSON (docs/api.md).
#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "body_fields.hpp"
#include "heavy_gate.hpp"
#include "chipgap/codec/perf_json.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/serving.hpp"

namespace chipgap::api::detail {
namespace {

using nlohmann::json;

struct Target {
  const spec::ModelArch* model = nullptr;
  perf::Cluster cluster;
};

Target resolve(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const json& body) {
  if (efficiency.families().empty()) throw ApiError(503, "unavailable", "the performance data is not loaded", "");
  Target t;
  const std::string model = text(body, "model");
  if (model.empty()) throw ApiError(422, "invalid", "missing field 'model'", "model");
  t.model = catalog.find_model(model);
  if (t.model == nullptr) not_found("model", model, catalog.suggest_models(model), "model");
  const std::string chip_name = text(body, "chip"), system_name = text(body, "system");
  if (chip_name.empty() == system_name.empty()) {
    throw ApiError(422, "invalid", "give either 'chip' or 'system'", "chip");
  }
  const spec::System* system = nullptr;
  const spec::Accelerator* chip = nullptr;
  if (!system_name.empty()) {
    system = catalog.find_system(system_name);
    if (system == nullptr) not_found("system", system_name, catalog.suggest_systems(system_name), "system");
    chip = &catalog.chip_of(*system);
  } else {
    chip = catalog.find_accelerator(chip_name);
    if (chip == nullptr) not_found("accelerator", chip_name, catalog.suggest_accelerators(chip_name), "chip");
  }
  std::int64_t chips = count(body, "count", 1, perf::kMaxClusterChips).value_or(system != nullptr ? system->chips.value : 0);
  if (chips < 1) throw ApiError(422, "invalid", "missing field 'count' (chips in the cluster)", "count");
  perf::ClusterOptions options;
  if (auto gbps = number(body, "scale_out_gbps", 1, 100'000)) options.scale_out_bandwidth = *gbps * 1e9 / 8;
  auto cluster = perf::make_cluster(*chip, system, chips, efficiency, options);
  if (!cluster) {
    const auto& d = cluster.errors().front();
    throw ApiError(422, "invalid", d.message, d.key_path == "scale_out.bandwidth" ? "scale_out_gbps" : d.key_path);
  }
  t.cluster = std::move(cluster).value();
  return t;
}

}  // namespace

Response train_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, HeavyGate& heavy,
                        const Request& request) {
  const json body = object_body(request, {"model", "chip", "system", "count", "scale_out_gbps", "tp", "pp", "dp", "cp",
                                          "ep", "vp", "micro_batch", "global_batch", "seq_len", "precision", "recompute",
                                          "sequence_parallel", "zero", "schedule", "bf16_optimizer_moments",
                                          "fp8_activation_cache", "fp32_sharded_weights", "balanced_routing", "search", "top",
                                          "tokens"});
  const Target t = resolve(catalog, efficiency, body);
  const perf::TrainingModel training(*t.model, t.cluster);
  perf::TrainingPlan plan;
  plan.seq_len = count(body, "seq_len", 1, perf::kMaxSeqLen).value_or(4096);
  plan.global_batch = count(body, "global_batch", 1, perf::kMaxGlobalBatch).value_or(perf::default_global_batch(plan.seq_len));
  plan.precision = word(body, "precision", perf::kTrainPrecisionNames, perf::TrainPrecision::Bf16);
  plan.schedule = word(body, "schedule", perf::kScheduleNames, perf::Schedule::OneFOneB);
  plan.bf16_optimizer_moments = flag(body, "bf16_optimizer_moments");
  plan.fp8_activation_cache = flag(body, "fp8_activation_cache");
  plan.fp32_sharded_weights = flag(body, "fp32_sharded_weights");
  plan.balanced_routing = flag(body, "balanced_routing");
  std::optional<perf::Recompute> recompute;
  if (body.contains("recompute")) recompute = word(body, "recompute", perf::kRecomputeNames, perf::Recompute::None);
  const auto zero = count(body, "zero", 0, 3);
  std::optional<perf::CostAssumptions> cost;
  const auto tokens = number(body, "tokens", 1, 1e18);
  if (tokens) cost = perf::CostAssumptions{};
  json out;
  if (flag(body, "search")) {
    const HeavyGate::Ticket ticket(heavy);
    if (!ticket.admitted()) busy(heavy);
    perf::SearchSpace space;
    space.base = plan;
    space.tp = count(body, "tp", 1, 1'000'000);
    space.pp = count(body, "pp", 1, 1'000'000);
    space.dp = count(body, "dp", 1, 10'000'000);
    space.cp = count(body, "cp", 1, 1'000'000);
    space.ep = count(body, "ep", 1, 1'000'000);
    space.vp = count(body, "vp", 1, 1'000);
    space.micro_batch = count(body, "micro_batch", 1, 100'000);
    space.recompute = recompute;
    if (zero) space.zero = static_cast<int>(*zero);
    // The server shares its cores between requests: one search thread each.
    const auto result = perf::search_plans(training, space, static_cast<std::size_t>(count(body, "top", 1, 100).value_or(5)), 1);
    json plans = json::array();
    for (const auto& ranked : result.best) {
      json row = codec::plan_estimate_json(ranked.plan, ranked.estimate);
      const perf::TrainingBand band = perf::training_band(*t.model, t.cluster, ranked.plan);
      row["band"] = codec::to_json(band);
      if (cost) row["run"] = codec::to_json(perf::run_totals(ranked.estimate, band, t.cluster, *tokens, *cost));
      plans.push_back(std::move(row));
    }
    out = {{"plans", plans}, {"plans_evaluated", result.plans_evaluated}, {"plans_feasible", result.plans_feasible},
           {"search_seconds", result.search_seconds}, {"threads", result.threads}};
    if (result.best.empty() && result.closest) out["closest"] = codec::plan_estimate_json(result.closest->plan, result.closest->estimate);
  } else {
    plan.tp = count(body, "tp", 1, 1'000'000).value_or(1);
    plan.pp = count(body, "pp", 1, 1'000'000).value_or(1);
    plan.cp = count(body, "cp", 1, 1'000'000).value_or(1);
    plan.ep = count(body, "ep", 1, 1'000'000).value_or(1);
    plan.vp = count(body, "vp", 1, 1'000).value_or(1);
    plan.micro_batch = count(body, "micro_batch", 1, 100'000).value_or(1);
    plan.recompute = recompute.value_or(perf::Recompute::None);
    plan.zero = static_cast<int>(zero.value_or(1));
    plan.sequence_parallel = flag(body, "sequence_parallel");
    const std::int64_t model_parallel = plan.tp * plan.pp * plan.cp;
    plan.dp = count(body, "dp", 1, 10'000'000).value_or(model_parallel > 0 ? t.cluster.chips / model_parallel : 1);
    if (std::string problem = training.check(plan); !problem.empty()) throw ApiError(422, "invalid", "impossible plan: " + problem, "plan");
    const perf::TrainingEstimate estimate = training.evaluate(plan);
    const perf::TrainingBand band = perf::training_band(*t.model, t.cluster, plan);
    out = codec::plan_estimate_json(plan, estimate);
    out["band"] = codec::to_json(band);
    if (cost) out["run"] = codec::to_json(perf::run_totals(estimate, band, t.cluster, *tokens, *cost));
  }
  out["model"] = t.model->name;
  out["chip"] = t.cluster.chip->name;
  out["chips"] = t.cluster.chips;
  return ok(out);
}

Response infer_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, HeavyGate& heavy,
                        const Request& request) {
  const json body = object_body(request, {"model", "chip", "system", "count", "scale_out_gbps", "tp", "dp", "ep", "batch",
                                          "input_len", "output_len", "precision", "kv_precision", "mtp", "mtp_accept",
                                          "two_batch_overlap", "attention_core_share", "expert_imbalance", "balanced_routing",
                                          "grouped_kv_reads", "fp8_attention",
                                          "phase", "ttft_ms", "tpot_ms", "prefill_tokens", "context", "batching", "search",
                                          "top"});
  const Target t = resolve(catalog, efficiency, body);
  const perf::InferenceModel serving(*t.model, t.cluster);
  perf::Workload w;
  w.input_len = static_cast<double>(count(body, "input_len", 1, 100'000'000).value_or(1024));
  w.output_len = static_cast<double>(count(body, "output_len", 1, 100'000'000).value_or(256));
  if (t.model->max_seq_len && w.input_len + w.output_len > static_cast<double>(*t.model->max_seq_len)) {
    throw ApiError(422, "invalid", "the context exceeds " + t.model->name + "'s " + std::to_string(*t.model->max_seq_len) + " tokens",
                   "input_len");
  }
  if (auto b = count(body, "batch", 1, 100'000'000)) w.batch = static_cast<double>(*b);
  if (auto p = count(body, "prefill_tokens", 1, 100'000'000)) w.prefill_tokens_per_chip = static_cast<double>(*p);
  if (auto c = count(body, "context", 1, 100'000'000)) w.context = static_cast<double>(*c);
  if (auto ms = number(body, "ttft_ms", 0.001, 1e9)) w.ttft_s = *ms / 1e3;
  if (auto ms = number(body, "tpot_ms", 0.001, 1e9)) w.tpot_s = *ms / 1e3;
  w.phase = word(body, "phase", perf::kPhaseNames, perf::Phase::Both);
  w.batching = word(body, "batching", perf::kBatchingNames, perf::Batching::Continuous);
  perf::Deployment base;
  base.precision = word(body, "precision", perf::kWeightPrecisionNames, perf::WeightPrecision::Bf16);
  base.kv_precision = word(body, "kv_precision", perf::kKvPrecisionNames, perf::KvPrecision::Bf16);
  base.mtp = count(body, "mtp", 0, 8).value_or(0);
  base.mtp_accept = number(body, "mtp_accept", 0, 1).value_or(0);
  base.two_batch_overlap = flag(body, "two_batch_overlap");
  base.attention_core_share = number(body, "attention_core_share", 0, 0.99).value_or(0);
  base.expert_imbalance = number(body, "expert_imbalance", 1, 100).value_or(perf::kDefaultExpertImbalance);
  base.balanced_routing = flag(body, "balanced_routing");
  if (body.contains("grouped_kv_reads")) base.grouped_kv_reads = flag(body, "grouped_kv_reads");
  base.fp8_attention = flag(body, "fp8_attention");
  if (std::string problem = serving.check(base); !problem.empty() && problem.find("no ") != std::string::npos) {
    throw ApiError(422, "invalid", problem, "precision");
  }
  json out;
  if (flag(body, "search")) {
    const HeavyGate::Ticket ticket(heavy);
    if (!ticket.admitted()) busy(heavy);
    const auto result = perf::search_deployments(serving, t.cluster.chips, base, w,
                                                 static_cast<std::size_t>(count(body, "top", 1, 100).value_or(5)));
    json colocated = json::array();
    for (const auto& e : result.colocated) colocated.push_back(codec::to_json(e));
    out = {{"colocated", colocated}, {"deployments_evaluated", result.deployments_evaluated},
           {"search_seconds", result.search_seconds},
           {"disaggregated", result.disaggregated ? codec::to_json(*result.disaggregated) : json(nullptr)}};
  } else {
    const perf::Deployment shape = perf::default_deployment(*t.model, t.cluster, count(body, "tp", 1, 1'000'000),
                                                            count(body, "dp", 1, 10'000'000), count(body, "ep", 1, 10'000'000));
    perf::Deployment d = base;
    d.tp = shape.tp;
    d.dp = shape.dp;
    d.ep = shape.ep;
    if (d.chips() != t.cluster.chips) {
      throw ApiError(422, "invalid", "TP x DP must equal the " + std::to_string(t.cluster.chips) + " chips", "dp");
    }
    if (std::string problem = serving.check(d); !problem.empty()) throw ApiError(422, "invalid", problem, "deployment");
    const perf::ServingEstimate e = perf::serve(serving, d, w);
    out = codec::to_json(e);
    if (e.feasible) out["band"] = codec::to_json(perf::serving_band(*t.model, t.cluster, e, w));
  }
  out["model"] = t.model->name;
  out["chip"] = t.cluster.chip->name;
  out["chips"] = t.cluster.chips;
  return ok(out);
}

}  // namespace chipgap::api::detail
