// SPDX-License-Identifier: Apache-2.0
// How long the catalog takes to load (every CLI call and every server start pays it) and how cheap the
// export metrics are (the rules engine and threshold sweeps compute them for every chip many times).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/metrics/export_metrics.hpp"

namespace {

std::vector<chipgap::catalog::DataFile> read_dir(const std::filesystem::path& dir) {
  std::vector<chipgap::catalog::DataFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({entry.path().string(), text.str()});
  }
  return files;
}

const chipgap::catalog::Catalog& builtin() {
  static const auto catalog = chipgap::catalog::load_catalog(CHIPGAP_DATA_DIR);
  if (!catalog.ok()) throw std::runtime_error(chipgap::to_string(catalog.errors()));
  return catalog.value();
}

// Reading the files from disk and building the catalog, as `chipgap` does on every call.
void BM_LoadCatalogFromDisk(benchmark::State& state) {
  for (auto _ : state) {
    auto catalog = chipgap::catalog::load_catalog(CHIPGAP_DATA_DIR);
    benchmark::DoNotOptimize(catalog.ok());
  }
  state.counters["accelerators"] = static_cast<double>(builtin().accelerators().size());
}
BENCHMARK(BM_LoadCatalogFromDisk)->Unit(benchmark::kMillisecond);

// Parsing and validation alone, with the file text already in memory.
void BM_ParseCatalogInMemory(benchmark::State& state) {
  const std::filesystem::path root = CHIPGAP_DATA_DIR;
  const auto accelerators = read_dir(root / "accelerators");
  const auto systems = read_dir(root / "systems");
  std::size_t bytes = 0;
  for (const auto& f : accelerators) bytes += f.text.size();
  for (const auto& f : systems) bytes += f.text.size();
  for (auto _ : state) {
    auto catalog = chipgap::catalog::parse_catalog(accelerators, systems);
    benchmark::DoNotOptimize(catalog.ok());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ParseCatalogInMemory)->Unit(benchmark::kMillisecond);

// TPP, density, DRAM and I/O bandwidth for every catalogued chip.
void BM_ExportMetricsWholeCatalog(benchmark::State& state) {
  const auto& chips = builtin().accelerators();
  for (auto _ : state) {
    for (const auto& chip : chips) benchmark::DoNotOptimize(chipgap::metrics::compute_export_metrics(chip));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * chips.size()));
}
BENCHMARK(BM_ExportMetricsWholeCatalog);

// Name lookup with normalization, hit and miss-with-suggestions.
void BM_FindAccelerator(benchmark::State& state) {
  const auto& catalog = builtin();
  for (auto _ : state) benchmark::DoNotOptimize(catalog.find_accelerator("ascend-910c"));
}
BENCHMARK(BM_FindAccelerator);

void BM_SuggestAccelerators(benchmark::State& state) {
  const auto& catalog = builtin();
  for (auto _ : state) benchmark::DoNotOptimize(catalog.suggest_accelerators("ascnd 910"));
}
BENCHMARK(BM_SuggestAccelerators);

}  // namespace
