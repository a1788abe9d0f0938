// SPDX-License-Identifier: Apache-2.0
// The serving model's parts against hand arithmetic and the properties any serving model must have.
#include <gtest/gtest.h>

#include <cmath>

#include "builtin_data.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/collectives.hpp"
#include "chipgap/perf/serving.hpp"

namespace chipgap::perf {
namespace {

using testing::builtin;
using testing::cluster_of;
using testing::model;

// One HGX H100 as one TP group with FP8 weights: the dense serving setup most tests use.
Deployment tp8_fp8() {
  Deployment d;
  d.tp = 8;
  d.precision = WeightPrecision::Fp8;
  return d;
}

// DeepSeek-V3 decode with attention-DP and EP over every chip of `chips`.
Deployment deepseek_ep(std::int64_t chips, WeightPrecision precision) {
  Deployment d;
  d.dp = chips;
  d.ep = chips;
  d.precision = precision;
  return d;
}

TEST(InferenceMemory, KvCachePerTokenFollowsTheAttentionKind) {
  const Cluster c = cluster_of("HGX H100", 8);
  // MLA: one 512-wide latent and a 64-wide RoPE key per layer, 61 layers, BF16; the MTP module keeps a
  // cache too when it drafts.
  Deployment d;
  const InferenceModel ds(model("deepseek-v3"), c);
  EXPECT_DOUBLE_EQ(ds.kv_bytes_per_token_per_chip(d), (512 + 64) * 2.0 * 61);
  d.mtp = 1;
  EXPECT_DOUBLE_EQ(ds.kv_bytes_per_token_per_chip(d), (512 + 64) * 2.0 * 62);
  d.mtp = 0;
  // GQA: 8 KV heads x (128 + 128) x 2 bytes x 80 layers, split over TP 4 (2 heads per chip); FP8 halves it.
  d.tp = 4;
  const InferenceModel llama(model("llama3-70b"), c);
  EXPECT_DOUBLE_EQ(llama.kv_bytes_per_token_per_chip(d), 8 * 256 * 2.0 * 80 / 4);
  d.kv_precision = KvPrecision::Fp8;
  EXPECT_DOUBLE_EQ(llama.kv_bytes_per_token_per_chip(d), 8 * 256 * 1.0 * 80 / 4);
  // Beyond the KV head count, heads are replicated: TP 16 holds one head per chip, not half.
  d.tp = 16;
  EXPECT_DOUBLE_EQ(llama.kv_bytes_per_token_per_chip(d), 8 * 256 * 1.0 * 80 / 8);
}

TEST(InferenceMemory, WeightsFollowThePrecisionAndTheLargestBatchJustFits) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  Deployment d;
  d.tp = 8;
  const double bf16 = llama.memory(d, 0, 4096, 0).weights;
  d.precision = WeightPrecision::Fp8;
  EXPECT_NEAR(llama.memory(d, 0, 4096, 0).weights * 2, bf16, bf16 * 1e-12);
  d.precision = WeightPrecision::Int4;
  EXPECT_NEAR(llama.memory(d, 0, 4096, 0).weights * 4, bf16, bf16 * 1e-12);
  d.precision = WeightPrecision::Fp8;
  const std::int64_t most = llama.max_batch(d, 4096);
  ASSERT_GT(most, 0);
  EXPECT_LE(llama.memory(d, static_cast<double>(most), 4096, 0).total(), c.memory_bytes);
  EXPECT_GT(llama.memory(d, static_cast<double>(most + 1), 4096, 0).total(), c.memory_bytes);
}

TEST(Decode, OneSequenceIsBoundByReadingTheWeights) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  Deployment d;
  d.tp = 8;
  const DecodeEstimate e = llama.decode(d, 1, 1024);
  const double weights_per_chip = llama.memory(d, 0, 1025, 0).weights;
  const double floor = weights_per_chip / c.memory_bandwidth;  // at the datasheet bandwidth
  EXPECT_GT(e.step_s, floor);
  EXPECT_LT(e.step_s, 2.5 * floor);
  EXPECT_GT(e.breakdown.weights, e.breakdown.attention);
}

