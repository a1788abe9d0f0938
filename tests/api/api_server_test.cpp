// SPDX-License-Identifier: Apache-2.0
// API v1 through a real server on a loopback port: every endpoint, every error status, malformed JSON,
// oversized bodies, unknown names and concurrent requests.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/server/server.hpp"
#include "loopback_server.hpp"

namespace chipgap {
namespace {

using nlohmann::json;

class ApiServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server::Options options;
    options.max_body_bytes = 64 * 1024;
    options.threads = 4;
    server_ = new testing::LoopbackServer(options);
  }
  static void TearDownTestSuite() { delete server_; }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(10, 0);
    return c;
  }
  static json get_json(const std::string& path, int expected_status) {
    auto res = client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return json::parse(res->body);
  }
  static json post_json(const std::string& path, const std::string& body, int expected_status) {
    auto res = client().Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << body << ": " << res->body;
    return json::parse(res->body);
  }
  static void expect_error(const json& body, const std::string& kind, const std::string& where) {
    ASSERT_TRUE(body.contains("error")) << body.dump();
    EXPECT_EQ(body["error"]["kind"], kind) << body.dump();
    EXPECT_EQ(body["error"]["where"], where) << body.dump();
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  }

  static inline testing::LoopbackServer* server_ = nullptr;
};

TEST_F(ApiServer, ChipsListAndOneChip) {
  const json chips = get_json("/api/v1/chips", 200);
  ASSERT_GE(chips.size(), 45u);
  const json h100 = get_json("/api/v1/chips/h100", 200);
  EXPECT_EQ(h100["name"], "H100 SXM");
  EXPECT_NEAR(h100["metrics"]["tpp"].get<double>(), 15832, 160);
}

TEST_F(ApiServer, SystemsCountriesRulesAndOpenApi) {
  EXPECT_GE(get_json("/api/v1/systems", 200).size(), 8u);
  EXPECT_EQ(get_json("/api/v1/systems/cm384", 200)["chip"], "Ascend 910C");
  EXPECT_GT(get_json("/api/v1/countries", 200).size(), 50u);
  const json rules = get_json("/api/v1/rules", 200);
  EXPECT_GE(rules.size(), 10u);
  EXPECT_EQ(get_json("/api/v1/rules/us-ear-2023-10", 200)["id"], "us-ear-2023-10");
  const json openapi = get_json("/api/v1/openapi.json", 200);
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  // Every documented GET path without parameters answers 200.
  for (const auto& [path, item] : openapi["paths"].items()) {
    if (path.find('{') != std::string::npos || !item.contains("get") || path.find("diff") != std::string::npos) continue;
    get_json(path, 200);
  }
}

TEST_F(ApiServer, ClassifyCatalogChipAndInlineSpec) {
  const json h20 = post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "date": "2025-09-01"})", 200);
  EXPECT_EQ(h20["authorization"], "license");
  EXPECT_TRUE(h20["eccn"].is_null());
  const json spec = post_json(
      "/api/v1/classify",
      R"({"spec": {"name": "Mine", "datacenter": true, "die_area": "600 mm2", "dense": {"fp16": "300 TFLOP/s"}},
          "to": "CN", "date": "2024-06-01"})",
      200);
  EXPECT_EQ(spec["eccn"], "3A090.a");
  EXPECT_EQ(spec["metrics"]["tpp"], 4800);
  const json defaulted = post_json("/api/v1/classify", R"({"chip": "h200", "to": "CN"})", 200);
  EXPECT_EQ(defaulted["date"], "2026-03-01");  // the server's "today"
  EXPECT_EQ(defaulted["review_policy"], "case_by_case");
}

TEST_F(ApiServer, ClassifyScreensAnEndUser) {
  const json listed = post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "date": "2025-09-01", "end_user": "Biren"})", 200);
  EXPECT_TRUE(listed["end_user"]["license_required"].get<bool>());
  EXPECT_EQ(listed["end_user"]["citation"], "88 FR 71991");
  const json unknown = post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "end_user": "Birenn"})", 404);
  EXPECT_EQ(unknown["error"]["where"], "end_user");
}

