// SPDX-License-Identifier: Apache-2.0
#include "chipgap/perf/validation.hpp"

#include <algorithm>
#include <cmath>

#include "chipgap/catalog/catalog.hpp"

namespace chipgap::perf {

double metric_value(const TrainingCase& input, const TrainingPlan& plan, const spec::ModelArch& model,
                    const TrainingEstimate& e) {
  switch (input.metric) {
    case TrainingMetric::StepTime: return e.step_time_s;
    case TrainingMetric::TokensPerSecondPerChip: return e.tokens_per_s_per_chip;
    case TrainingMetric::ModelTflopsPerChip:
      if (input.flop_convention == TrainingCase::FlopConvention::Causal) {
        const double context = static_cast<double>(plan.seq_len) / 2;
        return e.tokens_per_s_per_chip * 3 * forward_flops_per_token(model, context).total() / 1e12;
      }
      return e.model_tflops_per_chip;
    case TrainingMetric::LayerTime: return e.layer_forward_s + e.layer_backward_s;
  }
  return 0;
}

namespace {

// A case's model and cluster, or why there is none.
struct CaseTarget {
  const spec::ModelArch* model = nullptr;
  std::optional<Result<Cluster>> cluster;
  std::string problem;
};

CaseTarget resolve_case(const catalog::Catalog& catalog, const EfficiencyTable& efficiency, const std::string& model,
                        const std::string& chip, const std::string& system_name, std::int64_t count) {
  CaseTarget t;
  t.model = catalog.find_model(model);
  if (t.model == nullptr) {
    t.problem = "unknown model '" + model + "'";
    return t;
  }
  const spec::System* system = system_name.empty() ? nullptr : catalog.find_system(system_name);
  const spec::Accelerator* accelerator = system != nullptr ? &catalog.chip_of(*system) : catalog.find_accelerator(chip);
  if (accelerator == nullptr) {
    t.problem = "unknown " + (system_name.empty() ? "chip '" + chip : "system '" + system_name) + "'";
    return t;
  }
  t.cluster = make_cluster(*accelerator, system, count, efficiency);
  if (!*t.cluster) t.problem = t.cluster->errors().front().message;
  return t;
}

void summarize(const std::vector<double>& errors, double& median, double& max) {
  if (errors.empty()) return;
  std::vector<double> sorted = errors;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  max = sorted.back();
}

// Per family and per group, from each evaluated case's (family, group, error, speed error).
struct Scored {
  std::string family, group;
  double error = 0, speed_error = 0;
};

std::vector<ErrorSummary> summarize_by(const std::vector<Scored>& scored, bool by_family) {
  std::vector<ErrorSummary> out;
  std::vector<std::vector<double>> abs_errors, speed_errors;
  for (const auto& s : scored) {
    const std::string& key = by_family ? s.family : s.group;
    if (key.empty()) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const ErrorSummary& e) { return e.name == key; });
    const auto i = static_cast<std::size_t>(it - out.begin());
    if (it == out.end()) {
      out.push_back({key});
      abs_errors.emplace_back();
      speed_errors.emplace_back();
    }
    abs_errors[i].push_back(std::abs(s.error));
    speed_errors[i].push_back(s.speed_error);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& e = out[i];
    e.cases = abs_errors[i].size();
    double ignored = 0;
    summarize(abs_errors[i], e.median_abs_error, e.max_abs_error);
    summarize(speed_errors[i], e.median_speed_error, ignored);
    for (double a : abs_errors[i]) e.mean_abs_error += a / static_cast<double>(e.cases);
  }
  return out;
}

// Time-like metrics shrink as the model gets faster; throughput grows.
double speed_error(double predicted, double measured, bool time_like) {
  return time_like ? measured / predicted - 1 : predicted / measured - 1;
}

bool is_free(const std::vector<std::string>& free, std::string_view name) {
  return std::find(free.begin(), free.end(), name) != free.end();
}

