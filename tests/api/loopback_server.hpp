// SPDX-License-Identifier: Apache-2.0
// The API over the built-in data, served on a free loopback port for a test suite's lifetime.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/server/server.hpp"

namespace chipgap::testing {

class LoopbackServer {
 public:
  // `options.port` is ignored (a free one is picked); the Api's today is 2026-03-01.
  explicit LoopbackServer(server::Options options) {
    auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
    auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
    auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
    EXPECT_TRUE(catalog.ok()) << to_string(catalog.errors());
    EXPECT_TRUE(rules.ok()) << to_string(rules.errors());
    EXPECT_TRUE(efficiency.ok()) << to_string(efficiency.errors());
    auto scenarios = catalog::load_scenario_data(CHIPGAP_DATA_DIR, *catalog);
    auto workloads = catalog::load_workloads(CHIPGAP_DATA_DIR, *catalog);
    EXPECT_TRUE(scenarios.ok() && workloads.ok());
    api_ = std::make_unique<api::Api>(std::move(catalog).value(), std::move(rules).value(),
                                      [] { return Date{2026, 3, 1}; }, std::move(efficiency).value());
    api_->enable_workloads(*workloads);
    EXPECT_TRUE(api_->enable_scenarios(std::move(scenarios).value(), *workloads).ok());
    auto knobs = catalog::load_design_knobs(CHIPGAP_DATA_DIR);
    EXPECT_TRUE(knobs.ok());
    EXPECT_TRUE(api_->enable_design(std::move(knobs).value(), *workloads).ok());
    options.port = 0;
    server_ = std::make_unique<server::Server>(*api_, options);
    EXPECT_TRUE(server_->bind()) << server_->error();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~LoopbackServer() {
    server_->stop();
    thread_.join();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return server_->port(); }

 private:
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
};

}  // namespace chipgap::testing
