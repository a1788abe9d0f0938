// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/plan_search.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace chipgap::perf {
namespace {

std::vector<std::int64_t> divisors(std::int64_t n, std::int64_t limit) {
  std::vector<std::int64_t> out;
  for (std::int64_t d = 1; d <= n && d <= limit; ++d) {
    if (n % d == 0) out.push_back(d);
  }
  return out;
}

std::vector<std::int64_t> powers_of_two(std::int64_t limit) {
  std::vector<std::int64_t> out;
  for (std::int64_t d = 1; d <= limit; d *= 2) out.push_back(d);
  return out;
}

template <typename T>
std::vector<T> fixed_or(const std::optional<T>& fixed, std::vector<T> options) {
  if (fixed) return {*fixed};
  return options;
}

// The outer degrees (TP, CP, PP) that one worker takes at a time.
struct Outer {
  std::int64_t tp, cp, pp;
};

struct Worker {
  std::vector<RankedPlan> best;
  std::optional<RankedPlan> closest;
  double closest_excess = 0;
  std::size_t evaluated = 0, feasible = 0;
};

void keep(std::vector<RankedPlan>& best, std::size_t top, const TrainingPlan& plan, const TrainingEstimate& e) {
  auto slower = [](const RankedPlan& a, const RankedPlan& b) { return a.estimate.step_time_s < b.estimate.step_time_s; };
  if (best.size() < top) {
    best.push_back({plan, e});
    std::push_heap(best.begin(), best.end(), slower);
  } else if (e.step_time_s < best.front().estimate.step_time_s) {
    std::pop_heap(best.begin(), best.end(), slower);
    best.back() = {plan, e};
    std::push_heap(best.begin(), best.end(), slower);
  }
}

void search_outer(const TrainingModel& model, const SearchSpace& space, const Outer& o, std::size_t top, Worker& w) {
  const spec::ModelArch& m = model.model();
  const std::int64_t chips = model.cluster().chips;
  const std::int64_t dp = chips / (o.tp * o.cp * o.pp);
  if (space.dp && *space.dp != dp) return;
  const TrainingPlan& base = space.base;
  if (base.global_batch % dp != 0) return;
  std::vector<std::int64_t> eps{1};
  if (m.moe) {
    eps.clear();
    for (auto e : divisors(m.moe->experts, dp * o.cp)) {
      if ((dp * o.cp) % e == 0) eps.push_back(e);
    }
  }
  eps = fixed_or(space.ep, eps);
  const auto vps = fixed_or<std::int64_t>(space.vp, o.pp > 1 ? std::vector<std::int64_t>{1, 2, 3, 4, 6, 8} : std::vector<std::int64_t>{1});
  const auto mbss = fixed_or<std::int64_t>(space.micro_batch, {1, 2, 4, 8});
  const auto recomputes = fixed_or<Recompute>(space.recompute, {Recompute::None, Recompute::Selective, Recompute::Full});
  const auto zeros = fixed_or<int>(space.zero, {0, 1, 2, 3});
  TrainingPlan plan = base;
  plan.tp = o.tp;
  plan.cp = o.cp;
  plan.pp = o.pp;
  plan.dp = dp;
  plan.sequence_parallel = o.tp > 1;
  for (auto ep : eps) {
    plan.ep = ep;
    for (auto vp : vps) {
      plan.vp = vp;
      for (auto mbs : mbss) {
        plan.micro_batch = mbs;
        if (base.global_batch % (dp * mbs) != 0) continue;
        for (auto recompute : recomputes) {
          plan.recompute = recompute;
          for (auto zero : zeros) {
            plan.zero = zero;
            if (!model.valid(plan)) continue;
            ++w.evaluated;
            // Cheap filter first: memory needs no communication or pipeline arithmetic.
            const MemoryBreakdown mem = model.memory(plan);
            const double excess = mem.total() - model.cluster().memory_bytes;
            if (excess > 0) {
              if (!w.closest || excess < w.closest_excess) {
                w.closest = RankedPlan{plan, model.evaluate(plan)};
                w.closest_excess = excess;
              }
              continue;
            }
            ++w.feasible;
            keep(w.best, top, plan, model.evaluate(plan));
          }
        }
      }
    }
  }
}

}  // namespace

SearchResult search_plans(const TrainingModel& model, const SearchSpace& space, std::size_t top, unsigned threads) {
  const auto start = std::chrono::steady_clock::now();
  const spec::ModelArch& m = model.model();
  const Cluster& c = model.cluster();
  std::vector<Outer> outers;
  const auto tps = fixed_or(space.tp, powers_of_two(std::min<std::int64_t>(c.domain, m.heads)));
  const auto cps = fixed_or(space.cp, powers_of_two(64));
  for (auto tp : tps) {
    for (auto cp : cps) {
      if (c.chips % (tp * cp) != 0) continue;
      const auto pps = fixed_or(space.pp, divisors(c.chips / (tp * cp), m.layers));
      for (auto pp : pps) {
        if (c.chips % (tp * cp * pp) == 0) outers.push_back({tp, cp, pp});
      }
    }
  }
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, outers.size())));
  std::vector<Worker> workers(threads);
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) {
    pool.emplace_back([&, i] {
      for (std::size_t k = i; k < outers.size(); k += threads) search_outer(model, space, outers[k], top, workers[i]);
    });
  }
  for (auto& thread : pool) thread.join();

  SearchResult result;
  result.threads = threads;
  double closest_excess = 0;
  for (auto& w : workers) {
    result.plans_evaluated += w.evaluated;
    result.plans_feasible += w.feasible;
    for (auto& ranked : w.best) result.best.push_back(std::move(ranked));
    if (w.closest && (!result.closest || w.closest_excess < closest_excess)) {
      result.closest = w.closest;
      closest_excess = w.closest_excess;
    }
  }
  std::sort(result.best.begin(), result.best.end(),
            [](const RankedPlan& a, const RankedPlan& b) { return a.estimate.step_time_s < b.estimate.step_time_s; });
  if (result.best.size() > top) result.best.resize(top);
  result.search_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace chipgap::perf
