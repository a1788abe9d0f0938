// SPDX-License-Identifier: Apache-2.0
// Bytes that memory-bound kernels move per token in one layer's forward pass, counted once for the
// training and the serving model (docs/training.md, "Memory-bound kernels"). Private to the perf module.
#pragma once

#include "chipgap/perf/model_math.hpp"

namespace chipgap::perf {

// A fused cast to FP8 or INT8 reads two bytes and writes one for every GEMM input element.
constexpr double kLowPrecisionCastBytes = 3;

struct ElementwiseTraffic {  // bytes per token, this chip
  double attention_side = 0;  // norms and residual adds, the FP8 casts of the attention GEMMs' inputs
  double mlp_side = 0;        // activation function, expert permutation, the casts of the MLP GEMMs' inputs
  double cheap = 0;           // of both: norms and activation functions (what selective recomputation redoes)
  double total() const { return attention_side + mlp_side; }
};

// `tp` splits the MLP and attention widths; `norm_divisor` the norms and residual adds (TP with sequence
// parallelism, 1 without); `routed_share` scales the routed experts' part (the busiest rank's load over
// the average); `cast_bytes` per GEMM input element for low-precision casts (0 for BF16), of every routed
// copy of a token (cast after permutation, as Megatron does) or of the token once (cast before dispatch,
// as DeepEP's FP8 dispatch and CloudMatrix-Infer's INT8 dispatch do).
enum class RoutedCast { PerCopy, BeforeDispatch };
ElementwiseTraffic forward_elementwise(const LayerWidths& w, bool moe_layer, double tp, double norm_divisor,
                                       double routed_share, double cast_bytes, RoutedCast routed_cast = RoutedCast::PerCopy);

}  // namespace chipgap::perf
