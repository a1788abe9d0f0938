// SPDX-License-Identifier: Apache-2.0
// Design-to-comply on the built-in catalog, rule book and knob bounds: every design returned complies
// (checked by classifying it again), the pruning finds what an exhaustive search finds, the performance
// objective never falls when a knob rises (what the pruning assumes), and the search rediscovers the
// parts vendors shipped for China.
#include <gtest/gtest.h>

#include <random>

#include "../rules/builtin_rules.hpp"
#include "../perf/builtin_data.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/compare/reference_workload.hpp"
#include "chipgap/policy/design.hpp"
#include "chipgap/rules/engine.hpp"

namespace chipgap::policy {
namespace {

using perf::testing::builtin;
using spec::Knob;

const catalog::RuleBook& rules() { return chipgap::testing::builtin_rules(); }

const std::vector<spec::DesignKnob>& bounds() {
  static const auto knobs = [] {
    auto loaded = catalog::load_design_knobs(CHIPGAP_DATA_DIR);
    if (!loaded) throw std::runtime_error(to_string(loaded.errors()));
    return std::move(loaded).value();
  }();
  return knobs;
}

const spec::System& hgx_h100() { return *builtin().catalog.find_system("HGX H100"); }
const spec::Accelerator& h100() { return *builtin().catalog.find_accelerator("H100 SXM"); }

DesignQuery query(const char* date, Want want, bool full_bounds = true) {
  DesignQuery q;
  q.base = &h100();
  q.system = &hgx_h100();
  q.date = *Date::parse(date);
  q.want = want;
  if (full_bounds) {
    for (const auto& b : bounds()) q.knobs.push_back({b.knob, b.min.value, b.max.value, b.step});
  }
  return q;
}

// A cheap objective that rises with every knob: peak BF16 × bandwidth^0.5 × capacity^0.25 × (1 + links).
compare::Capability synthetic(const compare::Hardware& h) {
  const double flops = h.chip->rate(spec::Precision::BF16)->value.base();
  const double bw = h.chip->memory.bandwidth->value.base(), cap = h.chip->memory.capacity->value.base();
  const double links = h.system && h.system->scale_up_bandwidth ? h.system->scale_up_bandwidth->value.base() : 0;
  return {flops * std::sqrt(bw) * std::pow(cap, 0.25) * (1 + links / 1e12), {}};
}

// The serving objective the CLI and API default to: the llama3-70b-chat reference workload on one system.
compare::Capability serving(const compare::Hardware& h) {
  static const Objective objective = [] {
    static const auto workloads = catalog::load_workloads(CHIPGAP_DATA_DIR, builtin().catalog);
    if (!workloads) throw std::runtime_error(to_string(workloads.errors()));
    const auto* chat = catalog::find_workload(*workloads, compare::kServeBasisWorkload);
    return serving_objective(compare::serving_workload_of(*chat, builtin().catalog), 8, builtin().efficiency);
  }();
  return objective(h);
}

TEST(Design, EveryDesignReturnedCompliesWhenClassifiedAgain) {
  for (const char* date : {"2022-12-01", "2024-06-01", "2025-06-01", "2026-03-01"}) {
    for (Want want : {Want::None, Want::Nac, Want::CaseByCase}) {
      auto q = query(date, want, false);
      q.knobs = {{Knob::ComputeShare, 0.05, 1, 0.05}, {Knob::MemoryBandwidthShare, 0.25, 1.2, 0.05}, {Knob::MemoryCapacityShare, 0.3, 1.2, 0.3},
                 {Knob::ScaleUpShare, 0, 1, 0.1}};
      q.top = 3;
      const auto r = design_search(rules(), bounds(), q, synthetic);
      ASSERT_TRUE(r.ok()) << to_string(r.errors());
      for (const auto& d : r->designs) {
        const auto part = apply_knobs(h100(), &hgx_h100(), d.knobs);
        const auto v = rules::classify(rules(), rules::make_item(part.chip), rules::Query{"CN", q.date, std::nullopt, {}});
        ASSERT_TRUE(v.ok());
        EXPECT_TRUE(meets(*v, want)) << date << " " << kWantNames[static_cast<std::size_t>(want)] << ": " << v->status();
        EXPECT_EQ(v->status(), d.verdict);
      }
    }
  }
}

TEST(Design, PruningFindsWhatAnExhaustiveSearchFinds) {
  auto q = query("2025-06-01", Want::None, false);
  q.knobs = {{Knob::ComputeShare, 0.05, 0.5, 0.05}, {Knob::MemoryBandwidthShare, 0.25, 1.2, 0.05}, {Knob::MemoryCapacityShare, 0.3, 1.2, 0.3},
             {Knob::ScaleUpShare, 0, 1, 0.1}};
  const auto r = design_search(rules(), bounds(), q, synthetic);
  ASSERT_TRUE(r.ok()) << to_string(r.errors());
  ASSERT_FALSE(r->designs.empty()) << r->reason;
  EXPECT_LT(r->evaluated, r->compliant);  // the pruning did prune
  double best = 0;
  std::size_t compliant = 0;
  for (double c = 0.05; c <= 0.5 + 1e-9; c += 0.05) {
    for (double b = 0.25; b <= 1.2 + 1e-9; b += 0.05) {
      for (double m = 0.3; m <= 1.2 + 1e-9; m += 0.3) {
        for (double l = 0; l <= 1 + 1e-9; l += 0.1) {
          const auto part = apply_knobs(h100(), &hgx_h100(), {c, b, m, l});
          const auto v = rules::classify(rules(), rules::make_item(part.chip), rules::Query{"CN", q.date, std::nullopt, {}});
          if (!v || !meets(*v, Want::None)) continue;
          ++compliant;
          best = std::max(best, *synthetic(part.hardware()).value);
        }
      }
    }
  }
  EXPECT_EQ(r->compliant, compliant);
  EXPECT_NEAR(*r->designs.front().objective, best, best * 1e-12);
}

TEST(Design, TheServingObjectiveNeverFallsWhenAKnobRises) {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> unit(0, 1);
  int compared = 0;
  for (int i = 0; i < 40; ++i) {
    KnobValues low{0.1 + 0.9 * unit(random), 0.25 + 0.95 * unit(random), 0.3 + 0.9 * unit(random), unit(random)};
    KnobValues high = low;
    const std::size_t k = static_cast<std::size_t>(i % 4);
    high[k] = std::min(k == 0 || k == 3 ? 1.0 : 1.2, low[k] * 1.3 + 0.05);
    const auto a = serving(apply_knobs(h100(), &hgx_h100(), low).hardware());
    const auto b = serving(apply_knobs(h100(), &hgx_h100(), high).hardware());
    if (!a.value) continue;  // nothing fits at the lower design: nothing to fall from
    ++compared;
    ASSERT_TRUE(b.value) << "a larger design lost its deployment: " << b.reason;
    EXPECT_GE(*b.value, *a.value * (1 - 1e-9)) << spec::kKnobNames[k] << " from " << low[k] << " to " << high[k];
  }
  EXPECT_GE(compared, 30);  // most random designs serve the workload: the property was really checked
}

TEST(Design, UnderOctober2023TheBestHopperIsAnH20) {
  // The H20: TPP 2,368 just under 3A090.b.1's 2,400, with more memory and bandwidth than the H100 and
  // its full NVLink. The search finds the same corner.
  const auto r = design_search(rules(), bounds(), query("2024-06-01", Want::None), synthetic);
  ASSERT_TRUE(r.ok() && !r->designs.empty());
  const Design& best = r->designs.front();
  EXPECT_LT(*best.metrics.tpp, 2400);
  EXPECT_GT(*best.metrics.tpp, 2400 - h100().rate(spec::Precision::FP8)->value.base() / 1e12 * 8 * 0.01 - 1);  // within one step
  EXPECT_DOUBLE_EQ(best.knobs[static_cast<std::size_t>(Knob::ScaleUpShare)], 1.0);
  bool tpp_binds = false;
  for (const auto& b : best.binding) {
    if (b.knob == Knob::ComputeShare) {
      for (const auto& c : b.clauses) tpp_binds = tpp_binds || c.find("3A090.b.1") != std::string::npos;
    }
  }
  EXPECT_TRUE(tpp_binds);
}

TEST(Design, UnderOctober2022TheBestHopperIsAnH800) {
  // The H800: the H100's compute with NVLink cut to 400 of 900 GB/s, under the 600 GB/s I/O line.
  const auto r = design_search(rules(), bounds(), query("2022-12-01", Want::None), synthetic);
  ASSERT_TRUE(r.ok() && !r->designs.empty());
  const Design& best = r->designs.front();
  EXPECT_DOUBLE_EQ(best.knobs[static_cast<std::size_t>(Knob::ComputeShare)], 1.0);
  EXPECT_LT(*best.metrics.io_bandwidth_gbs, 600);
  EXPECT_LT(best.knobs[static_cast<std::size_t>(Knob::ScaleUpShare)], 0.6);
}

TEST(Design, ATargetNoDesignMeetsIsAResultWithItsReason) {
  auto q = query("2024-06-01", Want::None, false);
  q.knobs = {{Knob::ComputeShare, 0.9, 1.0, 0.05}};
  const auto r = design_search(rules(), bounds(), q, synthetic);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->designs.empty());
  EXPECT_EQ(r->compliant, 0u);
  EXPECT_NE(r->reason.find("none of the 3 candidate designs"), std::string::npos) << r->reason;
}

TEST(Design, KnobsOutsideTheirBoundsAreRefused) {
  auto key_of = [](std::vector<KnobRange> knobs, const char* to = "CN") {
    auto q = query("2024-06-01", Want::None, false);
    q.knobs = std::move(knobs);
    q.destination = to;
    auto r = design_search(rules(), bounds(), q, synthetic);
    return r ? std::string("ok") : r.errors().front().key_path + ": " + r.errors().front().message;
  };
  EXPECT_NE(key_of({{Knob::ComputeShare, 0.1, 1.5, 0.1}}).find("knob: compute_share=0.1:1.5:0.1 is outside its bounds"), std::string::npos);
  EXPECT_NE(key_of({{Knob::ComputeShare, 0.9, 0.1, 0.1}}).find("inverted"), std::string::npos);
  EXPECT_NE(key_of({{Knob::ComputeShare, 0.1, 1, 0.1}, {Knob::ComputeShare, 0.1, 1, 0.1}}).find("given twice"), std::string::npos);
  EXPECT_EQ(key_of({{Knob::ComputeShare, 0.1, 1, 0.1}}, "Atlantis").rfind("to:", 0), 0u);
  EXPECT_EQ(key_of({{Knob::ComputeShare, 0.1, 1, 0.1}}), "ok");
}

}  // namespace
}  // namespace chipgap::policy
