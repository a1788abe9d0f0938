// SPDX-License-Identifier: Apache-2.0
// Private to the perf module: the pieces the training model's time and memory halves share, and the GEMM
// shape factor and memory text the serving model uses too.
//
// Where each parallel group of a plan lands on the two-level network. Ranks are numbered as Megatron
// numbers them, tensor-parallel fastest, then context, expert/data, and pipeline slowest, so a group
// with stride `stride` has domain / stride of its members in each scale-up domain.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/collectives.hpp"
#include "chipgap/perf/training_model.hpp"
#include "chipgap/perf/training_plan.hpp"

namespace chipgap::perf {

struct Layout {
  Network net;
  Group tp, cp, ep, dp_dense, dp_expert;
  bool pp_across_domains = false;
};

inline Group place(double ranks, double stride, double domain) {
  const double per_domain = stride >= domain ? 1.0 : std::max(1.0, std::floor(domain / stride));
  return {ranks, std::min(ranks, per_domain)};
}

inline Layout layout(const TrainingPlan& plan, const Cluster& c) {
  const FamilyEfficiency& e = *c.efficiency;
  Layout l;
  l.net.up_bandwidth = c.scale_up_bandwidth * e.scale_up.value;
  l.net.out_bandwidth = c.scale_out_bandwidth * e.scale_out.value;
  l.net.up_latency = e.scale_up_latency_us.value * 1e-6;
  l.net.out_latency = e.scale_out_latency_us.value * 1e-6;
  const double domain = static_cast<double>(c.domain);
  const double tp = static_cast<double>(plan.tp), cp = static_cast<double>(plan.cp);
  const double dp = static_cast<double>(plan.dp), ep = static_cast<double>(plan.ep);
  l.tp = place(tp, 1, domain);
  l.cp = place(cp, tp, domain);
  l.ep = place(ep, tp * cp, domain);
  l.dp_dense = place(dp * cp, tp, domain);               // dense gradients are reduced over DP x CP
  l.dp_expert = place(dp * cp / ep, tp * cp * ep, domain);
  l.pp_across_domains = tp * cp * dp >= domain;
  return l;
}

constexpr double kActivationBytes = 2;  // BF16 activations and activation gradients

// Efficiency of one side of a GEMM of dimension `dim`: tiles are underfilled and launches dominate as a
// dimension shrinks (docs/training.md, "compute").
inline double side(double dim, double half) { return dim / (dim + half); }

std::string gigabytes_text(double bytes);  // "93.1"

struct TrainingModel::LayerTimes {
  double fwd = 0, bwd = 0;       // computation of one layer, one micro-batch
  double recompute = 0;          // extra backward work from recomputation
  double tp = 0, tp_hidden = 0;  // TP communication, forward + backward: exposed and hidden
  double tp_fwd = 0;             // the forward pass's cost of TP communication (exposed + slowdown)
  double tp_slowdown = 0;        // GEMM time lost to the SMs that overlapped TP communication uses
  double cp = 0, cp_hidden = 0;  // CP communication
  double ep = 0, ep_hidden = 0;  // EP all-to-all
};

// What the busiest pipeline stage holds: the most layers any stage has (MoE layers first, as they are
// the heavier), the output layer, and the parameters on one of its chips.
struct TrainingModel::StageShare {
  double layers = 0, dense_layers = 0, moe_layers = 0;
  double output_heads = 1;   // passes through the output layer (1 + MTP depth)
  double dense_params = 0;   // per chip: attention, dense MLP, shared experts, routers, embedding
  double expert_params = 0;  // per chip: routed experts
};

}  // namespace chipgap::perf
