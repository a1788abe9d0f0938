// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/collectives.hpp"

#include <algorithm>
#include <cmath>

namespace chipgap::perf {
namespace {

// One flat level: ring (bandwidth-optimal, 2(n-1) latency steps for all-reduce) or double binary tree
// (2 log2 n steps, bandwidth within a few percent of the ring for large buffers; taken equal here).
double flat_all_reduce(double n, double bandwidth, double latency, double bytes) {
  if (n <= 1) return 0;
  const double transfer = 2 * (n - 1) / n * bytes / bandwidth;
  const double ring = transfer + 2 * (n - 1) * latency;
  const double tree = transfer + 2 * std::log2(n) * latency;
  return std::min(ring, tree);
}

double flat_gather(double n, double bandwidth, double latency, double bytes) {
  if (n <= 1) return 0;
  return (n - 1) / n * bytes / bandwidth + (n - 1) * latency;
}

}  // namespace

double all_reduce_time(const Network& net, Group g, double bytes) {
  if (g.ranks <= 1) return 0;
  const double inner = std::clamp(g.in_domain, 1.0, g.ranks);
  const double outer = g.ranks / inner;
  if (outer <= 1) return flat_all_reduce(inner, net.up_bandwidth, net.up_latency, bytes);
  if (inner <= 1) return flat_all_reduce(outer, net.out_bandwidth, net.out_latency, bytes);
  // Hierarchical: reduce-scatter inside the domain, all-reduce the 1/inner shard across domains (every
  // chip through its own NIC, in parallel), all-gather inside the domain.
  const double flat_out = flat_all_reduce(g.ranks, net.out_bandwidth, net.out_latency, bytes);
  const double hierarchical = 2 * flat_gather(inner, net.up_bandwidth, net.up_latency, bytes) +
                              flat_all_reduce(outer, net.out_bandwidth, net.out_latency, bytes / inner);
  return std::min(flat_out, hierarchical);
}

double reduce_scatter_time(const Network& net, Group g, double bytes) {
  if (g.ranks <= 1) return 0;
  const double inner = std::clamp(g.in_domain, 1.0, g.ranks);
  const double outer = g.ranks / inner;
  if (outer <= 1) return flat_gather(inner, net.up_bandwidth, net.up_latency, bytes);
  if (inner <= 1) return flat_gather(outer, net.out_bandwidth, net.out_latency, bytes);
  return flat_gather(inner, net.up_bandwidth, net.up_latency, bytes) +
         flat_gather(outer, net.out_bandwidth, net.out_latency, bytes / inner);
}

double all_gather_time(const Network& net, Group group, double bytes) {
  return reduce_scatter_time(net, group, bytes);
}

double all_to_all_time(const Network& net, Group g, double bytes) {
  if (g.ranks <= 1) return 0;
  const double inner = std::clamp(g.in_domain, 1.0, g.ranks);
  const double local = bytes * (inner - 1) / g.ranks;
  const double remote = bytes * (g.ranks - inner) / g.ranks;
  // The two levels run concurrently; each rank exchanges with every peer, so latency grows with peers
  // only logarithmically once messages are pipelined.
  const double up = local / net.up_bandwidth + (inner > 1 ? net.up_latency : 0);
  const double out = remote > 0 ? remote / net.out_bandwidth + net.out_latency : 0;
  return std::max(up, out);
}

double two_level_all_to_all_time(const Network& net, Group g, double local_bytes, double remote_bytes) {
  if (g.ranks <= 1) return 0;
  const double up = local_bytes > 0 ? local_bytes / net.up_bandwidth + net.up_latency : 0;
  const double out = remote_bytes > 0 ? remote_bytes / net.out_bandwidth + net.out_latency : 0;
  return std::max(up, out);
}

double last_arrival_wait(double ranks) {
  if (ranks <= 1) return 0;
  return kRankArrivalSpread * std::sqrt(2 * std::log(ranks));
}

DispatchTraffic grouped_dispatch(Group g, double tokens, double token_bytes, double top_k, double node_limit) {
  const double domains = g.ranks / g.in_domain;
  double reached = domains * (1 - std::pow(1 - 1 / domains, top_k));  // distinct domains among top-k picks
  if (node_limit > 0) reached = std::min(reached, node_limit);
  return {tokens * token_bytes * top_k * (g.in_domain - 1) / g.in_domain,
          tokens * token_bytes * reached * (domains - 1) / domains};
}

DispatchTraffic direct_dispatch(Group g, double tokens, double token_bytes, double top_k) {
  return {tokens * token_bytes * top_k * (g.in_domain - 1) / g.ranks,
          tokens * token_bytes * top_k * (g.ranks - g.in_domain) / g.ranks};
}

double send_time(const Network& net, bool across_domains, double bytes) {
  return across_domains ? bytes / net.out_bandwidth + net.out_latency : bytes / net.up_bandwidth + net.up_latency;
}

}  // namespace chipgap::perf