// MLA decode packs one sequence's heads on a chip into 64-row tensor-core tiles: at TP 8 (16 heads per
// chip) a quarter of each tile works, so compute-bound attention takes four times its FLOPs' time; with
// attention data-parallel (128 heads per chip) the tiles are full.
TEST(Decode, MlaAttentionFillsItsTilesWithTheHeadsOnTheChip) {
  const Cluster c = cluster_of("HGX H20", 8);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment tp8;
  tp8.tp = 8;
  tp8.precision = WeightPrecision::Fp8;
  const double batch = 64, context = 1500;
  const DecodeEstimate e = ds.decode(tp8, batch, context);
  const double flops_per_layer = 2 * batch * context * 16 * (512 + 64 + 512);
  const double rate = c.peak_bf16 * c.efficiency->attention.value * c.efficiency->sustained_clock.value;
  EXPECT_NEAR(e.breakdown.attention, 61 * flops_per_layer / (rate * 0.25), 1e-9);
  Deployment dp8 = tp8;
  dp8.tp = 1;
  dp8.dp = 8;
  dp8.ep = 8;
  const DecodeEstimate full = ds.decode(dp8, batch, context);
  // Eight times the heads per chip on an eighth of the sequences: the same FLOPs, in full tiles.
  EXPECT_LT(full.breakdown.attention, e.breakdown.attention / 3);
}

// FP8 attention runs the attention FLOPs at the FP8 rate, scaled by FlashAttention-3's FP8/BF16 shares;
// it needs an FP8 KV cache and a chip with an FP8 rate.
TEST(Decode, Fp8AttentionRunsAtTheFp8Rate) {
  const Cluster c = cluster_of("HGX H20", 16);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(16, WeightPrecision::Fp8);
  d.kv_precision = KvPrecision::Fp8;
  const DecodeEstimate bf16 = ds.decode(d, 16 * 64, 8192);
  d.fp8_attention = true;
  EXPECT_EQ(ds.check(d), "");
  const DecodeEstimate fp8 = ds.decode(d, 16 * 64, 8192);
  const double share = (1200.0 / 1979.0) / (740.0 / 989.0);
  EXPECT_NEAR(bf16.breakdown.attention / fp8.breakdown.attention, c.peak_fp8 * share / c.peak_bf16, 1e-6);
  d.kv_precision = KvPrecision::Bf16;
  EXPECT_EQ(ds.check(d), "FP8 attention reads an FP8 KV cache: give the KV precision fp8");
  const Cluster ascend = cluster_of("CloudMatrix 384", 16);
  Deployment int8 = deepseek_ep(16, WeightPrecision::Int8);
  int8.kv_precision = KvPrecision::Fp8;
  int8.fp8_attention = true;
  EXPECT_EQ(InferenceModel(model("deepseek-v3"), ascend).check(int8), "Ascend 910C has no FP8 rate in the catalog");
}

// A cut-down part with its own measurements gets its own efficiency entry ahead of its family's.
TEST(Efficiency, AChipsOwnEntryComesBeforeItsFamilys) {
  EXPECT_EQ(cluster_of("HGX H20", 8).efficiency->chip, "H20");
  EXPECT_EQ(cluster_of("HGX H100", 8).efficiency->family, "Hopper");
  EXPECT_GT(cluster_of("HGX H20", 8).efficiency->gemm_bf16.value, cluster_of("HGX H100", 8).efficiency->gemm_bf16.value);
}

TEST(Decode, LargerBatchesRaiseThroughputAndTimePerToken) {
  const Cluster c = cluster_of("HGX H800", 32);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(32, WeightPrecision::Fp8);
  double previous_tpot = 0, previous_rate = 0;
  for (double batch : {32.0, 256.0, 1024.0, 4096.0}) {
    const DecodeEstimate e = ds.decode(d, batch, 2048);
    EXPECT_GT(e.tpot_s, previous_tpot) << batch;
    EXPECT_GT(e.tokens_per_s_per_chip, previous_rate) << batch;
    previous_tpot = e.tpot_s;
    previous_rate = e.tokens_per_s_per_chip;
  }
}

