// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/train and /api/v1/infer: the CLI's `train` and `infer` over JSON (docs/api.md).
#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "heavy_gate.hpp"
#include "chipgap/codec/perf_json.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/serving.hpp"

namespace chipgap::api::detail {
namespace {

using nlohmann::json;

Response ok(const json& body) { return {200, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"}; }

std::string text(const json& body, const char* key, const std::string& fallback = "") {
  if (!body.contains(key)) return fallback;
  if (!body[key].is_string()) throw ApiError(422, "invalid", std::string("'") + key + "' must be a string", key);
  return body[key].get<std::string>();
}

std::optional<std::int64_t> count(const json& body, const char* key, std::int64_t min, std::int64_t max) {
  if (!body.contains(key)) return std::nullopt;
  const json& v = body[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max) {
    throw ApiError(422, "invalid", std::string("'") + key + "' must be a whole number from " + std::to_string(min) +
                                       " to " + std::to_string(max), key);
  }
  return v.get<std::int64_t>();
}

std::optional<double> number(const json& body, const char* key, double min, double max) {
  if (!body.contains(key)) return std::nullopt;
  const json& v = body[key];
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    throw ApiError(422, "invalid", std::string("'") + key + "' must be a number from " + std::to_string(min) + " to " +
                                       std::to_string(max), key);
  }
  return v.get<double>();
}

// Searches share the cores in turn; one that waited its whole allowance is told why and what to do.
[[noreturn]] void busy(const HeavyGate& heavy) {
  const auto load = heavy.load();
  throw ApiError(503, "busy",
                 "the server is running " + std::to_string(load.running) + " searches and " +
                     std::to_string(load.waiting) + " more are waiting; retry shortly, or ask for one plan or "
                     "deployment instead of a search",
                 "search");
}

bool flag(const json& body, const char* key) {
  if (!body.contains(key)) return false;
  if (!body[key].is_boolean()) throw ApiError(422, "invalid", std::string("'") + key + "' must be true or false", key);
  return body[key].get<bool>();
}

template <typename Enum, std::size_t N>
Enum word(const json& body, const char* key, const std::string_view (&names)[N], Enum fallback) {
  if (!body.contains(key)) return fallback;
  const std::string value = text(body, key);
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == value) return static_cast<Enum>(i);
  }
  std::string allowed;
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  throw ApiError(422, "invalid", std::string("'") + key + "' must be one of " + allowed, key);
}

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

Response match_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, HeavyGate& heavy,
                        const Request& request) {
  const json body = object_body(request, {"reference", "reference_count", "candidate", "model", "tokens", "seq_len",
                                          "global_batch", "precision", "max_count", "pue", "serve", "input_len",
                                          "output_len", "ttft_ms", "tpot_ms", "demand", "kv_precision"});
  if (efficiency.families().empty()) throw ApiError(503, "unavailable", "the performance data is not loaded", "");
  auto hardware = [&](const char* key) -> compare::Hardware {
    const std::string name = text(body, key);
    if (name.empty()) throw ApiError(422, "invalid", std::string("missing field '") + key + "' (a chip or system)", key);
    if (const auto* system = catalog.find_system(name)) return {&catalog.chip_of(*system), system};
    if (const auto* chip = catalog.find_accelerator(name)) return {chip, nullptr};
    ApiError e(404, "not_found", "no chip or system '" + name + "' in the catalog", key);
    e.suggestions = catalog.suggest_systems(name);
    for (auto& s : catalog.suggest_accelerators(name)) e.suggestions.push_back(std::move(s));
    throw e;
  };
  const compare::Hardware reference = hardware("reference"), candidate = hardware("candidate");
  const auto reference_count = count(body, "reference_count", 1, perf::kMaxClusterChips);
  if (!reference_count) throw ApiError(422, "invalid", "missing field 'reference_count'", "reference_count");
  const std::string model_name = body.contains("model") ? text(body, "model") : "llama3-405b";
  const spec::ModelArch* model = catalog.find_model(model_name);
  if (model == nullptr) {
    ApiError e(404, "not_found", "unknown model '" + model_name + "'", "model");
    e.suggestions = catalog.suggest_models(model_name);
    throw e;
  }
  compare::MatchLimits limits;
  limits.max_count = count(body, "max_count", 1, perf::kMaxClusterChips).value_or(limits.max_count);
  limits.pue = number(body, "pue", 1.0, 5.0);
  if (flag(body, "serve")) {
    compare::ServingWorkload s;
    s.model = model;
    s.requests.input_len = static_cast<double>(count(body, "input_len", 1, perf::kMaxSeqLen).value_or(4096));
    s.requests.output_len = static_cast<double>(count(body, "output_len", 1, perf::kMaxSeqLen).value_or(1024));
    if (auto ms = number(body, "ttft_ms", 0.001, 1e9)) s.requests.ttft_s = *ms / 1e3;
    if (auto ms = number(body, "tpot_ms", 0.001, 1e9)) s.requests.tpot_s = *ms / 1e3;
    s.base.precision = word(body, "precision", perf::kWeightPrecisionNames, perf::WeightPrecision::Bf16);
    s.base.kv_precision = word(body, "kv_precision", perf::kKvPrecisionNames, perf::KvPrecision::Bf16);
    const HeavyGate::Ticket ticket(heavy);
    if (!ticket.admitted()) busy(heavy);
    const compare::ServingMatchResult m =
        compare::match_serving(reference, *reference_count, candidate, s, number(body, "demand", 1e-6, 1e15), efficiency, limits);
    return ok(codec::match_json(m, reference, candidate));
  }
  compare::TrainingWorkload w;
  w.model = model;
  w.tokens = number(body, "tokens", 1, 1e18).value_or(15.6e12);
  w.seq_len = count(body, "seq_len", 1, perf::kMaxSeqLen).value_or(8192);
  if (model->max_seq_len && w.seq_len > *model->max_seq_len) {
    throw ApiError(422, "invalid", "'seq_len' exceeds " + model->name + "'s " + std::to_string(*model->max_seq_len), "seq_len");
  }
  w.global_batch = count(body, "global_batch", 1, perf::kMaxGlobalBatch).value_or(2048);
  w.precision = word(body, "precision", perf::kTrainPrecisionNames, perf::TrainPrecision::Bf16);
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  const compare::MatchResult m = compare::match_training(reference, *reference_count, candidate, w, efficiency, limits);
  json out = codec::match_json(m, reference, candidate);
  out["workload"] = {{"model", model->name}, {"tokens", w.tokens}, {"seq_len", w.seq_len}, {"global_batch", w.global_batch},
                     {"precision", perf::kTrainPrecisionNames[static_cast<int>(w.precision)]}};
  return ok(out);
}

}  // namespace chipgap::api::detail
