// SPDX-License-Identifier: Apache-2.0
// The built-in catalog: it must load strictly, hold what the README promises, and give the export
// metrics that public analyses quote for well-known chips, computed from the catalogued rates.
#include <gtest/gtest.h>

#include <algorithm>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/metrics/export_metrics.hpp"

namespace chipgap {
namespace {

const Result<catalog::Catalog>& loaded() {
  static const auto result = catalog::load_catalog(CHIPGAP_DATA_DIR);
  return result;
}

// Every test needs the catalog; each fails (rather than crashes) when it does not load.
class BuiltinCatalog : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(loaded().ok()) << to_string(loaded().errors()); }
  static const catalog::Catalog& builtin() { return loaded().value(); }
  static metrics::ExportMetrics metrics_of(const std::string& name) {
    const auto* chip = builtin().find_accelerator(name);
    EXPECT_NE(chip, nullptr) << name;
    return chip ? metrics::compute_export_metrics(*chip) : metrics::ExportMetrics{};
  }
};

TEST_F(BuiltinCatalog, LoadsStrictlyWithEnoughEntries) {
  EXPECT_GE(builtin().accelerators().size(), 45u);
  EXPECT_GE(builtin().systems().size(), 8u);
}

TEST_F(BuiltinCatalog, ShortNamesResolve) {
  for (const char* name : {"a100", "a800", "h100", "h800", "h20", "h200", "b200", "gb200", "l20", "rtx-4090",
                           "rtx-4090d", "mi300x", "mi325x", "gaudi3", "ascend-910b", "ascend-910c"}) {
    EXPECT_NE(builtin().find_accelerator(name), nullptr) << name;
  }
}

TEST_F(BuiltinCatalog, CoversTheChipsOfTheExportDebate) {
  for (const char* name : {"H100 PCIe", "B300", "GB300", "L40S", "L2", "RTX 4090", "RTX 5090", "RTX 5090D",
                           "RTX 5090D V2", "RTX Pro 6000D", "MI250X", "MI308X", "MI355X", "Gaudi 2", "TPU v5e",
                           "TPU v5p", "TPU v6e", "Ironwood", "Ascend 910", "Ascend 950PR", "Ascend 950DT"}) {
    EXPECT_NE(builtin().find_accelerator(name), nullptr) << name;
  }
  for (const char* name : {"HGX H100", "HGX H800", "HGX H20", "HGX H200", "GB200 NVL72", "GB300 NVL72",
                           "Atlas 800T A2", "CloudMatrix 384"}) {
    EXPECT_NE(builtin().find_system(name), nullptr) << name;
  }
}

// Issue 14 item 2: the catalog reaches December 2026, with the Chinese parts and the systems that
// comparisons need (announced parts included, marked as such).
TEST_F(BuiltinCatalog, CoversTheCatalogToDecember2026) {
  EXPECT_GE(builtin().accelerators().size(), 85u);
  const auto chinese = std::count_if(builtin().accelerators().begin(), builtin().accelerators().end(),
                                     [](const spec::Accelerator& chip) { return chip.country == "CN"; });
  EXPECT_GE(chinese, 25);
  for (const char* name : {"L4", "L40", "RTX 4080", "MI210", "A30", "Trainium2", "Trainium3", "MI350X", "MI455X",
                           "Rubin", "Rubin CPX", "TPU 8t", "TPU 8i", "Maia 200", "MTIA 400", "Ascend 970",
                           "Ascend 910B4", "Kunlun M100", "MLU290", "Zhenwu 810E"}) {
    EXPECT_NE(builtin().find_accelerator(name), nullptr) << name;
  }
  for (const char* name : {"HGX B200", "HGX B300", "HGX H800", "HGX H20", "Trn2 UltraServer",
                           "Trn3 Gen2 UltraServer", "TPU7x Ironwood pod", "Atlas 900 A3 SuperPoD",
                           "Atlas 950 SuperPoD", "Helios", "Vera Rubin NVL72", "Tianchi 256"}) {
    EXPECT_NE(builtin().find_system(name), nullptr) << name;
  }
}

// The loader already requires a cited source per value; here each cited address must be usable.
TEST_F(BuiltinCatalog, EverySourceHasAnAddress) {
  auto check = [](const std::string& entry, const std::vector<spec::Source>& sources) {
    for (const auto& source : sources) {
      const bool web = source.url.rfind("https://", 0) == 0 || source.url.rfind("http://", 0) == 0;
      EXPECT_TRUE(web || (source.url.empty() && !source.document.empty())) << entry << ": " << source.id << " " << source.url;
    }
  };
  for (const auto& chip : builtin().accelerators()) check(chip.name, chip.sources);
  for (const auto& system : builtin().systems()) check(system.name, system.sources);
  for (const auto& model : builtin().models()) check(model.name, model.sources);
}

