// SPDX-License-Identifier: Apache-2.0
// The design knob files: strict, located errors for what a hand-edited file gets wrong.
#include <gtest/gtest.h>

#include "chipgap/catalog/design_knobs.hpp"

namespace chipgap::catalog {
namespace {

const char* kSources = "sources:\n  s: {title: A source, url: https://example.org}\n";

std::string errors_of(const std::string& knobs) {
  auto result = parse_design_knobs({{"knobs.yaml", std::string(kSources) + "knobs:\n" + knobs}});
  return result ? "" : to_string(result.errors());
}

TEST(DesignReader, AGoodKnobLoadsWithItsSources) {
  auto result = parse_design_knobs({{"knobs.yaml", std::string(kSources) +
                                                       "knobs:\n  - id: compute_share\n    title: t\n"
                                                       "    min: {value: 0.1, source: s, confidence: reported}\n"
                                                       "    max: {value: 1, source: s, confidence: official}\n    step: 0.05\n"}});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().knob, spec::Knob::ComputeShare);
  EXPECT_EQ(result->front().sources.size(), 1u);
}

TEST(DesignReader, MistakesAreLocatedAndExplained) {
  const std::string knob = "    title: t\n    min: {value: 0.1, source: s, confidence: reported}\n"
                           "    max: {value: 1, source: s, confidence: official}\n    step: 0.05\n";
  EXPECT_NE(errors_of("  - id: compute_shares\n" + knob).find("did you mean 'compute_share'"), std::string::npos);
  EXPECT_NE(errors_of("  - id: compute_share\n" + knob + "  - id: compute_share\n" + knob).find("defined twice"), std::string::npos);
  EXPECT_NE(errors_of("  - id: compute_share\n    title: t\n    min: {value: 1.1, source: s, confidence: reported}\n"
                      "    max: {value: 2, source: s, confidence: reported}\n    step: 0.1\n")
                .find("must bracket 1"),
            std::string::npos);
  EXPECT_NE(errors_of("  - id: compute_share\n    title: t\n    min: {value: 0.1, source: s, confidence: reported}\n"
                      "    max: {value: 1, source: s, confidence: reported}\n    step: 0\n")
                .find("knobs[0].step"),
            std::string::npos);
  EXPECT_NE(errors_of("  - id: compute_share\n    title: t\n    min: {value: 0.1, source: nowhere, confidence: reported}\n"
                      "    max: {value: 1, source: s, confidence: reported}\n    step: 0.1\n")
                .find("nowhere"),
            std::string::npos);
  EXPECT_NE(errors_of("  - id: compute_share\n" + knob + "    stepp: 1\n").find("stepp"), std::string::npos);
  // The line of the mistake is given.
  EXPECT_NE(errors_of("  - id: compute_shares\n" + knob).find("knobs.yaml:4:"), std::string::npos) << errors_of("  - id: compute_shares\n" + knob);
}

}  // namespace
}  // namespace chipgap::catalog
