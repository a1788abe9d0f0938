// SPDX-License-Identifier: Apache-2.0
// `chipgap measures list|show`: a destination's own measures (China's on imports, Malaysia's on transit) as a
// list of their own, with the net stance toward one chip or system on a date (conflicting evidence shown).
#include "chipgap/codec/rules_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/rules/engine.hpp"
#include "commands.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

const spec::ImportMeasure* find_measure(const catalog::RuleBook& rules, const std::string& id) {
  if (const auto* measure = rules.find_import_measure(id)) return measure;
  const std::string suggestion = did_you_mean(rules.suggest_import_measures(id));
  throw CommandError("no measure named '" + id + "'" + (suggestion.empty() ? "; run 'chipgap measures list'" : "; " + suggestion),
                     kExitNotFound);
}

std::string until_text(const spec::ImportMeasure& m) { return m.until ? m.until->value.to_string() : ""; }

}  // namespace

std::string measures_list_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules,
                                  const MeasuresRequest& request, Format format) {
  rules::MeasureQuery query;
  const spec::Country* country = rules.find_country(request.country);
  if (country == nullptr) {
    const std::string suggestion = did_you_mean(rules.suggest_countries(request.country));
    throw CommandError("unknown country '" + request.country + "'" + (suggestion.empty() ? "" : "; " + suggestion), kExitNotFound);
  }
  query.country = rules.evaluated_as(*country).code;
  if (!request.date.empty()) query.date = parse_date_option(request.date, "--date");
  if (!request.chip.empty()) {
    if (const auto* chip = catalog.find_accelerator(request.chip)) {
      query.item = rules::make_item(*chip);
    } else if (const auto* system = catalog.find_system(request.chip)) {
      query.item = rules::make_item(*system, catalog.chip_of(*system));
    } else {
      const std::string suggestion = did_you_mean(catalog.suggest_accelerators(request.chip));
      throw CommandError("no accelerator or system named '" + request.chip + "'" + (suggestion.empty() ? "" : "; " + suggestion),
                         kExitNotFound);
    }
  }
  const rules::ImportStance stance = rules::import_stance(rules, query);
  const auto& found = stance.measures;
  const bool with_net = query.item && query.date;  // a net stance needs one item on one date

  if (format == Format::Json) {
    nlohmann::json out = {{"measures", nlohmann::json::array()}};
    for (const auto* m : found) out["measures"].push_back(codec::to_json(*m));
    if (with_net) {
      out["net_effect"] = stance.net_effect;
      out["conflict"] = stance.conflict;
    }
    return out.dump(2) + "\n";
  }
  Table table({{"Date"}, {"Until"}, {"Effect"}, {"Evidence"}, {"Id"}, {"Title"}});
  for (const auto* m : found) table.add_row({m->date.value.to_string(), until_text(*m), m->effect, m->evidence, m->id, m->title});
  if (format == Format::Csv) return table.to_csv();
  std::string out = table.to_text();
  if (with_net) {
    out += "\nNet stance toward " + query.item->name + " on " + query.date->to_string() + ": " + stance.net_effect;
    if (stance.conflict) out += " (conflicting: an approval stands beside a restrictive measure; both are listed above)";
    out += "\n";
  }
  return out;
}

std::string measures_show_command(const catalog::RuleBook& rules, const std::string& id, Format format) {
  const auto* m = find_measure(rules, id);
  if (format == Format::Json) return codec::to_json(*m).dump(2) + "\n";
  std::string out = m->id + ": " + m->title + "\n";
  out += "  Country:  " + m->country + "\n";
  out += "  From:     " + m->date.value.to_string() + (m->until ? ", until " + until_text(*m) : "") + "\n";
  out += "  Effect:   " + m->effect + " (evidence " + m->evidence + ")\n";
  if (!m->summary.empty()) out += "  Summary:  " + m->summary + "\n";
  out += "\nSources\n";
  for (const auto& s : m->sources) out += "  - " + s.title + (s.url.empty() ? "" : " <" + s.url + ">") + "\n";
  return out;
}

}  // namespace chipgap::cli
