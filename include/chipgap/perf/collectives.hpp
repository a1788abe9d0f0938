// SPDX-License-Identifier: Apache-2.0
// Time of the collectives a training or serving step uses, over a two-level network: ranks inside one
// scale-up domain talk over its links (NVLink, HCCS, UB), ranks in different domains over the scale-out
// network, each chip through its own NIC. Every time is latency steps plus bytes over achieved bandwidth;
// where NCCL would choose between algorithms (ring or tree) the faster one is taken.
#pragma once

#include "chipgap/spec/serving_setup.hpp"

namespace chipgap::perf {

struct Network {
  double up_bandwidth = 0;   // achieved bytes/s per chip per direction inside a domain
  double out_bandwidth = 0;  // achieved bytes/s per chip per direction across domains
  double up_latency = 0;     // seconds per algorithm step
  double out_latency = 0;
};

// A group of `ranks` chips of which `in_domain` share each scale-up domain (1: every rank in its own
// domain; ranks: all in one domain). `bytes` is the size of the whole buffer on each rank.
struct Group {
  double ranks = 1;
  double in_domain = 1;
};

double all_reduce_time(const Network& net, Group group, double bytes);
double reduce_scatter_time(const Network& net, Group group, double bytes);  // == all-gather time
double all_gather_time(const Network& net, Group group, double bytes);
// Each rank sends `bytes` in total, spread evenly over all ranks of the group (itself included).
double all_to_all_time(const Network& net, Group group, double bytes);
// Expert dispatch as DeepEP-style kernels do it: each rank sends `remote_bytes` across domains (one copy
// per destination domain) and `local_bytes` over the scale-up links; the two run concurrently.
double two_level_all_to_all_time(const Network& net, Group group, double local_bytes, double remote_bytes);
// Bytes one rank sends to dispatch its tokens to their top-k experts over `group` (the combine returns
// the same amounts), for `token_bytes` per token copy.
struct DispatchTraffic {
  double local = 0;   // over the scale-up links
  double remote = 0;  // across domains
};
// High-throughput kernels (DeepEP normal mode, training and prefill): a token crosses the network once
// per other domain holding one of its experts (at most `node_limit` domains; 0 for no limit), then fans
// out over the scale-up links.
DispatchTraffic grouped_dispatch(Group group, double tokens, double token_bytes, double top_k, double node_limit);
// Low-latency kernels (DeepEP decode mode): each token goes straight to each of its experts' chips.
DispatchTraffic direct_dispatch(Group group, double tokens, double token_bytes, double top_k);
double send_time(const Network& net, bool across_domains, double bytes);

using spec::kDefaultExpertImbalance;  // chipgap/spec/serving_setup.hpp

// Standard deviation of the time at which ranks reach a collective (run-to-run jitter of the work
// before it). xDeepServe (arXiv 2508.02520, Fig. 20) measures DeepSeek decode on 288 Ascend 910C dies:
// dispatch takes 234 us on average and 185 at best, "absorbing variance from MLA compute across all DPs":
// 49 us of waiting, over sqrt(2 ln 288) = 3.37.
inline constexpr double kRankArrivalSpread = 14.6e-6;
// How long a collective over `ranks` waits, on average, for its last rank: the largest of N near-Gaussian
// arrival times lies about sqrt(2 ln N) standard deviations after their mean.
double last_arrival_wait(double ranks);

}  // namespace chipgap::perf
