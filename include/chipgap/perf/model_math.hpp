// SPDX-License-Identifier: Apache-2.0
// First-principles counts for a transformer: parameters by part, and forward FLOPs per token. These are
// the numerators of every later estimate (MFU, step time, memory), so they are kept separate and tested
// against the parameter counts the model authors publish.
#pragma once

#include "chipgap/spec/model.hpp"

namespace chipgap::perf {

struct ParameterCounts {
  double embedding = 0;      // input token embedding
  double output = 0;         // output projection (0 when tied to the embedding)
  double attention = 0;      // all layers
  double dense_mlp = 0;      // all dense-MLP layers
  double routed_experts = 0; // all routed experts of all MoE layers
  double shared_experts = 0;
  double routers = 0;
  double norms = 0;
  double mtp = 0;            // multi-token-prediction modules (not part of the main model's count)
  double active_routed = 0;  // routed-expert parameters one token uses (top_k per MoE layer)

  double total() const {
    return embedding + output + attention + dense_mlp + routed_experts + shared_experts + routers + norms;
  }
  // What one token touches: everything but the routed experts it is not sent to.
  double active() const { return total() - routed_experts + active_routed; }
};

ParameterCounts count_parameters(const spec::ModelArch& model);

// Forward FLOPs for one token, a multiply-add counted as 2.
struct ForwardFlops {
  double matmul = 0;     // weight matrix products of the active parameters, logits included
  double attention = 0;  // score and value products against the context
  double total() const { return matmul + attention; }
};

// `context` is the number of keys each query attends to on average: the sequence length when every
// position is computed (Megatron's MFU convention), about half of it when causal masking is skipped.
ForwardFlops forward_flops_per_token(const spec::ModelArch& model, double context);

// Widths of one layer, per token, before tensor parallelism splits them: what memory-bound kernels and
// activations are counted in.
struct LayerWidths {
  double hidden = 0;
  double q_width = 0;       // heads x value dims: the output projection's input
  double ffn_width = 0;     // dense MLP activation width (2f for SwiGLU's gate and up)
  double expert_width = 0;  // the same for one expert
  double top_k = 0, shared_experts = 0;
  bool gated = false;       // SwiGLU reads gate and up and writes one
};

LayerWidths layer_widths(const spec::ModelArch& model);

}  // namespace chipgap::perf