TEST_F(ApiServer, ClassifyScreensOwnershipAndCountriesHaveDatedGroups) {
  const json owned = post_json("/api/v1/classify",
                               R"({"chip": "h20", "to": "CN", "date": "2025-10-15", "owned_by": [{"name": "SMIC", "percent": 60}]})", 200);
  EXPECT_EQ(owned["affiliate"]["outcome"], "license_required");
  EXPECT_EQ(owned["affiliate"]["strictest_owner"], "smic");
  const json unknown = post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "owned_by": [{"name": "smicc", "percent": 60}]})", 404);
  EXPECT_EQ(unknown["error"]["where"], "owned_by[0].name");
  const json malformed = post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "owned_by": ["smic:60"]})", 422);
  EXPECT_EQ(malformed["error"]["where"], "owned_by[0]");
  auto groups_of = [](const json& countries, const char* code) {
    for (const auto& c : countries) if (c["code"] == code) return c["groups"];
    return json::array();
  };
  const json before = groups_of(get_json("/api/v1/countries?date=2024-01-01", 200), "NI");
  const json after = groups_of(get_json("/api/v1/countries?date=2024-06-01", 200), "NI");
  EXPECT_EQ(std::count(before.begin(), before.end(), "D:5"), 0);
  EXPECT_EQ(std::count(after.begin(), after.end(), "D:5"), 1);
}

TEST_F(ApiServer, MatchAnswersAsTheCliDoes) {
  const json m = post_json("/api/v1/match",
                           R"({"reference": "HGX H100", "reference_count": 256, "candidate": "HGX H20", "model": "llama3-70b",
                               "tokens": 1e12, "seq_len": 4096, "global_batch": 1024})",
                           200);
  EXPECT_TRUE(m["matched"].get<bool>());
  EXPECT_EQ(m["reference"]["count"], 256);
  EXPECT_GT(m["candidate"]["count"].get<int>(), 256);
  EXPECT_GT(m["count_ratio"].get<double>(), 1.0);
  const json served = post_json("/api/v1/match",
                                R"({"serve": true, "reference": "HGX H800", "reference_count": 64, "candidate": "HGX H20",
                                    "model": "deepseek-v3", "precision": "fp8", "tpot_ms": 50})",
                                200);
  EXPECT_TRUE(served["matched"].get<bool>());
  EXPECT_GE(served["candidate"]["output_tokens_per_s"].get<double>(), served["demand_output_tokens_per_s"].get<double>());
  const json unknown = post_json("/api/v1/match", R"({"reference": "HGX H1000", "reference_count": 8, "candidate": "H20"})", 404);
  EXPECT_EQ(unknown["error"]["where"], "reference");
  const json missing = post_json("/api/v1/match", R"({"reference": "HGX H100", "candidate": "H20"})", 422);
  EXPECT_EQ(missing["error"]["where"], "reference_count");
}

// A reference workload by name gives the same answer as its fields written out; a field given wins over it.
TEST_F(ApiServer, ANamedWorkloadFillsTheFieldsNotGiven) {
  auto timeless = [](json answer) {  // the time the search took differs run to run
    answer.erase("seconds");
    return answer;
  };
  const std::string cluster = R"("reference": "HGX H100", "reference_count": 1024, "candidate": "CloudMatrix 384")";
  const json named = post_json("/api/v1/match", "{" + cluster + R"(, "workload": "llama3-405b-pretraining"})", 200);
  const json written = post_json("/api/v1/match", "{" + cluster + R"(, "model": "llama3-405b", "tokens": 15.6e12, "seq_len": 8192,
                                                                       "global_batch": 2048, "precision": "bf16"})",
                                 200);
  EXPECT_EQ(timeless(named), timeless(written));
  const json shorter = post_json("/api/v1/match", "{" + cluster + R"(, "workload": "llama3-405b-pretraining", "tokens": 1e12})", 200);
  EXPECT_LT(shorter["reference"]["days"].get<double>(), named["reference"]["days"].get<double>());
  expect_error(post_json("/api/v1/match", "{" + cluster + R"(, "workload": "llama3-405b-pretraining", "serve": true})", 422),
               "invalid", "serve");  // a training workload is not served, as --workload refuses
  const json unknown = post_json("/api/v1/match", "{" + cluster + R"(, "workload": "llama3-405b-pretrain"})", 404);
  expect_error(unknown, "not_found", "workload");
  EXPECT_FALSE(unknown["error"]["suggestions"].empty()) << unknown.dump();
  // A serving workload by name serves; on the gap's query string too.
  const json served = post_json("/api/v1/compare", R"({"names": ["HGX H100", "HGX H20"], "count": 64, "workload": "llama3-70b-chat"})", 200);
  EXPECT_EQ(served.dump().find("training tokens/s"), std::string::npos) << served.dump().substr(0, 300);
  const std::string gap = "/api/v1/gap?to=CN&since=2025-01-01&until=2025-06-01&count=64";
  EXPECT_EQ(timeless(get_json(gap + "&workload=llama3-70b-chat", 200)),
            timeless(get_json(gap + "&model=llama3-70b&serve=true&input_len=2048&output_len=512&tpot_ms=50&precision=bf16", 200)));
}

