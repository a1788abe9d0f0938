// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/model_math.hpp"

namespace chipgap::perf {
namespace {

double mlp_parameters(spec::FfnKind kind, double hidden, double inner) {
  // SwiGLU has gate, up and down projections; GELU and squared ReLU have up and down.
  return (kind == spec::FfnKind::Swiglu ? 3.0 : 2.0) * hidden * inner;
}

double attention_parameters(const spec::ModelArch& m) {
  const double h = static_cast<double>(m.hidden);
  const double heads = static_cast<double>(m.heads);
  if (m.attention == spec::AttentionKind::Mla && m.mla) {
    const auto& a = *m.mla;
    const double qk_dim = static_cast<double>(a.qk_nope_dim + a.qk_rope_dim);
    const double q = a.q_lora_rank > 0 ? h * a.q_lora_rank + a.q_lora_rank + a.q_lora_rank * heads * qk_dim
                                       : h * heads * qk_dim;
    const double kv = h * static_cast<double>(a.kv_lora_rank + a.qk_rope_dim) + a.kv_lora_rank +
                      a.kv_lora_rank * heads * static_cast<double>(a.qk_nope_dim + a.v_head_dim);
    const double out = heads * a.v_head_dim * h;
    return q + kv + out;
  }
  const double d = static_cast<double>(m.head_dim);
  return h * heads * d + 2 * h * static_cast<double>(m.kv_heads) * d + heads * d * h;
}

// The routed-expert MLPs of one MoE layer, and the part of it one token uses.
struct MoeLayer {
  double routed = 0;
  double active_routed = 0;
  double shared = 0;
  double router = 0;
};

MoeLayer moe_layer(const spec::ModelArch& m) {
  const auto& e = *m.moe;
  const double expert = mlp_parameters(m.ffn, static_cast<double>(m.hidden), static_cast<double>(e.expert_ffn_hidden));
  return {expert * e.experts, expert * e.top_k, expert * e.shared_experts, static_cast<double>(m.hidden) * e.experts};
}

}  // namespace

ParameterCounts count_parameters(const spec::ModelArch& m) {
  ParameterCounts p;
  const double h = static_cast<double>(m.hidden);
  const double layers = static_cast<double>(m.layers);
  p.embedding = static_cast<double>(m.vocab) * h;
  p.output = m.tied_embeddings ? 0 : static_cast<double>(m.vocab) * h;
  const double attention = attention_parameters(m);
  p.attention = attention * layers;
  const double moe_layers = m.moe ? layers - static_cast<double>(m.moe->dense_layers) : 0;
  const double dense_layers = layers - moe_layers;
  const double dense = mlp_parameters(m.ffn, h, static_cast<double>(m.ffn_hidden));
  p.dense_mlp = dense * dense_layers;
  MoeLayer moe;
  if (m.moe) {
    moe = moe_layer(m);
    p.routed_experts = moe.routed * moe_layers;
    p.active_routed = moe.active_routed * moe_layers;
    p.shared_experts = moe.shared * moe_layers;
    p.routers = moe.router * moe_layers;
  }
  p.norms = 2 * h * layers + h;
  if (m.mtp_depth > 0) {
    // Each module: an embedding-merging projection (2h -> h), two norms and one transformer block (an MoE
    // block when the model has experts); embedding and output head are shared with the main model.
    const double block = attention + (m.moe ? moe.routed + moe.shared + moe.router : dense) + 2 * h;
    p.mtp = static_cast<double>(m.mtp_depth) * (2 * h * h + 2 * h + block);
  }
  return p;
}

ForwardFlops forward_flops_per_token(const spec::ModelArch& m, double context) {
  ForwardFlops flops;
  const ParameterCounts p = count_parameters(m);
  // The input embedding is a lookup, not a product; norms and routers are negligible but counted.
  flops.matmul = 2 * (p.active() - p.embedding);
  const double qk_dim = m.mla ? static_cast<double>(m.mla->qk_nope_dim + m.mla->qk_rope_dim) : static_cast<double>(m.head_dim);
  const double v_dim = m.mla ? static_cast<double>(m.mla->v_head_dim) : static_cast<double>(m.head_dim);
  flops.attention = 2 * static_cast<double>(m.heads) * context * (qk_dim + v_dim) * static_cast<double>(m.layers);
  return flops;
}

LayerWidths layer_widths(const spec::ModelArch& model) {
  LayerWidths w;
  w.hidden = static_cast<double>(model.hidden);
  const double v_dim = model.mla ? static_cast<double>(model.mla->v_head_dim) : static_cast<double>(model.head_dim);
  w.q_width = static_cast<double>(model.heads) * v_dim;
  w.gated = model.ffn == spec::FfnKind::Swiglu;
  w.ffn_width = static_cast<double>(model.ffn_hidden) * (w.gated ? 2 : 1);
  if (model.moe) {
    w.expert_width = static_cast<double>(model.moe->expert_ffn_hidden) * (w.gated ? 2 : 1);
    w.top_k = static_cast<double>(model.moe->top_k);
    w.shared_experts = static_cast<double>(model.moe->shared_experts);
  }
  return w;
}

}  // namespace chipgap::perf
