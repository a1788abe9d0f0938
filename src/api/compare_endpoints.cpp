// SPDX-License-Identifier: Apache-2.0
// POST /api/v1/match, POST /api/v1/compare and GET /api/v1/gap: the CLI's `match`, `compare` and `gap`
// over JSON (docs/api.md).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "body_fields.hpp"
#include "workload_fields.hpp"
#include "chipgap/codec/compare_json.hpp"
#include "chipgap/codec/perf_json.hpp"
#include "chipgap/compare/basis.hpp"
#include "chipgap/compare/comparison.hpp"
#include "chipgap/compare/gap.hpp"
#include "chipgap/compare/match.hpp"

namespace chipgap::api::detail {

Response match_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency, const std::vector<spec::ReferenceWorkload>& workloads,
                        HeavyGate& heavy, const Request& request) {
  const json body = with_named_workload(
      object_body(request, with_workload({"reference", "reference_count", "candidate", "max_count", "pue", "demand"})), workloads);
  require_performance_data(efficiency);
  const compare::Hardware reference = hardware_named(catalog, text(body, "reference"), "reference");
  const compare::Hardware candidate = hardware_named(catalog, text(body, "candidate"), "candidate");
  const auto reference_count = count(body, "reference_count", 1, perf::kMaxClusterChips);
  if (!reference_count) throw ApiError(422, "invalid", "missing field 'reference_count'", "reference_count");
  const spec::ModelArch& model = model_of(catalog, body);
  compare::MatchLimits limits;
  limits.max_count = count(body, "max_count", 1, perf::kMaxClusterChips).value_or(limits.max_count);
  limits.pue = number(body, "pue", 1.0, 5.0);
  if (flag(body, "serve")) {
    const compare::ServingWorkload s = serving_workload(model, body);
    const auto demand = number(body, "demand", 1e-6, 1e15);
    const HeavyGate::Ticket ticket(heavy);
    if (!ticket.admitted()) busy(heavy);
    return ok(codec::match_json(compare::match_serving(reference, *reference_count, candidate, s, demand, efficiency, limits),
                                reference, candidate));
  }
  const compare::TrainingWorkload w = training_workload(model, body);
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  const compare::MatchResult m = compare::match_training(reference, *reference_count, candidate, w, efficiency, limits);
  json out = codec::match_json(m, reference, candidate);
  out["workload"] = {{"model", model.name}, {"tokens", w.tokens}, {"seq_len", w.seq_len}, {"global_batch", w.global_batch},
                     {"precision", perf::kTrainPrecisionNames[static_cast<int>(w.precision)]}};
  return ok(out);
}

