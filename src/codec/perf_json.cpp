// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/perf_json.hpp"

namespace chipgap::codec {

nlohmann::json to_json(const perf::TrainingPlan& p) {
  return {{"tp", p.tp},
          {"pp", p.pp},
          {"dp", p.dp},
          {"cp", p.cp},
          {"ep", p.ep},
          {"vp", p.vp},
          {"micro_batch", p.micro_batch},
          {"global_batch", p.global_batch},
          {"seq_len", p.seq_len},
          {"precision", perf::kTrainPrecisionNames[static_cast<int>(p.precision)]},
          {"recompute", perf::kRecomputeNames[static_cast<int>(p.recompute)]},
          {"sequence_parallel", p.sequence_parallel && p.tp > 1},
          {"zero", p.zero},
          {"schedule", perf::kScheduleNames[static_cast<int>(p.schedule)]},
          {"flash_attention", p.flash_attention},
          {"tp_comm_overlap", p.tp_comm_overlap},
          {"bf16_optimizer_moments", p.bf16_optimizer_moments},
          {"fp8_activation_cache", p.fp8_activation_cache},
          {"fp32_sharded_weights", p.fp32_sharded_weights},
          {"balanced_routing", p.balanced_routing},
          {"chips", p.chips()}};
}

nlohmann::json to_json(const perf::TrainingEstimate& e) {
  const auto& b = e.breakdown;
  const auto& m = e.memory;
  nlohmann::json out = {
      {"feasible", e.feasible},
      {"step_time_s", e.step_time_s},
      {"tokens_per_step", e.tokens_per_step},
      {"tokens_per_s_per_chip", e.tokens_per_s_per_chip},
      {"model_tflops_per_chip", e.model_tflops_per_chip},
      {"mfu", e.mfu},
      {"mfu_bf16", e.mfu_bf16},
      {"memory_per_chip_gb", m.total() / 1e9},
      {"memory_capacity_gb", e.memory_capacity / 1e9},
      {"memory", {{"weights_gb", m.weights / 1e9}, {"gradients_gb", m.gradients / 1e9},
                  {"optimizer_gb", m.optimizer / 1e9}, {"activations_gb", m.activations / 1e9},
                  {"reserved_gb", m.reserved / 1e9}}},
      {"breakdown",
       {{"compute_s", b.compute},
        {"recompute_s", b.recompute},
        {"bubble_s", b.bubble},
        {"optimizer_s", b.optimizer},
        {"tp", {{"exposed_s", b.tp_exposed}, {"hidden_s", b.tp_hidden}, {"overlap_slowdown_s", b.tp_overlap_slowdown}}},
        {"cp", {{"exposed_s", b.cp_exposed}, {"hidden_s", b.cp_hidden}}},
        {"ep", {{"exposed_s", b.ep_exposed}, {"hidden_s", b.ep_hidden}}},
        {"pp", {{"exposed_s", b.pp_exposed}, {"hidden_s", 0.0}}},
        {"dp", {{"exposed_s", b.dp_exposed}, {"hidden_s", b.dp_hidden}}}}},
      {"layer_forward_s", e.layer_forward_s},
      {"layer_backward_s", e.layer_backward_s}};
  if (!e.reason.empty()) out["reason"] = e.reason;
  return out;
}

namespace {

nlohmann::json to_json(const std::vector<perf::ErrorSummary>& summaries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : summaries) {
    out.push_back({{"name", e.name},
                   {"cases", e.cases},
                   {"median_abs_error", e.median_abs_error},
                   {"mean_abs_error", e.mean_abs_error},
                   {"max_abs_error", e.max_abs_error},
                   {"median_speed_error", e.median_speed_error}});
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const perf::ValidationSummary& s) {
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& r : s.results) {
    const auto& c = *r.input;
    nlohmann::json row = {{"id", c.id},
                          {"title", c.title},
                          {"metric", perf::kTrainingMetricNames[static_cast<int>(c.metric)]},
                          {"measured", c.measured.value},
                          {"family", r.family},
                          {"plan", to_json(r.plan)}};
    if (!c.group.empty()) row["group"] = c.group;
    if (r.predicted) {
      row["predicted"] = *r.predicted;
      row["error"] = r.error;
      row["speed_error"] = r.speed_error;
      row["estimate"] = to_json(r.estimate);
    } else {
      row["predicted"] = nullptr;
    }
    if (!r.problem.empty()) row["problem"] = r.problem;
    cases.push_back(std::move(row));
  }
  return {{"cases", cases},
          {"evaluated", s.evaluated},
          {"median_abs_error", s.median_abs_error},
          {"max_abs_error", s.max_abs_error},
          {"families", to_json(s.families)},
          {"groups", to_json(s.groups)}};
}

nlohmann::json to_json(const perf::RunTotals& r) {
  auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"tokens", r.tokens},
          {"days", r.days},
          {"chip_hours", r.chip_hours},
          {"energy_mwh", optional(r.energy_mwh)},
          {"power_per_chip_w", optional(r.power_per_chip_w)},
          {"power_basis", "chip_tdp"},
          {"energy_it_mwh", optional(r.energy_it_mwh)},
          {"system_power_per_chip_w", optional(r.system_power_per_chip_w)},
          {"cost_usd", optional(r.cost_usd)},
          {"usd_per_chip_hour", optional(r.usd_per_chip_hour)},
          {"days_band", r.days_fast && r.days_slow ? nlohmann::json{{"fast", *r.days_fast}, {"slow", *r.days_slow}}
                                                   : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const perf::TrainingBand& band) {
  auto end = [](const perf::TrainingEstimate& e) {
    return nlohmann::json{{"step_time_s", e.step_time_s}, {"tokens_per_s_per_chip", e.tokens_per_s_per_chip}, {"mfu", e.mfu}};
  };
  return {{"slow", end(band.slow)}, {"fast", end(band.fast)}};
}

nlohmann::json to_json(const perf::ServingBand& band) {
  auto end = [](const perf::ServingEstimate& x) {
    return nlohmann::json{{"prefill_tokens_per_s_per_chip", x.prefill.tokens_per_s_per_chip},
                          {"decode_tokens_per_s_per_chip", x.decode.tokens_per_s_per_chip},
                          {"output_tokens_per_s_per_chip", x.output_tokens_per_s_per_chip},
                          {"ttft_ms", x.ttft_s * 1e3},
                          {"tpot_ms", x.tpot_s * 1e3}};
  };
  return {{"slow", end(band.slow)}, {"fast", end(band.fast)}};
}

nlohmann::json plan_estimate_json(const perf::TrainingPlan& plan, const perf::TrainingEstimate& estimate) {
  nlohmann::json out = to_json(estimate);
  out["plan"] = to_json(plan);
  return out;
}

nlohmann::json to_json(const perf::Deployment& d) {
  return {{"chips", d.chips()},
          {"tp", d.tp},
          {"dp", d.dp},
          {"ep", d.ep},
          {"precision", perf::kWeightPrecisionNames[static_cast<int>(d.precision)]},
          {"kv_precision", perf::kKvPrecisionNames[static_cast<int>(d.kv_precision)]},
          {"mtp", d.mtp},
          {"mtp_accept", d.mtp_accept},
          {"two_batch_overlap", d.two_batch_overlap},
          {"attention_core_share", d.attention_core_share},
          {"expert_imbalance", d.expert_imbalance},
          {"balanced_routing", d.balanced_routing},
          {"grouped_kv_reads", d.grouped_kv_reads},
          {"fp8_attention", d.fp8_attention}};
}

namespace {

nlohmann::json breakdown_json(const perf::PhaseBreakdown& b, double scale) {
  return {{"weights_ms", b.weights * scale}, {"experts_ms", b.experts * scale}, {"attention_ms", b.attention * scale},
          {"other_ms", b.other * scale},     {"tp_exposed_ms", b.tp_exposed * scale},
          {"ep_exposed_ms", b.ep_exposed * scale}, {"comm_hidden_ms", b.comm_hidden * scale},
          {"stream_overlap_ms", b.stream_overlap * scale}};
}

}  // namespace

nlohmann::json to_json(const perf::ServingEstimate& e) {
  const auto& m = e.memory;
  nlohmann::json out = {
      {"feasible", e.feasible},
      {"meets_targets", e.meets_targets},
      {"deployment", to_json(e.deployment)},
      {"batch", e.batch},
      {"batch_per_chip", e.batch_per_chip},
      {"prefill_tokens_per_chip", e.prefill_tokens_per_chip},
      {"prefill_tokens_per_s_per_chip", e.prefill.tokens_per_s_per_chip},
      {"decode_tokens_per_s_per_chip", e.decode.tokens_per_s_per_chip},
      {"output_tokens_per_s_per_chip", e.output_tokens_per_s_per_chip},
      {"batching", perf::kBatchingNames[static_cast<int>(e.batching)]},
      {"ttft_ms", e.ttft_s * 1e3},
      {"tpot_ms", e.tpot_s * 1e3},
      {"decode_step_ms", e.decode.step_s * 1e3},
      {"tokens_per_step", e.decode.tokens_per_step},
      {"memory_per_chip_gb", m.total() / 1e9},
      {"memory_capacity_gb", e.memory_capacity / 1e9},
      {"memory", {{"weights_gb", m.weights / 1e9}, {"kv_cache_gb", m.kv_cache / 1e9},
                  {"activations_gb", m.activations / 1e9}, {"reserved_gb", m.reserved / 1e9}}},
      {"breakdown", {{"prefill", breakdown_json(e.prefill.breakdown, 1e3)}, {"decode", breakdown_json(e.decode.breakdown, 1e3)}}},
      {"usd_per_million_tokens", e.usd_per_million_tokens ? nlohmann::json(*e.usd_per_million_tokens) : nlohmann::json(nullptr)},
      {"joules_per_token", e.joules_per_token ? nlohmann::json(*e.joules_per_token) : nlohmann::json(nullptr)},
      {"energy_basis", "chip_tdp"},
      {"joules_per_token_it", e.joules_per_token_it ? nlohmann::json(*e.joules_per_token_it) : nlohmann::json(nullptr)}};
  if (!e.reason.empty()) out["reason"] = e.reason;
  return out;
}

nlohmann::json to_json(const perf::DisaggregatedPlan& p) {
  return {{"prefill", to_json(p.prefill)},
          {"decode", to_json(p.decode)},
          {"prefill_chips_per_decode_chip", p.prefill_chips_per_decode_chip},
          {"output_tokens_per_s_per_chip", p.output_tokens_per_s_per_chip}};
}

nlohmann::json to_json(const perf::InferenceValidationSummary& s) {
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& r : s.results) {
    const auto& c = *r.input;
    nlohmann::json row = {{"id", c.id},
                          {"title", c.title},
                          {"metric", perf::kInferenceMetricNames[static_cast<int>(c.metric)]},
                          {"measured", c.measured.value},
                          {"predicted", r.predicted ? nlohmann::json(*r.predicted) : nlohmann::json(nullptr)},
                          {"error", r.error},
                          {"speed_error", r.speed_error},
                          {"family", r.family},
                          {"estimate", to_json(r.estimate)}};
    if (!c.group.empty()) row["group"] = c.group;
    if (!r.problem.empty()) row["problem"] = r.problem;
    cases.push_back(std::move(row));
  }
  return {{"cases", cases},
          {"evaluated", s.evaluated},
          {"median_abs_error", s.median_abs_error},
          {"max_abs_error", s.max_abs_error},
          {"capacity_checks", s.capacity_checks},
          {"capacity_agreed", s.capacity_agreed},
          {"families", to_json(s.families)},
          {"groups", to_json(s.groups)}};
}

