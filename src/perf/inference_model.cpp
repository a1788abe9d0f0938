// SPDX-License-Identifier: Apache-2.0
// Prefill and decode of one model instance; docs/inference.md explains every term.
#include "chipgap/perf/inference_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "chipgap/perf/collectives.hpp"
#include "layer_traffic.hpp"
#include "shared_constants.hpp"
#include "training_internal.hpp"

namespace chipgap::perf {
namespace {

// FP8 attention reaches a smaller share of its peak than BF16 attention does: FlashAttention-3 measures
// its forward pass at 740 TFLOP/s in BF16 (0.75 of 989) and close to 1.2 PFLOP/s in FP8 (0.61 of 1,979)
// on H100; the family's BF16 attention efficiency is scaled by that ratio.
constexpr double kFp8AttentionShare = (1200.0 / 1979.0) / (740.0 / 989.0);

}  // namespace
double weight_bytes(WeightPrecision p) {
  switch (p) {
    case WeightPrecision::Bf16: return 2;
    case WeightPrecision::Fp8:
    case WeightPrecision::Int8: return 1;
    case WeightPrecision::Int4: return 0.5;
  }
  return 2;
}

struct InferenceModel::Rates {
  double gemm = 0;       // achieved FLOP/s of large GEMMs at the deployment's precision
  double attention = 0;  // achieved FLOP/s of fused attention (BF16)
  double memory = 0;     // achieved bytes/s
  double half = 64;
  double wb = 2, act_b = 2;  // bytes per weight, per dispatched activation
  double cast_bytes = 0;     // per GEMM input element, for FP8 and INT8 arithmetic
  Network net;
};

InferenceModel::InferenceModel(const spec::ModelArch& model, const Cluster& cluster)
    : model_(&model), cluster_(&cluster), params_(count_parameters(model)) {
  layers_ = static_cast<double>(model.layers);
  moe_layers_ = model.moe ? layers_ - static_cast<double>(model.moe->dense_layers) : 0;
  dense_layers_ = layers_ - moe_layers_;
  attn_params_ = params_.attention / layers_;
  dense_mlp_params_ = dense_layers_ > 0 ? params_.dense_mlp / dense_layers_ : 0;
  if (model.moe && moe_layers_ > 0) {
    expert_params_ = params_.routed_experts / moe_layers_ / static_cast<double>(model.moe->experts);
    shared_params_ = (params_.shared_experts + params_.routers) / moe_layers_;
  }
  qk_dim_ = model.mla ? static_cast<double>(model.mla->qk_nope_dim + model.mla->qk_rope_dim) : static_cast<double>(model.head_dim);
  v_dim_ = model.mla ? static_cast<double>(model.mla->v_head_dim) : static_cast<double>(model.head_dim);
  widths_ = layer_widths(model);
}

InferenceModel::Rates InferenceModel::rates(const Deployment& d) const {
  const Cluster& c = *cluster_;
  const FamilyEfficiency& e = *c.efficiency;
  Rates r;
  switch (d.precision) {
    case WeightPrecision::Bf16:
    case WeightPrecision::Int4:  // weight-only: dequantized to BF16 for the arithmetic
      r.gemm = c.peak_bf16 * e.gemm_bf16.value;
      break;
    case WeightPrecision::Fp8: r.gemm = c.peak_fp8 * e.gemm_fp8.value; break;
    case WeightPrecision::Int8: r.gemm = c.peak_int8 * e.gemm_fp8.value; break;
  }
  r.gemm *= e.sustained_clock.value;
  r.attention = (d.fp8_attention ? c.peak_fp8 * kFp8AttentionShare : c.peak_bf16) * e.attention.value * e.sustained_clock.value;
  r.memory = c.memory_bandwidth * e.memory.value;
  r.half = e.gemm_half_dim.value;
  r.wb = weight_bytes(d.precision);
  const bool low_precision = d.precision == WeightPrecision::Fp8 || d.precision == WeightPrecision::Int8;
  r.act_b = low_precision ? 1 : 2;
  r.cast_bytes = low_precision ? kLowPrecisionCastBytes : 0;
  r.net.up_bandwidth = c.scale_up_bandwidth * e.scale_up.value;
  r.net.out_bandwidth = c.scale_out_bandwidth * e.scale_out.value;
  r.net.up_latency = e.scale_up_latency_us.value * 1e-6;
  r.net.out_latency = e.scale_out_latency_us.value * 1e-6;
  return r;
}

double InferenceModel::kv_bytes_per_token_per_layer(const Deployment& d) const {
  const spec::ModelArch& m = *model_;
  const double kvb = d.kv_precision == KvPrecision::Fp8 ? 1 : 2;
  if (m.mla) {
    // MLA caches one compressed latent and the shared RoPE key per token, needed whole by every TP rank.
    return kvb * static_cast<double>(m.mla->kv_lora_rank + m.mla->qk_rope_dim);
  }
  const double kv_heads = static_cast<double>(m.kv_heads);
  const double split = std::min(static_cast<double>(d.tp), kv_heads);  // beyond kv_heads, heads are replicated
  return kvb * kv_heads * (qk_dim_ + v_dim_) / split;
}

double InferenceModel::kv_bytes_per_token_per_chip(const Deployment& d) const {
  // MTP modules keep a cache of their own only when they draft.
  const double drafting = d.mtp > 0 ? static_cast<double>(model_->mtp_depth) : 0;
  return (layers_ + drafting) * kv_bytes_per_token_per_layer(d);
}

// Routed tokens on the busiest expert-parallel rank over the average. Beyond the systematic skew, tokens
// pick experts at random, so a rank expecting n routed tokens receives about Poisson(n) of them, and the
// largest of `ep` such loads is about n + sqrt(2 n ln ep) (the maximum of independent near-Gaussian
// loads): small decode batches are less even than prefill's thousands of tokens.
double InferenceModel::busiest_rank_load(const Deployment& d, double instance_tokens) const {
  if (d.balanced_routing || !model_->moe) return 1;
  const double ep = static_cast<double>(d.ep);
  const double per_rank = instance_tokens * static_cast<double>(model_->moe->top_k) / ep;
  if (ep <= 1 || per_rank <= 0) return 1;
  // No rank receives more than every routed token: at most `ep` times the average.
  return std::min(ep, d.expert_imbalance * (1 + std::sqrt(2 * std::log(ep) / per_rank)));
}

namespace {

// Rows of the tensor-core tile that MLA decode kernels fill with query heads: Hopper's wgmma instruction
// has M = 64, and FlashMLA packs one sequence's heads into it; FlashMLA-ETAP (arXiv 2506.01969) measures
// 13-32 TFLOP/s of the H20's 148 with 16 heads per GPU (TP 8) and traces it to the padded tile.
constexpr double kMlaDecodeTileRows = 64;

// Time of a GEMM group: compute at the shape-dependent rate, or its weight and activation traffic,
// whichever is longer (the roofline). Decode GEMMs have few rows; kernels for them (GEMV, swapped
// operands, small tiles) do not pad every row up to a full tile, so fewer rows than the half-dimension
// count as one half-filled tile rather than a nearly empty one.
double roofline(double flops, double bytes, double m, double n, double k, double rate, double half, double memory) {
  if (flops <= 0) return 0;
  const double rows = side(std::max(m, half), half);
  return std::max(flops / (rate * rows * side(n, half) * side(k, half)), bytes / memory);
}

}  // namespace

// One forward pass of `tokens` rows per chip of a TP group (one DP group's share), split the way
// two-batch overlap schedules it: each MoE layer's attention part and expert part on the compute stream,
// its dispatch and combine on the network.
struct InferenceModel::Pass {
  double attention_part = 0;  // per MoE layer: norms, attention projections, attention core, TP all-reduce
  double expert_part = 0;     // per MoE layer: routed and shared experts, router
  double dispatch = 0, combine = 0;  // per MoE layer
  double dense_layers = 0;    // all dense layers together
  double output = 0;          // output layer and kernel gaps
  PhaseBreakdown parts;       // the same time by kind, for the whole pass
};

InferenceModel::Pass InferenceModel::pass(const Deployment& d, double tokens, double context, bool decoding,
                                          double compute_share) const {
  const spec::ModelArch& m = *model_;
  Rates r = rates(d);
  r.gemm *= compute_share;
  r.attention *= compute_share;
  const double h = static_cast<double>(m.hidden);
  const double t = static_cast<double>(d.tp);
  const double heads = static_cast<double>(m.heads) / t;
  const double instance_tokens = tokens * static_cast<double>(d.dp);
  auto gemm = [&](double params, double rows) {
    return roofline(2 * rows * params, params * r.wb, rows, params / (2 * h), h, r.gemm, r.half, r.memory);
  };
  Pass p;
  // Attention: in decode against the cache (MLA in its latent space: weights absorbed, each head scores
  // kv_lora + rope dims and reads kv_lora-dim values); in prefill causally over the prompt.
  double attention_core = 0;
  if (decoding) {
    double qk = qk_dim_, v = v_dim_;
    if (m.mla) {
      qk = static_cast<double>(m.mla->kv_lora_rank + m.mla->qk_rope_dim);
      v = static_cast<double>(m.mla->kv_lora_rank);
    }
    const double sequences = tokens / (1 + static_cast<double>(d.mtp));
    double kv_bytes = sequences * context * kv_bytes_per_token_per_layer(d);
    if (!d.grouped_kv_reads && !m.mla) kv_bytes *= static_cast<double>(m.heads) / static_cast<double>(m.kv_heads);
    // MLA decodes in its latent space as a matrix product whose rows are one sequence's query heads on
    // this chip times its query tokens; the tensor cores work in tiles of kMlaDecodeTileRows rows, so a
    // tensor-parallel instance (16 heads per chip at TP 8) fills a quarter of each tile.
    double tile_fill = 1;
    if (m.mla) {
      const double rows = heads * (1 + static_cast<double>(d.mtp));
      tile_fill = rows / (kMlaDecodeTileRows * std::ceil(rows / kMlaDecodeTileRows));
    }
    attention_core = std::max(2 * tokens * context * heads * (qk + v) / (r.attention * tile_fill), kv_bytes / r.memory);
  } else {
    attention_core = 2 * tokens * (context / 2) * heads * (qk_dim_ + v_dim_) / r.attention;
  }
  const double projections = gemm(attn_params_ / t, tokens);
  // Memory-bound kernels as training counts them (norms, residual adds, activation function, expert
  // permutation, low-precision casts); the routed part on the busiest rank.
  const ElementwiseTraffic dense_traffic = forward_elementwise(widths_, false, t, 1, 1, r.cast_bytes);
  const double elementwise = dense_traffic.attention_side * tokens / r.memory;
  double tp = 0;
  if (d.tp > 1) tp = 2 * all_reduce_time(r.net, {t, std::min(t, static_cast<double>(cluster_->domain))}, tokens * h * 2);
  const double attention_part = projections + attention_core + elementwise + tp;
  p.parts.weights += layers_ * projections;
  p.parts.attention += layers_ * attention_core;
  p.parts.other += layers_ * elementwise;
  p.parts.tp_exposed += layers_ * tp;

  const double dense_mlp = gemm(dense_mlp_params_ / t, tokens);
  const double dense_mlp_elementwise = dense_traffic.mlp_side * tokens / r.memory;
  p.dense_layers = dense_layers_ * (attention_part + dense_mlp + dense_mlp_elementwise);
  p.parts.weights += dense_layers_ * dense_mlp;
  p.parts.other += dense_layers_ * dense_mlp_elementwise;

  if (m.moe && moe_layers_ > 0) {
    const double e = static_cast<double>(m.moe->experts), k = static_cast<double>(m.moe->top_k);
    const double imbalance = busiest_rank_load(d, instance_tokens);
    // Low-precision deployments quantize a token once and dispatch it quantized.
    const ElementwiseTraffic moe_traffic =
        forward_elementwise(widths_, true, t, 1, imbalance, r.cast_bytes, RoutedCast::BeforeDispatch);
    const double ep = static_cast<double>(d.ep);
    const double split = ep > 1 ? 1 : t;  // without EP the experts are split like dense MLPs
    const double local = ep > 1 ? std::ceil(e / ep) : e;
    const double rows = instance_tokens * k / (ep > 1 ? ep : 1);
    // Experts a step touches: in decode few tokens reach each chip, so not every local expert is read.
    const double active = local * (1 - std::pow(1 - k / e, instance_tokens));
    // The busiest rank computes `imbalance` times the average rows; the weights it reads do not grow.
    const double experts = roofline(imbalance * 2 * rows * expert_params_ / split, active * expert_params_ / split * r.wb,
                                    imbalance * instance_tokens * k / e, expert_params_ / (2 * h * split), h, r.gemm,
                                    r.half, r.memory);
    const double shared = gemm(shared_params_ / t, tokens);
    const double moe_elementwise = moe_traffic.mlp_side * tokens / r.memory;
    p.attention_part = attention_part;
    p.expert_part = experts + shared + moe_elementwise;
    p.parts.experts += moe_layers_ * experts;
    p.parts.weights += moe_layers_ * shared;
    p.parts.other += moe_layers_ * moe_elementwise;
    if (d.ep > 1) {
      const Group g{ep, std::min(ep, static_cast<double>(cluster_->domain))};
      // Decode uses low-latency kernels, prefill high-throughput ones (per hidden element; the TP group's
      // ranks split the dispatch).
      const double sent = tokens / t;
      const DispatchTraffic traffic = decoding ? direct_dispatch(g, sent, h, k)
                                               : grouped_dispatch(g, sent, h, k, static_cast<double>(m.moe->node_limit));
      // The busiest rank moves `imbalance` times the average bytes (its latency is paid once), and each
      // collective starts when the last rank arrives.
      const double wait = last_arrival_wait(ep);
      p.dispatch = wait + two_level_all_to_all_time(r.net, g, imbalance * traffic.local * r.act_b, imbalance * traffic.remote * r.act_b);
      p.combine = wait + two_level_all_to_all_time(r.net, g, imbalance * traffic.local * 2, imbalance * traffic.remote * 2);
    }
  }
  // Output layer: every decode row; one row per prompt in prefill.
  const double output_rows = decoding ? tokens : tokens / std::max(1.0, context);
  const double kernels = dense_layers_ * kKernelsPerDenseLayer + moe_layers_ * kKernelsPerMoeLayer;
  p.output = gemm(static_cast<double>(m.vocab) * h / t, output_rows) + kernels * kKernelGapSeconds;
  p.parts.weights += gemm(static_cast<double>(m.vocab) * h / t, output_rows);
  p.parts.other += kernels * kKernelGapSeconds;
  return p;
}

// Time of passes over `tokens` rows: plain, or as two micro-batches whose communication overlaps the
// other's computation stage by stage (attention with dispatch, experts with dispatch, experts with
// combine, attention with the previous combine: DeepEP's two-micro-batch schedule).
double InferenceModel::run(const Deployment& d, double tokens, double context, bool decoding, PhaseBreakdown& b) const {
  const bool overlap = d.two_batch_overlap && d.ep > 1 && tokens >= 2;
  if (!overlap) {
    const Pass p = pass(d, tokens, context, decoding);
    b = p.parts;
    const double moe = moe_layers_ * (p.attention_part + p.expert_part + p.dispatch + p.combine);
    b.ep_exposed = moe_layers_ * (p.dispatch + p.combine);
    return p.dense_layers + moe + p.output;
  }
  const Pass half = pass(d, tokens / 2, context, decoding);
  b = half.parts;
  b.weights *= 2;
  b.experts *= 2;
  b.attention *= 2;
  b.other *= 2;
  b.tp_exposed *= 2;
  const double compute = 2 * (half.attention_part + half.expert_part);
  const double comm = 2 * (half.dispatch + half.combine);
  if (d.attention_core_share > 0 && d.attention_core_share < 1) {
    // Partitioned streams: while one micro-batch's attention runs on a share s of the compute units, the
    // other's MoE part runs on the rest, its dispatch and combine in the same stream; each stream handles
    // both micro-batches per layer. Memory bandwidth is not partitioned: each stream's memory-bound work
    // may use all of it (Huawei measures A3 operators on half the cube cores taking 1.2-1.6x, not 2x, as
    // long: docs/inference.md).
    const double s = d.attention_core_share;
    const double attention_stream = pass(d, tokens / 2, context, decoding, s).attention_part;
    const Pass moe_side = pass(d, tokens / 2, context, decoding, 1 - s);
    const double moe_stream = moe_side.expert_part + moe_side.dispatch + moe_side.combine;
    const double layer = 2 * std::max(attention_stream, moe_stream);
    // The MoE stream waits for its own dispatch and combine; what the two streams overlap (or lose to
    // partitioned units) is the difference to running everything one after the other on all units.
    b.ep_exposed = moe_layers_ * comm;
    b.stream_overlap = moe_layers_ * (layer - compute - comm);
    return 2 * (half.dense_layers + half.output) + moe_layers_ * layer;
  }
  // High-throughput kernels take SMs from the computation they overlap; low-latency ones hardly any.
  const double slow = decoding ? 1 : 1 / (1 - kOverlapSmShare);
  const double a = half.attention_part * slow, f = half.expert_part * slow;
  const double layer = std::max(a, half.dispatch) + std::max(f, half.dispatch) + std::max(f, half.combine) +
                       std::max(a, half.combine);
  b.ep_exposed = moe_layers_ * std::max(0.0, layer - compute);
  b.comm_hidden = moe_layers_ * (comm - std::max(0.0, layer - compute));
  return 2 * (half.dense_layers + half.output) + moe_layers_ * layer;
}

DecodeEstimate InferenceModel::decode(const Deployment& d, double batch, double context) const {
  DecodeEstimate est;
  const double sequences = batch / static_cast<double>(d.dp);  // per DP group
  const double rows = sequences * (1 + static_cast<double>(d.mtp));  // drafts are verified in the same pass
  est.step_s = run(d, rows, context, true, est.breakdown);
  // Drafting: each MTP module is one more block and output layer over the batch.
  if (d.mtp > 0) {
    PhaseBreakdown scratch;
    const double block = run(d, sequences, context, true, scratch) / (layers_ + 1);
    const double draft = static_cast<double>(d.mtp) * block;
    est.step_s += draft;
    est.breakdown.other += draft;
  }
  est.tokens_per_step = 1;
  for (std::int64_t i = 1; i <= d.mtp; ++i) est.tokens_per_step += std::pow(d.mtp_accept, static_cast<double>(i));
  est.tpot_s = est.step_s / est.tokens_per_step;
  est.tokens_per_s_per_chip = batch * est.tokens_per_step / est.step_s / static_cast<double>(d.chips());
  return est;
}

PrefillEstimate InferenceModel::prefill(const Deployment& d, double prompt_len, double tokens_per_chip) const {
  PrefillEstimate est;
  // A TP group shares its DP group's rows; each chip's share of the instance is tokens_per_chip.
  const double rows = tokens_per_chip * static_cast<double>(d.tp);
  est.time_s = run(d, rows, prompt_len, false, est.breakdown);
  est.tokens_per_s_per_chip = tokens_per_chip / est.time_s;
  return est;
}

InferenceMemory InferenceModel::memory(const Deployment& d, double batch, double max_context, double prefill_tokens) const {
  const spec::ModelArch& m = *model_;
  const double t = static_cast<double>(d.tp);
  const double h = static_cast<double>(m.hidden);
  const double wb = weight_bytes(d.precision);
  InferenceMemory mem;
  double dense = layers_ * attn_params_ + dense_layers_ * dense_mlp_params_ + moe_layers_ * shared_params_ +
                 params_.embedding + params_.output + params_.norms;
  double experts = 0;
  if (m.moe) {
    const double e = static_cast<double>(m.moe->experts);
    experts = d.ep > 1 ? moe_layers_ * std::ceil(e / static_cast<double>(d.ep)) * expert_params_
                       : params_.routed_experts / t;
  }
  // MTP modules are kept when drafts are used, sharded like the rest.
  if (d.mtp > 0 && m.mtp_depth > 0) dense += params_.mtp / static_cast<double>(d.ep > 1 ? d.ep : 1);
  mem.weights = (dense / t + experts) * wb;
  mem.kv_cache = batch / static_cast<double>(d.dp) * max_context * kv_bytes_per_token_per_chip(d);
  // One layer's working set for the prompt tokens in flight (or the decode batch), in BF16.
  const double widest = std::max(static_cast<double>(m.ffn_hidden),
                                 m.moe ? static_cast<double>(m.moe->expert_ffn_hidden * m.moe->top_k) : 0.0);
  const double rows = std::max(prefill_tokens * t, batch / static_cast<double>(d.dp));
  mem.activations = rows * (6 * h + 3 * widest / t) * 2 + rows / std::max(1.0, max_context) * static_cast<double>(m.vocab) / t * 4;
  mem.reserved = 3e9 + 0.05 * (mem.weights + mem.kv_cache + mem.activations);
  return mem;
}

std::int64_t InferenceModel::max_batch(const Deployment& d, double max_context) const {
  const InferenceMemory empty = memory(d, 0, max_context, 0);
  const double per_sequence = max_context * kv_bytes_per_token_per_chip(d) * 1.05;  // per DP group's chip
  const double room = cluster_->memory_bytes - empty.total();
  if (room <= 0 || per_sequence <= 0) return 0;
  // Decode activations grow with the batch too, but are small next to the cache; one pass corrects them.
  std::int64_t per_group = static_cast<std::int64_t>(room / per_sequence);
  while (per_group > 0 &&
         memory(d, static_cast<double>(per_group * d.dp), max_context, 0).total() > cluster_->memory_bytes) {
    --per_group;
  }
  return per_group * d.dp;
}

std::string InferenceModel::check(const Deployment& d) const {
  const spec::ModelArch& m = *model_;
  if (d.tp < 1 || d.dp < 1 || d.ep < 1) return "TP, DP and EP must be at least 1";
  // Bounds before any product (TP x DP), so that it cannot overflow whatever a caller passes.
  if (d.tp > cluster_->chips || d.dp > cluster_->chips || d.ep > cluster_->chips) {
    return fmt::format("TP {}, DP {} and EP {} must each be at most the cluster's {} chips", d.tp, d.dp, d.ep, cluster_->chips);
  }
  if (m.heads % d.tp != 0) return fmt::format("TP {} does not divide the model's {} attention heads", d.tp, m.heads);
  if (m.ffn_hidden % d.tp != 0) return fmt::format("TP {} does not divide the MLP width {}", d.tp, m.ffn_hidden);
  if (d.ep > 1 && !m.moe) return fmt::format("EP {} needs a mixture-of-experts model; {} is dense", d.ep, m.name);
  if (d.ep != 1 && d.ep != d.chips()) {
    return fmt::format("EP {} must be 1 or the instance's {} chips (TP {} x DP {})", d.ep, d.chips(), d.tp, d.dp);
  }
  const Cluster& c = *cluster_;
  const char* missing = nullptr;
  if (d.precision == WeightPrecision::Fp8 && c.peak_fp8 <= 0) missing = "FP8";
  if (d.precision == WeightPrecision::Int8 && c.peak_int8 <= 0) missing = "INT8";
  if (d.fp8_attention && c.peak_fp8 <= 0) missing = "FP8";
  if (missing != nullptr) return fmt::format("{} has no {} rate in the catalog", c.chip->name, missing);
  if (d.fp8_attention && d.kv_precision != KvPrecision::Fp8) return "FP8 attention reads an FP8 KV cache: give the KV precision fp8";
  if (d.attention_core_share < 0 || d.attention_core_share >= 1) {
    return fmt::format("the attention streams' share of compute units must be in [0, 1), not {}", d.attention_core_share);
  }
  if (d.attention_core_share > 0 && !d.two_batch_overlap) return "partitioned attention and MoE streams need two-batch overlap";
  if (d.expert_imbalance < 1) return fmt::format("expert imbalance must be at least 1, not {}", d.expert_imbalance);
  if (d.mtp < 0 || d.mtp > 8) return fmt::format("draft tokens must be 0 to 8, not {}", d.mtp);
  if (d.mtp_accept < 0 || d.mtp_accept > 1) return fmt::format("acceptance must be between 0 and 1, not {}", d.mtp_accept);
  return {};
}

}  // namespace chipgap::perf
