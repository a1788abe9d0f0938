// SPDX-License-Identifier: Apache-2.0
// catalog::parse_catalog on accelerator, system and model files (data/accelerators, data/systems,
// data/models). The input is an accelerator file; "#@ systems" and "#@ models" lines start a system or
// model file within it, "#@ accelerators" another accelerator file (fuzz_input.hpp). A catalog that
// loads is also put through what every command does with it: lookups, metrics and strict JSON.
#include <nlohmann/json.hpp>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/codec/json.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/metrics/system_totals.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<catalog::DataFile> accelerators, systems, models;
  for (auto& section : fuzz::split_sections(fuzz::text_of(data, size), "accelerators")) {
    if (section.role == "systems") {
      systems.push_back(std::move(section.file));
    } else if (section.role == "models") {
      models.push_back(std::move(section.file));
    } else {
      accelerators.push_back(std::move(section.file));
    }
  }
  auto result = catalog::parse_catalog(accelerators, systems, models);
  if (!result) {
    (void)to_string(result.errors());
    return 0;
  }
  const catalog::Catalog& catalog = *result;
  // What `--format json` writes must serialize: a loaded catalog holds only valid UTF-8.
  for (const auto& chip : catalog.accelerators()) {
    (void)catalog.find_accelerator(chip.name);
    (void)codec::to_json(chip, metrics::compute_export_metrics(chip)).dump();
  }
  for (const auto& system : catalog.systems()) {
    (void)catalog.find_system(system.name);
    const auto& chip = catalog.chip_of(system);
    (void)codec::to_json(system, chip, metrics::compute_system_totals(system, chip)).dump();
  }
  (void)catalog.suggest_accelerators("H100");
  (void)catalog.suggest_systems("HGX H100");
  (void)catalog.suggest_models("llama");
  return 0;
}