// Published TPP and density figures (press and BIS-rule analyses); the catalog holds only the rates.
TEST_F(BuiltinCatalog, ExportMetricsMatchPublishedFigures) {
  const auto h100 = metrics_of("H100-SXM");
  ASSERT_TRUE(h100.tpp && h100.performance_density);
  EXPECT_NEAR(h100.tpp->tpp, 15832, 15832 * 0.01);
  EXPECT_NEAR(*h100.performance_density, 19.4, 0.1);

  const auto h20 = metrics_of("h20");
  ASSERT_TRUE(h20.tpp && h20.performance_density);
  EXPECT_NEAR(h20.tpp->tpp, 2368, 1);
  EXPECT_NEAR(*h20.performance_density, 2.9, 0.05);

  const auto a100 = metrics_of("a100");
  ASSERT_TRUE(a100.tpp);
  EXPECT_NEAR(a100.tpp->tpp, 4992, 1);

  const auto rtx4090 = metrics_of("rtx-4090");
  ASSERT_TRUE(rtx4090.tpp);
  EXPECT_NEAR(rtx4090.tpp->tpp, 5285, 5);
}

// The cut-down parts exist because of thresholds: the catalog must show what was cut.
TEST_F(BuiltinCatalog, ChinaVariantsShowTheirCuts) {
  const auto* a100 = builtin().find_accelerator("a100");
  const auto* a800 = builtin().find_accelerator("a800");
  const auto* h100 = builtin().find_accelerator("h100");
  const auto* h800 = builtin().find_accelerator("h800");
  ASSERT_TRUE(a100 && a800 && h100 && h800);
  ASSERT_TRUE(a800->scale_up && a800->scale_up->bandwidth && h800->scale_up && h800->scale_up->bandwidth);
  EXPECT_LT(a800->scale_up->bandwidth->value, units::gigabytes_per_second(600));
  EXPECT_LT(h800->scale_up->bandwidth->value, h100->scale_up->bandwidth->value);
  EXPECT_LT(metrics_of("h20").tpp->tpp, 4800);
  EXPECT_LT(metrics_of("rtx-4090d").tpp->tpp, 4800);
}

}  // namespace
}  // namespace chipgap

namespace chipgap {
namespace {

// The rule book loads strictly, and every chip or vendor its rules name exists in the catalog.
TEST(BuiltinRules, LoadStrictlyAndNameOnlyCatalogChips) {
  const auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(rules.ok()) << to_string(rules.errors());
  const auto chips = catalog::load_catalog(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(chips.ok()) << to_string(chips.errors());
  EXPECT_EQ(to_string(catalog::check_names_against_catalog(*rules, *chips)), "");
  for (const char* id : {"us-ear-2022-10", "us-ear-2023-10", "us-ear-2024-04", "us-ear-2024-12-hbm",
                         "us-ai-diffusion-2025-01", "us-is-informed-2025-04", "us-ear-2026-01", "safe-chips-act"}) {
    EXPECT_NE(rules->find_document(id), nullptr) << id;
  }
  for (const char* group : {"D:1", "D:4", "D:5", "A:5", "A:6"}) {
    EXPECT_TRUE(std::any_of(rules->groups().begin(), rules->groups().end(),
                            [&](const spec::CountryGroup& g) { return g.id == group; }))
        << group;
  }
  EXPECT_FALSE(rules->import_measures().empty());
}

}  // namespace
}  // namespace chipgap

namespace chipgap::catalog {
namespace {

// Every knob of a design search is bounded by cited data, and the base die itself is a design.
TEST(BuiltinDesignKnobs, EveryKnobIsBoundedAndCited) {
  const auto knobs = load_design_knobs(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(knobs.ok()) << to_string(knobs.errors());
  EXPECT_EQ(knobs->size(), spec::kKnobCount);
  for (const auto& k : *knobs) {
    EXPECT_LE(k.min.value, 1.0);
    EXPECT_GE(k.max.value, 1.0);
    EXPECT_FALSE(k.sources.empty()) << spec::kKnobNames[static_cast<std::size_t>(k.knob)];
    EXPECT_FALSE(k.min.provenance.sources.empty());
    EXPECT_FALSE(k.max.provenance.sources.empty());
  }
}

}  // namespace
}  // namespace chipgap::catalog