TEST(Decode, DraftTokensRaiseTokensPerStepByTheAcceptance) {
  const Cluster c = cluster_of("HGX H800", 32);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(32, WeightPrecision::Fp8);
  d.mtp = 2;
  d.mtp_accept = 0.8;
  const DecodeEstimate e = ds.decode(d, 1024, 2048);
  EXPECT_DOUBLE_EQ(e.tokens_per_step, 1 + 0.8 + 0.64);
  EXPECT_NEAR(e.tpot_s, e.step_s / e.tokens_per_step, 1e-15);
}

TEST(Decode, TwoBatchOverlapHidesCommunication) {
  const Cluster c = cluster_of("HGX H800", 128);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(128, WeightPrecision::Fp8);
  const DecodeEstimate plain = ds.decode(d, 16384, 4096);
  d.two_batch_overlap = true;
  const DecodeEstimate overlapped = ds.decode(d, 16384, 4096);
  EXPECT_LT(overlapped.step_s, plain.step_s);
  EXPECT_GT(overlapped.breakdown.comm_hidden, 0);
  EXPECT_GT(plain.breakdown.ep_exposed, overlapped.breakdown.ep_exposed);
}

TEST(Decode, TheBusiestExpertRankSetsTheCommunicationTime) {
  const Cluster c = cluster_of("HGX H800", 64);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(64, WeightPrecision::Fp8);
  d.balanced_routing = true;
  const double batch = 64 * 32.0;  // 32 sequences per chip: 256 routed tokens per EP rank
  const double balanced = ds.decode(d, batch, 2048).breakdown.ep_exposed;
  d.balanced_routing = false;
  d.expert_imbalance = 1;
  const double random = ds.decode(d, batch, 2048).breakdown.ep_exposed;
  d.expert_imbalance = kDefaultExpertImbalance;
  const double deployed = ds.decode(d, batch, 2048).breakdown.ep_exposed;
  // Random routing: the largest of 64 near-Poisson loads of mean 256 is about 256 + sqrt(2 x 256 x ln 64).
  // The busiest rank's bytes grow by that factor, its latency does not: compare the growths.
  const double fluctuation = 1 + std::sqrt(2 * std::log(64.0) / 256);
  EXPECT_GT(random, balanced);
  EXPECT_NEAR((random - balanced) / (deployed - balanced), (fluctuation - 1) / (kDefaultExpertImbalance * fluctuation - 1), 1e-9);
  // Prefill routes thousands of tokens per rank: the fluctuation nearly vanishes.
  d.expert_imbalance = 1;
  const double prefill_random = ds.prefill(d, 4096, 16384).breakdown.ep_exposed;
  d.balanced_routing = true;
  EXPECT_LT(prefill_random / ds.prefill(d, 4096, 16384).breakdown.ep_exposed, 1.02);
}

TEST(Decode, DispatchWaitsForTheLastRank) {
  const Cluster c = cluster_of("HGX H800", 64);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(64, WeightPrecision::Fp8);
  d.balanced_routing = true;
  const DecodeEstimate e = ds.decode(d, 64 * 32.0, 2048);
  const PhaseBreakdown& b = e.breakdown;
  // One after the other, the parts are the step; the exposed EP time holds the transfers and the waits.
  EXPECT_NEAR(b.weights + b.experts + b.attention + b.other + b.ep_exposed, e.step_s, 1e-9 * e.step_s);
  // The transfers, by hand: 32 tokens per chip sent straight to their 8 experts' chips, 8-bit out and
  // BF16 back, over 8 chips per NVLink domain and the network between them.
  const FamilyEfficiency& eff = *c.efficiency;
  const Network net{c.scale_up_bandwidth * eff.scale_up.value, c.scale_out_bandwidth * eff.scale_out.value,
                    eff.scale_up_latency_us.value * 1e-6, eff.scale_out_latency_us.value * 1e-6};
  const Group g{64, 8};
  const DispatchTraffic t = direct_dispatch(g, 32, 7168, 8);
  const double transfers = 58 * (two_level_all_to_all_time(net, g, t.local, t.remote) +
                                 two_level_all_to_all_time(net, g, 2 * t.local, 2 * t.remote));
  // The rest is each of them waiting for the last of the 64 ranks to arrive.
  EXPECT_NEAR(b.ep_exposed - transfers, 58 * 2 * last_arrival_wait(64), 1e-9);
}

