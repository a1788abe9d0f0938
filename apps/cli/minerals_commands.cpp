// SPDX-License-Identifier: Apache-2.0
// `chipgap minerals`: China's export controls on critical minerals, dated, with their suspensions, shown
// beside the US side (docs/rules.md).
#include <fmt/format.h>

#include "chipgap/codec/rules_json.hpp"
#include "chipgap/common/names.hpp"
#include "commands.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

std::string status_text(const spec::MineralControl& c, Date date) {
  switch (c.status_on(date)) {
    case spec::ControlStatus::NotYetInForce: return "not yet in force (from " + c.effective.value.to_string() + ")";
    case spec::ControlStatus::InForce: return "in force";
    // `suspended_until` is the first day after the suspension: the text gives the last day of it.
    case spec::ControlStatus::Suspended: return "SUSPENDED through " + c.suspended_until->value.previous_day().to_string();
    case spec::ControlStatus::UnknownAfterSuspension:
      return "UNKNOWN: its suspension ended on " + c.suspended_until->value.previous_day().to_string() +
             "; no account of an extension or a lapse was found";
  }
  return {};
}

}  // namespace

std::string minerals_command(const catalog::RuleBook& rules, Date date, const std::string& to, Format format) {
  const spec::Country* country = nullptr;
  if (!to.empty()) {
    country = rules.find_country(to);
    if (country == nullptr) {
      const std::string hint = did_you_mean(rules.suggest_countries(to));
      throw CommandError("unknown country '" + to + "'" + (hint.empty() ? "" : "; " + hint), kExitNotFound);
    }
  }
  const std::vector<const spec::MineralControl*> shown = rules.mineral_controls_to(country);
  if (format == Format::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto* c : shown) out.push_back(codec::mineral_control_json(*c, date));
    return out.dump(2) + "\n";
  }
  Table table({{"Control"}, {"Materials"}, {"To"}, {"Effect"}, {"From"}, {"Status on " + date.to_string()}});
  for (const auto* c : shown) {
    std::string materials;
    for (const auto& m : c->materials) materials += (materials.empty() ? "" : ", ") + m;
    table.add_row({c->instrument, materials, c->destination, c->effect, c->effective.value.to_string(), status_text(*c, date)});
  }
  if (format == Format::Csv) return table.to_csv();
  std::string out = "China's export controls on critical minerals";
  if (country != nullptr) out += " (to " + rules.evaluated_as(*country).code + " or everywhere)";
  out += "\n\n" + table.to_text();
  if (rules.reviewed_through() && rules.reviewed_through() < date) {
    out += "\nThe rule book was last reviewed through " + rules.reviewed_through()->to_string() +
           "; controls changed after that date are not shown.\n";
  }
  return out;
}

}  // namespace chipgap::cli
