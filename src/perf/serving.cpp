// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/serving.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "training_internal.hpp"

namespace chipgap::perf {
namespace {

constexpr double kDefaultPrefillTokensPerChip = 16'384;  // DeepSeek's and SGLang's prefill batches


}  // namespace

Deployment default_deployment(const spec::ModelArch& model, const Cluster& cluster, std::optional<std::int64_t> tp,
                              std::optional<std::int64_t> dp, std::optional<std::int64_t> ep) {
  const bool moe = model.moe.has_value();
  Deployment d;
  d.tp = tp.value_or(moe ? 1 : std::min<std::int64_t>(cluster.chips, cluster.domain));
  d.dp = dp.value_or(d.tp > 0 ? cluster.chips / d.tp : 1);
  d.ep = ep.value_or(moe && d.chips() > 1 ? d.chips() : 1);
  return d;
}

ServingEstimate serve(const InferenceModel& model, const Deployment& d, const Workload& w, const CostAssumptions& cost) {
  ServingEstimate s;
  s.deployment = d;
  const Cluster& c = model.cluster();
  s.memory_capacity = c.memory_bytes;
  if (std::string problem = model.check(d); !problem.empty()) {
    s.reason = problem;
    return s;
  }
  const double n = static_cast<double>(d.chips());
  const double dp = static_cast<double>(d.dp);
  const double max_context = w.input_len + w.output_len + static_cast<double>(d.mtp);
  const double context = w.context.value_or(w.input_len + w.output_len / 2);

  // The batch: given, or the largest that fits and meets the TPOT target.
  // A prefill pool keeps no decode batch: only the prompts in flight need room.
  const bool prefill_only = w.phase == Phase::Prefill;
  const std::int64_t fit = model.max_batch(d, max_context);
  if (!prefill_only && fit < d.dp) {
    const InferenceMemory mem = model.memory(d, dp, max_context, 0);
    s.memory = mem;
    s.reason = fmt::format("one sequence per DP group needs {} GB per chip, has {}", gigabytes_text(mem.total()), gigabytes_text(c.memory_bytes));
    return s;
  }
  // With continuous batching an instance that does both phases prefills, between decode steps, as many
  // prompt tokens as the sequences that finish need: batch x tokens per step / output length prompts per
  // step (at least one prompt per TP group, at most 16,384 tokens per chip at a time). Each output token
  // waits for that share; a new prompt waits for a step and its own prefill.
  const bool continuous = w.phase == Phase::Both && w.batching == Batching::Continuous;
  const double one_prompt = w.input_len / static_cast<double>(d.tp);  // prompt tokens per chip of its TP group
  auto new_tokens = [&](double sequences, const DecodeEstimate& step) {  // per chip per step
    return sequences * step.tokens_per_step / w.output_len * w.input_len / n;
  };
  auto prefill_chunk = [&](double sequences, const DecodeEstimate& step) {
    return std::clamp(new_tokens(sequences, step), one_prompt, std::max(one_prompt, kDefaultPrefillTokensPerChip));
  };
  auto prefill_share = [&](double sequences, const DecodeEstimate& step) {
    if (!continuous) return 0.0;
    const double chunk = prefill_chunk(sequences, step);
    return new_tokens(sequences, step) * model.prefill(d, w.input_len, chunk).time_s / chunk;
  };
  auto tpot = [&](double sequences) {
    const DecodeEstimate step = model.decode(d, sequences, context);
    return (step.step_s + prefill_share(sequences, step)) / step.tokens_per_step;
  };
  double batch = 0;
  if (w.batch) {
    batch = std::max(dp, std::round(*w.batch / dp) * dp);
  } else {
    batch = static_cast<double>(fit);
    if (w.tpot_s && w.phase != Phase::Prefill) {
      // Largest multiple of dp whose step meets the target (the step grows with the batch).
      double lo = 1, hi = static_cast<double>(fit / d.dp);
      if (tpot(dp) > *w.tpot_s) {
        hi = 1;
        s.meets_targets = false;
      } else {
        while (lo < hi) {
          const double mid = std::ceil((lo + hi) / 2);
          if (tpot(mid * dp) <= *w.tpot_s) lo = mid;
          else hi = mid - 1;
        }
      }
      batch = hi * dp;
    }
  }
  s.batch = batch;
  s.batch_per_chip = batch / n;

  // Prefill: a colocated instance prefills its whole batch; a prefill pool fills batches of up to
  // 16,384 tokens per chip, fewer when the TTFT target asks.
  double prefill_tokens = 0;
  if (w.prefill_tokens_per_chip) {
    prefill_tokens = *w.prefill_tokens_per_chip;
  } else if (prefill_only && w.batch) {
    prefill_tokens = batch * w.input_len / n;  // the given prompts per instance, in one pass
  } else if (continuous) {
    prefill_tokens = prefill_chunk(batch, model.decode(d, batch, context));
  } else if (w.phase == Phase::Both) {
    prefill_tokens = batch * w.input_len / n;
  } else {
    const double prompts = std::max(1.0, std::floor(kDefaultPrefillTokensPerChip / w.input_len));
    prefill_tokens = prompts * w.input_len;
    if (w.ttft_s) {
      while (prefill_tokens > w.input_len && model.prefill(d, w.input_len, prefill_tokens).time_s > *w.ttft_s) {
        prefill_tokens -= w.input_len;
      }
    }
  }
  s.prefill_tokens_per_chip = prefill_tokens;
  if (prefill_only) {
    // A prefill pool's batch is the prompts of one prefill pass.
    batch = w.batch ? batch : std::max(1.0, std::floor(prefill_tokens * n / w.input_len));
    s.batch = batch;
    s.batch_per_chip = batch / n;
  }
  s.prefill = model.prefill(d, w.input_len, prefill_tokens);
  s.decode = model.decode(d, batch, context);
  s.ttft_s = s.prefill.time_s;
  s.batching = w.batching;
  if (continuous) {
    s.ttft_s = s.decode.step_s + model.prefill(d, w.input_len, one_prompt).time_s;
    const double share = prefill_share(batch, s.decode);
    s.tpot_s = (s.decode.step_s + share) / s.decode.tokens_per_step;
    s.output_tokens_per_s_per_chip = batch * s.decode.tokens_per_step / (s.decode.step_s + share) / n;
  } else {
    s.tpot_s = s.decode.tpot_s;
    const double decode_time = w.output_len / s.decode.tokens_per_step * s.decode.step_s;
    const double prefill_time = s.prefill.time_s * batch * w.input_len / (prefill_tokens * n);
    s.output_tokens_per_s_per_chip = batch * w.output_len / (prefill_time + decode_time) / n;
  }

  // Engines prefill in chunks; the activations in flight are one chunk's.
  const double chunk = std::min(prefill_tokens, kDefaultPrefillTokensPerChip);
  // A prefill pool holds the caches of the prompts it is prefilling, until they move to decode.
  s.memory = prefill_only ? model.memory(d, batch, w.input_len, chunk)
                          : model.memory(d, batch, max_context, w.phase == Phase::Decode ? 0 : chunk);
  if (w.ttft_s && w.phase != Phase::Decode && s.ttft_s > *w.ttft_s) s.meets_targets = false;
  if (w.tpot_s && w.phase != Phase::Prefill && s.tpot_s > *w.tpot_s) s.meets_targets = false;
  if (s.memory.total() > c.memory_bytes) {
    s.reason = prefill_only ? fmt::format("{} prompt tokens per chip need {} GB per chip, has {}", static_cast<std::int64_t>(prefill_tokens),
                                          gigabytes_text(s.memory.total()), gigabytes_text(c.memory_bytes))
                            : fmt::format("batch {} needs {} GB per chip, has {}", static_cast<std::int64_t>(batch),
                                          gigabytes_text(s.memory.total()), gigabytes_text(c.memory_bytes));
    return s;
  }
  const double throughput = w.phase == Phase::Prefill  ? s.prefill.tokens_per_s_per_chip
                            : w.phase == Phase::Decode ? s.decode.tokens_per_s_per_chip
                                                       : s.output_tokens_per_s_per_chip;
  if (const auto rate = usd_per_chip_hour(c, cost); rate && throughput > 0) {
    s.usd_per_million_tokens = *rate / (throughput * 3600) * 1e6;
  }
  if (c.power_w > 0 && throughput > 0) s.joules_per_token = c.power_w / throughput;
  if (c.system_power_w && throughput > 0) s.joules_per_token_it = *c.system_power_w / throughput;
  s.feasible = true;
  return s;
}

DeploymentSearchResult search_deployments(const InferenceModel& model, std::int64_t chips, const Deployment& base,
                                          const Workload& workload, std::size_t top, const CostAssumptions& cost) {
  const auto start = std::chrono::steady_clock::now();
  const spec::ModelArch& m = model.model();
  const Cluster& c = model.cluster();
  std::vector<std::int64_t> sizes;
  for (std::int64_t size = 1; size <= chips; size *= 2) {
    if (chips % size == 0) sizes.push_back(size);
  }
  if (std::find(sizes.begin(), sizes.end(), chips) == sizes.end()) sizes.push_back(chips);

  DeploymentSearchResult result;
  std::optional<ServingEstimate> best_prefill, best_decode;
  auto better = [](const std::optional<ServingEstimate>& current, const ServingEstimate& e, double value, double current_value) {
    return e.feasible && e.meets_targets && (!current || value > current_value);
  };
  for (auto size : sizes) {
    for (std::int64_t tp = 1; tp <= std::min<std::int64_t>(size, c.domain); tp *= 2) {
      if (size % tp != 0 || m.heads % tp != 0) continue;
      if (!m.moe && size != tp) continue;  // a dense model's instance is its TP group; more are replicas
      for (bool overlap : {false, true}) {
        if (overlap && (!m.moe || size == 1)) continue;
        Deployment d = base;
        d.tp = tp;
        d.dp = size / tp;
        d.ep = m.moe && size > 1 ? size : 1;
        d.two_batch_overlap = overlap;
        d.attention_core_share = overlap ? base.attention_core_share : 0;  // partitioned streams need two micro-batches
        if (!model.check(d).empty()) continue;
        ++result.deployments_evaluated;
        Workload both = workload;
        both.phase = Phase::Both;
        ServingEstimate colocated = serve(model, d, both, cost);
        if (colocated.feasible && colocated.meets_targets) result.colocated.push_back(std::move(colocated));
        Workload prefill = workload;
        prefill.phase = Phase::Prefill;
        ServingEstimate p = serve(model, d, prefill, cost);
        if (better(best_prefill, p, p.prefill.tokens_per_s_per_chip,
                   best_prefill ? best_prefill->prefill.tokens_per_s_per_chip : 0)) {
          best_prefill = p;
        }
        Workload decode = workload;
        decode.phase = Phase::Decode;
        ServingEstimate q = serve(model, d, decode, cost);
        if (better(best_decode, q, q.decode.tokens_per_s_per_chip, best_decode ? best_decode->decode.tokens_per_s_per_chip : 0)) {
          best_decode = q;
        }
      }
    }
  }
  std::sort(result.colocated.begin(), result.colocated.end(), [](const ServingEstimate& a, const ServingEstimate& b) {
    return a.output_tokens_per_s_per_chip > b.output_tokens_per_s_per_chip;
  });
  if (result.colocated.size() > top) result.colocated.resize(top);
  if (best_prefill && best_decode) {
    DisaggregatedPlan plan{*best_prefill, *best_decode, 0, 0};
    const double decode_rate = best_decode->decode.tokens_per_s_per_chip;
    plan.prefill_chips_per_decode_chip =
        decode_rate * workload.input_len / workload.output_len / best_prefill->prefill.tokens_per_s_per_chip;
    plan.output_tokens_per_s_per_chip = decode_rate / (1 + plan.prefill_chips_per_decode_chip);
    result.disaggregated = plan;
  }
  result.search_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace chipgap::perf