TEST(Decode, ExpertSkewDoesNotGrowTheWeightsTheBusiestRankReads) {
  const Cluster c = cluster_of("HGX H800", 64);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(64, WeightPrecision::Fp8);
  // One sequence per chip: every expert GEMM is bound by reading its weights, which skew does not add to.
  d.balanced_routing = true;
  const double balanced = ds.decode(d, 64, 2048).breakdown.experts;
  d.balanced_routing = false;
  EXPECT_DOUBLE_EQ(ds.decode(d, 64, 2048).breakdown.experts, balanced);
}

TEST(Decode, PartitionedStreamsRunAttentionAndExpertsAtOnce) {
  const Cluster c = cluster_of("CloudMatrix 384", 160);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(160, WeightPrecision::Int8);
  const double batch = 160 * 96.0;
  d.two_batch_overlap = true;
  d.attention_core_share = 16.0 / 24;  // CloudMatrix-Infer: 16 of a die's 24 cube cores for attention
  const DecodeEstimate split = ds.decode(d, batch, 4224);
  EXPECT_LT(split.breakdown.stream_overlap, 0);  // the streams overlap each other's work
  // The parts still add up to the step.
  const PhaseBreakdown& b = split.breakdown;
  EXPECT_NEAR(b.weights + b.experts + b.attention + b.other + b.tp_exposed + b.ep_exposed + b.stream_overlap, split.step_s,
              1e-9 * split.step_s);
  // Giving attention nearly all the units starves the MoE stream.
  d.attention_core_share = 0.95;
  EXPECT_GT(ds.decode(d, batch, 4224).step_s, split.step_s);
  d.two_batch_overlap = false;
  EXPECT_EQ(ds.check(d), "partitioned attention and MoE streams need two-batch overlap");
}

TEST(Prefill, LowPrecisionPaysForItsCasts) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  Deployment d = tp8_fp8();
  const double fp8 = llama.prefill(d, 4096, 4096).breakdown.other;
  d.precision = WeightPrecision::Bf16;
  const double bf16 = llama.prefill(d, 4096, 4096).breakdown.other;
  // Every GEMM input is cast: the QKV, output-projection, up and down inputs, 3 bytes per element.
  EXPECT_GT(fp8, bf16);
}

TEST(Prefill, MemoryBoundKernelsMoveWhatTrainingCounts) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  Deployment d;
  d.tp = 8;
  // Per token and layer at TP 8 in BF16: norms and residual adds, 11 hidden widths of 2 bytes, unsplit;
  // SwiGLU reads gate and up and writes one, 2 x 1.5 x (2 x 28,672) x 2 bytes over 8 ranks.
  const double bytes_per_token = 11 * 8192 * 2 + 2 * 1.5 * (2 * 28672) * 2 / 8.0;
  const double rows = 4096 * 8;  // 4,096 prompt tokens per chip, shared by the TP group
  const double bandwidth = 3.35e12 * 0.85;
  const double gaps = 80 * 12 * 3e-6;  // one 3 us gap per kernel, 12 kernels per dense layer
  EXPECT_NEAR(llama.prefill(d, 4096, 4096).breakdown.other, 80 * rows * bytes_per_token / bandwidth + gaps, 1e-9);
}

TEST(Decode, KernelsWithoutGqaSupportReadTheCacheOncePerQueryHead) {
  const Cluster c = cluster_of("HGX H100", 4);
  const InferenceModel llama(model("llama2-70b"), c);
  Deployment d;
  d.tp = 4;
  const double grouped = llama.decode(d, 64, 4096).breakdown.attention;
  d.grouped_kv_reads = false;
  const double ungrouped = llama.decode(d, 64, 4096).breakdown.attention;
  // 64 query heads share 8 KV heads: with the cache read per query head, memory-bound attention takes 8x.
  EXPECT_NEAR(ungrouped / grouped, 8.0, 0.8);
}

