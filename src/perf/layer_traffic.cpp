// SPDX-License-Identifier: Apache-2.0
#include "layer_traffic.hpp"

namespace chipgap::perf {
namespace {

constexpr double kActivationBytes = 2;  // BF16 activations
// Memory-bound element-wise passes per token and layer, in elements of the hidden size, counted from the
// kernels of a Megatron layer: two layer norms (read + write: 2 each), two fused bias-dropout-residual
// adds (read 2, write 1, mask 0.5: 3.5 each).
constexpr double kHiddenPasses = 11;
// Of those, the two layer norms (read and write each).
constexpr double kNormPasses = 4;
// Moving tokens into expert order and back: a read and a write each way.
constexpr double kPermutePasses = 4;

}  // namespace

ElementwiseTraffic forward_elementwise(const LayerWidths& w, bool moe_layer, double tp, double norm_divisor,
                                       double routed_share, double cast_bytes, RoutedCast routed_cast) {
  const double h = w.hidden;
  ElementwiseTraffic out;
  out.attention_side = kHiddenPasses * h * kActivationBytes / norm_divisor;
  out.cheap = kNormPasses * h * kActivationBytes / norm_divisor;
  double attention_inputs = 2 * h + w.q_width / tp;  // QKV input and the output projection's input
  double mlp_inputs = 0;
  const double act_passes = w.gated ? 1.5 : 1;  // read (gate, up) and write
  double act = 0;
  if (moe_layer) {
    const double shared_width = w.expert_width * w.shared_experts;
    act = 2 * act_passes * (routed_share * w.expert_width * w.top_k + shared_width) * kActivationBytes / tp;
    out.mlp_side += kPermutePasses * h * kActivationBytes * routed_share * w.top_k / tp;
    const double cast_copies = routed_cast == RoutedCast::PerCopy ? routed_share * w.top_k : 0;
    mlp_inputs = h * (1 + cast_copies) + (routed_share * w.expert_width * w.top_k + shared_width) / (2 * tp);
  } else {
    act = 2 * act_passes * w.ffn_width * kActivationBytes / tp;
    mlp_inputs = h + w.ffn_width / (2 * tp);
  }
  out.mlp_side += act;
  out.cheap += act;
  out.attention_side += cast_bytes * attention_inputs;
  out.mlp_side += cast_bytes * mlp_inputs;
  return out;
}

}  // namespace chipgap::perf
