// SPDX-License-Identifier: Apache-2.0
// `chipgap verdicts`: every catalog chip's verdict for one destination and date, sortable (the API's
// GET /api/v1/verdicts, which the dashboard's Thresholds chart colours by).
#include <algorithm>

#include <fmt/format.h>

#include "chipgap/codec/rules_json.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/rules/engine.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

struct Row {
  const spec::Accelerator* chip;
  rules::Verdict verdict;
  std::optional<double> tpp, density;
};

// Strictness for sorting by status: undetermined, then none, ACA, NAC, then a licence by review policy
// (approval, case by case, unpublished, denial).
int strictness(const rules::Verdict& v) {
  if (v.indeterminate && !v.authorization_in_every_case) return 0;
  const auto a = v.authorization_in_every_case.value_or(v.authorization);
  if (a != spec::Authorization::License) return 1 + static_cast<int>(a);
  if (!v.review_policy) return 6;
  switch (*v.review_policy) {
    case spec::ReviewPolicy::PresumptionOfApproval: return 4;
    case spec::ReviewPolicy::CaseByCase: return 5;
    case spec::ReviewPolicy::PresumptionOfDenial: return 7;
  }
  return 6;
}

}  // namespace

std::string verdicts_command(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const RulesRequest& request,
                             const std::string& sort, Format format) {
  enum class Sort { Catalog, Name, Vendor, Tpp, Status };
  static constexpr std::string_view kSortNames[] = {"catalog", "name", "vendor", "tpp", "status"};
  const Sort by = parse_word<Sort>(sort, kSortNames, "--sort");
  rules::Query query{request.destination, request.date, std::nullopt, request.regimes};
  if (!request.end_user_hq.empty()) query.end_user_hq = request.end_user_hq;
  std::vector<Row> rows;
  for (const auto& chip : catalog.accelerators()) {
    auto verdict = rules::classify(rules, rules::make_item(chip), query);
    if (!verdict) throw CommandError(to_string(verdict.errors()), kExitUsage);
    const auto m = metrics::compute_export_metrics(chip);
    rows.push_back({&chip, std::move(verdict).value(), m.tpp ? std::optional<double>(m.tpp->tpp) : std::nullopt, m.performance_density});
  }
  auto key = [&](const Row& r) {
    switch (by) {
      case Sort::Name: return std::make_tuple(0, r.chip->name, 0.0);
      case Sort::Vendor: return std::make_tuple(0, r.chip->vendor, 0.0);
      case Sort::Tpp: return std::make_tuple(r.tpp ? 0 : 1, std::string(), -r.tpp.value_or(0));  // largest first, unknown last
      case Sort::Status: return std::make_tuple(-strictness(r.verdict), std::string(), -r.tpp.value_or(0));
      case Sort::Catalog: break;
    }
    return std::make_tuple(0, std::string(), 0.0);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
  if (format == Format::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
      nlohmann::json row = codec::summary_json(r.verdict);
      row["vendor"] = r.chip->vendor;
      row["country"] = r.chip->country;
      out.push_back(std::move(row));
    }
    return out.dump(2) + '\n';
  }
  Table table({{"Chip"}, {"Vendor"}, {"TPP", Align::Right}, {"Density", Align::Right}, {"Status"}});
  for (const auto& r : rows) {
    table.add_row({r.chip->name, r.chip->vendor, r.tpp ? format_number(*r.tpp, 0, format == Format::Table) : "unknown",
                   r.density ? format_number(*r.density, 2, format == Format::Table) : "-", r.verdict.status()});
  }
  if (format == Format::Csv) return table.to_csv();
  const auto& any = rows.front().verdict;
  return fmt::format("Every catalog chip → {} on {} ({} chips; rules in force: {})\n\n", any.destination, any.date.to_string(), rows.size(),
                     fmt::join(any.rules_in_force, ", ")) +
         table.to_text();
}

}  // namespace chipgap::cli