// Tries every combination of the free settings; keeps the fastest plan that fits, else the fastest.
void fill_free_settings(const TrainingModel& training, const std::vector<std::string>& free, TrainingPlan& plan,
                        TrainingEstimate& best) {
  std::vector<std::int64_t> vps{plan.vp}, micro_batches{plan.micro_batch};
  std::vector<Recompute> recomputes{plan.recompute};
  if (is_free(free, "vp")) vps = {1, 2, 3, 4, 5, 6, 8};
  if (is_free(free, "micro_batch")) micro_batches = {1, 2, 4, 8};
  if (is_free(free, "recompute")) recomputes = {Recompute::None, Recompute::Selective, Recompute::Full};
  const TrainingPlan base = plan;
  bool have = false;
  for (auto vp : vps) {
    for (auto mbs : micro_batches) {
      for (auto recompute : recomputes) {
        TrainingPlan candidate = base;
        candidate.vp = vp;
        candidate.micro_batch = mbs;
        candidate.recompute = recompute;
        TrainingEstimate e = training.evaluate(candidate);
        if (e.step_time_s <= 0) continue;
        const bool better = !have || (e.feasible && !best.feasible) ||
                            (e.feasible == best.feasible && e.step_time_s < best.step_time_s);
        if (better) {
          best = e;
          plan = candidate;
          have = true;
        }
      }
    }
  }
}

TrainingCaseResult run_case(const catalog::Catalog& catalog, const EfficiencyTable& efficiency, const TrainingCase& c) {
  TrainingCaseResult r;
  r.input = &c;
  const CaseTarget target = resolve_case(catalog, efficiency, c.model, c.chip, c.system, c.count);
  if (!target.problem.empty()) {
    r.problem = target.problem;
    return r;
  }
  const spec::ModelArch* model = target.model;
  const Result<Cluster>& cluster = *target.cluster;
  r.family = cluster->chip->family;
  r.chip = cluster->chip->name;
  const TrainingModel training(*model, *cluster);
  r.plan = c.plan;
  r.estimate = training.evaluate(c.plan);
  if (!c.free.empty()) fill_free_settings(training, c.free, r.plan, r.estimate);
  if (r.estimate.step_time_s <= 0) {
    r.problem = r.estimate.reason;
    return r;
  }
  // A plan the model thinks does not fit still gets its time, and the disagreement is reported.
  // A one-layer measurement does not need the whole model to fit.
  if (!r.estimate.feasible && c.metric != TrainingMetric::LayerTime) {
    r.problem = "the model says it does not fit: " + r.estimate.reason;
  }
  r.predicted = metric_value(c, r.plan, *model, r.estimate);
  r.error = (*r.predicted - c.measured.value) / c.measured.value;
  const bool time_like = c.metric == TrainingMetric::StepTime || c.metric == TrainingMetric::LayerTime;
  r.speed_error = speed_error(*r.predicted, c.measured.value, time_like);
  return r;
}

}  // namespace

ValidationSummary validate_training(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                    const std::vector<TrainingCase>& cases) {
  ValidationSummary summary;
  std::vector<double> errors;
  std::vector<Scored> scored;
  for (const auto& c : cases) {
    summary.results.push_back(run_case(catalog, efficiency, c));
    const auto& r = summary.results.back();
    if (!r.predicted) continue;
    errors.push_back(std::abs(r.error));
    scored.push_back({r.family, c.group, r.error, r.speed_error});
  }
  summary.evaluated = errors.size();
  summarize(errors, summary.median_abs_error, summary.max_abs_error);
  summary.families = summarize_by(scored, true);
  summary.groups = summarize_by(scored, false);
  return summary;
}

