// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/scenarios/run: `chipgap scenario run` over JSON (docs/scenarios.md, docs/api.md).
#include "body_fields.hpp"
#include "chipgap/codec/scenario_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/scenario/engine.hpp"

namespace chipgap::api::detail {

// The most draws one request may ask for: 20,000 take well under a second (bench/scenario_bench.cpp).
constexpr std::int64_t kMaxDraws = 20'000;

Response scenario_run_endpoint(const catalog::ScenarioData& data, const scenario::Engine& engine, HeavyGate& heavy,
                               const Request& request) {
  const json body = object_body(request, {"scenario", "draws", "seed", "set", "from", "until"});
  const std::string id = text(body, "scenario", "status-quo-2026-12");
  const spec::Scenario* s = nullptr;
  if (id != "inputs") {
    s = data.find_scenario(id);
    if (s == nullptr) not_found("scenario", id, data.suggest_scenarios(id), "scenario");
  }
  scenario::RunOptions options;
  options.draws = static_cast<std::size_t>(count(body, "draws", 1, kMaxDraws).value_or(1000));
  if (count(body, "from", 2015, 2040).value_or(2022) > count(body, "until", 2015, 2040).value_or(2026)) {
    throw ApiError(422, "invalid", "'from' is after 'until'", "from");
  }
  options.seed = static_cast<std::uint64_t>(count(body, "seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
  options.first_year = static_cast<int>(count(body, "from", 2015, 2040).value_or(2022));
  options.last_year = static_cast<int>(count(body, "until", 2015, 2040).value_or(2026));
  if (body.contains("set")) {
    if (!body["set"].is_object()) throw ApiError(422, "invalid", "'set' must be an object of KEY: number", "set");
    for (const auto& [key, value] : body["set"].items()) {
      if (!value.is_number()) throw ApiError(422, "invalid", "'set." + key + "' must be a number", "set." + key);
      options.overrides[key] = value.get<double>();
    }
  }
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  auto run = engine.run(s, options);
  if (!run) {
    // Overrides are located under "set" (the engine marks them with the file "--set"); the rest name a field.
    const Diagnostic& d = run.errors().front();
    const bool override_error = d.file == "--set";
    const bool unknown = override_error && d.message.rfind("no ", 0) == 0;
    throw ApiError(unknown ? 404 : 422, unknown ? "not_found" : "invalid", d.message,
                   override_error ? "set." + d.key_path : d.key_path.empty() ? "scenario" : d.key_path);
  }
  return ok(codec::scenario_run_json(*run));
}

}  // namespace chipgap::api::detail