TEST_F(ApiServer, CompareAndGapAnswerAsTheCliDoes) {
  const json c = post_json("/api/v1/compare",
                           R"({"names": ["HGX H100", "HGX H800"], "equal": "count", "count": 256, "model": "llama3-70b",
                               "tokens": 1e12, "seq_len": 4096, "global_batch": 1024})",
                           200);
  ASSERT_EQ(c["rows"].size(), 2u);
  EXPECT_DOUBLE_EQ(c["rows"][0]["ratio"].get<double>(), 1.0);
  EXPECT_LT(c["rows"][1]["ratio"].get<double>(), 1.0);
  const json one = post_json("/api/v1/compare", R"({"names": ["HGX H100"]})", 422);
  EXPECT_EQ(one["error"]["where"], "names");
  const json mixed = post_json("/api/v1/compare", R"({"names": ["HGX H100", "H20"], "equal": "power", "power_kw": 100, "count": 8})", 422);
  EXPECT_EQ(mixed["error"]["where"], "count");
  const json unknown = post_json("/api/v1/compare", R"({"names": ["HGX H100", "HGX H2O"]})", 404);
  EXPECT_FALSE(unknown["error"]["suggestions"].empty());

  const json gap = get_json("/api/v1/gap?to=CN&since=2023-01-01&until=2023-12-01&step=month", 200);
  ASSERT_EQ(gap["points"].size(), 12u);
  EXPECT_EQ(gap["points"][5]["exportable"]["chip"], "H800 SXM");  // June 2023: under the 2022 rule's lines
  get_json("/api/v1/gap?to=Narnia", 422);
  get_json("/api/v1/gap?step=year", 422);
  get_json("/api/v1/gap?colour=red", 422);
}

TEST_F(ApiServer, ScenariosListShowAndRunAsTheCliDoes) {
  const json list = get_json("/api/v1/scenarios", 200);
  ASSERT_GE(list.size(), 5u);
  const json shown = get_json("/api/v1/scenarios/h20-licensed-2025", 200);
  EXPECT_EQ(shown["extra_rules"][0], "-us-is-informed-2025-04");
  get_json("/api/v1/scenarios/h20-licenced-2025", 404);
  const json run = post_json("/api/v1/scenarios/run", R"({"scenario": "status-quo-2026-12", "draws": 200, "seed": 3,
                                                          "set": {"smuggling.multiplier": 0.5}})", 200);
  EXPECT_EQ(run["draws"], 200);
  ASSERT_FALSE(run["years"].empty());
  EXPECT_TRUE(run["years"][0]["china"]["stock_h100e"]["train"].contains("p90"));
  const json typo = post_json("/api/v1/scenarios/run", R"({"set": {"smugling.multiplier": 2}})", 404);
  EXPECT_EQ(typo["error"]["where"], "set.smugling.multiplier");
  post_json("/api/v1/scenarios/run", R"({"set": {"approval.case_by_case": 3}})", 422);
  post_json("/api/v1/scenarios/run", R"({"draws": 1000000})", 422);
}

TEST_F(ApiServer, MineralControlsOnADate) {
  const json controls = get_json("/api/v1/minerals?date=2025-06-01&to=US", 200);
  ASSERT_GE(controls.size(), 4u);
  for (const auto& c : controls) EXPECT_TRUE(c["destination"] == "US" || c["destination"] == "all") << c.dump();
  get_json("/api/v1/minerals?to=Atlantis", 404);
}