namespace {

InferenceCaseResult run_inference_case(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                       const InferenceCase& c) {
  InferenceCaseResult r;
  r.input = &c;
  const CaseTarget target = resolve_case(catalog, efficiency, c.model, c.chip, c.system, c.count);
  if (!target.problem.empty()) {
    r.problem = target.problem;
    return r;
  }
  const spec::ModelArch* model = target.model;
  const Result<Cluster>& cluster = *target.cluster;
  r.family = cluster->chip->family;
  r.chip = cluster->chip->name;
  const InferenceModel serving(*model, *cluster);
  r.estimate = serve(serving, c.deployment, c.workload);
  if (c.metric == InferenceMetric::Feasible) {
    r.predicted = r.estimate.feasible ? 1 : 0;
    r.error = *r.predicted == c.measured.value ? 0 : 1;
    if (!r.estimate.feasible) r.problem = r.estimate.reason;
    return r;
  }
  if (!r.estimate.feasible) {
    r.problem = r.estimate.reason.empty() ? "not feasible" : r.estimate.reason;
    if (r.estimate.decode.step_s <= 0 && r.estimate.prefill.time_s <= 0) return r;
    r.problem = "the model says it does not fit: " + r.problem;
  }
  switch (c.metric) {
    case InferenceMetric::PrefillTokensPerSecondPerChip: r.predicted = r.estimate.prefill.tokens_per_s_per_chip; break;
    case InferenceMetric::DecodeTokensPerSecondPerChip: r.predicted = r.estimate.decode.tokens_per_s_per_chip; break;
    case InferenceMetric::OutputTokensPerSecondPerChip: r.predicted = r.estimate.output_tokens_per_s_per_chip; break;
    case InferenceMetric::TpotMs: r.predicted = r.estimate.tpot_s * 1e3; break;
    case InferenceMetric::Feasible: break;
  }
  if (r.predicted) {
    r.error = (*r.predicted - c.measured.value) / c.measured.value;
    r.speed_error = speed_error(*r.predicted, c.measured.value, c.metric == InferenceMetric::TpotMs);
  }
  return r;
}

}  // namespace

namespace {

template <typename Result, typename Match>
Coverage coverage_of(const std::vector<Result>& results, const spec::Accelerator& chip, Match match) {
  Coverage c;
  std::vector<double> errors;
  for (const auto& r : results) {
    if (!r.predicted || r.family != chip.family || !match(r)) continue;
    errors.push_back(std::abs(r.error));
    c.ids.push_back(r.input->id);
    if (r.chip == chip.name) ++c.same_chip_cases;
  }
  c.cases = errors.size();
  double ignored = 0;
  summarize(errors, c.median_abs_error, ignored);
  return c;
}

}  // namespace

Coverage training_coverage(const ValidationSummary& summary, const spec::Accelerator& chip, TrainPrecision precision) {
  return coverage_of(summary.results, chip, [&](const TrainingCaseResult& r) { return r.plan.precision == precision; });
}

Coverage serving_coverage(const InferenceValidationSummary& summary, const spec::Accelerator& chip, WeightPrecision precision) {
  return coverage_of(summary.results, chip, [&](const InferenceCaseResult& r) {
    return r.input->metric != InferenceMetric::Feasible && r.input->deployment.precision == precision;
  });
}

InferenceValidationSummary validate_inference(const catalog::Catalog& catalog, const EfficiencyTable& efficiency,
                                              const std::vector<InferenceCase>& cases) {
  InferenceValidationSummary summary;
  std::vector<double> errors;
  std::vector<Scored> scored;
  for (const auto& c : cases) {
    summary.results.push_back(run_inference_case(catalog, efficiency, c));
    const auto& r = summary.results.back();
    if (c.metric == InferenceMetric::Feasible) {
      ++summary.capacity_checks;
      if (r.error == 0) ++summary.capacity_agreed;
    } else if (r.predicted) {
      errors.push_back(std::abs(r.error));
      scored.push_back({r.family, c.group, r.error, r.speed_error});
    }
  }
  summary.evaluated = errors.size();
  summarize(errors, summary.median_abs_error, summary.max_abs_error);
  summary.families = summarize_by(scored, true);
  summary.groups = summarize_by(scored, false);
  return summary;
}

}  // namespace chipgap::perf
