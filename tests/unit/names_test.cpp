// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "chipgap/common/diagnostic.hpp"
#include "chipgap/common/names.hpp"

namespace chipgap {
namespace {

TEST(Names, NormalizationIgnoresCaseSpacesAndPunctuation) {
  EXPECT_EQ(normalize_name("RTX 4090D"), "rtx4090d");
  EXPECT_EQ(normalize_name("rtx-4090d"), normalize_name("RTX_4090D"));
  EXPECT_EQ(normalize_name("Ascend 910C"), normalize_name("ascend-910c"));
}

TEST(Names, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("bandwidth", "bandwdth"), 1u);
  EXPECT_EQ(edit_distance("chnia", "china"), 1u);
}

TEST(Names, ClosestNamesRanksByDistanceAndContainment) {
  const std::vector<std::string> names{"H100 SXM", "H20", "H200 SXM", "A100 SXM", "Ascend 910B", "Ascend 910C"};
  EXPECT_EQ(closest_names("h10", names), (std::vector<std::string>{"H100 SXM", "H20"}));
  EXPECT_EQ(closest_names("ascend 910", names, 2), (std::vector<std::string>{"Ascend 910B", "Ascend 910C"}));
  EXPECT_TRUE(closest_names("zzzzzz", names).empty());
}

TEST(Names, DidYouMeanListsSuggestions) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"a"}), "did you mean 'a'?");
  EXPECT_EQ(did_you_mean({"a", "b", "c"}), "did you mean 'a', 'b' or 'c'?");
}

TEST(Diagnostics, RenderFileLineColumnAndKeyPath) {
  EXPECT_EQ(to_string(Diagnostic{"data/x.yaml", 12, 5, "accelerators[0].tdp", "value must be positive"}),
            "data/x.yaml:12:5: accelerators[0].tdp: value must be positive");
  EXPECT_EQ(to_string(Diagnostic{"data", 0, 0, "", "data directory not found"}), "data: data directory not found");
}

}  // namespace
}  // namespace chipgap