TEST_F(ApiServer, VerdictsForEveryChipOnADate) {
  const json verdicts = get_json("/api/v1/verdicts?dest=CN&date=2024-06-01", 200);
  ASSERT_GE(verdicts.size(), 45u);
  const auto h20 = std::find_if(verdicts.begin(), verdicts.end(), [](const json& v) { return v["chip"] == "H20"; });
  ASSERT_NE(h20, verdicts.end());
  EXPECT_EQ((*h20)["authorization"], "none");
}

TEST_F(ApiServer, DiffTimelineHeadroom) {
  const json changes = get_json("/api/v1/rules/diff?from=2023-11-16&to=2023-11-17&dest=CN", 200);
  EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [](const json& c) { return c["chip"] == "H800 SXM"; }));
  EXPECT_GE(get_json("/api/v1/timeline/a800?dest=CN", 200).size(), 2u);
  EXPECT_EQ(get_json("/api/v1/headroom/h20?dest=CN&date=2024-06-01", 200)[0]["limit"], 2400);
}

TEST_F(ApiServer, ErrorsHaveTheRightStatusAndShape) {
  expect_error(get_json("/api/v1/chips/h10", 404), "not_found", "name");
  EXPECT_FALSE(get_json("/api/v1/chips/h10", 404)["error"]["suggestions"].empty());
  expect_error(get_json("/api/v1/nothing", 404), "not_found", "path");
  expect_error(get_json("/api/v1/rules/diff?from=2023-11-16", 422), "invalid", "to");
  expect_error(get_json("/api/v1/rules/diff?from=2023-02-30&to=2023-11-17", 422), "invalid", "from");
  expect_error(get_json("/api/v1/timeline/h20?dest=Atlantis", 422), "invalid", "dest");
  expect_error(post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN",)", 400), "malformed", "body");
  expect_error(post_json("/api/v1/classify", R"([1, 2])", 400), "malformed", "body");
  expect_error(post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "dates": "2024-01-01"})", 422), "invalid",
               "dates");
  expect_error(post_json("/api/v1/classify", R"({"chip": "h20"})", 422), "invalid", "to");
  expect_error(post_json("/api/v1/classify", R"({"chip": "h2o", "to": "CN"})", 404), "not_found", "chip");
  expect_error(post_json("/api/v1/classify", R"({"chip": "h20", "to": "CN", "date": "tomorrow"})", 422), "invalid", "date");
  expect_error(post_json("/api/v1/classify", R"({"spec": {"name": "X", "datacenter": true}, "to": "CN"})", 422),
               "invalid", "spec.dense");
  expect_error(post_json("/api/v1/chips", "{}", 405), "method_not_allowed", "method");
}

TEST_F(ApiServer, OversizedBodiesAre413) {
  const std::string big(128 * 1024, ' ');
  expect_error(post_json("/api/v1/classify", big, 413), "too_large", "body");
}

TEST_F(ApiServer, ConcurrentRequestsAllSucceed) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&good, t] {
      auto c = client();
      for (int i = 0; i < 25; ++i) {
        const std::string body = std::string(R"({"chip": ")") + (t % 2 ? "h20" : "a800") + R"(", "to": "CN"})";
        auto res = c.Post("/api/v1/classify", body, "application/json");
        if (res && res->status == 200 && json::parse(res->body).contains("authorization")) ++good;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 200);
}

TEST_F(ApiServer, ModelsWithParameterCounts) {
  const json models = get_json("/api/v1/models", 200);
  ASSERT_GE(models.size(), 14u);
  bool found = false;
  for (const auto& m : models) {
    if (m["name"] != "DeepSeek-V3") continue;
    found = true;
    EXPECT_NEAR(m["params_b"].get<double>(), 671, 10);
    EXPECT_NEAR(m["active_params_b"].get<double>(), 37, 2);
  }
  EXPECT_TRUE(found);
}

TEST_F(ApiServer, TrainOnePlanAndSearch) {
  const json one = post_json("/api/v1/train",
                             R"({"model": "gpt3-175b", "system": "DGX A100", "count": 64, "tp": 8, "pp": 8, "vp": 3,
                                 "global_batch": 64, "seq_len": 2048, "recompute": "selective", "sequence_parallel": true,
                                 "tokens": 3e11})",
                             200);
  EXPECT_EQ(one["plan"]["dp"], 1);
  EXPECT_GT(one["step_time_s"].get<double>(), 0);
  EXPECT_GT(one["run"]["days"].get<double>(), 0);
  const json search = post_json("/api/v1/train",
                                R"({"model": "llama3-70b", "system": "HGX H100", "count": 64, "global_batch": 256,
                                    "search": true, "top": 3})",
                                200);
  EXPECT_EQ(search["plans"].size(), 3u);
  EXPECT_GT(search["plans_evaluated"].get<double>(), 0);
}

