// SPDX-License-Identifier: Apache-2.0
// Policy design with issue 17's speed goals: a 100-point TPP sweep over the catalog with capability
// under 1 s on 2 cores (peak and serving bases), and a design search over 10^5 candidate designs with a
// serving objective under 60 s on 2 cores. MPI scaling is measured by bench/mpi/scaling.sh.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "builtin_data.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/reference_workload.hpp"
#include "chipgap/policy/design.hpp"
#include "chipgap/policy/sweep.hpp"

namespace chipgap {
namespace {

using Data = bench::Builtin;
const Data& data() { return bench::builtin(); }

// The llama3-70b-chat reference workload: 2,048 in, 512 out, TPOT <= 50 ms.
compare::ServingWorkload chat() {
  return compare::serving_workload_of(*catalog::find_workload(data().workloads, compare::kServeBasisWorkload), data().catalog);
}

policy::SweepQuery tpp_101_points() {
  policy::SweepQuery q;
  q.rule_id = "us-ear-2023-10";
  q.axes = {policy::Axis{spec::Metric::Tpp, 4800, 1600, -32}};
  q.date = {2024, 6, 1};
  return q;
}

void run_sweep(benchmark::State& state, const compare::CapabilityOf& capability) {
  std::size_t points = 0;
  for (auto _ : state) {
    // Prepared every time: the capabilities are computed afresh (memoised within one sweep only).
    auto sweep = policy::Sweep::prepare(data().catalog, data().rules, tpp_101_points(), capability);
    if (!sweep) throw std::runtime_error(to_string(sweep.errors()));
    auto result = (*sweep)->run(0);
    points = result->size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["points"] = static_cast<double>(points);
}

void BM_SweepTpp101PointsPeak(benchmark::State& state) { run_sweep(state, compare::peak_16bit_capability); }
BENCHMARK(BM_SweepTpp101PointsPeak)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SweepTpp101PointsServing(benchmark::State& state) {
  run_sweep(state, compare::serving_capability(data().catalog, chat(), data().efficiency, 64));
}
BENCHMARK(BM_SweepTpp101PointsServing)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Design105kCandidatesServing(benchmark::State& state) {
  const auto& c = data().catalog;
  policy::DesignQuery q;
  q.base = c.find_accelerator("H100 SXM");
  q.system = c.find_system("HGX H100");
  q.date = {2025, 6, 1};  // the April 2025 letters: DRAM, I/O and their sum bind besides TPP
  q.want = policy::Want::None;
  q.knobs = {{spec::Knob::ComputeShare, 0.05, 1, 0.01},
             {spec::Knob::MemoryBandwidthShare, 0.25, 1.2, 0.05},
             {spec::Knob::MemoryCapacityShare, 0.3, 1.1, 0.2},
             {spec::Knob::ScaleUpShare, 0, 1, 0.1}};
  const policy::Objective objective = policy::serving_objective(chat(), 8, data().efficiency);
  policy::DesignResult last;
  for (auto _ : state) {
    auto r = policy::design_search(data().rules, data().knobs, q, objective);
    if (!r) throw std::runtime_error(to_string(r.errors()));
    last = std::move(r).value();
  }
  state.counters["candidates"] = static_cast<double>(last.candidates);
  state.counters["compliant"] = static_cast<double>(last.compliant);
  state.counters["evaluated"] = static_cast<double>(last.evaluated);
}
BENCHMARK(BM_Design105kCandidatesServing)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace chipgap
