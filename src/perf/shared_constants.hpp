// SPDX-License-Identifier: Apache-2.0
// Constants the training and serving models share, each with the measurement behind it
// (docs/training.md, docs/inference.md). Private to the perf module.
#pragma once

#include "chipgap/perf/collectives.hpp"

namespace chipgap::perf {

// The busiest expert-parallel rank does this many times the average expert work and traffic (as deployed,
// with redundant experts; the serving model lets a deployment state its own).
constexpr double kExpertImbalance = kDefaultExpertImbalance;

// Gap between dependent kernels on one stream (launch latency and ramp), even with CUDA graphs: a few
// microseconds (NVIDIA's CUDA best-practices guide gives launch overheads of about 5 us; graphs lower
// them). Matters only for decode, whose kernels are short.
constexpr double kKernelGapSeconds = 3e-6;
constexpr double kKernelsPerDenseLayer = 12;  // norms, projections, attention, MLP, residual adds
constexpr double kKernelsPerMoeLayer = 20;    // plus router, dispatch, grouped GEMMs, combine, shared expert

// DeepEP's normal (prefill and training) all-to-all kernels run on 24 of an H800's 132 SMs, which the
// overlapped computation loses; its low-latency (decode) kernels use RDMA and hardly any SMs.
constexpr double kOverlapSmShare = 24.0 / 132;

}  // namespace chipgap::perf
