// SPDX-License-Identifier: Apache-2.0
// The training model's parts against hand arithmetic and published formulas, its plan rules, and the
// properties any step-time model must have (more bandwidth is never slower, recomputation trades time
// for memory).
#include <gtest/gtest.h>

#include <cmath>

#include "builtin_data.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/collectives.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/training_model.hpp"

namespace chipgap::perf {
namespace {

using testing::builtin;
using testing::cluster_of;
using testing::model;

TrainingPlan gpt3_plan() {
  TrainingPlan p;
  p.tp = 8;
  p.pp = 8;
  p.dp = 1;
  p.vp = 3;
  p.micro_batch = 1;
  p.global_batch = 64;
  p.seq_len = 2048;
  p.sequence_parallel = true;
  p.recompute = Recompute::Selective;
  return p;
}

TEST(Collectives, RingAllReduceMovesTwiceTheBufferLessOneShare) {
  Network net{100e9, 10e9, 0, 0};
  // 8 ranks in one domain: 2 x 7/8 x 1 GB at 100 GB/s.
  EXPECT_NEAR(all_reduce_time(net, {8, 8}, 1e9), 2 * 7.0 / 8 * 1e9 / 100e9, 1e-12);
  EXPECT_NEAR(reduce_scatter_time(net, {8, 8}, 1e9), 7.0 / 8 * 1e9 / 100e9, 1e-12);
  EXPECT_EQ(all_reduce_time(net, {1, 1}, 1e9), 0);
  EXPECT_EQ(all_to_all_time(net, {1, 1}, 1e9), 0);
}

TEST(Collectives, HierarchicalAllReduceUsesTheFastLinksFirst) {
  Network net{100e9, 10e9, 0, 0};
  // 64 ranks, 8 per domain: in-domain reduce-scatter and all-gather of 1 GB, then 1/8 of it across 8 domains.
  const double expected = 2 * (7.0 / 8 * 1e9 / 100e9) + 2 * 7.0 / 8 * (1e9 / 8) / 10e9;
  EXPECT_NEAR(all_reduce_time(net, {64, 8}, 1e9), expected, 1e-9);
  EXPECT_LT(all_reduce_time(net, {64, 8}, 1e9), all_reduce_time(net, {64, 1}, 1e9));
}

TEST(Collectives, LatencyBoundSmallMessagesPreferTheTree) {
  Network net{100e9, 10e9, 5e-6, 10e-6};
  // 1,024 ranks across domains, 8 bytes: a ring pays 2 x 1,023 steps, a tree 2 x log2(1024).
  EXPECT_NEAR(all_reduce_time(net, {1024, 1}, 8), 2 * 10 * 10e-6 + 2 * 1023.0 / 1024 * 8 / 10e9, 1e-9);
}

TEST(Collectives, TheLastOfManyRanksArrivesLater) {
  // xDeepServe's dispatch on 288 dies: 49 us between the average and the best call.
  EXPECT_NEAR(last_arrival_wait(288), 49e-6, 0.5e-6);
  EXPECT_EQ(last_arrival_wait(1), 0);
  // The largest of N near-Gaussian arrivals grows like sqrt(ln N).
  EXPECT_NEAR(last_arrival_wait(1024) / last_arrival_wait(32), std::sqrt(2.0), 1e-12);
}

TEST(TrainingMemory, ActivationsMatchKorthikantiForGpt3WithoutFusedAttention) {
  // Korthikanti et al. 2022, eq. 5 (TP with sequence parallelism): per layer s*b*h*(34 + 5*a*s/h) / t bytes.
  const Cluster c = cluster_of("DGX A100", 8);
  const TrainingModel training(model("gpt3-175b"), c);
  TrainingPlan p;
  p.tp = 8;
  p.pp = 1;
  p.dp = 1;
  p.micro_batch = 1;
  p.global_batch = 1;
  p.seq_len = 2048;
  p.sequence_parallel = true;
  p.flash_attention = false;
  const double s = 2048, h = 12288, a = 96, t = 8, layers = 96, vocab = 50257;
  const double logits = s * vocab / t * 2;
  const double expected = layers * s * h * (34 + 5 * a * s / h) / t;
  const double got = training.memory(p).activations - logits;
  EXPECT_NEAR(got / expected, 1.0, 0.01);
  // Selective recomputation drops exactly the 5as/h term.
  p.recompute = Recompute::Selective;
  EXPECT_NEAR((training.memory(p).activations - logits) / (layers * s * h * 34 / t), 1.0, 0.01);
}

TEST(TrainingMemory, OptimizerStateShardsWithZero) {
  const Cluster c = cluster_of("HGX H100", 64);
  const TrainingModel training(model("llama3-70b"), c);
  TrainingPlan p;
  p.tp = 8;
  p.dp = 8;
  p.global_batch = 64;
  p.seq_len = 4096;
  p.sequence_parallel = true;
  p.zero = 0;
  const MemoryBreakdown replicated = training.memory(p);
  p.zero = 1;
  const MemoryBreakdown sharded = training.memory(p);
  EXPECT_NEAR(sharded.optimizer * 8, replicated.optimizer, replicated.optimizer * 1e-9);
  EXPECT_EQ(sharded.gradients, replicated.gradients);
  p.zero = 3;
  EXPECT_NEAR(training.memory(p).weights * 8, replicated.weights, replicated.weights * 1e-9);
}

TEST(TrainingMemory, DeepSeekMemorySaversShrinkWhatTheyClaim) {
  const Cluster c = cluster_of("HGX H800", 2048);
  const TrainingModel training(model("deepseek-v3"), c);
  TrainingPlan p;
  p.pp = 16;
  p.dp = 128;
  p.ep = 64;
  p.global_batch = 15360;
  p.seq_len = 4096;
  p.precision = TrainPrecision::Fp8;
  const MemoryBreakdown plain = training.memory(p);
  p.bf16_optimizer_moments = true;
  const MemoryBreakdown moments = training.memory(p);
  EXPECT_NEAR(moments.optimizer / plain.optimizer, 8.0 / 12.0, 1e-9);
  p.fp8_activation_cache = true;
  EXPECT_LT(training.memory(p).activations, moments.activations);
  p.precision = TrainPrecision::Bf16;  // an FP8 cache needs an FP8 run
  const double bf16_cached = training.memory(p).activations;
  p.fp8_activation_cache = false;
  EXPECT_DOUBLE_EQ(training.memory(p).activations, bf16_cached);
}

TEST(TrainingModel, RecomputationTradesTimeForMemory) {
  const Cluster c = cluster_of("DGX A100", 64);
  const TrainingModel training(model("gpt3-175b"), c);
  TrainingPlan p = gpt3_plan();
  p.flash_attention = false;
  std::vector<TrainingEstimate> e;
  for (Recompute r : {Recompute::None, Recompute::Selective, Recompute::Full}) {
    p.recompute = r;
    e.push_back(training.evaluate(p));
  }
  EXPECT_LT(e[0].step_time_s, e[1].step_time_s);
  EXPECT_LT(e[1].step_time_s, e[2].step_time_s);
  EXPECT_GT(e[0].memory.activations, e[1].memory.activations);
  EXPECT_GT(e[1].memory.activations, e[2].memory.activations);
}

TEST(TrainingModel, MoreNetworkBandwidthIsNeverSlower) {
  const TrainingPlan p = [] {
    TrainingPlan plan;
    plan.tp = 8;
    plan.pp = 4;
    plan.dp = 16;
    plan.global_batch = 512;
    plan.seq_len = 4096;
    plan.sequence_parallel = true;
    return plan;
  }();
  double previous = 1e300;
  for (double gbps : {25.0, 50.0, 100.0, 200.0, 400.0, 800.0}) {
    const Cluster c = cluster_of("HGX H100", 512, {gbps * 1e9 / 8, std::nullopt});
    const double step = TrainingModel(model("llama3-70b"), c).evaluate(p).step_time_s;
    EXPECT_LE(step, previous) << gbps << " Gb/s";
    previous = step;
  }
}

TEST(TrainingModel, InterleavingShrinksTheBubble) {
  const Cluster c = cluster_of("DGX A100", 64);
  const TrainingModel training(model("gpt3-175b"), c);
  TrainingPlan p = gpt3_plan();
  p.vp = 1;
  const double one = training.evaluate(p).breakdown.bubble;
  p.vp = 3;
  EXPECT_NEAR(training.evaluate(p).breakdown.bubble * 3, one, one * 0.05);
}

TEST(TrainingModel, ThroughputFiguresAgree) {
  const Cluster c = cluster_of("DGX A100", 64);
  const TrainingModel training(model("gpt3-175b"), c);
  const TrainingEstimate e = training.evaluate(gpt3_plan());
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_NEAR(e.tokens_per_s_per_chip, 64.0 * 2048 / e.step_time_s / 64, 1e-9);
  EXPECT_NEAR(e.model_tflops_per_chip, e.tokens_per_s_per_chip * model_flops_per_token(model("gpt3-175b"), 2048) / 1e12, 1e-9);
  EXPECT_NEAR(e.mfu, e.model_tflops_per_chip / 312, 1e-9);
  const auto& b = e.breakdown;
  const double parts = b.compute + b.tp_exposed + b.tp_overlap_slowdown + b.cp_exposed + b.ep_exposed + b.pp_exposed +
                       b.bubble + b.dp_exposed + b.optimizer;
  EXPECT_NEAR(parts, e.step_time_s, e.step_time_s * 1e-9);
}

TEST(TrainingModel, OverlappedTensorParallelismHidesNoMoreThanItSendsAndNeverCostsMoreThanNotOverlapping) {
  const Cluster c = cluster_of("HGX H100", 64);
  const TrainingModel training(model("llama3-70b"), c);
  for (std::int64_t tp : {2, 4, 8}) {
    TrainingPlan p;
    p.tp = tp;
    p.pp = 4;
    p.dp = 16 / tp;
    p.global_batch = 128;
    p.seq_len = 8192;
    p.precision = TrainPrecision::Fp8;
    p.sequence_parallel = true;
    p.tp_comm_overlap = false;
    const TrainingEstimate serial = training.evaluate(p);
    p.tp_comm_overlap = true;
    const TrainingEstimate overlapped = training.evaluate(p);
    const auto& b = overlapped.breakdown;
    SCOPED_TRACE(tp);
    EXPECT_GE(b.tp_hidden, 0);
    EXPECT_GE(b.tp_exposed, 0);
    EXPECT_NEAR(b.tp_exposed + b.tp_hidden, serial.breakdown.tp_exposed, serial.breakdown.tp_exposed * 1e-9);
    EXPECT_LE(overlapped.step_time_s, serial.step_time_s * (1 + 1e-12));
    const double parts = b.compute + b.tp_exposed + b.tp_overlap_slowdown + b.cp_exposed + b.ep_exposed + b.pp_exposed +
                         b.bubble + b.dp_exposed + b.optimizer;
    EXPECT_NEAR(parts, overlapped.step_time_s, overlapped.step_time_s * 1e-9);
  }
}

TEST(Bands, EveryEfficiencyMovesToTheEndThatSlowsOrSpeedsTheChip) {
  const Cluster c = cluster_of("HGX H100", 8);
  const FamilyEfficiency& e = *c.efficiency;
  const FamilyEfficiency slow = at_bound(e, Bound::Slow), fast = at_bound(e, Bound::Fast);
  EXPECT_DOUBLE_EQ(slow.gemm_bf16.value, e.gemm_bf16.provenance.range->low);
  EXPECT_DOUBLE_EQ(fast.gemm_bf16.value, e.gemm_bf16.provenance.range->high);
  EXPECT_DOUBLE_EQ(slow.sustained_clock.value, e.sustained_clock.provenance.range->low);
  EXPECT_DOUBLE_EQ(slow.scale_up_latency_us.value, e.scale_up_latency_us.provenance.range->high);
  EXPECT_DOUBLE_EQ(fast.gemm_half_dim.value, e.gemm_half_dim.provenance.range->low);
}

TEST(Bands, TheCentralEstimateLiesInsideItsBand) {
  for (const char* system : {"DGX A100", "HGX H100", "Atlas 800T A2"}) {
    const Cluster c = cluster_of(system, 64);
    const TrainingModel training(model("llama3-70b"), c);
    TrainingPlan p;
    p.tp = 8;
    p.pp = 4;
    p.dp = 2;
    p.global_batch = 64;
    p.seq_len = 4096;
    p.sequence_parallel = true;
    p.recompute = Recompute::Full;
    const TrainingEstimate central = training.evaluate(p);
    const TrainingBand band = training_band(model("llama3-70b"), c, p);
    SCOPED_TRACE(system);
    EXPECT_LT(band.slow.tokens_per_s_per_chip, central.tokens_per_s_per_chip);
    EXPECT_GT(band.fast.tokens_per_s_per_chip, central.tokens_per_s_per_chip);
    EXPECT_GT(band.slow.step_time_s, central.step_time_s);
  }
}

TEST(TrainingModel, APlanThatDoesNotFitIsAResultWithItsReason) {
  const Cluster c = cluster_of("HGX H100", 8);
  const TrainingModel training(model("llama3-405b"), c);
  TrainingPlan p;
  p.tp = 8;
  p.global_batch = 8;
  p.seq_len = 8192;
  const TrainingEstimate e = training.evaluate(p);
  EXPECT_FALSE(e.feasible);
  EXPECT_GT(e.step_time_s, 0);
  EXPECT_EQ(e.reason.rfind("needs ", 0), 0u) << e.reason;
  EXPECT_NE(e.reason.find(" GB per chip, has 80.0"), std::string::npos) << e.reason;
}

TEST(TrainingModel, ImpossiblePlansAreNamed) {
  const Cluster c = cluster_of("HGX H100", 64);
  const TrainingModel dense(model("llama3-70b"), c);
  TrainingPlan p;
  p.tp = 8;
  p.dp = 8;
  p.global_batch = 64;
  EXPECT_EQ(dense.check(p), "");
  p.dp = 4;
  EXPECT_EQ(dense.check(p), "TP 8 x PP 1 x DP 4 x CP 1 = 32 chips, but the cluster has 64");
  const TrainingModel gpt3(model("gpt3-175b"), c);
  p.tp = 64;
  p.dp = 1;
  EXPECT_EQ(gpt3.check(p), "TP 64 does not divide the model's 96 attention heads");
  p.tp = 1;
  p.pp = 64;
  p.dp = 1;
  p.vp = 2;
  EXPECT_EQ(gpt3.check(p), "PP 64 x VP 2 asks for more pipeline chunks than the model's 96 layers");
  p = TrainingPlan{};
  p.tp = 8;
  p.dp = 8;
  p.global_batch = 64;
  p.ep = 8;
  EXPECT_EQ(dense.check(p), "EP 8 needs a mixture-of-experts model; Llama 3 70B is dense");
  p.ep = 1;
  p.global_batch = 60;
  EXPECT_EQ(dense.check(p), "global batch 60 is not a multiple of DP 8 x micro-batch 1");
  p.global_batch = 64;
  p.seq_len = 4097;
  p.tp = 4;
  p.cp = 2;
  EXPECT_EQ(dense.check(p), "CP 2 does not divide the sequence length 4097");
}

TEST(PlanSearch, FindsFeasiblePlansFastestFirstAndKeepsFixedDegrees) {
  const Cluster c = cluster_of("HGX H100", 512);
  const TrainingModel training(model("llama3-70b"), c);
  SearchSpace space;
  space.base.global_batch = 512;
  space.base.seq_len = 4096;
  const SearchResult all = search_plans(training, space, 10, 2);
  ASSERT_FALSE(all.best.empty());
  EXPECT_GT(all.plans_evaluated, all.best.size());
  for (std::size_t i = 0; i < all.best.size(); ++i) {
    EXPECT_TRUE(all.best[i].estimate.feasible);
    EXPECT_EQ(all.best[i].plan.chips(), 512);
    if (i > 0) {
      EXPECT_LE(all.best[i - 1].estimate.step_time_s, all.best[i].estimate.step_time_s);
    }
  }
  // The best plan is at least as fast as a reasonable hand-written one.
  TrainingPlan hand;
  hand.tp = 8;
  hand.pp = 4;
  hand.dp = 16;
  hand.global_batch = 512;
  hand.seq_len = 4096;
  hand.sequence_parallel = true;
  hand.recompute = Recompute::Selective;
  EXPECT_LE(all.best.front().estimate.step_time_s, training.evaluate(hand).step_time_s);

  space.tp = 4;
  space.pp = 2;
  const SearchResult fixed = search_plans(training, space, 3, 1);
  ASSERT_FALSE(fixed.best.empty());
  for (const auto& r : fixed.best) {
    EXPECT_EQ(r.plan.tp, 4);
    EXPECT_EQ(r.plan.pp, 2);
  }
  EXPECT_GE(fixed.best.front().estimate.step_time_s, all.best.front().estimate.step_time_s);
}

TEST(PlanSearch, ReportsTheClosestPlanWhenNothingFits) {
  const Cluster c = cluster_of("HGX H100", 8);
  const TrainingModel training(model("llama3-405b"), c);
  SearchSpace space;
  space.base.global_batch = 64;
  space.base.seq_len = 8192;
  const SearchResult result = search_plans(training, space);
  EXPECT_TRUE(result.best.empty());
  ASSERT_TRUE(result.closest.has_value());
  EXPECT_FALSE(result.closest->estimate.feasible);
}

TEST(Cluster, MissingNetworkFiguresAreErrorsNotGuesses) {
  const auto* h20 = builtin().catalog.find_accelerator("h20");
  ASSERT_NE(h20, nullptr);
  auto many = make_cluster(*h20, nullptr, 64, builtin().efficiency);
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.errors().front().message.find("has no scale-out bandwidth"), std::string::npos);
  EXPECT_TRUE(make_cluster(*h20, nullptr, 8, builtin().efficiency).ok());  // one NVLink domain
  EXPECT_TRUE(make_cluster(*h20, nullptr, 64, builtin().efficiency, {50e9, std::nullopt}).ok());
  EXPECT_FALSE(make_cluster(*h20, nullptr, 0, builtin().efficiency).ok());
}

}  // namespace
}  // namespace chipgap::perf
