// SPDX-License-Identifier: Apache-2.0
// The rules engine's cost: one verdict (what a server answers per request), a whole-catalog diff, and a
// timeline (a verdict on every change date).
#include <benchmark/benchmark.h>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/rules/engine.hpp"

namespace {

struct Loaded {
  chipgap::catalog::Catalog catalog;
  chipgap::catalog::RuleBook rules;
};

const Loaded& loaded() {
  static const Loaded data = [] {
    auto catalog = chipgap::catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto rules = chipgap::catalog::load_rule_book(CHIPGAP_DATA_DIR);
    if (!catalog.ok() || !rules.ok()) throw std::runtime_error("the built-in data failed to load");
    return Loaded{std::move(catalog).value(), std::move(rules).value()};
  }();
  return data;
}

chipgap::rules::Query query(const char* date) { return {"CN", *chipgap::Date::parse(date), std::nullopt, {}}; }

void BM_LoadRuleBook(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(chipgap::catalog::load_rule_book(CHIPGAP_DATA_DIR).ok());
}
BENCHMARK(BM_LoadRuleBook)->Unit(benchmark::kMillisecond);

void BM_ClassifyH20(benchmark::State& state) {
  const auto item = chipgap::rules::make_item(*loaded().catalog.find_accelerator("h20"));
  const auto q = query("2026-03-01");
  for (auto _ : state) benchmark::DoNotOptimize(chipgap::rules::classify(loaded().rules, item, q).ok());
}
BENCHMARK(BM_ClassifyH20);

void BM_DiffWholeCatalog(benchmark::State& state) {
  const auto q = query("2023-11-17");
  for (auto _ : state) {
    auto changes = chipgap::rules::diff(loaded().rules, loaded().catalog, *chipgap::Date::parse("2023-11-16"),
                                        *chipgap::Date::parse("2023-11-17"), q);
    benchmark::DoNotOptimize(changes.ok());
  }
  state.counters["chips"] = static_cast<double>(loaded().catalog.accelerators().size());
}
BENCHMARK(BM_DiffWholeCatalog)->Unit(benchmark::kMillisecond);

void BM_TimelineH800(benchmark::State& state) {
  const auto item = chipgap::rules::make_item(*loaded().catalog.find_accelerator("h800"));
  for (auto _ : state) benchmark::DoNotOptimize(chipgap::rules::timeline(loaded().rules, item, query("2026-03-01")).ok());
}
BENCHMARK(BM_TimelineH800);

}  // namespace