TEST(Prefill, IsComputeBoundAndScalesWithPromptTokens) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  const Deployment d = tp8_fp8();
  const PrefillEstimate small = llama.prefill(d, 2048, 2048);
  const PrefillEstimate large = llama.prefill(d, 2048, 16384);
  EXPECT_GT(large.time_s, 6 * small.time_s);
  EXPECT_GE(large.tokens_per_s_per_chip, small.tokens_per_s_per_chip);
  // Forward FLOPs per token bound the rate: it cannot beat the FP8 peak.
  const double flops = 2 * count_parameters(model("llama3-70b")).active();
  EXPECT_LT(large.tokens_per_s_per_chip * flops, c.peak_fp8);
}

TEST(Serve, TheTpotTargetPicksTheLargestBatchThatMeetsIt) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  const Deployment d = tp8_fp8();
  Workload w;
  w.input_len = 2048;
  w.output_len = 512;
  w.tpot_s = 0.030;
  w.phase = Phase::Decode;
  const ServingEstimate s = serve(llama, d, w);
  ASSERT_TRUE(s.feasible) << s.reason;
  EXPECT_TRUE(s.meets_targets);
  EXPECT_LE(s.tpot_s, 0.030);
  const double context = 2048 + 256;
  EXPECT_GT(llama.decode(d, s.batch + 1, context).tpot_s, 0.030);
}

TEST(Serve, ContinuousBatchingChargesEachTokenItsShareOfPrefill) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  const Deployment d = tp8_fp8();
  Workload w;
  w.input_len = 2048;
  w.output_len = 512;
  w.batch = 64;
  const ServingEstimate continuous = serve(llama, d, w);
  ASSERT_TRUE(continuous.feasible) << continuous.reason;
  EXPECT_GT(continuous.tpot_s, continuous.decode.tpot_s);  // decode steps wait for prefill
  EXPECT_LT(continuous.ttft_s, 1.0);                       // a prompt waits for a step and itself
  w.batching = Batching::Static;
  const ServingEstimate batch = serve(llama, d, w);
  EXPECT_DOUBLE_EQ(batch.tpot_s, batch.decode.tpot_s);
  EXPECT_GT(batch.ttft_s, continuous.ttft_s);  // the whole batch's prompts first
  // Either way the instance does the same work per output token.
  EXPECT_NEAR(continuous.output_tokens_per_s_per_chip / batch.output_tokens_per_s_per_chip, 1.0, 0.1);
}

TEST(Serve, AWorkloadThatDoesNotFitSaysWhy) {
  const Cluster c = cluster_of("HGX H800", 8);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment d = deepseek_ep(8, WeightPrecision::Fp8);
  const ServingEstimate s = serve(ds, d, Workload{});
  EXPECT_FALSE(s.feasible);
  EXPECT_NE(s.reason.find("GB per chip, has 80.0"), std::string::npos) << s.reason;
}

TEST(Serve, APrefillPoolPrefillsTheGivenBatchAndKeepsNoDecodeCache) {
  const Cluster c = cluster_of("HGX H100", 8);
  const InferenceModel llama(model("llama3-70b"), c);
  Workload w;
  w.phase = Phase::Prefill;
  w.input_len = 2048;
  w.batch = 4;  // prompts per instance
  const ServingEstimate four = serve(llama, tp8_fp8(), w);
  ASSERT_TRUE(four.feasible) << four.reason;
  EXPECT_DOUBLE_EQ(four.batch, 4);
  EXPECT_DOUBLE_EQ(four.prefill_tokens_per_chip, 4 * 2048 / 8.0);
  w.batch = 32;
  const ServingEstimate many = serve(llama, tp8_fp8(), w);
  EXPECT_DOUBLE_EQ(many.prefill_tokens_per_chip, 32 * 2048 / 8.0);
  EXPECT_GT(many.ttft_s, 4 * four.ttft_s);  // eight times the prompts take several times as long
  // An output so long that no decode batch fits does not stop a prefill pool: it holds only its
  // prompts' caches.
  w.output_len = 4'000'000;
  const ServingEstimate prefill = serve(llama, tp8_fp8(), w);
  EXPECT_TRUE(prefill.feasible) << prefill.reason;
  EXPECT_DOUBLE_EQ(prefill.memory.kv_cache, 32 * 2048 * llama.kv_bytes_per_token_per_chip(tp8_fp8()));
  w.phase = Phase::Decode;
  EXPECT_FALSE(serve(llama, tp8_fp8(), w).feasible);
}

