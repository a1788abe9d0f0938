// SPDX-License-Identifier: Apache-2.0
// JSON renderings of the rules engine's results and of rule documents.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "chipgap/rules/affiliates.hpp"
#include "chipgap/rules/engine.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::codec {

// {"chip", "destination", "date", "metrics": {...}, "eccn", "authorization", "license_required",
//  "review_policy", "conditions", "clauses", "margins", "import_measures", ...}
nlohmann::json to_json(const rules::Verdict& verdict);
// The answer without its explanation: metrics, eccn, authorization, policy, status, rules in force.
nlohmann::json summary_json(const rules::Verdict& verdict);
nlohmann::json to_json(const std::vector<rules::TimelineEntry>& timeline);
nlohmann::json to_json(const std::vector<rules::StatusChange>& changes);
nlohmann::json to_json(const std::vector<rules::Headroom>& headroom);
nlohmann::json to_json(const spec::RuleDocument& document);
nlohmann::json summary_json(const spec::RuleDocument& document);
// An import-side measure with its dates, scope (the condition it applies to), effect, evidence and sources.
nlohmann::json to_json(const spec::ImportMeasure& measure);
// An end user's listing as it stands on `date`: listed_on_date, license_required, policy, citation, sources.
nlohmann::json end_user_json(const spec::ListedEntity& entity, Date date);
// Ownership screening under the Affiliates rule: owners, the listed share, the rule's dates and status,
// the outcome, and the strictest listed owner's requirement and policy (what applies while the rule does).
nlohmann::json affiliate_json(const rules::AffiliateScreening& screening);
// One of China's mineral export controls with its status on `date` (in_force, suspended, ...).
nlohmann::json mineral_control_json(const spec::MineralControl& control, Date date);

}  // namespace chipgap::codec
