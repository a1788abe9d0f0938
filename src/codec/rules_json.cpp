// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/rules_json.hpp"

#include "chipgap/codec/json.hpp"

namespace chipgap::codec {
namespace {

using nlohmann::json;

json optional_number(const std::optional<rules::MetricValue>& value) { return value ? json(value->value) : json(nullptr); }

json metrics_json(const rules::Item& item) {
  using spec::Metric;
  json lower_bounds = json::array();
  for (std::size_t i = 0; i < rules::kMetricCount; ++i) {
    if (item.metrics[i] && item.metrics[i]->lower_bound) lower_bounds.push_back(std::string(spec::kMetricNames[i]));
  }
  return {
      {"tpp", optional_number(item.metric(Metric::Tpp))},
      {"performance_density", optional_number(item.metric(Metric::PerformanceDensity))},
      {"dram_bandwidth_gbs", optional_number(item.metric(Metric::DramBandwidth))},
      {"io_bandwidth_gbs", optional_number(item.metric(Metric::IoBandwidth))},
      {"dram_plus_io_bandwidth_gbs", optional_number(item.metric(Metric::DramPlusIoBandwidth))},
      {"memory_bandwidth_density", optional_number(item.metric(Metric::MemoryBandwidthDensity))},
      {"die_area_mm2", item.die_area_mm2 ? json(*item.die_area_mm2) : json(nullptr)},
      {"datacenter", item.datacenter},
      {"kind", std::string(spec::to_string(item.kind))},
      {"lower_bounds", lower_bounds},
  };
}

json condition_json(const spec::Condition& condition) {
  using Op = spec::Condition::Op;
  if (condition.op != Op::Test) {
    json children = json::array();
    for (const auto& child : condition.children) children.push_back(condition_json(child));
    if (condition.op == Op::Not) return {{"not", children[0]}};
    return {{condition.op == Op::All ? "all" : "any", children}};
  }
  return std::visit(
      [](const auto& test) -> json {
        using T = std::decay_t<decltype(test)>;
        if constexpr (std::is_same_v<T, spec::MetricTest>) {
          return {{"metric", std::string(spec::to_string(test.metric))},
                  {std::string(spec::to_string(test.comparison)), test.threshold}};
        } else if constexpr (std::is_same_v<T, spec::DatacenterTest>) {
          return {{"datacenter", test.datacenter}};
        } else if constexpr (std::is_same_v<T, spec::ItemKindTest>) {
          return {{"item", std::string(spec::to_string(test.kind))}};
        } else if constexpr (std::is_same_v<T, spec::NameTest>) {
          const char* key = test.field == spec::NameTest::Field::Vendor ? "vendor_in"
                            : test.field == spec::NameTest::Field::Chip ? "chip_in"
                                                                        : "market_in";
          return {{key, test.names}};
        } else if constexpr (std::is_same_v<T, spec::PlaceTest>) {
          return {{test.party == spec::PlaceTest::Party::Destination ? "destination_in" : "end_user_hq_in", test.places}};
        } else {
          return {{"eccn_in", test.eccns}};
        }
      },
      condition.test);
}

template <typename T>
json sourced_date(const spec::Sourced<T>& value) {
  return {{"value", value.value.to_string()},
          {"confidence", std::string(spec::to_string(value.provenance.confidence))},
          {"sources", value.provenance.sources},
          {"note", value.provenance.note}};
}

}  // namespace

namespace {

// An undetermined verdict has no single classification or authorization to show: "undetermined",
// unless every possible outcome needs the same authorization (then that one, which is decided).
json eccn_json(const rules::Verdict& v) {
  if (v.indeterminate) return "undetermined";
  return v.eccn ? json(*v.eccn) : json(nullptr);
}
json authorization_json(const rules::Verdict& v) {
  if (v.indeterminate && v.authorization_in_every_case) return std::string(spec::to_string(*v.authorization_in_every_case));
  if (v.indeterminate) return "undetermined";
  return std::string(spec::to_string(v.authorization));
}

json warnings_json(const rules::Verdict& v) {
  json warnings = json::array();
  if (v.after_review) {
    warnings.push_back("the rule book was last reviewed through " + v.rules_reviewed_through->to_string() +
                       "; measures taken after that date are not in this verdict");
  }
  return warnings;
}

}  // namespace

json to_json(const rules::Verdict& v) {
  json conditions = json::array();
  for (const auto& c : v.conditions) {
    conditions.push_back({{"id", c.id}, {"text", c.text}, {"rule", c.rule_id}, {"citation", c.citation}});
  }
  json clauses = json::array();
  for (const auto& c : v.clauses) {
    clauses.push_back({{"rule", c.rule_id}, {"clause", c.clause}, {"role", c.role}, {"text", c.text}, {"citation", c.citation}});
  }
  json margins = json::array();
  for (const auto& m : v.margins) {
    margins.push_back({{"rule", m.rule_id},
                       {"clause", m.clause},
                       {"metric", std::string(spec::to_string(m.metric))},
                       {"value", m.value},
                       {"value_is_lower_bound", m.lower_bound},
                       {"comparison", std::string(spec::to_string(m.comparison))},
                       {"threshold", m.threshold},
                       {"margin", m.value - m.threshold},
                       {"satisfied", m.satisfied},
                       {"text", m.text}});
  }
  json measures = json::array();
  for (const auto& m : v.import_measures) {
    measures.push_back({{"id", m.id},
                        {"title", m.title},
                        {"date", m.date.to_string()},
                        {"effect", m.effect},
                        {"evidence", m.evidence},
                        {"summary", m.summary}});
  }
  json outcomes = json::array();
  for (const auto& o : v.possible_outcomes) {
    outcomes.push_back({{"status", o.status},
                        {"eccn", o.eccn ? json(*o.eccn) : json(nullptr)},
                        {"authorization", std::string(spec::to_string(o.authorization))},
                        {"review_policy", o.review_policy ? json(std::string(spec::to_string(*o.review_policy))) : json(nullptr)},
                        {"conditions", o.conditions},
                        {"when", o.when}});
  }
  return {
      {"chip", v.item},
      {"determination", v.indeterminate ? "undetermined" : "decided"},
      {"missing_inputs", v.missing_inputs},
      {"possible_outcomes", outcomes},
      {"outcomes_enumerated", v.outcomes_enumerated},
      {"destination", v.destination},
      {"destination_name", v.destination_name},
      {"evaluated_as", v.evaluated_as},
      {"end_user_hq", v.end_user_hq ? json(*v.end_user_hq) : json(nullptr)},
      {"date", v.date.to_string()},
      {"metrics", metrics_json(v.inputs)},
      {"eccn", eccn_json(v)},
      {"authorization", authorization_json(v)},
      {"license_required", v.indeterminate && !v.authorization_in_every_case ? json(nullptr) : json(v.license_required)},
      {"review_policy", v.review_policy && !v.indeterminate ? json(std::string(spec::to_string(*v.review_policy))) : json(nullptr)},
      {"conditions", conditions},
      {"clauses", clauses},
      {"margins", margins},
      {"import_measures", measures},
      {"import_net_effect", v.import_net_effect},
      {"import_conflict", v.import_conflict},
      {"indeterminate", v.indeterminate},
      {"indeterminate_reasons", v.indeterminate_reasons},
      {"rules_in_force", v.rules_in_force},
      {"rule_book_reviewed_through", v.rules_reviewed_through ? json(v.rules_reviewed_through->to_string()) : json(nullptr)},
      {"warnings", warnings_json(v)},
      {"status", v.status()},
  };
}

json summary_json(const rules::Verdict& v) {
  return {{"chip", v.item},
          {"datacenter", v.inputs.datacenter},
          {"metrics", metrics_json(v.inputs)},
          {"determination", v.indeterminate ? "undetermined" : "decided"},
          {"missing_inputs", v.missing_inputs},
          {"eccn", eccn_json(v)},
          {"authorization", authorization_json(v)},
          {"review_policy", v.review_policy && !v.indeterminate ? json(std::string(spec::to_string(*v.review_policy))) : json(nullptr)},
          {"indeterminate", v.indeterminate},
          {"status", v.status()},
          {"warnings", warnings_json(v)},
          {"rules_in_force", v.rules_in_force}};
}

json to_json(const std::vector<rules::TimelineEntry>& timeline) {
  json out = json::array();
  for (const auto& entry : timeline) {
    out.push_back({{"date", entry.date.to_string()}, {"changes", entry.rules_starting}, {"verdict", to_json(entry.verdict)}});
  }
  return out;
}

json to_json(const std::vector<rules::StatusChange>& changes) {
  json out = json::array();
  for (const auto& change : changes) {
    out.push_back({{"chip", change.chip},
                   {"before", change.before.status()},
                   {"after", change.after.status()},
                   {"reasons", change.reasons}});
  }
  return out;
}

json to_json(const std::vector<rules::Headroom>& headroom) {
  auto steps = [](const std::vector<rules::StatusStep>& list, std::optional<double> current) {
    json out = json::array();
    for (const auto& s : list) {
      out.push_back({{"threshold", s.threshold},
                     {"comparison", s.comparison},
                     {"change", current ? json(s.threshold - *current) : json(nullptr)},
                     {"new_status", s.new_status},
                     {"clauses_on", s.clauses_on},
                     {"clauses_off", s.clauses_off}});
    }
    return out;
  };
  json out = json::array();
  for (const auto& room : headroom) {
    out.push_back({{"metric", std::string(spec::to_string(room.metric))},
                   {"current", room.current ? json(*room.current) : json(nullptr)},
                   {"lower_bound", room.lower_bound},
                   {"limit", room.limit ? json(*room.limit) : json(nullptr)},
                   {"headroom", room.current && room.limit ? json(*room.limit - *room.current) : json(nullptr)},
                   {"new_status", room.new_status},
                   {"clauses", room.clauses},
                   {"up", steps(room.up, room.current)},
                   {"down", steps(room.down, room.current)}});
  }
  return out;
}

json summary_json(const spec::RuleDocument& d) {
  return {{"id", d.id},
          {"title", d.title},
          {"kind", d.kind},
          {"status", std::string(spec::to_string(d.status))},
          {"effective", d.effective.value.to_string()},
          {"compliance", d.compliance ? json(d.compliance->value.to_string()) : json(nullptr)},
          {"not_enforced_from", d.not_enforced_from ? json(d.not_enforced_from->value.to_string()) : json(nullptr)},
          {"supersedes", d.supersedes},
          {"citation", d.citation.value}};
}

json to_json(const spec::RuleDocument& d) {
  json out = summary_json(d);
  out["effective"] = sourced_date(d.effective);
  json classification = json::array();
  for (const auto& c : d.classification) {
    classification.push_back({{"clause", c.clause}, {"eccn", c.eccn}, {"text", c.text}, {"when", condition_json(c.when)}});
  }
  json exclusions = json::array();
  for (const auto& c : d.exclusions) {
    exclusions.push_back({{"clause", c.clause}, {"text", c.text}, {"when", condition_json(c.when)}});
  }
  json licensing = json::array();
  for (const auto& e : d.licensing) {
    licensing.push_back({{"clause", e.clause},
                         {"text", e.text},
                         {"when", condition_json(e.when)},
                         {"authorization", std::string(spec::to_string(e.authorization))},
                         {"review_policy", e.review_policy ? json(std::string(spec::to_string(*e.review_policy))) : json(nullptr)},
                         {"conditions", e.conditions}});
  }
  json conditions = json::array();
  for (const auto& c : d.conditions) {
    conditions.push_back({{"id", c.id}, {"text", c.text}, {"when", c.when ? condition_json(*c.when) : json(nullptr)},
                          {"without_license", c.without_license}});
  }
  json sources = json::array();
  for (const auto& s : d.sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
  out["classification"] = classification;
  out["exclusions"] = exclusions;
  out["licensing"] = licensing;
  out["conditions"] = conditions;
  out["notes"] = d.notes;
  out["sources"] = sources;
  out["defined_at"] = defined_at_json(d.defined_at);
  return out;
}

json to_json(const spec::ImportMeasure& m) {
  json sources = json::array();
  for (const auto& s : m.sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
  return {{"id", m.id},
          {"country", m.country},
          {"title", m.title},
          {"date", m.date.value.to_string()},
          {"until", m.until ? json(m.until->value.to_string()) : json(nullptr)},
          {"effect", m.effect},
          {"evidence", m.evidence},
          {"summary", m.summary},
          {"applies_to", condition_json(m.applies_to)},
          {"sources", sources}};
}

nlohmann::json end_user_json(const spec::ListedEntity& e, Date date) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : e.sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
  return {{"id", e.id},
          {"name", e.name},
          {"list", e.list},
          {"listed", e.listed.value.to_string()},
          {"removed", e.removed ? nlohmann::json(e.removed->value.to_string()) : nlohmann::json(nullptr)},
          {"listed_on_date", e.listed_on(date)},
          {"license_required", e.listed_on(date)},
          {"license_requirement", e.license_requirement.value},
          {"review_policy", e.review_policy.value},
          {"footnote", e.footnote ? nlohmann::json(e.footnote->value) : nlohmann::json(nullptr)},
          {"citation", e.listed.provenance.note},
          {"sources", sources}};
}

nlohmann::json affiliate_json(const rules::AffiliateScreening& screening) {
  nlohmann::json owners = nlohmann::json::array();
  for (const auto& owner : screening.owners) {
    owners.push_back({{"id", owner.entity->id}, {"name", owner.entity->name}, {"percent", owner.percent},
                      {"listed_on_date", owner.listed}});
  }
  nlohmann::json out = {{"date", screening.date.to_string()},
                        {"owners", owners},
                        {"listed_percent", screening.listed_percent},
                        {"outcome", rules::kAffiliateOutcomeNames[static_cast<int>(screening.outcome)]},
                        {"covered_if_in_force", screening.covered_if_in_force},
                        {"rule", nullptr},
                        {"license_requirement", nullptr},
                        {"review_policy", nullptr},
                        {"strictest_owner", nullptr}};
  if (const auto* rule = screening.rule) {
    auto date_or_null = [](const spec::OptionalSourced<Date>& d) {
      return d ? nlohmann::json(d->value.to_string()) : nlohmann::json(nullptr);
    };
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : rule->sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
    out["rule"] = {{"id", rule->id},
                   {"title", rule->title},
                   {"citation", rule->citation.value},
                   {"threshold_percent", rule->threshold_percent},
                   {"effective", rule->effective.value.to_string()},
                   {"suspended_from", date_or_null(rule->suspended_from)},
                   {"suspended_until", date_or_null(rule->suspended_until)},
                   {"after_suspension", rule->after_suspension},
                   {"status", spec::kControlStatusNames[static_cast<int>(rule->status_on(screening.date))]},
                   {"sources", sources}};
  }
  if (const auto* owner = screening.strictest; owner != nullptr && screening.covered_if_in_force) {
    out["strictest_owner"] = owner->id;
    out["license_requirement"] = owner->license_requirement.value;
    out["review_policy"] = owner->review_policy.value;
  }
  return out;
}

nlohmann::json mineral_control_json(const spec::MineralControl& c, Date date) {
  auto date_or_null = [](const spec::OptionalSourced<Date>& d) {
    return d ? nlohmann::json(d->value.to_string()) : nlohmann::json(nullptr);
  };
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : c.sources) sources.push_back({{"id", s.id}, {"title", s.title}, {"url", s.url}});
  return {{"id", c.id},
          {"title", c.title},
          {"instrument", c.instrument},
          {"materials", c.materials},
          {"destination", c.destination},
          {"effect", c.effect},
          {"effective", c.effective.value.to_string()},
          {"suspended_from", date_or_null(c.suspended_from)},
          {"suspended_until", date_or_null(c.suspended_until)},
          {"after_suspension", c.after_suspension},
          {"status", spec::kControlStatusNames[static_cast<int>(c.status_on(date))]},
          {"date", date.to_string()},
          {"summary", c.summary},
          {"sources", sources}};
}

}  // namespace chipgap::codec
