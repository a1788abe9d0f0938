// SPDX-License-Identifier: Apache-2.0
// The heavy lane: searches beyond the limit wait, and one that waited its whole allowance is refused; the
// health endpoint reports the lane.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "heavy_gate.hpp"

namespace chipgap::api {
namespace {

TEST(HeavyGate, ASearchBeyondTheLimitWaitsThenIsRefused) {
  detail::HeavyGate gate(1, std::chrono::milliseconds(50));
  {
    const detail::HeavyGate::Ticket first(gate);
    ASSERT_TRUE(first.admitted());
    EXPECT_EQ(gate.load().running, 1u);
    const detail::HeavyGate::Ticket second(gate);  // waits 50 ms for a slot that never frees
    EXPECT_FALSE(second.admitted());
  }
  EXPECT_EQ(gate.load().running, 0u);
  const detail::HeavyGate::Ticket third(gate);
  EXPECT_TRUE(third.admitted());
}

TEST(HeavyGate, AWaitingSearchGetsTheSlotWhenItFrees) {
  detail::HeavyGate gate(1, std::chrono::seconds(10));
  auto first = std::make_unique<detail::HeavyGate::Ticket>(gate);
  bool admitted = false;
  std::thread waiter([&] { admitted = detail::HeavyGate::Ticket(gate).admitted(); });
  while (gate.load().waiting == 0) std::this_thread::yield();
  first.reset();
  waiter.join();
  EXPECT_TRUE(admitted);
}

TEST(Health, ReportsTheCatalogAndTheHeavyLane) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && rules.ok());
  const Api api(std::move(catalog).value(), std::move(rules).value(), [] { return Date{2026, 12, 7}; }, {},
                HeavyLimits{3, std::chrono::milliseconds(100)});
  const Response response = api.handle({"GET", "/api/v1/health", {}, "", ""});
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_GE(body["catalog"]["accelerators"].get<int>(), 85);
  EXPECT_EQ(body["heavy_requests"]["limit"], 3);
  EXPECT_EQ(body["heavy_requests"]["running"], 0);
  EXPECT_EQ(body["performance_data"], false);
}

TEST(Measures, ListedWithTheNetStanceOnAChipAndDate) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  ASSERT_TRUE(catalog.ok() && rules.ok());
  const Api api(std::move(catalog).value(), std::move(rules).value(), [] { return Date{2026, 12, 7}; });
  Response response = api.handle({"GET", "/api/v1/measures", {{"chip", "RTX Pro 6000D"}, {"date", "2025-10-01"}}, "", ""});
  ASSERT_EQ(response.status, 200) << response.body;
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["net_effect"], "prohibited");
  response = api.handle({"GET", "/api/v1/measures/no-such-measure", {}, "", ""});
  EXPECT_EQ(response.status, 404);
}

}  // namespace
}  // namespace chipgap::api
