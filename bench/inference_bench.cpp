// SPDX-License-Identifier: Apache-2.0
// The serving model's speed: one decode estimate, one prefill estimate, and the full deployment search
// for DeepSeek-V3 on 64 H20 (the benchmark).
#include <benchmark/benchmark.h>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/perf/serving.hpp"

namespace {

using namespace chipgap;

struct Setup {
  catalog::Catalog catalog;
  perf::EfficiencyTable efficiency;
  perf::Cluster h20;
};

const Setup& deepseek_on_h20() {
  static const Setup setup = [] {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    if (!catalog.ok() || !efficiency.ok()) throw std::runtime_error("the built-in data failed to load");
    Setup s{std::move(catalog).value(), std::move(efficiency).value(), {}};
    const auto* system = s.catalog.find_system("HGX H20");
    // The catalog has no H20 network figure; 400 Gb/s per GPU as in H800 nodes.
    s.h20 = *perf::make_cluster(s.catalog.chip_of(*system), system, 64, s.efficiency, {50e9, std::nullopt});
    return s;
  }();
  return setup;
}

perf::Deployment ep64() {
  perf::Deployment d;
  d.dp = 64;
  d.ep = 64;
  d.precision = perf::WeightPrecision::Fp8;
  d.two_batch_overlap = true;
  return d;
}

void BM_DecodeEstimate(benchmark::State& state) {
  const perf::InferenceModel model(*deepseek_on_h20().catalog.find_model("deepseek-v3"), deepseek_on_h20().h20);
  const perf::Deployment d = ep64();
  for (auto _ : state) benchmark::DoNotOptimize(model.decode(d, 4096, 4096).step_s);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeEstimate);

void BM_PrefillEstimate(benchmark::State& state) {
  const perf::InferenceModel model(*deepseek_on_h20().catalog.find_model("deepseek-v3"), deepseek_on_h20().h20);
  const perf::Deployment d = ep64();
  for (auto _ : state) benchmark::DoNotOptimize(model.prefill(d, 4096, 16384).time_s);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PrefillEstimate);

void BM_SearchDeepSeekV3On64H20(benchmark::State& state) {
  const perf::InferenceModel model(*deepseek_on_h20().catalog.find_model("deepseek-v3"), deepseek_on_h20().h20);
  perf::Deployment base;
  base.precision = perf::WeightPrecision::Fp8;
  perf::Workload w;
  w.input_len = 4096;
  w.output_len = 1024;
  w.tpot_s = 0.050;
  std::size_t evaluated = 0;
  for (auto _ : state) {
    const auto result = perf::search_deployments(model, 64, base, w);
    evaluated = result.deployments_evaluated;
    benchmark::DoNotOptimize(result.colocated.data());
  }
  state.counters["deployments"] = static_cast<double>(evaluated);
}
BENCHMARK(BM_SearchDeepSeekV3On64H20)->Unit(benchmark::kMillisecond);

}  // namespace
