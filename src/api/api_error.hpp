// SPDX-License-Identifier: Apache-2.0
// Private to the API module: the error every endpoint throws, and the body checks they share.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "chipgap/api/api.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/spec/design_knob.hpp"
#include "chipgap/spec/reference_workload.hpp"

namespace chipgap::api::detail {

// A request that cannot be answered; becomes the JSON error body.
struct ApiError : std::runtime_error {
  ApiError(int status, std::string kind, const std::string& message, std::string where = "",
           std::vector<std::string> suggestions = {})
      : std::runtime_error(message),
        status(status),
        kind(std::move(kind)),
        where(std::move(where)),
        suggestions(std::move(suggestions)) {}
  int status;
  std::string kind;
  std::string where;
  std::vector<std::string> suggestions;
};

[[noreturn]] void not_found(const std::string& what, const std::string& name, std::vector<std::string> suggestions,
                            const std::string& where);

// 400 when the path or a query parameter is not UTF-8 or holds a control character.
void check_request_text(const Request& request);

// The body as a JSON object whose keys are all in `known` (422 with a suggestion otherwise): 415 unless
// sent as application/json; 400 for a byte-order mark, invalid UTF-8, a syntax error, nesting deeper
// than the API needs, a key given twice or a number out of range.
nlohmann::json object_body(const Request& request, const std::vector<std::string>& known);

// Train and serve estimates (src/api/perf_endpoints.cpp).
// A search waits for a slot of `heavy` (503 when none frees in time); a single estimate does not.
class HeavyGate;
Response train_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, HeavyGate& heavy,
                        const Request& request);
Response infer_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, HeavyGate& heavy,
                        const Request& request);
// Equivalence and comparison (src/api/compare_endpoints.cpp): always searches, so always in the heavy lane.
// `workloads`: the reference workloads a body may name in its `workload` field (empty: none loaded).
Response match_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const std::vector<spec::ReferenceWorkload>& workloads,
                        HeavyGate& heavy, const Request& request);
Response compare_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const std::vector<spec::ReferenceWorkload>& workloads,
                          HeavyGate& heavy, const Request& request);
// A scenario run (src/api/scenario_endpoints.cpp), in the heavy lane.
Response scenario_run_endpoint(const catalog::ScenarioData& data, const scenario::Engine& engine, HeavyGate& heavy,
                               const Request& request);
// The chip gap: peak basis in the light lane; a workload basis searches every chip, in the heavy lane.
Response gap_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                      const std::vector<spec::ReferenceWorkload>& workloads, HeavyGate& heavy, Date today, const Request& request);

// What POST /design needs besides the catalog: the knob bounds and the default objectives' workloads.
struct DesignSetup {
  std::vector<spec::DesignKnob> bounds;
  compare::ServingWorkload serve;
  compare::TrainingWorkload train;
};

// Threshold sweeps and design searches (src/api/policy_endpoints.cpp), in the heavy lane. `scenarios` and
// `setup` may be null: a sweep with a scenario, or any design, then answers 503.
Response sweep_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                        const std::vector<spec::ReferenceWorkload>& workloads, const catalog::ScenarioData* scenarios, HeavyGate& heavy, Date today,
                        const Request& request);
Response design_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                         const std::vector<spec::ReferenceWorkload>& workloads, const DesignSetup* setup, HeavyGate& heavy, Date today, const Request& request);

}  // namespace chipgap::api::detail