Response compare_endpoint(const catalog::Catalog& catalog, const perf::EfficiencyTable& efficiency,
                          const std::vector<spec::ReferenceWorkload>& workloads, HeavyGate& heavy, const Request& request) {
  const json body =
      with_named_workload(object_body(request, with_workload({"names", "baseline", "equal", "count", "power_kw", "budget_usd"})), workloads);
  require_performance_data(efficiency);
  if (!body.contains("names") || !body["names"].is_array() || body["names"].size() < 2 || body["names"].size() > 16) {
    throw ApiError(422, "invalid", "'names' must be a list of 2 to 16 chips or systems", "names");
  }
  std::vector<compare::Hardware> hardware;
  for (const auto& name : body["names"]) {
    if (!name.is_string()) throw ApiError(422, "invalid", "'names' must hold strings", "names");
    hardware.push_back(hardware_named(catalog, name.get<std::string>(), "names"));
  }
  std::size_t baseline = 0;
  if (body.contains("baseline")) {
    const compare::Hardware base = hardware_named(catalog, text(body, "baseline"), "baseline");
    const auto found = std::find_if(hardware.begin(), hardware.end(),
                                    [&](const compare::Hardware& h) { return h.chip == base.chip && h.system == base.system; });
    if (found == hardware.end()) hardware.insert(hardware.begin(), base);
    else baseline = static_cast<std::size_t>(found - hardware.begin());
  }
  compare::EqualTerms terms;
  terms.basis = word(body, "equal", compare::kEqualBasisNames, compare::EqualBasis::Count);
  const char* needed[] = {"count", "power_kw", "budget_usd"};
  for (int i = 0; i < 3; ++i) {
    if (i != static_cast<int>(terms.basis) && body.contains(needed[i])) {
      throw ApiError(422, "invalid", std::string("'") + needed[i] + "' does not apply to this 'equal'", needed[i]);
    }
  }
  terms.count = count(body, "count", 1, perf::kMaxClusterChips).value_or(1024);
  if (terms.basis == compare::EqualBasis::Power) {
    const auto kw = number(body, "power_kw", 0.001, 1e9);
    if (!kw) throw ApiError(422, "invalid", "missing field 'power_kw' for an equal-power comparison", "power_kw");
    terms.power_kw = *kw;
  }
  if (terms.basis == compare::EqualBasis::Budget) {
    const auto usd = number(body, "budget_usd", 1, 1e13);
    if (!usd) throw ApiError(422, "invalid", "missing field 'budget_usd' for an equal-budget comparison", "budget_usd");
    terms.budget_usd = *usd;
  }
  const spec::ModelArch& model = model_of(catalog, body);
  const bool serve = flag(body, "serve");
  const auto overhead = compare::catalog_it_overhead(catalog);
  if (serve) {
    const compare::ServingWorkload w = serving_workload(model, body);
    const HeavyGate::Ticket ticket(heavy);
    if (!ticket.admitted()) busy(heavy);
    return ok(codec::compare_json(compare::compare_serving(hardware, baseline, terms, w, efficiency, overhead), "output tokens/s"));
  }
  const compare::TrainingWorkload w = training_workload(model, body);
  const HeavyGate::Ticket ticket(heavy);
  if (!ticket.admitted()) busy(heavy);
  return ok(codec::compare_json(compare::compare_training(hardware, baseline, terms, w, efficiency, overhead), "training tokens/s"));
}

Response gap_endpoint(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const perf::EfficiencyTable& efficiency,
                      const std::vector<spec::ReferenceWorkload>& workloads, HeavyGate& heavy, Date today, const Request& request) {
  const json query = query_as_body(request);
  const std::vector<std::string> known = with_workload({"to", "since", "until", "step", "count"});
  for (const auto& [key, value] : query.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      ApiError e(422, "invalid", "unknown query parameter '" + key + "'", key);
      throw e;
    }
  }
  const json body = with_named_workload(query, workloads);
  compare::GapQuery q;
  q.destination = text(body, "to", "CN");
  q.since = date_field(body, "since", Date{2022, 1, 1});
  q.until = date_field(body, "until", today);
  q.today = today;
  q.step = word(body, "step", compare::kGapStepNames, compare::GapStep::Quarter);
  if (q.until < q.since) throw ApiError(422, "invalid", "'since' is after 'until'", "since");
  if (q.until.year - q.since.year > 20) throw ApiError(422, "invalid", "at most 20 years from 'since' to 'until'", "until");
  const Basis basis = basis_of(catalog, efficiency, body);
  // A workload basis searches plans for every chip: the heavy lane. Peak rates are cheap.
  std::optional<HeavyGate::Ticket> ticket;
  if (basis.workload) {
    ticket.emplace(heavy);
    if (!ticket->admitted()) busy(heavy);
  }
  auto gap = compare::chip_gap(catalog, rules, q, basis.capability);
  if (!gap) {
    const auto& d = gap.errors().front();
    throw ApiError(422, "invalid", d.message, d.key_path.empty() ? "to" : d.key_path);
  }
  return ok(codec::gap_json(*gap, basis.name, basis.unit));
}

}  // namespace chipgap::api::detail