namespace {

nlohmann::json optional_number(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

// What both kinds of match say of a side: which hardware, how many, whether it runs and, if so, its power
// on each basis. `fill` adds what the workload measures.
template <typename Outcome, typename Fill>
nlohmann::json side_json(const compare::Hardware& h, const Outcome& o, Fill fill) {
  nlohmann::json out = {{"chip", h.chip->name},
                        {"system", h.system != nullptr ? nlohmann::json(h.system->name) : nlohmann::json(nullptr)},
                        {"count", o.count},
                        {"feasible", o.feasible}};
  if (!o.feasible) {
    out["reason"] = o.reason;
    return out;
  }
  out["power_kw"] = o.power.chip_kw > 0 ? nlohmann::json(o.power.chip_kw) : nlohmann::json(nullptr);
  out["it_power_kw"] = optional_number(o.power.it_kw);
  out["facility_power_kw"] = optional_number(o.power.facility_kw);
  out["facility_power_kw_band"] = o.power.facility_kw_low && o.power.facility_kw_high
                                      ? nlohmann::json{{"low", *o.power.facility_kw_low}, {"high", *o.power.facility_kw_high}}
                                      : nlohmann::json(nullptr);
  out["pue"] = o.power.pue ? nlohmann::json{{"value", *o.power.pue}, {"stated", o.power.pue_stated}} : nlohmann::json(nullptr);
  fill(out);
  return out;
}

nlohmann::json side_json(const compare::Hardware& h, const compare::ClusterOutcome& o) {
  return side_json(h, o, [&](nlohmann::json& out) {
    out["days"] = o.totals.days;
    out["days_band"] = {{"fast", optional_number(o.totals.days_fast)}, {"slow", optional_number(o.totals.days_slow)}};
    out["tokens_per_s_per_chip"] = o.estimate.tokens_per_s_per_chip;
    out["energy_mwh"] = optional_number(o.totals.energy_mwh);
    out["cost_usd"] = optional_number(o.totals.cost_usd);
    out["bound"] = o.bound;
    out["plan"] = codec::to_json(o.plan);
  });
}

nlohmann::json side_json(const compare::Hardware& h, const compare::ServingOutcome& o) {
  return side_json(h, o, [&](nlohmann::json& out) {
    out["output_tokens_per_s"] = o.output_tokens_per_s;
    out["output_tokens_per_s_band"] = {{"slow", o.output_tokens_per_s_slow}, {"fast", o.output_tokens_per_s_fast}};
    out["deployment"] = o.deployment;
    // Per day of serving, at chip TDP.
    out["energy_mwh"] = o.power.chip_kw > 0 ? nlohmann::json(o.power.chip_kw * 24 / 1e3) : nlohmann::json(nullptr);
    out["cost_usd"] = optional_number(o.usd_per_day);
  });
}

nlohmann::json number_or_null(bool known, double v) { return known ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json match_json(const compare::MatchResult& m, const compare::Hardware& reference, const compare::Hardware& candidate) {
  nlohmann::json out = {{"reference", side_json(reference, m.reference)},
                        {"candidate", side_json(candidate, m.candidate)},
                        {"matched", m.matched},
                        {"count_ratio", number_or_null(m.matched, m.count_ratio)},
                        {"power_ratio", number_or_null(m.matched && m.power_ratio > 0, m.power_ratio)},
                        {"bound", m.matched ? nlohmann::json(m.candidate.bound) : nlohmann::json(nullptr)},
                        {"equal_count_speed", number_or_null(m.equal_count_speed > 0, m.equal_count_speed)},
                        {"counts_tried", m.counts_tried},
                        {"seconds", m.seconds}};
  if (!m.matched) out["reason"] = m.reason;
  return out;
}

nlohmann::json match_json(const compare::ServingMatchResult& m, const compare::Hardware& reference,
                          const compare::Hardware& candidate) {
  nlohmann::json out = {{"reference", side_json(reference, m.reference)},
                        {"candidate", side_json(candidate, m.candidate)},
                        {"demand_output_tokens_per_s", m.demand},
                        {"matched", m.matched},
                        {"count_ratio", number_or_null(m.matched, m.count_ratio)},
                        {"power_ratio", number_or_null(m.matched && m.power_ratio > 0, m.power_ratio)},
                        {"bound", nullptr},
                        {"per", "day"},
                        {"counts_tried", m.counts_tried},
                        {"seconds", m.seconds}};
  if (!m.matched) out["reason"] = m.reason;
  return out;
}

}  // namespace chipgap::codec
