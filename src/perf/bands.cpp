// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/bands.hpp"

namespace chipgap::perf {
namespace {

void move_to(spec::Sourced<double>& value, bool low) {
  if (const auto& range = value.provenance.range) value.value = low ? range->low : range->high;
}

// A copy of the cluster that uses `efficiency` (which must outlive it).
Cluster with_efficiency(const Cluster& cluster, const FamilyEfficiency& efficiency) {
  Cluster c = cluster;
  c.efficiency = &efficiency;
  return c;
}

}  // namespace

FamilyEfficiency at_bound(const FamilyEfficiency& e, Bound bound) {
  FamilyEfficiency out = e;
  const bool slow = bound == Bound::Slow;
  // Achieved fractions: lower is slower.
  for (auto* fraction : {&out.gemm_bf16, &out.gemm_fp8, &out.attention, &out.sustained_clock, &out.memory,
                         &out.scale_up, &out.scale_out}) {
    move_to(*fraction, slow);
  }
  // Sizes at which GEMMs lose half their speed, and latencies: higher is slower.
  for (auto* cost : {&out.gemm_half_dim, &out.scale_up_latency_us, &out.scale_out_latency_us}) move_to(*cost, !slow);
  return out;
}

TrainingBand training_band(const spec::ModelArch& model, const Cluster& cluster, const TrainingPlan& plan) {
  const FamilyEfficiency slow = at_bound(*cluster.efficiency, Bound::Slow);
  const FamilyEfficiency fast = at_bound(*cluster.efficiency, Bound::Fast);
  const Cluster slow_cluster = with_efficiency(cluster, slow), fast_cluster = with_efficiency(cluster, fast);
  return {TrainingModel(model, slow_cluster).evaluate(plan), TrainingModel(model, fast_cluster).evaluate(plan)};
}

ServingBand serving_band(const spec::ModelArch& model, const Cluster& cluster, const ServingEstimate& central,
                         const Workload& workload, const CostAssumptions& cost) {
  Workload fixed = workload;
  fixed.batch = central.batch;
  fixed.prefill_tokens_per_chip = central.prefill_tokens_per_chip;
  const FamilyEfficiency slow = at_bound(*cluster.efficiency, Bound::Slow);
  const FamilyEfficiency fast = at_bound(*cluster.efficiency, Bound::Fast);
  const Cluster slow_cluster = with_efficiency(cluster, slow), fast_cluster = with_efficiency(cluster, fast);
  return {serve(InferenceModel(model, slow_cluster), central.deployment, fixed, cost),
          serve(InferenceModel(model, fast_cluster), central.deployment, fixed, cost)};
}

RateBand disaggregated_band(const spec::ModelArch& model, const Cluster& cluster, const DisaggregatedPlan& plan,
                            const Workload& workload, const CostAssumptions& cost) {
  Workload prefill = workload, decode = workload;
  prefill.phase = Phase::Prefill;
  decode.phase = Phase::Decode;
  const ServingBand p = serving_band(model, cluster, plan.prefill, prefill, cost);
  const ServingBand d = serving_band(model, cluster, plan.decode, decode, cost);
  // As the search sizes the pools: P:D = decode rate × input/output over the prefill rate.
  auto over_both_pools = [&](const ServingEstimate& pre, const ServingEstimate& dec) {
    const double decode_rate = dec.decode.tokens_per_s_per_chip, prefill_rate = pre.prefill.tokens_per_s_per_chip;
    if (!pre.feasible || !dec.feasible || decode_rate <= 0 || prefill_rate <= 0) return 0.0;
    const double prefill_per_decode = decode_rate * workload.input_len / workload.output_len / prefill_rate;
    return decode_rate / (1 + prefill_per_decode);
  };
  return {over_both_pools(p.slow, d.slow), over_both_pools(p.fast, d.fast)};
}

}  // namespace chipgap::perf
