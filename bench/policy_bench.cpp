// SPDX-License-Identifier: Apache-2.0
// Policy design with issue 17's speed goals: a 100-point TPP sweep over the catalog with capability
// under 1 s on 2 cores (peak and serving bases), and a design search over 10^5 candidate designs with a
// serving objective under 60 s on 2 cores. MPI scaling is measured by bench/mpi/scaling.sh.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/policy/design.hpp"
#include "chipgap/policy/sweep.hpp"

namespace chipgap {
namespace {

struct Data {
  catalog::Catalog catalog;
  perf::EfficiencyTable efficiency;
  catalog::RuleBook rules;
  std::vector<spec::DesignKnob> knobs;
};

const Data& data() {
  static const Data d = [] {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
    auto knobs = catalog::load_design_knobs(CHIPGAP_DATA_DIR);
    if (!catalog || !efficiency || !rules || !knobs) throw std::runtime_error("built-in data does not load");
    return Data{std::move(catalog).value(), std::move(efficiency).value(), std::move(rules).value(), std::move(knobs).value()};
  }();
  return d;
}

// Llama 3 70B chat serving (the llama3-70b-chat reference workload): 2,048 in, 512 out, TPOT <= 50 ms.
compare::ServingWorkload chat() {
  compare::ServingWorkload w;
  w.model = data().catalog.find_model("llama3-70b");
  w.requests.input_len = 2048;
  w.requests.output_len = 512;
  w.requests.tpot_s = 0.05;
  return w;
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
  const auto w = chat();
  const auto& efficiency = data().efficiency;
  const policy::Objective objective = [&](const compare::Hardware& h) -> compare::Capability {
    const auto o = compare::best_serving_outcome(h, 8, w, efficiency, {});
    if (!o.feasible) return {std::nullopt, o.reason};
    return {o.output_tokens_per_s / 8, {}};
  };
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
