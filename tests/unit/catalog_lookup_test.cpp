// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "chipgap/catalog/catalog.hpp"

namespace chipgap::catalog {
namespace {

spec::Accelerator chip(std::string name, std::vector<std::string> aliases = {}) {
  spec::Accelerator a;
  a.name = std::move(name);
  a.aliases = std::move(aliases);
  a.defined_at = {"chips.yaml", 1, "accelerators[0]", ""};
  return a;
}

Catalog small_catalog() {
  auto result = Catalog::assemble({chip("H100 SXM", {"h100"}), chip("H20"), chip("Ascend 910B"), chip("Ascend 910C")},
                                  {});
  EXPECT_TRUE(result.ok()) << to_string(result.ok() ? std::vector<Diagnostic>{} : result.errors());
  return std::move(result).value();
}

TEST(CatalogLookup, FindsByNameOrAliasIgnoringCaseAndPunctuation) {
  const Catalog catalog = small_catalog();
  ASSERT_NE(catalog.find_accelerator("h100"), nullptr);
  EXPECT_EQ(catalog.find_accelerator("h100")->name, "H100 SXM");
  EXPECT_EQ(catalog.find_accelerator("H100-sxm")->name, "H100 SXM");
  EXPECT_EQ(catalog.find_accelerator("ascend-910c")->name, "Ascend 910C");
  EXPECT_EQ(catalog.find_accelerator("h800"), nullptr);
}

TEST(CatalogLookup, SuggestsCanonicalNamesOnce) {
  const Catalog catalog = small_catalog();
  EXPECT_EQ(catalog.suggest_accelerators("h10"), (std::vector<std::string>{"H100 SXM", "H20"}));
  EXPECT_EQ(catalog.suggest_accelerators("ascend 910"), (std::vector<std::string>{"Ascend 910B", "Ascend 910C"}));
}

TEST(CatalogLookup, RejectsNamesThatCollideAfterNormalization) {
  auto second = chip("h-100", {});
  second.defined_at = {"more.yaml", 7, "accelerators[2]", ""};
  auto result = Catalog::assemble({chip("H100 SXM", {"h100"}), second}, {});
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.errors().size(), 1u);
  EXPECT_EQ(to_string(result.errors()[0]),
            "more.yaml:7: accelerators[2].name: 'h-100' is already used by accelerator 'H100 SXM' (chips.yaml:1); "
            "names and aliases must be unique, ignoring case and punctuation");
}

}  // namespace
}  // namespace chipgap::catalog
