// SPDX-License-Identifier: Apache-2.0
// Scenario runs, with issue 16's goal: 10,000 draws over 2022-2030 and every flow's chip in under 1 s
// on 2 cores (and under 200 MB). The engine is prepared once (per-chip factors from the performance
// engine, verdict timelines from the rules engine), as a server or a sensitivity sweep keeps it.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "builtin_data.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/scenario/engine.hpp"

namespace chipgap {
namespace {

using Data = bench::Builtin;
const Data& data() { return bench::builtin(); }

void BM_Scenario10kDraws2022To2030(benchmark::State& state) {
  const Data& d = data();
  auto bases = scenario::workload_bases(d.catalog, d.workloads, d.efficiency);
  if (!bases) throw std::runtime_error("no workload bases");
  const scenario::Engine engine(d.catalog, d.rules, d.scenarios, std::move(bases).value());
  scenario::RunOptions options;
  options.last_year = 2030;
  options.draws = 10'000;
  const spec::Scenario* status_quo = d.scenarios.find_scenario("status-quo-2026-12");
  if (!engine.run(status_quo, options)) throw std::runtime_error("the run fails");  // prepares factors and timelines
  for (auto _ : state) {
    auto r = engine.run(status_quo, options);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Scenario10kDraws2022To2030)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace chipgap
