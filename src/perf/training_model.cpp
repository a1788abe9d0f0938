// SPDX-License-Identifier: Apache-2.0
// One training step from first principles; docs/training.md explains every term and constant.
#include "chipgap/perf/training_model.hpp"

#include <algorithm>
#include <cmath>

#include "chipgap/perf/collectives.hpp"
#include "shared_constants.hpp"
#include "layer_traffic.hpp"
#include "training_internal.hpp"

namespace chipgap::perf {
namespace {

// Bytes per attention-score element moved by an unfused softmax + dropout in the forward pass: write
// scores, read and write the softmax, read, mask and write the dropout.
constexpr double kUnfusedScoreBytes = 10;
// Fused attention's backward pass does 2.5x the forward's FLOPs (it recomputes the scores).
constexpr double kFlashBackwardRatio = 2.5;
// Overlapped tensor-parallel communication (Transformer Engine's userbuffers) runs its reductions on
// some of the SMs while the GEMM runs on the rest: NeMo's H100 configurations give the pipelined
// reduce-scatters 16-24 of 132 SMs. The GEMM slows by that share, and the last of the chunks a
// collective is split into (one per TP rank) cannot be hidden.
constexpr double kTpOverlapSmShare = 0.15;
// Megatron-LM's optimizer step with BF16 weights and FP32 master weights, gradients and moments, per
// parameter the optimizer holds (docs/training.md, counted from megatron/core/optimizer): the gradient
// norm reads the FP32 gradients (4), clipping rewrites them (8), Adam reads weight, gradient and two
// moments and writes weight and moments (28), and the FP32 weights are copied to BF16 (6).
constexpr double kOptimizerBytesPerParam = 46;
// Zeroing the FP32 gradient buffer before the next step: every local parameter, sharded or not.
constexpr double kGradientZeroBytesPerParam = 4;

struct Gemm {
  double flops, m, n, k;
};

}  // namespace

double model_flops_per_token(const spec::ModelArch& model, std::int64_t seq_len) {
  return 3 * forward_flops_per_token(model, static_cast<double>(seq_len)).total();
}

TrainingModel::TrainingModel(const spec::ModelArch& model, const Cluster& cluster)
    : model_(&model), cluster_(&cluster), params_(count_parameters(model)) {
  const double layers = static_cast<double>(model.layers);
  attn_params_ = params_.attention / layers;
  moe_layers_ = model.moe ? layers - static_cast<double>(model.moe->dense_layers) : 0;
  dense_layers_ = layers - moe_layers_;
  dense_mlp_params_ = dense_layers_ > 0 ? params_.dense_mlp / dense_layers_ : 0;
  if (model.moe && moe_layers_ > 0) {
    expert_params_ = params_.routed_experts / moe_layers_ / static_cast<double>(model.moe->experts);
    shared_params_ = params_.shared_experts / moe_layers_;
    router_params_ = params_.routers / moe_layers_;
  }
  const double heads = static_cast<double>(model.heads);
  qk_dim_ = model.mla ? static_cast<double>(model.mla->qk_nope_dim + model.mla->qk_rope_dim)
                      : static_cast<double>(model.head_dim);
  v_dim_ = model.mla ? static_cast<double>(model.mla->v_head_dim) : static_cast<double>(model.head_dim);
  widths_ = layer_widths(model);
  // Keys and values as attention kernels see them: MLA expands its latent to full heads.
  kv_width_ = model.mla ? heads * (qk_dim_ + v_dim_) : static_cast<double>(model.kv_heads) * (qk_dim_ + v_dim_);
}

TrainingModel::LayerTimes TrainingModel::layer_times(const TrainingPlan& plan, const Layout& lay, bool moe) const {
  const Cluster& c = *cluster_;
  const FamilyEfficiency& eff = *c.efficiency;
  const spec::ModelArch& m = *model_;
  const double t = static_cast<double>(plan.tp);
  const double h = static_cast<double>(m.hidden);
  const double s = static_cast<double>(plan.seq_len);
  const double tokens = static_cast<double>(plan.micro_batch) * s / static_cast<double>(plan.cp);
  const bool fp8 = plan.precision == TrainPrecision::Fp8;
  const double gemm_rate = (fp8 ? c.peak_fp8 * eff.gemm_fp8.value : c.peak_bf16 * eff.gemm_bf16.value) * eff.sustained_clock.value;
  const double half = eff.gemm_half_dim.value;
  const double mem_rate = c.memory_bandwidth * eff.memory.value;
  auto gemm_time = [&](const Gemm& g) {
    return g.flops / (gemm_rate * side(g.m, half) * side(g.n, half) * side(g.k, half));
  };

  LayerTimes out;
  const double imbalance = plan.balanced_routing ? 1.0 : kExpertImbalance;  // the busiest expert rank's share
  // GEMMs of the attention block: QKV (or MLA's projections) and the output projection.
  double gemm = gemm_time({2 * tokens * attn_params_ / t, tokens, attn_params_ / (2 * h * t), h});
  if (moe) {
    const auto& spec = *m.moe;
    const double routed_tokens = tokens * static_cast<double>(spec.top_k);
    const double per_expert = routed_tokens * static_cast<double>(plan.ep) / static_cast<double>(spec.experts);
    // The busiest expert-parallel rank sets the pace.
    gemm += imbalance * gemm_time({2 * routed_tokens * expert_params_ / t, per_expert, expert_params_ / (2 * h * t), h});
    if (shared_params_ > 0) gemm += gemm_time({2 * tokens * shared_params_ / t, tokens, shared_params_ / (2 * h * t), h});
    gemm += gemm_time({2 * tokens * router_params_, tokens, static_cast<double>(spec.experts), h});
  } else {
    gemm += gemm_time({2 * tokens * dense_mlp_params_ / t, tokens, dense_mlp_params_ / (2 * h * t), h});
  }
  const double sp_divisor = plan.sequence_parallel ? t : 1;
  const ElementwiseTraffic traffic = forward_elementwise(widths_, moe, t, sp_divisor, 1, fp8 ? kLowPrecisionCastBytes : 0);
  const double elementwise = traffic.total() * tokens;  // bytes per layer forward, this chip
  const double cheap = traffic.cheap * tokens;           // what selective recomputation redoes

  // The attention core: scores and values over the context.
  const double heads = static_cast<double>(m.heads) / t;
  const double attn_dims = qk_dim_ + v_dim_;
  double attn_fwd = 0, attn_bwd = 0;
  if (plan.flash_attention) {
    const double flops = 2 * tokens * (s / 2) * heads * attn_dims;  // causal blocks skipped
    attn_fwd = flops / (c.peak_bf16 * eff.attention.value * eff.sustained_clock.value);
    attn_bwd = kFlashBackwardRatio * attn_fwd;
  } else {
    const double flops = 2 * tokens * s * heads * attn_dims;  // the full score matrix
    const double bf16_rate = c.peak_bf16 * eff.gemm_bf16.value * eff.sustained_clock.value;
    const double batched = flops / (bf16_rate * side(s, half) * side(s, half) * side(qk_dim_, half));
    const double scores = tokens * s * heads;
    attn_fwd = batched + kUnfusedScoreBytes * scores / mem_rate;
    attn_bwd = 2 * attn_fwd;
  }
  const double element_time = elementwise / mem_rate;
  out.fwd = gemm + attn_fwd + element_time;
  out.bwd = 2 * gemm + attn_bwd + 2 * element_time;

  // Tensor parallelism: two all-reduces (or all-gather + reduce-scatter pairs under sequence
  // parallelism, the same bytes) forward and two backward, on the layer's activations. Sequence
  // parallelism keeps only its shard of each linear layer's input and gathers it again in the backward
  // pass for the weight gradients (Korthikanti et al. §4.2.2): two more all-gathers.
  // An MoE layer whose experts are spread over EP ranks routes each rank's own tokens (no gather first):
  // only the attention block, and a shared expert, communicate as a dense layer does; the routed
  // experts' own tensor parallelism is charged below with the all-to-all.
  const bool routed_apart = moe && plan.ep > 1;
  const double tp_blocks = routed_apart ? 1 + (shared_params_ > 0 ? 1 : 0) : 2;
  double tp_fwd = 0, tp_bwd = 0;
  if (plan.tp > 1) {
    const double bytes = tokens * h * kActivationBytes;
    tp_fwd = tp_blocks * all_reduce_time(lay.net, lay.tp, bytes);
    tp_bwd = tp_fwd + (plan.sequence_parallel ? tp_blocks * all_gather_time(lay.net, lay.tp, bytes) : 0);
  }
  const bool overlapped = plan.tp_comm_overlap && plan.sequence_parallel && plan.tp > 1;
  // Overlapped: the GEMM runs on the SMs the communication leaves it, and the last chunk cannot be
  // hidden. Where that is slower than not overlapping (little GEMM under much communication), the
  // collective runs on its own, as frameworks leave it then.
  struct TpCost {
    double exposed = 0, slowdown = 0;
  };
  auto tp_cost = [&](double comm, double under) -> TpCost {
    if (!overlapped) return {comm, 0};
    const double slowed = under / (1 - kTpOverlapSmShare);
    const double span = std::max(slowed, comm + comm / t);
    if (span >= under + comm) return {comm, 0};
    return {span - slowed, slowed - under};
  };
  const TpCost fwd_cost = tp_cost(tp_fwd, gemm), bwd_cost = tp_cost(tp_bwd, 2 * gemm);
  out.tp_fwd = fwd_cost.exposed + fwd_cost.slowdown;
  out.tp = fwd_cost.exposed + bwd_cost.exposed;
  out.tp_slowdown = fwd_cost.slowdown + bwd_cost.slowdown;
  out.tp_hidden = tp_fwd + tp_bwd - out.tp;

  switch (plan.recompute) {
    case Recompute::None:
      break;
    case Recompute::Selective:
      // Unfused attention: the attention core (Korthikanti et al.). Fused attention: norms, activation
      // functions and MLA's up-projections (memory_model's matching savings).
      if (!plan.flash_attention) {
        out.recompute = attn_fwd;
      } else {
        out.recompute = cheap / mem_rate;
        if (m.mla) {
          const auto& d = *m.mla;
          const double up = static_cast<double>(d.q_lora_rank) * heads * qk_dim_ +
                            static_cast<double>(d.kv_lora_rank) * heads * (static_cast<double>(d.qk_nope_dim) + v_dim_);
          out.recompute += gemm_time({2 * tokens * up, tokens, up / static_cast<double>(d.kv_lora_rank + d.q_lora_rank), static_cast<double>(d.kv_lora_rank)});
        }
      }
      break;
    case Recompute::Full:
      out.recompute = out.fwd + out.tp_fwd;
      break;
  }

  // Context parallelism: keys and values travel around the ring (forward), and back with their
  // gradients (backward), under the attention computation.
  if (plan.cp > 1) {
    const double cpd = static_cast<double>(plan.cp);
    const double bytes = (cpd - 1) * tokens * kv_width_ / t * kActivationBytes;
    const double fwd = all_gather_time(lay.net, lay.cp, bytes * cpd / (cpd - 1));
    const double comm = fwd + 2 * fwd;
    const double exposed = std::max(0.0, fwd - attn_fwd) + std::max(0.0, 2 * fwd - attn_bwd);
    out.cp = exposed;
    out.cp_hidden = comm - exposed;
  }

  // Expert parallelism: dispatch and combine all-to-alls forward, and again backward. A token goes once
  // to each other domain holding one of its experts (the model's node limit caps how many), then over
  // the scale-up links to each expert. FP8 runs dispatch in FP8; the combine is BF16.
  if (moe && plan.ep > 1) {
    // Per hidden element; the dispatch sends 8-bit copies in FP8 runs.
    const DispatchTraffic traffic = grouped_dispatch(lay.ep, tokens / t, h, static_cast<double>(m.moe->top_k),
                                                     static_cast<double>(m.moe->node_limit));
    const double dispatch_bytes = fp8 ? 1 : kActivationBytes;
    const double dispatch =
        two_level_all_to_all_time(lay.net, lay.ep, traffic.local * dispatch_bytes, traffic.remote * dispatch_bytes);
    const double combine =
        two_level_all_to_all_time(lay.net, lay.ep, traffic.local * kActivationBytes, traffic.remote * kActivationBytes);
    double comm = imbalance * 2 * (dispatch + combine);
    // Experts split over the TP group (Megatron's expert tensor parallelism, as wide as TP here): the
    // tokens an EP rank receives are all-gathered over its TP group before the experts and
    // reduce-scattered after them, forward and backward, top_k copies of each (Megatron's all-to-all
    // dispatcher; no framework overlaps them with the grouped GEMMs).
    if (plan.tp > 1) {
      const double routed_bytes = tokens * static_cast<double>(m.moe->top_k) * h * kActivationBytes;
      comm += imbalance * 2 * (all_gather_time(lay.net, lay.tp, routed_bytes) + reduce_scatter_time(lay.net, lay.tp, routed_bytes));
    }
    // DualPipe runs one micro-batch's all-to-all under another's computation.
    const double exposed = plan.schedule == Schedule::DualPipe ? std::max(0.0, comm - (out.fwd + out.bwd)) : comm;
    out.ep = exposed;
    out.ep_hidden = comm - exposed;
  }
  return out;
}

TrainingEstimate TrainingModel::evaluate(const TrainingPlan& plan) const {
  TrainingEstimate est;
  est.memory_capacity = cluster_->memory_bytes;
  if (!valid(plan)) {
    est.reason = check(plan);
    return est;
  }
  est.memory = memory(plan);
  const Cluster& c = *cluster_;
  const FamilyEfficiency& eff = *c.efficiency;
  const spec::ModelArch& m = *model_;
  const Layout lay = layout(plan, c);
  const StageShare share = stage_share(plan);
  const double t = static_cast<double>(plan.tp);
  const double p = static_cast<double>(plan.pp);
  const double v = static_cast<double>(plan.vp);
  const double h = static_cast<double>(m.hidden);
  const double tokens = static_cast<double>(plan.micro_batch * plan.seq_len / plan.cp);
  const double micro_batches = static_cast<double>(plan.global_batch / (plan.dp * plan.micro_batch));

  // One micro-batch through this chip's layers.
  double fwd = 0, bwd = 0, recompute = 0, tp = 0, tp_hidden = 0, tp_slowdown = 0, cp = 0, cp_hidden = 0, ep = 0, ep_hidden = 0;
  auto add = [&](double count, const LayerTimes& l) {
    fwd += count * l.fwd;
    bwd += count * l.bwd;
    recompute += count * l.recompute;
    tp += count * l.tp;
    tp_hidden += count * l.tp_hidden;
    tp_slowdown += count * l.tp_slowdown;
    cp += count * l.cp;
    cp_hidden += count * l.cp_hidden;
    ep += count * l.ep;
    ep_hidden += count * l.ep_hidden;
  };
  const LayerTimes dense = layer_times(plan, lay, false);
  if (share.dense_layers > 0) add(share.dense_layers, dense);
  if (share.moe_layers > 0) add(share.moe_layers, layer_times(plan, lay, true));
  est.layer_forward_s = dense.fwd + dense.tp_fwd;
  est.layer_backward_s = dense.bwd + dense.recompute + dense.tp + dense.tp_slowdown - dense.tp_fwd;

  // The output layer and loss, on the last stage (the busiest: it also holds a full share of layers).
  const bool fp8 = plan.precision == TrainPrecision::Fp8;
  const double gemm_rate = (fp8 ? c.peak_fp8 * eff.gemm_fp8.value : c.peak_bf16 * eff.gemm_bf16.value) * eff.sustained_clock.value;
  const double half = eff.gemm_half_dim.value;
  const double vocab = static_cast<double>(m.vocab);
  const double logits = 2 * tokens * h * vocab / t /
                        (gemm_rate * side(tokens, half) * side(vocab / t, half) * side(h, half));
  const double loss = 3 * tokens * vocab / t * 4 / (c.memory_bandwidth * eff.memory.value);
  fwd += share.output_heads * (logits + loss);
  bwd += share.output_heads * (2 * logits + loss);

  const double pp_send = plan.pp > 1 ? 2 * v * send_time(lay.net, lay.pp_across_domains, tokens * h * kActivationBytes / t) : 0;
  const double per_micro_batch = fwd + bwd + recompute + tp + tp_slowdown + cp + ep + pp_send;

  StepBreakdown& b = est.breakdown;
  double pipeline = micro_batches * per_micro_batch;
  if (plan.schedule == Schedule::DualPipe) {
    // DeepSeek-V3 report, Table 2: bubble (PP/2 - 1)(F&B + B - 3W), F a forward chunk, B a full
    // backward chunk, W its weight-gradient half, F&B an overlapped pair (taken as F + B).
    const double full_bwd = bwd + recompute;
    b.bubble = (p / 2 - 1) * std::max(0.0, fwd + 2 * full_bwd - 3 * (bwd / 2));
  } else {
    b.bubble = (p - 1) / v * (per_micro_batch - pp_send);
  }
  pipeline += b.bubble;

  // Data parallelism: gradients reduce-scattered (all-reduced without ZeRO) in BF16 (Megatron-core's
  // default) under the last
  // micro-batch's backward pass; weights all-gathered in BF16 under the next step's first forward.
  const double dense_grads = share.dense_params, expert_grads = share.expert_params;
  const double dp_rs = reduce_scatter_time(lay.net, lay.dp_dense, dense_grads * 2) +
                       reduce_scatter_time(lay.net, lay.dp_expert, expert_grads * 2);
  const double dp_ag = all_gather_time(lay.net, lay.dp_dense, dense_grads * 2) +
                       all_gather_time(lay.net, lay.dp_expert, expert_grads * 2);
  double dp_comm = 0, dp_exposed = 0;
  if (plan.zero == 0) {
    dp_comm = all_reduce_time(lay.net, lay.dp_dense, dense_grads * 2) +
              all_reduce_time(lay.net, lay.dp_expert, expert_grads * 2);
    dp_exposed = std::max(0.0, dp_comm - bwd);
  } else if (plan.zero == 1) {
    dp_comm = dp_rs + dp_ag;
    dp_exposed = std::max(0.0, dp_rs - bwd) + std::max(0.0, dp_ag - fwd);
  } else if (plan.zero == 2) {
    // Sharded gradients cannot accumulate locally: every micro-batch's are reduce-scattered.
    dp_comm = micro_batches * dp_rs + dp_ag;
    dp_exposed = micro_batches * std::max(0.0, dp_rs - bwd) + std::max(0.0, dp_ag - fwd);
  } else {
    // ZeRO-3 gathers weights for every micro-batch, forward and backward, and reduces every
    // micro-batch's gradients; prefetching hides them under that micro-batch's computation.
    dp_comm = micro_batches * (2 * dp_ag + dp_rs);
    dp_exposed = micro_batches * (std::max(0.0, dp_ag - fwd) + std::max(0.0, dp_ag + dp_rs - bwd));
  }
  b.dp_exposed = dp_exposed;
  b.dp_hidden = dp_comm - dp_exposed;

  const double dense_group = static_cast<double>(plan.dp * plan.cp);
  const double expert_group = dense_group / static_cast<double>(plan.ep);
  const double optimizer_params = plan.zero >= 1 ? dense_grads / dense_group + expert_grads / expert_group
                                                 : dense_grads + expert_grads;
  b.optimizer = (optimizer_params * kOptimizerBytesPerParam + (dense_grads + expert_grads) * kGradientZeroBytesPerParam) /
                (c.memory_bandwidth * eff.memory.value);

  const double steady = micro_batches;
  b.compute = steady * (fwd + bwd + recompute);
  b.recompute = steady * recompute;
  b.tp_exposed = steady * tp;
  b.tp_hidden = steady * tp_hidden;
  b.tp_overlap_slowdown = steady * tp_slowdown;
  b.cp_exposed = steady * cp;
  b.cp_hidden = steady * cp_hidden;
  b.ep_exposed = steady * ep;
  b.ep_hidden = steady * ep_hidden;
  b.pp_exposed = steady * pp_send;

  est.step_time_s = pipeline + dp_exposed + b.optimizer;
  est.tokens_per_step = static_cast<double>(plan.global_batch * plan.seq_len);
  const double chips = static_cast<double>(plan.chips());
  est.tokens_per_s_per_chip = est.tokens_per_step / est.step_time_s / chips;
  est.model_tflops_per_chip = est.tokens_per_s_per_chip * model_flops_per_token(m, plan.seq_len) / 1e12;
  est.mfu = est.model_tflops_per_chip * 1e12 / (plan.precision == TrainPrecision::Fp8 ? c.peak_fp8 : c.peak_bf16);
  est.mfu_bf16 = est.model_tflops_per_chip * 1e12 / c.peak_bf16;
  if (est.memory.total() > c.memory_bytes) {
    est.reason = "needs " + gigabytes_text(est.memory.total()) + " GB per chip, has " + gigabytes_text(c.memory_bytes);
    return est;
  }
  est.feasible = true;
  return est;
}

}  // namespace chipgap::perf
