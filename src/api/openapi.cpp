// SPDX-License-Identifier: Apache-2.0
// The OpenAPI 3 description of API v1. Kept next to the router and checked by the API tests (every
// documented path answers).
#include <nlohmann/json.hpp>

#include "chipgap/api/api.hpp"

namespace chipgap::api {
namespace {

using nlohmann::json;

json ref(const char* name) { return {{"$ref", std::string("#/components/schemas/") + name}}; }

json responses(const char* description, json schema) {
  return {{"200", {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}}},
          {"4XX", {{"description", "Error"}, {"content", {{"application/json", {{"schema", ref("Error")}}}}}}}};
}

json parameter(const char* name, const char* in, bool required, const char* description) {
  return {{"name", name}, {"in", in}, {"required", required}, {"description", description}, {"schema", {{"type", "string"}}}};
}

}  // namespace

std::string Api::openapi() {
  const json any_object = {{"type", "object"}};
  const json list = {{"type", "array"}, {"items", any_object}};
  const json dest = parameter("dest", "query", false, "Destination country code (default CN)");
  const json date = parameter("date", "query", false, "YYYY-MM-DD (default today)");
  const json hq = parameter("hq", "query", false, "End user's headquarters country");
  const json regime = parameter("regime", "query", false, "A pending or not-enforced rule to apply");
  auto get = [](const char* summary, json parameters, json answer) {
    json operation = {{"summary", summary}, {"responses", std::move(answer)}};
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    return json{{"get", operation}};
  };
  const json name = parameter("name", "path", true, "Name or alias");
  json paths;
  paths["/api/v1/chips"] = get("Every accelerator with key specs and export metrics", json::array(), responses("Accelerators", list));
  paths["/api/v1/chips/{name}"] =
      get("One accelerator: every value with its sources, and derived metrics", {name}, responses("Accelerator", any_object));
  paths["/api/v1/systems"] = get("Every system with totals", json::array(), responses("Systems", list));
  paths["/api/v1/systems/{name}"] = get("One system", {name}, responses("System", any_object));
  paths["/api/v1/measures"] = get("A destination's own measures (China's on imports by default, Malaysia's on transit); with chip and date, those that apply and the net stance",
                                  json::array({parameter("country", "query", false, "CN (default) or MY"), parameter("chip", "query", false, "A catalog chip or system"), parameter("date", "query", false, "YYYY-MM-DD")}),
                                  responses("Measures", any_object));
  paths["/api/v1/health"] = get("Whether the server answers, what it loaded, and how many searches run and wait",
                                json::array(), responses("Health", any_object));
  paths["/api/v1/models"] = get("Model architectures with parameter counts", json::array(), responses("Models", list));
  paths["/api/v1/countries"] = get("Countries and their groups on a date (memberships change)", {date}, responses("Countries", list));
  paths["/api/v1/rules"] = get("Every rule document", json::array(), responses("Rules", list));
  paths["/api/v1/rules/{id}"] =
      get("One rule document", {parameter("id", "path", true, "Rule id")}, responses("Rule", any_object));
  paths["/api/v1/rules/diff"] = get("Catalog chips whose status changes between two dates",
                                    {parameter("from", "query", true, "YYYY-MM-DD"),
                                     parameter("to", "query", true, "YYYY-MM-DD"), dest, hq, regime},
                                    responses("Changes", list));
  paths["/api/v1/verdicts"] =
      get("Every catalog chip's verdict on one date", {dest, date, hq, regime}, responses("Verdicts", list));
  paths["/api/v1/timeline/{name}"] =
      get("A chip's status through every dated change", {name, dest, hq, regime}, responses("Timeline", list));
  paths["/api/v1/headroom/{name}"] = get("Every change of status as each metric rises or falls (as chipgap headroom): up[] and down[] per metric",
                                         {name, dest, date, hq, regime}, responses("Headroom", list));
  paths["/api/v1/openapi.json"] = get("This document", json::array(), responses("OpenAPI", any_object));
  paths["/api/v1/train"]["post"] = {
      {"summary", "Training step time, memory and breakdown for one plan, or a search over plans (as chipgap train)"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("TrainRequest")}}}}}}},
      {"responses", responses("Estimate or ranked plans", any_object)}};
  paths["/api/v1/infer"]["post"] = {
      {"summary", "Serving: TTFT, TPOT, throughput per chip, memory, cost; or a deployment search (as chipgap infer)"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("InferRequest")}}}}}}},
      {"responses", responses("Estimate or deployments", any_object)}};
  paths["/api/v1/minerals"] = get("China's export controls on critical minerals and their status on a date",
                                  {parameter("date", "query", false, "YYYY-MM-DD (default: today)"),
                                   parameter("to", "query", false, "Only controls on exports to this country, and those to everywhere")},
                                  responses("Controls", list));
  paths["/api/v1/match"]["post"] = {
      {"summary", "Equivalence: the smallest candidate cluster that trains a model no slower than a reference cluster (as chipgap match)"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("MatchRequest")}}}}}}},
      {"responses", responses("Both clusters, the count ratio, power, energy and cost", any_object)}};
  paths["/api/v1/compare"]["post"] = {
      {"summary", "Chips or systems side by side on one workload at equal count, power or budget, with ratios to a baseline (as chipgap compare)"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("CompareRequest")}}}}}}},
      {"responses", responses("rows[] with name, count, value, ratio, power_kw, the catalog figures as ratios, and what explains the difference", any_object)}};
  paths["/api/v1/gap"] = get(
      "The chip gap over time: frontier, exportable, licensable and domestic best chips with their ratios to the frontier (as chipgap gap)",
      {parameter("to", "query", false, "Destination country (default CN)"),
       parameter("since", "query", false, "YYYY-MM-DD (default 2022-01-01)"),
       parameter("until", "query", false, "YYYY-MM-DD (default today; later dates count announced parts)"),
       parameter("step", "query", false, "month or quarter (default quarter)"),
       parameter("model", "query", false, "A workload basis instead of peak compute: the model, with tokens, seq_len, global_batch, "
                                            "precision, or serve=true with input_len, output_len, ttft_ms, tpot_ms, kv_precision"),
       parameter("count", "query", false, "On a workload basis: chips per cluster (default 1024 training, 64 serving)"),
       parameter("workload", "query", false, "A reference workload (data/workloads/) for the fields not given, as chipgap gap --workload")},
      responses("points[] with date, frontier, exportable, licensable, domestic (each {chip, value, ratio} or null)", any_object));
  paths["/api/v1/sweep"]["post"] = {
      {"summary", "A rule document's thresholds moved over a 1-D or 2-D grid: chips that flip, the best exportable chip and, with a "
                  "scenario, China's compute per point (as chipgap sweep); at most 2,000 points, points x draws at most 400,000"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("SweepRequest")}}}}}}},
      {"responses", responses("points[] with index, thresholds, flipped[] {chip, before, after}, best_exportable {chip, value}, china_compute", any_object)}};
  paths["/api/v1/design"]["post"] = {
      {"summary", "Design-to-comply: the best parts a base die can become and still get the authorization wanted (as chipgap design); "
                  "at most 300,000 candidates"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("DesignRequest")}}}}}}},
      {"responses", responses("designs[] with knobs, metrics, verdict, objective, binding[]; unconstrained; reason when none complies", any_object)}};
  paths["/api/v1/scenarios"] = get("The shipped national-compute scenarios (as chipgap scenario list)", json::array(),
                                   responses("Scenarios", list));
  paths["/api/v1/scenarios/{id}"] = get("One scenario: narrative, changes, sources (as chipgap scenario show)",
                                        {parameter("id", "path", true, "Scenario id")}, responses("Scenario", any_object));
  paths["/api/v1/scenarios/run"]["post"] = {
      {"summary", "Run a scenario: China's and the US's compute by year, p10/p50/p90, on peak, train and serve bases (as chipgap scenario run)"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("ScenarioRunRequest")}}}}}}},
      {"responses", responses("years[] with china and us stock_h100e and additions_h100e by basis, shares, money; inputs[]", any_object)}};
  paths["/api/v1/classify"]["post"] = {
      {"summary", "Export-control verdict for a catalog chip or an inline spec"},
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", ref("ClassifyRequest")}}}}}}},
      {"responses", responses("Verdict", ref("Verdict"))}};

  json schemas;
  schemas["Error"] = {{"type", "object"},
                      {"properties",
                       {{"error",
                         {{"type", "object"},
                          {"properties",
                           {{"kind", {{"type", "string"}}},
                            {"message", {{"type", "string"}}},
                            {"where", {{"type", "string"}}},
                            {"suggestions", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}};
  schemas["ClassifyRequest"] = {{"type", "object"},
                                {"required", {"to"}},
                                {"properties",
                                 {{"chip", {{"type", "string"}}},
                                  {"spec", {{"type", "object"}, {"description", "Same keys as a spec file (docs/rules.md)"}}},
                                  {"to", {{"type", "string"}}},
                                  {"date", {{"type", "string"}, {"format", "date"}}},
                                  {"hq", {{"type", "string"}}},
                                  {"end_user", {{"type", "string"}, {"description", "A listed end user (data/rules/end-users/), screened first"}}},
                                  {"owned_by", {{"type", "array"},
                                                {"description", "Listed owners of the buyer and their shares, screened under the Affiliates rule"},
                                                {"items", {{"type", "object"},
                                                           {"required", {"name", "percent"}},
                                                           {"properties", {{"name", {{"type", "string"}}}, {"percent", {{"type", "number"}}}}}}}}},
                                  {"regime", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  auto properties = [](std::initializer_list<std::pair<const char*, const char*>> fields) {
    json out = json::object();
    for (const auto& [name, type] : fields) out[name] = {{"type", type}};
    return out;
  };
  schemas["MatchRequest"] = {{"type", "object"},
                             {"required", {"reference", "reference_count", "candidate"}},
                             {"properties", properties({{"reference", "string"}, {"reference_count", "integer"},
                                                        {"candidate", "string"}, {"workload", "string"}, {"model", "string"}, {"tokens", "number"},
                                                        {"seq_len", "integer"}, {"global_batch", "integer"},
                                                        {"precision", "string"}, {"max_count", "integer"}, {"pue", "number"},
                                                        {"serve", "boolean"}, {"input_len", "integer"}, {"output_len", "integer"},
                                                        {"ttft_ms", "number"}, {"tpot_ms", "number"}, {"demand", "number"},
                                                        {"kv_precision", "string"}})}};
  schemas["SweepRequest"] = {
      {"type", "object"},
      {"required", {"rule", "vary"}},
      {"description", "vary: one or two {metric, from, to, step} (metric as in the rules: tpp, performance_density, dram_bandwidth, "
                      "io_bandwidth, dram_plus_io_bandwidth, memory_bandwidth_density); mode: line or scale; the workload fields as "
                      "MatchRequest's give a workload basis; scenario (with year, draws, seed) adds China's compute on the peak basis"},
      {"properties", properties({{"rule", "string"}, {"vary", "array"}, {"mode", "string"}, {"to", "string"}, {"date", "string"},
                                 {"regime", "array"}, {"count", "integer"}, {"scenario", "string"}, {"year", "integer"},
                                 {"draws", "integer"}, {"seed", "integer"}, {"workload", "string"}, {"model", "string"}, {"serve", "boolean"}})}};
  schemas["DesignRequest"] = {
      {"type", "object"},
      {"required", {"base"}},
      {"description", "want: none, nac or case_by_case; objective: serve (default Llama 3 70B chat on one system) or train; knobs: "
                      "{KNOB: {min, max, step} or value} within data/design/'s bounds (compute_share, memory_bandwidth_share, "
                      "memory_capacity_share, scale_up_share); the workload fields as MatchRequest's"},
      {"properties", properties({{"base", "string"}, {"to", "string"}, {"date", "string"}, {"regime", "array"}, {"want", "string"},
                                 {"objective", "string"}, {"count", "integer"}, {"knobs", "object"}, {"top", "integer"},
                                 {"workload", "string"}, {"model", "string"}, {"input_len", "integer"}, {"output_len", "integer"}, {"tpot_ms", "number"}})}};
  schemas["CompareRequest"] = {
      {"type", "object"},
      {"required", {"names"}},
      {"description", "equal: count (with count), power (with power_kw) or budget (with budget_usd); the workload fields as MatchRequest's"},
      {"properties", properties({{"names", "array"}, {"baseline", "string"}, {"equal", "string"}, {"count", "integer"},
                                 {"power_kw", "number"}, {"budget_usd", "number"}, {"workload", "string"}, {"model", "string"}, {"tokens", "number"},
                                 {"seq_len", "integer"}, {"global_batch", "integer"}, {"precision", "string"}, {"serve", "boolean"},
                                 {"input_len", "integer"}, {"output_len", "integer"}, {"ttft_ms", "number"}, {"tpot_ms", "number"},
                                 {"kv_precision", "string"}})}};
  schemas["CompareRequest"]["properties"]["names"]["items"] = {{"type", "string"}};
  schemas["ScenarioRunRequest"] = {
      {"type", "object"},
      {"description", "scenario: an id or 'inputs' (default status-quo-2026-12); draws up to 20,000; set: {parameter or units.<flow>.<year>: number}"},
      {"properties", properties({{"scenario", "string"}, {"draws", "integer"}, {"seed", "integer"}, {"set", "object"},
                                 {"from", "integer"}, {"until", "integer"}})}};
  schemas["TrainRequest"] = {
      {"type", "object"},
      {"required", {"model"}},
      {"description", "Give chip or system; count defaults to one system. Fields as chipgap train's options (docs/training.md)"},
      {"properties", properties({{"model", "string"}, {"chip", "string"}, {"system", "string"}, {"count", "integer"},
                                 {"scale_out_gbps", "number"}, {"tp", "integer"}, {"pp", "integer"}, {"dp", "integer"},
                                 {"cp", "integer"}, {"ep", "integer"}, {"vp", "integer"}, {"micro_batch", "integer"},
                                 {"global_batch", "integer"}, {"seq_len", "integer"}, {"precision", "string"},
                                 {"recompute", "string"}, {"sequence_parallel", "boolean"}, {"zero", "integer"},
                                 {"schedule", "string"}, {"bf16_optimizer_moments", "boolean"}, {"fp8_activation_cache", "boolean"}, {"fp32_sharded_weights", "boolean"}, {"balanced_routing", "boolean"}, {"search", "boolean"}, {"top", "integer"}, {"tokens", "number"}})}};
  schemas["InferRequest"] = {
      {"type", "object"},
      {"required", {"model"}},
      {"description", "Fields as chipgap infer's options (docs/inference.md)"},
      {"properties", properties({{"model", "string"}, {"chip", "string"}, {"system", "string"}, {"count", "integer"},
                                 {"scale_out_gbps", "number"}, {"tp", "integer"}, {"dp", "integer"}, {"ep", "integer"},
                                 {"batch", "integer"}, {"input_len", "integer"}, {"output_len", "integer"},
                                 {"precision", "string"}, {"kv_precision", "string"}, {"mtp", "integer"},
                                 {"mtp_accept", "number"}, {"two_batch_overlap", "boolean"}, {"attention_core_share", "number"},
                                 {"expert_imbalance", "number"}, {"balanced_routing", "boolean"}, {"grouped_kv_reads", "boolean"}, {"fp8_attention", "boolean"}, {"phase", "string"},
                                 {"ttft_ms", "number"}, {"tpot_ms", "number"}, {"prefill_tokens", "integer"}, {"batching", "string"},
                                 {"context", "integer"}, {"search", "boolean"}, {"top", "integer"}})}};
  schemas["Verdict"] = {
      {"type", "object"},
      {"properties",
       {{"chip", {{"type", "string"}}},
        {"destination", {{"type", "string"}}},
        {"date", {{"type", "string"}}},
        {"metrics", any_object},
        {"eccn", {{"type", "string"}, {"nullable", true}}},
        {"authorization", {{"type", "string"}, {"enum", {"license", "nac", "aca", "none"}}}},
        {"license_required", {{"type", "boolean"}}},
        {"review_policy", {{"type", "string"}, {"nullable", true}}},
        {"conditions", list},
        {"clauses", list},
        {"margins", list},
        {"import_measures", list}}}};

  json spec;
  spec["openapi"] = "3.0.3";
  spec["info"] = {{"title", "chipgap API"},
                  {"version", "1"},
                  {"description", "AI accelerators, their export-control metrics and verdicts, from a cited catalog."}};
  spec["paths"] = paths;
  spec["components"]["schemas"] = schemas;
  return spec.dump(2);
}

}  // namespace chipgap::api
