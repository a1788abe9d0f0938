// SPDX-License-Identifier: Apache-2.0
// Equivalence: the properties a count match must have whatever the chips (monotonic in the reference,
// a chip against itself returns its own count, whole systems for a system, an unreachable match is a
// result with its reason).
#include <gtest/gtest.h>

#include "../perf/builtin_data.hpp"
#include "compare_fixtures.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap::compare {
namespace {

using perf::testing::builtin;

using testing::llama70b;
using testing::system_named;

TEST(Match, AChipAgainstItselfNeedsItsOwnCount) {
  const Hardware h100 = system_named("HGX H100");
  const MatchResult m = match_training(h100, 1024, h100, llama70b(), builtin().efficiency);
  ASSERT_TRUE(m.matched) << m.reason;
  EXPECT_EQ(m.candidate.count, 1024);
  EXPECT_DOUBLE_EQ(m.count_ratio, 1.0);
  EXPECT_DOUBLE_EQ(m.candidate.totals.days, m.reference.totals.days);
}

// Facility power: the data's default PUE (1.3, band 1.10-1.58) unless the user states one.
TEST(Match, FacilityPowerUsesTheDefaultPueWithItsBandUnlessOneIsStated) {
  const Hardware h100 = system_named("HGX H100");
  const ClusterOutcome by_default = best_training_outcome(h100, 64, llama70b(), builtin().efficiency);
  ASSERT_TRUE(by_default.feasible && by_default.power.it_kw && by_default.power.facility_kw);
  const auto& pue = builtin().efficiency.facility()->pue;
  EXPECT_FALSE(by_default.power.pue_stated);
  EXPECT_DOUBLE_EQ(*by_default.power.facility_kw, *by_default.power.it_kw * pue.value);
  EXPECT_DOUBLE_EQ(*by_default.power.facility_kw_low, *by_default.power.it_kw * pue.provenance.range->low);
  EXPECT_DOUBLE_EQ(*by_default.power.facility_kw_high, *by_default.power.it_kw * pue.provenance.range->high);
  MatchLimits stated;
  stated.pue = 1.2;
  const ClusterOutcome given = best_training_outcome(h100, 64, llama70b(), builtin().efficiency, stated);
  EXPECT_TRUE(given.power.pue_stated);
  EXPECT_DOUBLE_EQ(*given.power.facility_kw, *given.power.it_kw * 1.2);
  EXPECT_FALSE(given.power.facility_kw_low.has_value());
}

TEST(Match, ALargerReferenceNeverNeedsFewerCandidates) {
  const Hardware h100 = system_named("HGX H100"), h20 = system_named("HGX H20");
  std::int64_t previous = 0;
  for (std::int64_t reference : {64, 128, 256, 512, 1024}) {
    const MatchResult m = match_training(h100, reference, h20, llama70b(), builtin().efficiency);
    ASSERT_TRUE(m.matched) << reference << ": " << m.reason;
    SCOPED_TRACE(reference);
    EXPECT_GE(m.candidate.count, previous);
    EXPECT_LE(m.candidate.totals.days, m.reference.totals.days * (1 + 1e-9));
    EXPECT_EQ(m.candidate.count % h20.unit(), 0);  // whole HGX H20 boards
    EXPECT_GT(m.count_ratio, 1.0);                 // an H20 has a sixth of an H100's compute
    previous = m.candidate.count;
  }
}

TEST(Match, NoCountUpToTheLimitIsAResultWithItsReason) {
  const Hardware h100 = system_named("HGX H100"), h20 = system_named("HGX H20");
  MatchLimits limits;
  limits.max_count = 512;
  const MatchResult m = match_training(h100, 1024, h20, llama70b(), builtin().efficiency, limits);
  EXPECT_FALSE(m.matched);
  EXPECT_NE(m.reason.find("no count of HGX H20 up to 512 chips finishes within the reference's"), std::string::npos) << m.reason;
  EXPECT_GT(m.counts_tried, 0u);
}

TEST(Match, AReferenceThatCannotRunSaysWhy) {
  const Hardware h100 = system_named("HGX H100");
  const MatchResult m = match_training(h100, 1, h100, llama70b(), builtin().efficiency);
  EXPECT_FALSE(m.matched);
  EXPECT_NE(m.reason.find("the reference, 1 × HGX H100, cannot run the workload"), std::string::npos) << m.reason;
}

ServingWorkload deepseek_serving() {
  ServingWorkload w;
  w.model = builtin().catalog.find_model("deepseek-v3");
  w.requests.input_len = 4096;
  w.requests.output_len = 1024;
  w.requests.tpot_s = 0.05;
  w.base.precision = perf::WeightPrecision::Fp8;
  return w;
}

TEST(ServingMatch, ItselfAtItsOwnCountAndMoreDemandNeverFewerChips) {
  const Hardware h800 = system_named("HGX H800"), h20 = system_named("HGX H20");
  const ServingMatchResult self = match_serving(h800, 64, h800, deepseek_serving(), std::nullopt, builtin().efficiency);
  ASSERT_TRUE(self.matched) << self.reason;
  EXPECT_EQ(self.candidate.count, 64);
  std::int64_t previous = 0;
  for (double demand : {5e3, 2e4, 6e4}) {
    const ServingMatchResult m = match_serving(h800, 64, h20, deepseek_serving(), demand, builtin().efficiency);
    ASSERT_TRUE(m.matched) << m.reason;
    EXPECT_GE(m.candidate.output_tokens_per_s, demand);
    EXPECT_GE(m.candidate.count, previous);
    EXPECT_EQ(m.candidate.count % h20.unit(), 0);
    previous = m.candidate.count;
  }
}

}  // namespace
}  // namespace chipgap::compare
