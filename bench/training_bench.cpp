// SPDX-License-Identifier: Apache-2.0
// The training model's speed: one plan evaluation (target: a million per second per core), the memory
// filter the search runs first, and the full plan search for Llama 3 405B on 16,384 H100 (target: under
// a second on two cores).
#include <benchmark/benchmark.h>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/perf/plan_search.hpp"
#include "chipgap/perf/training_model.hpp"

namespace {

using namespace chipgap;

struct Setup {
  catalog::Catalog catalog;
  perf::EfficiencyTable efficiency;
  perf::Cluster cluster;
};

const Setup& llama_on_h100() {
  static const Setup setup = [] {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    if (!catalog.ok() || !efficiency.ok()) throw std::runtime_error("the built-in data failed to load");
    Setup s{std::move(catalog).value(), std::move(efficiency).value(), {}};
    const auto* system = s.catalog.find_system("HGX H100");
    s.cluster = *perf::make_cluster(s.catalog.chip_of(*system), system, 16384, s.efficiency);
    return s;
  }();
  return setup;
}

perf::TrainingPlan llama_plan() {
  perf::TrainingPlan p;
  p.tp = 8;
  p.pp = 16;
  p.dp = 128;
  p.vp = 4;
  p.global_batch = 2048;
  p.seq_len = 8192;
  p.sequence_parallel = true;
  p.recompute = perf::Recompute::Selective;
  return p;
}

void BM_EvaluatePlanDense(benchmark::State& state) {
  const perf::TrainingModel model(*llama_on_h100().catalog.find_model("llama3-405b"), llama_on_h100().cluster);
  perf::TrainingPlan plan = llama_plan();
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.evaluate(plan).step_time_s);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluatePlanDense);

void BM_EvaluatePlanMoe(benchmark::State& state) {
  const Setup& s = llama_on_h100();
  const auto* system = s.catalog.find_system("HGX H800");
  const perf::Cluster cluster = *perf::make_cluster(s.catalog.chip_of(*system), system, 2048, s.efficiency);
  const perf::TrainingModel model(*s.catalog.find_model("deepseek-v3"), cluster);
  perf::TrainingPlan plan;
  plan.pp = 16;
  plan.dp = 128;
  plan.ep = 64;
  plan.global_batch = 15360;
  plan.seq_len = 4096;
  plan.precision = perf::TrainPrecision::Fp8;
  plan.schedule = perf::Schedule::DualPipe;
  for (auto _ : state) benchmark::DoNotOptimize(model.evaluate(plan).step_time_s);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluatePlanMoe);

void BM_MemoryFilter(benchmark::State& state) {
  const perf::TrainingModel model(*llama_on_h100().catalog.find_model("llama3-405b"), llama_on_h100().cluster);
  const perf::TrainingPlan plan = llama_plan();
  for (auto _ : state) benchmark::DoNotOptimize(model.memory(plan).total());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MemoryFilter);

// The whole search, as `chipgap train --search` runs it, on 1 and 2 threads.
void BM_SearchLlama405bOn16kH100(benchmark::State& state) {
  const perf::TrainingModel model(*llama_on_h100().catalog.find_model("llama3-405b"), llama_on_h100().cluster);
  perf::SearchSpace space;
  space.base.global_batch = 2048;
  space.base.seq_len = 8192;
  std::size_t plans = 0;
  for (auto _ : state) {
    const auto result = perf::search_plans(model, space, 5, static_cast<unsigned>(state.range(0)));
    plans = result.plans_evaluated;
    benchmark::DoNotOptimize(result.best.data());
  }
  state.counters["plans"] = static_cast<double>(plans);
  state.counters["plans_per_s"] = benchmark::Counter(static_cast<double>(plans) * static_cast<double>(state.iterations()),
                                                     benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SearchLlama405bOn16kH100)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
