// SPDX-License-Identifier: Apache-2.0
// `chipgap match`: the smallest candidate cluster that trains a workload no slower than a reference one.
#include <fmt/format.h>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/codec/perf_json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/compare/match.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "workload_setup.hpp"

namespace chipgap::cli {
namespace {

std::string label(const compare::Hardware& h, std::int64_t count) {
  std::string text = format_number(static_cast<double>(count), 0) + " × " + h.chip->name;
  if (h.system != nullptr) {
    text += fmt::format(" ({} {}{})", format_number(static_cast<double>(count) / static_cast<double>(h.unit()), 1),
                        h.system->name, count == h.unit() ? "" : " systems");
  }
  return text;
}

// "11,469 kW at chip TDP, 20,890 kW at the systems' power, 27,156 kW for the facility"
std::string power_text(const compare::ClusterPower& p) {
  std::string text = p.chip_kw > 0 ? fmt::format("{} kW at chip TDP", format_number(p.chip_kw, 0)) : "chip TDP unknown";
  if (p.it_kw) text += fmt::format(", {} kW at the systems' power", format_number(*p.it_kw, 0));
  if (p.facility_kw && p.pue_stated) {
    text += fmt::format(", {} kW for the facility (PUE {:g})", format_number(*p.facility_kw, 0), *p.pue);
  } else if (p.facility_kw) {
    text += fmt::format(", {} kW for the facility (default PUE {:g}", format_number(*p.facility_kw, 0), *p.pue);
    if (p.facility_kw_low && p.facility_kw_high) {
      text += fmt::format(", band {} to {}", format_number(*p.facility_kw_low, 0), format_number(*p.facility_kw_high, 0));
    }
    text += "; --pue to state one)";
  }
  return text;
}

std::string side_text(const char* role, const compare::Hardware& h, const compare::ClusterOutcome& o) {
  if (!o.feasible) return fmt::format("{:<11} {}: {}\n", role, label(h, o.count), o.reason);
  const auto& t = o.totals;
  std::string out = fmt::format("{:<11} {}: {:.1f} days", role, label(h, o.count), t.days);
  if (t.days_fast && t.days_slow) out += fmt::format(" (band {:.1f} to {:.1f})", *t.days_fast, *t.days_slow);
  out += fmt::format(", {} tokens/s per chip\n", format_number(o.estimate.tokens_per_s_per_chip, 0));
  out += fmt::format("{:<11} plan {}; most of the step: {}\n", "", perf::describe(o.plan), o.bound);
  out += fmt::format("{:<11} {}", "", power_text(o.power));
  if (t.energy_mwh) out += fmt::format("; {} MWh at chip TDP", format_number(*t.energy_mwh, 0));
  if (t.cost_usd) out += fmt::format("; ${} at ${:.2f} per chip-hour", format_number(*t.cost_usd, 0), *t.usd_per_chip_hour);
  else out += "; cost unknown (no catalog price)";
  return out + "\n";
}

std::string side_text(const char* role, const compare::Hardware& h, const compare::ServingOutcome& o) {
  if (!o.feasible) return fmt::format("{:<11} {}: {}\n", role, label(h, o.count), o.reason);
  std::string out = fmt::format("{:<11} {}: {} output tokens/s (band {} to {}; {} per chip), {}\n", role, label(h, o.count),
                                format_number(o.output_tokens_per_s, 0), format_number(o.output_tokens_per_s_slow, 0),
                                format_number(o.output_tokens_per_s_fast, 0),
                                format_number(o.output_tokens_per_s / static_cast<double>(o.count), 0), o.deployment);
  out += fmt::format("{:<11} {}", "", power_text(o.power));
  out += o.usd_per_day ? fmt::format("; ${} per day", format_number(*o.usd_per_day, 0)) : "; cost unknown (no catalog price)";
  return out + "\n";
}

// Both sides, then the match line (or why there is none): the same for training and serving.
template <typename Result>
std::string match_lines(const compare::Hardware& reference, const compare::Hardware& candidate, const Result& m) {
  std::string out = side_text("Reference", reference, m.reference);
  if (!m.matched) {
    if (m.candidate.count > 0) out += side_text("Closest", candidate, m.candidate);
    return out + "No match: " + m.reason + "\n";
  }
  out += side_text("Candidate", candidate, m.candidate);
  out += fmt::format("Match       {:.2f} {} chips per {} chip", m.count_ratio, candidate.chip->name, reference.chip->name);
  if (m.power_ratio > 0) out += fmt::format(", {:.2f} times the power at chip TDP", m.power_ratio);
  return out + fmt::format(" ({} candidate counts tried in {:.2f} s)\n", m.counts_tried, m.seconds);
}

std::string serve_match(const compare::Hardware& reference, const compare::Hardware& candidate,
                        const spec::ModelArch& model, const perf::EfficiencyTable& efficiency, const MatchRequest& r,
                        const compare::MatchLimits& limits, Format format) {
  const compare::ServingWorkload w = serving_workload(model, r.workload);
  const compare::ServingMatchResult m =
      compare::match_serving(reference, r.reference_count, candidate, w, r.demand, efficiency, limits);
  if (format == Format::Json) {
    nlohmann::json out = codec::match_json(m, reference, candidate);
    out["workload"] = workload_json(model, r.workload);
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("match prints text or JSON", kExitUsage);
  std::string out = fmt::format("{}; demand {} output tokens/s\n", workload_text(model, r.workload), format_number(m.demand, 0));
  return out + match_lines(reference, candidate, m);
}

}  // namespace

std::string match_command(const catalog::Catalog& catalog, const std::string& data_dir, const MatchRequest& given,
                          Format format) {
  MatchRequest r = given;
  r.workload = with_named_workload(catalog, data_dir, given.workload);
  const compare::Hardware reference = resolve_hardware(catalog, r.reference, "--reference");
  const compare::Hardware candidate = resolve_hardware(catalog, r.candidate, "--candidate");
  const spec::ModelArch model = resolve_model(catalog, r.workload.model);
  const perf::EfficiencyTable efficiency = load_efficiency_or_throw(data_dir);
  compare::MatchLimits limits;
  limits.max_count = r.max_count;
  limits.cost.usd_per_chip_hour = r.usd_per_chip_hour;
  limits.pue = r.pue;
  if (r.workload.serve) return serve_match(reference, candidate, model, efficiency, r, limits, format);
  const compare::TrainingWorkload workload = training_workload(model, r.workload);
  const compare::MatchResult m =
      compare::match_training(reference, r.reference_count, candidate, workload, efficiency, limits);

  if (format == Format::Json) {
    nlohmann::json out = codec::match_json(m, reference, candidate);
    out["workload"] = workload_json(model, r.workload);
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("match prints text or JSON", kExitUsage);
  std::string out = workload_text(model, r.workload) + "\n";
  out += match_lines(reference, candidate, m);
  if (m.matched && m.equal_count_speed > 0 && m.at_reference_count->count != m.candidate.count) {
    out += fmt::format("            at the reference's count ({} chips) the candidate takes {:.1f} days, {:.2f} of the reference's "
                       "speed; fewer chips than the match would do only with plans the count does not factor into\n",
                       format_number(static_cast<double>(m.at_reference_count->count), 0), m.at_reference_count->totals.days,
                       m.equal_count_speed);
  }
  return out;
}

}  // namespace chipgap::cli
