// SPDX-License-Identifier: Apache-2.0
// Equivalence and the chip gap, with issue 15's speed goals: the match for Llama 3 405B (16,384 H100
// against the Ascend 910C in CloudMatrix 384 systems) under 1 s on 2 cores, and the gap for 2022-2027
// monthly under 2 s. Also a five-way comparison at equal power.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "builtin_data.hpp"
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/compare/comparison.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap {
namespace {

using Data = bench::Builtin;
const Data& data() { return bench::builtin(); }

void BM_MatchLlama405bH100AgainstCloudMatrix(benchmark::State& state) {
  const auto& c = data().catalog;
  const spec::System* h100 = c.find_system("HGX H100");
  const spec::System* cm384 = c.find_system("CloudMatrix 384");
  const compare::Hardware reference{&c.chip_of(*h100), h100}, candidate{&c.chip_of(*cm384), cm384};
  compare::TrainingWorkload w;
  w.model = c.find_model("llama3-405b");
  w.tokens = 15.6e12;
  w.seq_len = 8192;
  w.global_batch = 2048;
  std::size_t tried = 0;
  for (auto _ : state) {
    const compare::MatchResult m = compare::match_training(reference, 16384, candidate, w, data().efficiency);
    tried = m.counts_tried;
    benchmark::DoNotOptimize(m.candidate.count);
  }
  state.counters["counts_tried"] = static_cast<double>(tried);
}
BENCHMARK(BM_MatchLlama405bH100AgainstCloudMatrix)->Unit(benchmark::kMillisecond);

compare::GapQuery monthly_2022_2027() {
  compare::GapQuery q;
  q.since = {2022, 1, 1};
  q.until = {2027, 12, 1};
  q.today = {2026, 12, 7};
  q.step = compare::GapStep::Month;
  return q;
}

void BM_GapMonthly2022To2027Peak(benchmark::State& state) {
  for (auto _ : state) {
    auto gap = compare::chip_gap(data().catalog, data().rules, monthly_2022_2027(), compare::peak_16bit_capability);
    benchmark::DoNotOptimize(gap);
  }
}
BENCHMARK(BM_GapMonthly2022To2027Peak)->Unit(benchmark::kMillisecond);

// Every data-centre chip's best plan for a 70B run on 1,024 chips, then the monthly gap.
void BM_GapMonthly2022To2027Training(benchmark::State& state) {
  compare::TrainingWorkload w;
  w.model = data().catalog.find_model("llama3-70b");
  w.tokens = 1e12;
  w.seq_len = 4096;
  w.global_batch = 1024;
  for (auto _ : state) {
    auto gap = compare::chip_gap(data().catalog, data().rules, monthly_2022_2027(),
                                 compare::training_capability(data().catalog, w, data().efficiency, 1024));
    benchmark::DoNotOptimize(gap);
  }
}
BENCHMARK(BM_GapMonthly2022To2027Training)->Unit(benchmark::kMillisecond);

void BM_CompareFiveSystemsAtEqualPower(benchmark::State& state) {
  const auto& c = data().catalog;
  std::vector<compare::Hardware> rows;
  for (const char* name : {"HGX H100", "HGX H800", "HGX H20", "CloudMatrix 384", "GB200 NVL72"}) {
    const spec::System* s = c.find_system(name);
    rows.push_back({&c.chip_of(*s), s});
  }
  const auto overhead = compare::catalog_it_overhead(c);
  compare::TrainingWorkload w;
  w.model = c.find_model("llama3-405b");
  w.tokens = 15.6e12;
  w.seq_len = 8192;
  w.global_batch = 2048;
  compare::EqualTerms terms;
  terms.basis = compare::EqualBasis::Power;
  terms.power_kw = 20000;
  for (auto _ : state) {
    auto comparison = compare::compare_training(rows, 0, terms, w, data().efficiency, overhead);
    benchmark::DoNotOptimize(comparison);
  }
}
BENCHMARK(BM_CompareFiveSystemsAtEqualPower)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chipgap