TEST(Serve, TheBandKeepsTheDeploymentAndBatchAndHoldsTheCentralFigure) {
  const Cluster c = cluster_of("HGX H800", 32);
  const InferenceModel ds(model("deepseek-v3"), c);
  Workload w;
  w.phase = Phase::Decode;
  w.tpot_s = 0.05;
  const ServingEstimate central = serve(ds, deepseek_ep(32, WeightPrecision::Fp8), w);
  ASSERT_TRUE(central.feasible) << central.reason;
  const ServingBand band = serving_band(model("deepseek-v3"), c, central, w);
  EXPECT_DOUBLE_EQ(band.slow.batch, central.batch);
  EXPECT_DOUBLE_EQ(band.fast.batch, central.batch);
  EXPECT_LT(band.slow.decode.tokens_per_s_per_chip, central.decode.tokens_per_s_per_chip);
  EXPECT_GT(band.fast.decode.tokens_per_s_per_chip, central.decode.tokens_per_s_per_chip);
}

TEST(Serve, DeploymentRulesAreNamed) {
  const Cluster ascend = cluster_of("CloudMatrix 384", 16);
  const InferenceModel ds(model("deepseek-v3"), ascend);
  Deployment d = deepseek_ep(16, WeightPrecision::Fp8);
  EXPECT_EQ(ds.check(d), "Ascend 910C has no FP8 rate in the catalog");
  d.precision = WeightPrecision::Int8;
  EXPECT_EQ(ds.check(d), "");
  d.ep = 4;
  EXPECT_EQ(ds.check(d), "EP 4 must be 1 or the instance's 16 chips (TP 1 x DP 16)");
  const Cluster h100 = cluster_of("HGX H100", 8);
  Deployment dense;
  dense.tp = 8;
  dense.ep = 8;
  EXPECT_EQ(InferenceModel(model("llama3-70b"), h100).check(dense), "EP 8 needs a mixture-of-experts model; Llama 3 70B is dense");
}

TEST(DeploymentSearch, DisaggregationBalancesPrefillAndDecode) {
  const Cluster c = cluster_of("HGX H800", 64);
  const InferenceModel ds(model("deepseek-v3"), c);
  Deployment base;
  base.precision = WeightPrecision::Fp8;
  Workload w;
  w.input_len = 2048;
  w.output_len = 512;
  w.tpot_s = 0.050;
  const DeploymentSearchResult r = search_deployments(ds, 64, base, w);
  ASSERT_TRUE(r.disaggregated.has_value());
  const auto& p = *r.disaggregated;
  EXPECT_LE(p.decode.tpot_s, 0.050);
  // Prefill keeps up: prefill chips x prefill rate = decode chips x decode rate x input / output.
  EXPECT_NEAR(p.prefill_chips_per_decode_chip * p.prefill.prefill.tokens_per_s_per_chip,
              p.decode.decode.tokens_per_s_per_chip * 2048 / 512, 1e-6);
  EXPECT_NEAR(p.output_tokens_per_s_per_chip, p.decode.decode.tokens_per_s_per_chip / (1 + p.prefill_chips_per_decode_chip), 1e-9);
  for (std::size_t i = 1; i < r.colocated.size(); ++i) {
    EXPECT_GE(r.colocated[i - 1].output_tokens_per_s_per_chip, r.colocated[i].output_tokens_per_s_per_chip);
  }
  EXPECT_GT(r.deployments_evaluated, 4u);
}

}  // namespace
}  // namespace chipgap::perf