TEST_F(ApiServer, TrainErrors) {
  expect_error(post_json("/api/v1/train", R"({"model": "llama-70b", "chip": "h100", "count": 8})", 404), "not_found", "model");
  expect_error(post_json("/api/v1/train", R"({"model": "llama3-70b", "chip": "h100", "count": 8, "tpp": 8})", 422), "invalid", "tpp");
  expect_error(post_json("/api/v1/train", R"({"model": "gpt3-175b", "chip": "h100", "count": 64, "tp": 64})", 422), "invalid", "plan");
  expect_error(post_json("/api/v1/train", R"({"model": "llama3-70b", "chip": "h20", "count": 64})", 422), "invalid", "scale_out_gbps");
  expect_error(post_json("/api/v1/train", R"({"model": "llama3-70b", "chip": "h100", "count": 0})", 422), "invalid", "count");
  auto res = client().Get("/api/v1/train");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
}

TEST_F(ApiServer, InferOneDeploymentAndSearch) {
  const json one = post_json("/api/v1/infer",
                             R"({"model": "llama3-70b", "system": "HGX H100", "tp": 8, "precision": "fp8",
                                 "input_len": 2048, "output_len": 512, "tpot_ms": 30})",
                             200);
  EXPECT_TRUE(one["feasible"].get<bool>());
  EXPECT_LE(one["tpot_ms"].get<double>(), 30.0);
  const json search = post_json("/api/v1/infer",
                                R"({"model": "deepseek-v3", "system": "HGX H800", "count": 64, "precision": "fp8",
                                    "input_len": 2048, "output_len": 512, "tpot_ms": 50, "search": true})",
                                200);
  EXPECT_FALSE(search["disaggregated"].is_null());
  expect_error(post_json("/api/v1/infer", R"({"model": "deepseek-v3", "system": "cm384", "count": 16, "precision": "fp8"})", 422),
               "invalid", "precision");
  expect_error(post_json("/api/v1/infer", R"({"model": "llama3-70b", "system": "HGX H100", "input_len": 200000})", 422),
               "invalid", "input_len");
  expect_error(post_json("/api/v1/infer", R"({"model": "deepseek-v3", "system": "cm384", "count": 16, "precision": "int8",
                                               "attention_core_share": 0.6})", 422),
               "invalid", "deployment");
  expect_error(post_json("/api/v1/infer", R"({"model": "deepseek-v3", "system": "cm384", "count": 16, "precision": "int8",
                                               "expert_imbalance": 0.5})", 422),
               "invalid", "expert_imbalance");
  const json split = post_json("/api/v1/infer",
                               R"({"model": "deepseek-v3", "system": "cm384", "count": 16, "precision": "int8", "phase": "decode",
                                   "two_batch_overlap": true, "attention_core_share": 0.667, "balanced_routing": true})",
                               200);
  EXPECT_DOUBLE_EQ(split["deployment"]["attention_core_share"].get<double>(), 0.667);
  EXPECT_TRUE(split["deployment"]["balanced_routing"].get<bool>());
  EXPECT_TRUE(split["breakdown"]["decode"].contains("stream_overlap_ms"));
  // Engines without GQA-aware decode kernels, as `--ungrouped-kv-reads` describes them.
  const json grouped = post_json("/api/v1/infer", R"({"model": "llama2-70b", "system": "HGX H100", "count": 4, "tp": 4, "batch": 64,
                                                      "phase": "decode"})", 200);
  const json ungrouped = post_json("/api/v1/infer", R"({"model": "llama2-70b", "system": "HGX H100", "count": 4, "tp": 4, "batch": 64,
                                                        "phase": "decode", "grouped_kv_reads": false})", 200);
  EXPECT_FALSE(ungrouped["deployment"]["grouped_kv_reads"].get<bool>());
  EXPECT_GT(ungrouped["tpot_ms"].get<double>(), grouped["tpot_ms"].get<double>());
}

}  // namespace
}  // namespace chipgap

