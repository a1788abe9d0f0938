// SPDX-License-Identifier: Apache-2.0
// The HTTP API v1 as a pure function of a request: no sockets here, so every endpoint and error is
// testable directly, and the server (src/server) only moves bytes. Safe to call from many threads.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/perf/efficiency.hpp"
#include "chipgap/spec/design_knob.hpp"
#include "chipgap/spec/reference_workload.hpp"

namespace chipgap::api {

namespace detail {
class HeavyGate;
struct DesignSetup;
}
}  // namespace chipgap::api
namespace chipgap::scenario {
class Engine;
}
namespace chipgap::api {

// How many heavy requests (searches) run at once and how long one waits for its turn before a 503.
struct HeavyLimits {
  std::size_t concurrent = 2;
  std::chrono::milliseconds max_wait{20'000};
};

struct Request {
  std::string method;  // GET, POST, ...
  std::string path;    // without the query string
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;  // the request's Content-Type header, e.g. "application/json; charset=utf-8"
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

class Api {
 public:
  // `today` gives the default date of rule queries (the library has no clock of its own); `efficiency`
  // is the performance model's calibration (the train and infer endpoints answer 503 without one).
  Api(catalog::Catalog catalog, catalog::RuleBook rules, std::function<Date()> today,
      perf::EfficiencyTable efficiency = {}, HeavyLimits heavy = {});
  ~Api();

  // Turns on the scenario endpoints (they answer 503 without): the scenario data and the reference
  // workloads the engine's train and serve bases use. Call before serving. Errors: a workload missing.
  Result<bool> enable_scenarios(catalog::ScenarioData data, const std::vector<spec::ReferenceWorkload>& workloads);

  // Turns on POST /api/v1/design (503 without): the knob bounds of data/design/, and the reference
  // workloads whose llama3-70b-chat and llama3-405b-pretraining are its default objectives (as the CLI's).
  // Errors: one of the two missing.
  // The reference workloads (data/workloads/) a match, compare, gap, sweep or design body may name in its
  // `workload` field, as the CLI's --workload: the fields it does not give come from the named workload.
  void enable_workloads(std::vector<spec::ReferenceWorkload> workloads);
  Result<bool> enable_design(std::vector<spec::DesignKnob> bounds, const std::vector<spec::ReferenceWorkload>& workloads);

  Response handle(const Request& request) const;

  // What it answers from (the Python module classifies over them directly).
  const catalog::Catalog& catalog() const { return catalog_; }
  const catalog::RuleBook& rules() const { return rules_; }

  // The OpenAPI 3 description served at /api/v1/openapi.json.
  static std::string openapi();

  // A JSON error body {"error": {"kind", "message", "where"}} with its status.
  static Response error(int status, const std::string& kind, const std::string& message, const std::string& where = "");

 private:
  catalog::Catalog catalog_;
  catalog::RuleBook rules_;
  std::function<Date()> today_;
  perf::EfficiencyTable efficiency_;
  std::unique_ptr<detail::HeavyGate> heavy_;  // shared by the threads that call handle()
  std::unique_ptr<catalog::ScenarioData> scenarios_;
  std::unique_ptr<scenario::Engine> engine_;
  std::unique_ptr<detail::DesignSetup> design_;
  std::vector<spec::ReferenceWorkload> workloads_;
};

}  // namespace chipgap::api
