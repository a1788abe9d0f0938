// SPDX-License-Identifier: Apache-2.0
#include "chipgap/api/api.hpp"
#include "chipgap/codec/scenario_json.hpp"
#include "chipgap/scenario/engine.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <stdexcept>

#include "chipgap/catalog/workloads.hpp"
#include "chipgap/codec/json.hpp"
#include "chipgap/compare/reference_workload.hpp"
#include "chipgap/codec/rules_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/text.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/metrics/system_totals.hpp"
#include "chipgap/perf/model_math.hpp"
#include "chipgap/rules/engine.hpp"
#include "api_error.hpp"
#include "heavy_gate.hpp"
#include "workload_fields.hpp"

namespace chipgap::api {
namespace detail {

void not_found(const std::string& what, const std::string& name, std::vector<std::string> suggestions,
               const std::string& where) {
  std::string message = "no " + what + " named '" + printable(name) + "'";
  const std::string hint = did_you_mean(suggestions);
  if (!hint.empty()) message += "; " + hint;
  throw ApiError(404, "not_found", message, where, std::move(suggestions));
}

}  // namespace detail

namespace {

using nlohmann::json;
using detail::ApiError;
using detail::not_found;

Response ok(const json& body) { return {200, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"}; }

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '/') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

// Errors of the rules engine name the argument (--to, --hq, --regime); the API names its own fields.
[[noreturn]] void rules_error(const std::vector<Diagnostic>& errors, const std::map<std::string, std::string>& fields) {
  const Diagnostic& first = errors.front();
  auto it = fields.find(first.key_path);
  const std::string where = it == fields.end() ? first.key_path : it->second;
  throw ApiError(422, "invalid", first.message, where);
}

Date parse_date(const std::string& text, const std::string& where) {
  auto date = Date::parse(text);
  if (!date) throw ApiError(422, "invalid", "'" + text + "' is not a date; write YYYY-MM-DD", where);
  return *date;
}

std::string query_value(const Request& request, const std::string& key, bool required, const std::string& fallback = "") {
  auto it = request.query.find(key);
  if (it != request.query.end() && !it->second.empty()) return it->second;
  if (required) throw ApiError(422, "invalid", "missing query parameter '" + key + "'", key);
  return fallback;
}

}  // namespace

Api::Api(catalog::Catalog catalog, catalog::RuleBook rules, std::function<Date()> today, perf::EfficiencyTable efficiency,
         HeavyLimits heavy)
    : catalog_(std::move(catalog)),
      rules_(std::move(rules)),
      today_(std::move(today)),
      efficiency_(std::move(efficiency)),
      heavy_(std::make_unique<detail::HeavyGate>(std::max<std::size_t>(1, heavy.concurrent), heavy.max_wait)) {}

Api::~Api() = default;

void Api::enable_workloads(std::vector<spec::ReferenceWorkload> workloads) { workloads_ = std::move(workloads); }

Result<bool> Api::enable_design(std::vector<spec::DesignKnob> bounds, const std::vector<spec::ReferenceWorkload>& workloads) {
  const auto* serve = catalog::find_workload(workloads, compare::kServeBasisWorkload);
  const auto* train = catalog::find_workload(workloads, compare::kTrainBasisWorkload);
  if (serve == nullptr || train == nullptr) {
    return std::vector<Diagnostic>{{{}, 0, 0, "workloads", std::string("design searches default to the reference workloads ") +
                                                             compare::kServeBasisWorkload + " and " + compare::kTrainBasisWorkload +
                                                             "; one is missing from data/workloads/"}};
  }
  design_ = std::make_unique<detail::DesignSetup>(detail::DesignSetup{
      std::move(bounds), compare::serving_workload_of(*serve, catalog_), compare::training_workload_of(*train, catalog_)});
  return true;
}

Result<bool> Api::enable_scenarios(catalog::ScenarioData data, const std::vector<spec::ReferenceWorkload>& workloads) {
  auto bases = scenario::workload_bases(catalog_, workloads, efficiency_);
  if (!bases) return bases.errors();
  scenarios_ = std::make_unique<catalog::ScenarioData>(std::move(data));
  engine_ = std::make_unique<scenario::Engine>(catalog_, rules_, *scenarios_, std::move(bases).value());
  return true;
}

Response Api::error(int status, const std::string& kind, const std::string& message, const std::string& where) {
  json body = {{"error", {{"kind", kind}, {"message", message}, {"where", where}}}};
  // Never throws: a message that quotes bad input must not turn an error into a crash.
  return {status, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"};
}

Response Api::handle(const Request& request) const {
  const auto parts = split_path(request.path);
  const std::size_t n = parts.size();
  const rules::Query default_query{"CN", today_(), std::nullopt, {}};

  auto find_item = [&](const std::string& name, const std::string& where) -> rules::Item {
    if (const auto* chip = catalog_.find_accelerator(name)) return rules::make_item(*chip);
    if (const auto* system = catalog_.find_system(name)) return rules::make_item(*system, catalog_.chip_of(*system));
    not_found("accelerator or system", name, catalog_.suggest_accelerators(name), where);
  };
  auto query_from_params = [&]() {
    rules::Query query = default_query;
    query.destination = query_value(request, "dest", false, "CN");
    if (auto date = query_value(request, "date", false); !date.empty()) query.date = parse_date(date, "date");
    if (auto hq = query_value(request, "hq", false); !hq.empty()) query.end_user_hq = hq;
    if (auto regime = query_value(request, "regime", false); !regime.empty()) query.extra_rules.push_back(regime);
    return query;
  };
  const std::map<std::string, std::string> query_fields{{"--to", "dest"}, {"--hq", "hq"}, {"--regime", "regime"}};
  const std::map<std::string, std::string> body_fields{{"--to", "to"}, {"--hq", "hq"}, {"--regime", "regime"}};

  try {
    detail::check_request_text(request);
    if (n < 2 || parts[0] != "api" || parts[1] != "v1") {
      throw ApiError(404, "not_found", "no such endpoint: " + printable(request.path) + "; see /api/v1/openapi.json", "path");
    }
    const std::string resource = n > 2 ? parts[2] : "";
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    auto method_not_allowed = [&](const char* allowed) {
      throw ApiError(405, "method_not_allowed", request.method + " is not allowed here; use " + allowed, "method");
    };

    if (resource == "openapi.json" && n == 3) {
      if (!get) method_not_allowed("GET");
      return {200, openapi(), "application/json"};
    }
    if (resource == "chips" && (n == 3 || n == 4)) {
      if (!get) method_not_allowed("GET");
      if (n == 3) {
        json rows = json::array();
        for (const auto& chip : catalog_.accelerators()) {
          rows.push_back(codec::summary_json(chip, metrics::compute_export_metrics(chip)));
        }
        return ok(rows);
      }
      const auto* chip = catalog_.find_accelerator(parts[3]);
      if (chip == nullptr) not_found("accelerator", parts[3], catalog_.suggest_accelerators(parts[3]), "name");
      return ok(codec::to_json(*chip, metrics::compute_export_metrics(*chip)));
    }
    if (resource == "systems" && (n == 3 || n == 4)) {
      if (!get) method_not_allowed("GET");
      if (n == 3) {
        json rows = json::array();
        for (const auto& system : catalog_.systems()) {
          rows.push_back(codec::summary_json(system, metrics::compute_system_totals(system, catalog_.chip_of(system))));
        }
        return ok(rows);
      }
      const auto* system = catalog_.find_system(parts[3]);
      if (system == nullptr) not_found("system", parts[3], catalog_.suggest_systems(parts[3]), "name");
      const auto& chip = catalog_.chip_of(*system);
      return ok(codec::to_json(*system, chip, metrics::compute_system_totals(*system, chip)));
    }
    if (resource == "models" && n == 3) {
      if (!get) method_not_allowed("GET");
      json rows = json::array();
      for (const auto& model : catalog_.models()) {
        const auto counts = perf::count_parameters(model);
        rows.push_back({{"name", model.name},
                        {"aliases", model.aliases},
                        {"layers", model.layers},
                        {"hidden", model.hidden},
                        {"moe", model.moe.has_value()},
                        {"max_seq_len", model.max_seq_len ? json(*model.max_seq_len) : json(nullptr)},
                        {"params_b", counts.total() / 1e9},
                        {"active_params_b", counts.active() / 1e9}});
      }
      return ok(rows);
    }
    if (resource == "rules" && n == 4 && parts[3] == "diff") {
      if (!get) method_not_allowed("GET");
      const Date from = parse_date(query_value(request, "from", true), "from");
      const Date to = parse_date(query_value(request, "to", true), "to");
      auto changes = rules::diff(rules_, catalog_, from, to, query_from_params());
      if (!changes) rules_error(changes.errors(), query_fields);
      return ok(codec::to_json(*changes));
    }
    if (resource == "rules" && (n == 3 || n == 4)) {
      if (!get) method_not_allowed("GET");
      if (n == 3) {
        json rows = json::array();
        for (const auto& document : rules_.documents()) rows.push_back(codec::summary_json(document));
        return ok(rows);
      }
      const auto* document = rules_.find_document(parts[3]);
      if (document == nullptr) not_found("rule", parts[3], rules_.suggest_documents(parts[3]), "id");
      return ok(codec::to_json(*document));
    }
    if (resource == "minerals" && n == 3) {
      // China's export controls on critical minerals and their status on a date (default: today).
      if (!get) method_not_allowed("GET");
      const Date date = [&] {
        const auto text = query_value(request, "date", false);
        return text.empty() ? today_() : parse_date(text, "date");
      }();
      const spec::Country* country = nullptr;
      if (auto to = query_value(request, "to", false); !to.empty()) {
        country = rules_.find_country(to);
        if (country == nullptr) not_found("country", to, rules_.suggest_countries(to), "to");
      }
      json rows = json::array();
      for (const auto* control : rules_.mineral_controls_to(country)) rows.push_back(codec::mineral_control_json(*control, date));
      return ok(rows);
    }
    if (resource == "measures" && (n == 3 || n == 4)) {
      // A country's destination-side measures (China's by default; ?country=MY): all, or those on a chip or
      // system and a date, with the net stance.
      if (!get) method_not_allowed("GET");
      if (n == 4) {
        const auto* measure = rules_.find_import_measure(parts[3]);
        if (measure == nullptr) not_found("measure", parts[3], rules_.suggest_import_measures(parts[3]), "id");
        return ok(codec::to_json(*measure));
      }
      rules::MeasureQuery query;
      if (auto code = query_value(request, "country", false); !code.empty()) {
        const spec::Country* country = rules_.find_country(code);
        if (country == nullptr) not_found("country", code, rules_.suggest_countries(code), "country");
        query.country = rules_.evaluated_as(*country).code;
      }
      if (auto date = query_value(request, "date", false); !date.empty()) query.date = parse_date(date, "date");
      if (auto chip = query_value(request, "chip", false); !chip.empty()) query.item = find_item(chip, "chip");
      const rules::ImportStance stance = rules::import_stance(rules_, query);
      json rows = json::array();
      for (const auto* m : stance.measures) rows.push_back(codec::to_json(*m));
      json out = {{"measures", rows}};
      if (query.item && query.date) {
        out["net_effect"] = stance.net_effect;
        out["conflict"] = stance.conflict;
      }
      return ok(out);
    }
    if (resource == "countries" && n == 3) {
      if (!get) method_not_allowed("GET");
      // Groups on ?date= (default today): memberships change (Nicaragua joined D:5 in March 2024).
      const auto text = query_value(request, "date", false);
      const Date date = text.empty() ? today_() : parse_date(text, "date");
      json rows = json::array();
      for (const auto& country : rules_.countries()) {
        rows.push_back({{"code", country.code}, {"name", country.name}, {"groups", rules_.groups_on(country, date)}});
      }
      return ok(rows);
    }
    if (resource == "verdicts" && n == 3) {
      // Every catalog chip's verdict on one date: what the dashboard's threshold chart colours by.
      if (!get) method_not_allowed("GET");
      const rules::Query query = query_from_params();
      json rows = json::array();
      for (const auto& chip : catalog_.accelerators()) {
        auto verdict = rules::classify(rules_, rules::make_item(chip), query);
        if (!verdict) rules_error(verdict.errors(), query_fields);
        json row = codec::summary_json(*verdict);
        row["vendor"] = chip.vendor;
        row["country"] = chip.country;
        rows.push_back(std::move(row));
      }
      return ok(rows);
    }
    if ((resource == "timeline" || resource == "headroom") && n == 4) {
      if (!get) method_not_allowed("GET");
      const rules::Item item = find_item(parts[3], "name");
      const rules::Query query = query_from_params();
      if (resource == "timeline") {
        auto entries = rules::timeline(rules_, item, query);
        if (!entries) rules_error(entries.errors(), query_fields);
        return ok(codec::to_json(*entries));
      }
      auto rooms = rules::headroom(rules_, item, query);
      if (!rooms) rules_error(rooms.errors(), query_fields);
      return ok(codec::to_json(*rooms));
    }
    if (resource == "classify" && n == 3) {
      if (!post) method_not_allowed("POST");
      const json body = detail::object_body(request, {"chip", "spec", "to", "date", "hq", "regime", "end_user", "owned_by"});
      auto text_field = [&](const char* key) -> std::string {
        if (!body.contains(key)) return "";
        if (!body[key].is_string()) throw ApiError(422, "invalid", std::string("'") + key + "' must be a string", key);
        return body[key].get<std::string>();
      };
      rules::Item item;
      if (body.contains("chip") == body.contains("spec")) {
        throw ApiError(422, "invalid", "give either 'chip' (a catalog name) or 'spec' (your own chip)", "chip");
      }
      if (body.contains("spec")) {
        // JSON is YAML: the spec object goes through the same strict reader as a spec file.
        auto chip = catalog::parse_spec_file({"spec", body["spec"].dump()});
        if (!chip) {
          const auto& d = chip.errors().front();
          throw ApiError(422, "invalid", d.message, "spec" + (d.key_path.empty() ? "" : "." + d.key_path));
        }
        item = rules::make_item(*chip);
      } else {
        item = find_item(text_field("chip"), "chip");
      }
      rules::Query query = default_query;
      query.destination = text_field("to");
      if (query.destination.empty()) throw ApiError(422, "invalid", "missing field 'to' (the destination country)", "to");
      if (const std::string date = text_field("date"); !date.empty()) query.date = parse_date(date, "date");
      if (const std::string hq = text_field("hq"); !hq.empty()) query.end_user_hq = hq;
      query.extra_rules = detail::regimes_of(body);
      const spec::ListedEntity* end_user = nullptr;
      if (const std::string name = text_field("end_user"); !name.empty()) {
        end_user = rules_.find_end_user(name);
        if (end_user == nullptr) not_found("end user", name, rules_.suggest_end_users(name), "end_user");
      }
      // owned_by: [{"name": "smic", "percent": 60}, ...], screened under the Affiliates rule.
      std::vector<rules::OwnerShare> owners;
      if (body.contains("owned_by")) {
        const json& list = body["owned_by"];
        const char* form = "'owned_by' must be a list of {\"name\": a listed end user, \"percent\": its share of the buyer}";
        if (!list.is_array()) throw ApiError(422, "invalid", form, "owned_by");
        for (std::size_t i = 0; i < list.size(); ++i) {
          const json& owner = list[i];
          const std::string at = "owned_by[" + std::to_string(i) + "]";
          if (!owner.is_object() || !owner.contains("name") || !owner["name"].is_string() || !owner.contains("percent") ||
              !owner["percent"].is_number() || owner.size() != 2) {
            throw ApiError(422, "invalid", form, at);
          }
          const std::string name = owner["name"].get<std::string>();
          if (rules_.find_end_user(name) == nullptr) not_found("end user", name, rules_.suggest_end_users(name), at + ".name");
          owners.push_back({name, owner["percent"].get<double>()});
        }
      }
      auto verdict = rules::classify(rules_, item, query);
      if (!verdict) rules_error(verdict.errors(), body_fields);
      json out = codec::to_json(*verdict);
      if (end_user != nullptr) out["end_user"] = codec::end_user_json(*end_user, verdict->date);
      if (!owners.empty()) {
        auto screening = rules::screen_affiliate(rules_, owners, verdict->date);
        if (!screening) throw ApiError(422, "invalid", screening.errors().front().message, "owned_by");
        out["affiliate"] = codec::affiliate_json(*screening);
      }
      return ok(out);
    }
    if (resource == "health" && n == 3) {
      // Cheap and never queued: whether the server answers, and how busy its heavy lane is.
      if (!get) method_not_allowed("GET");
      const auto load = heavy_->load();
      return ok({{"status", "ok"},
                 {"catalog", {{"accelerators", catalog_.accelerators().size()}, {"systems", catalog_.systems().size()},
                              {"models", catalog_.models().size()}}},
                 {"rule_documents", rules_.documents().size()},
                 {"performance_data", !efficiency_.families().empty()},
                 {"heavy_requests", {{"limit", load.slots}, {"running", load.running}, {"waiting", load.waiting},
                                     {"max_wait_ms", load.max_wait.count()}}}});
    }
    if (resource == "scenarios" && (n == 3 || n == 4)) {
      // GET /scenarios, GET /scenarios/{id}, POST /scenarios/run.
      if (!scenarios_) throw ApiError(503, "unavailable", "the scenario data is not loaded", "");
      if (n == 4 && parts[3] == "run") {
        if (!post) method_not_allowed("POST");
        return detail::scenario_run_endpoint(*scenarios_, *engine_, *heavy_, request);
      }
      if (!get) method_not_allowed("GET");
      if (n == 3) {
        json rows = json::array();
        for (const auto& s : scenarios_->scenarios) rows.push_back({{"id", s.id}, {"title", s.title}});
        return ok(rows);
      }
      const auto* s = scenarios_->find_scenario(parts[3]);
      if (s == nullptr) not_found("scenario", parts[3], scenarios_->suggest_scenarios(parts[3]), "id");
      return ok(codec::scenario_json(*s));
    }
    if ((resource == "sweep" || resource == "design") && n == 3) {
      if (!post) method_not_allowed("POST");
      if (resource == "sweep") return detail::sweep_endpoint(catalog_, rules_, efficiency_, workloads_, scenarios_.get(), *heavy_, today_(), request);
      return detail::design_endpoint(catalog_, rules_, efficiency_, workloads_, design_.get(), *heavy_, today_(), request);
    }
    if (resource == "gap" && n == 3) {
      if (!get) method_not_allowed("GET");
      return detail::gap_endpoint(catalog_, rules_, efficiency_, workloads_, *heavy_, today_(), request);
    }
    if ((resource == "train" || resource == "infer" || resource == "match" || resource == "compare") && n == 3) {
      if (!post) method_not_allowed("POST");
      if (resource == "match") return detail::match_endpoint(catalog_, efficiency_, workloads_, *heavy_, request);
      if (resource == "compare") return detail::compare_endpoint(catalog_, efficiency_, workloads_, *heavy_, request);
      return resource == "train" ? detail::train_endpoint(catalog_, efficiency_, *heavy_, request)
                                 : detail::infer_endpoint(catalog_, efficiency_, *heavy_, request);
    }
    throw ApiError(404, "not_found", "no such endpoint: " + printable(request.path) + "; see /api/v1/openapi.json", "path");
  } catch (const ApiError& e) {
    Response response = error(e.status, e.kind, e.what(), e.where);
    if (!e.suggestions.empty()) {
      json body = json::parse(response.body);
      body["error"]["suggestions"] = e.suggestions;
      response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return response;
  } catch (const std::exception& e) {
    return error(500, "internal", "internal error; please report it", "");
  }
}

}  // namespace chipgap::api