namespace chipgap {
namespace {

using nlohmann::json;

class ApiPolicy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new testing::LoopbackServer(server::Options{}); }
  static void TearDownTestSuite() { delete server_; }
  static json post(const std::string& path, const json& body, int expected_status) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    auto res = c.Post(path.c_str(), body.dump(), "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << body.dump() << ": " << res->body;
    return json::parse(res->body);
  }
  static inline testing::LoopbackServer* server_ = nullptr;
};

TEST_F(ApiPolicy, SweepAnswersAsTheCliDoes) {
  const json out = post("/api/v1/sweep",
                        {{"rule", "us-ear-2023-10"}, {"vary", {{{"metric", "tpp"}, {"from", 4800}, {"to", 2300}, {"step", -2500}}}},
                         {"date", "2024-06-01"}, {"scenario", "status-quo-2026-12"}, {"draws", 20}},
                        200);
  ASSERT_EQ(out["points"].size(), 2u);
  EXPECT_TRUE(out["points"][0]["flipped"].empty());
  bool h20 = false;
  for (const auto& f : out["points"][1]["flipped"]) h20 = h20 || f["chip"] == "H20";
  EXPECT_TRUE(h20);  // a line at 2,300 catches the H20's 2,368
  EXPECT_LE(out["points"][1]["china_compute"]["p50"].get<double>(), out["points"][0]["china_compute"]["p50"].get<double>());
}

TEST_F(ApiPolicy, BadSweepsAreLocated) {
  const json one_axis = {{{"metric", "tpp"}, {"from", 4800}, {"to", 1600}, {"step", -100}}};
  auto where = [](const json& e) { return e["error"]["where"].get<std::string>(); };
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-1"}, {"vary", one_axis}}, 404)), "rule");
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-10"}, {"vary", json::array()}}, 422)), "vary");
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-10"}, {"vary", {{{"metric", "tpz"}, {"from", 1}, {"to", 2}, {"step", 1}}}}}, 422)),
            "vary[0].metric");
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-10"}, {"vary", {{{"metric", "tpp"}, {"from", 1}, {"to", 1e7}, {"step", 1}}}}}, 422)),
            "vary[0]");  // more points than one request may ask for
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-10"}, {"vary", one_axis}, {"date", "2022-06-01"}}, 422)), "rule");
  EXPECT_EQ(where(post("/api/v1/sweep", {{"rule", "us-ear-2023-10"}, {"vary", one_axis}, {"draws", 10}}, 422)), "draws");
}

TEST_F(ApiPolicy, DesignFindsTheH20sCornerAndRefusesBadKnobs) {
  const json out = post("/api/v1/design",
                        {{"base", "H100 SXM"}, {"date", "2024-06-01"}, {"knobs", {{"compute_share", {{"min", 0.05}, {"max", 1}, {"step", 0.05}}}}},
                         {"top", 2}},
                        200);
  ASSERT_FALSE(out["designs"].empty());
  EXPECT_EQ(out["designs"][0]["knobs"]["compute_share"], 0.15);
  EXPECT_LT(out["designs"][0]["metrics"]["tpp"].get<double>(), 2400);
  EXPECT_EQ(out["model"], "Llama 3 70B");
  const json bad = post("/api/v1/design", {{"base", "H100 SXM"}, {"knobs", {{"compute_share", {{"min", 0.1}, {"max", 2}, {"step", 0.1}}}}}}, 422);
  EXPECT_EQ(bad["error"]["where"], "knobs");
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("outside its bounds"), std::string::npos);
  EXPECT_EQ(post("/api/v1/design", {{"base", "H1000"}}, 404)["error"]["where"], "base");
  EXPECT_EQ(post("/api/v1/design", {{"base", "H100 SXM"}, {"want", "maybe"}}, 422)["error"]["where"], "want");
}

}  // namespace
}  // namespace chipgap
