// SPDX-License-Identifier: Apache-2.0
#include "chipgap/scenario/engine.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <cmath>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "chipgap/rules/engine.hpp"
#include "inputs.hpp"
#include "sampling.hpp"

namespace chipgap::scenario {
namespace {

// How a month's verdict gates a legal flow: the review policy (or none needed) and the importing
// side's net stance, each a parameter the draws vary.
enum Policy { kOpen, kDenial, kCaseByCase, kApproval, kUndetermined, kPolicies };
constexpr const char* kPolicyKeys[kPolicies] = {nullptr, "approval.presumption_of_denial", "approval.case_by_case",
                                                "approval.presumption_of_approval", "approval.undetermined"};
constexpr const char* kEffects[] = {"none", "approved", "inspection", "discouraged", "restricted", "prohibited"};
constexpr std::size_t kEffectCount = std::size(kEffects);

struct MonthGate {
  Policy policy = kOpen;
  std::size_t effect = 0;
  std::vector<std::size_t> takes;  // inputs: take.<condition> rates the licence carries
};

struct FlowYear {
  const spec::SupplyFlow* flow = nullptr;
  int year = 0;
  std::size_t units = 0;   // input index
  std::array<double, kBases> factor{};
  std::array<MonthGate, 12> months;  // legal flows only
  std::optional<std::size_t> price;      // input index of price.<flow>
  std::optional<double> catalog_price;
};

Policy policy_of(const rules::Verdict& v) {
  if (v.indeterminate && !v.authorization_in_every_case) return kUndetermined;
  const auto authorization = v.authorization_in_every_case.value_or(v.authorization);
  if (authorization != spec::Authorization::License) return kOpen;
  if (!v.review_policy) return kDenial;
  switch (*v.review_policy) {
    case spec::ReviewPolicy::PresumptionOfDenial: return kDenial;
    case spec::ReviewPolicy::CaseByCase: return kCaseByCase;
    case spec::ReviewPolicy::PresumptionOfApproval: return kApproval;
  }
  return kDenial;
}

std::size_t effect_of(const std::string& net) {
  for (std::size_t i = 0; i < kEffectCount; ++i) {
    if (net == kEffects[i]) return i;
  }
  return 0;
}

// Metrics recorded per draw and year, in this order.
enum Metric : std::size_t {
  kChinaStock = 0, kChinaAdditions = 3, kUsStock = 6, kUsAdditions = 9, kChinaUnits = 12, kDomesticShareUnits = 15,
  kDomesticShareCompute = 16, kRatio = 19, kRevenue = 22, kTake = 23, kMetrics = 24
};

Percentiles percentiles(std::vector<double>& column) {
  std::sort(column.begin(), column.end());
  auto at = [&](double q) { return column[static_cast<std::size_t>(std::floor(q * static_cast<double>(column.size() - 1) + 0.5))]; };
  return {at(0.1), at(0.5), at(0.9)};
}

}  // namespace

namespace {
compare::Capability not_computed(const spec::Accelerator&) { return {std::nullopt, "read on the peak basis only"}; }
}  // namespace

CapabilityBases peak_only_bases() { return {not_computed, not_computed}; }

Result<CapabilityBases> workload_bases(const catalog::Catalog& catalog, const std::vector<spec::ReferenceWorkload>& workloads,
                                       const perf::EfficiencyTable& efficiency) {
  const auto* train = catalog::find_workload(workloads, compare::kTrainBasisWorkload);
  const auto* serve = catalog::find_workload(workloads, compare::kServeBasisWorkload);
  if (train == nullptr || serve == nullptr) {
    return std::vector<Diagnostic>{{"workloads", 0, 0, "", fmt::format("the scenario engine needs the reference workloads {} and {}",
                                                                       compare::kTrainBasisWorkload, compare::kServeBasisWorkload)}};
  }
  return CapabilityBases{
      compare::training_capability(catalog, compare::training_workload_of(*train, catalog), efficiency, compare::kTrainBasisChips),
      compare::serving_capability(catalog, compare::serving_workload_of(*serve, catalog), efficiency, compare::kServeBasisChips)};
}

Engine::Engine(const catalog::Catalog& catalog, const catalog::RuleBook& rules, const catalog::ScenarioData& data,
               CapabilityBases bases)
    : catalog_(catalog), rules_(rules), data_(data), bases_(std::move(bases)) {}

Result<ChipFactors> Engine::factors(const spec::SupplyFlow& flow) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(flow.chip + "|" + flow.id); it != cache_.end()) return it->second;
  }
  auto eight_bit = [](const spec::Accelerator& chip) -> std::optional<double> {
    std::optional<double> best;
    for (auto p : {spec::Precision::INT8, spec::Precision::FP8}) {
      if (const auto& rate = chip.rate(p)) best = std::max(best.value_or(0), units::in_tera_ops_per_second(rate->value));
    }
    return best;
  };
  const spec::Accelerator* h100 = catalog_.find_accelerator("H100 SXM");
  const spec::Accelerator* chip = catalog_.find_accelerator(flow.chip);
  if (h100 == nullptr || chip == nullptr || !eight_bit(*h100)) {
    return std::vector<Diagnostic>{{flow.defined_at.file, flow.defined_at.line, 0, flow.defined_at.key_path,
                                    "the reference chip H100 SXM or the flow's chip is missing from the catalog"}};
  }
  ChipFactors f;
  if (const auto rate = eight_bit(*chip)) f.h100e[0] = *rate / *eight_bit(*h100);
  else if (flow.peak_h100e) f.h100e[0] = flow.peak_h100e->value;
  else {
    return std::vector<Diagnostic>{{flow.defined_at.file, flow.defined_at.line, 0, flow.defined_at.key_path + ".chip",
                                    fmt::format("{} has no 8-bit rate in the catalog; give the flow a peak_h100e with its source", chip->name)}};
  }
  const compare::CapabilityOf* capability[] = {nullptr, &bases_.train, &bases_.serve};
  {
    // The H100 SXM's own figures, the denominators, once per engine.
    std::lock_guard lock(mutex_);
    if (!reference_) {
      reference_.emplace();
      for (std::size_t b = 1; b < kBases; ++b) (*reference_)[b] = (*capability[b])(*h100).value;
    }
  }
  for (std::size_t b = 1; b < kBases; ++b) {
    const std::optional<double> reference = (*reference_)[b];
    const compare::Capability mine = (*capability[b])(*chip);
    if (reference && mine.value && *reference > 0) {
      f.h100e[b] = *mine.value / *reference;
    } else {
      f.h100e[b] = f.h100e[0];
      f.fell_back[b] = true;
    }
  }
  std::lock_guard lock(mutex_);
  cache_[flow.chip + "|" + flow.id] = f;
  return f;
}

Result<RunResult> Engine::run(const spec::Scenario* scenario, const RunOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  RunResult out;
  out.scenario = scenario != nullptr ? scenario->id : "inputs";
  out.seed = options.seed;
  out.draws = options.draws;
  if (options.draws < 1 || options.last_year < options.first_year) {
    return std::vector<Diagnostic>{{"", 0, 0, "draws", "a run needs at least one draw and a first year no later than its last"}};
  }
  // Every draw keeps every year's metrics until the percentiles: bound what one run may hold.
  if (options.draws * static_cast<std::size_t>(options.last_year - options.first_year + 1) > kMaxDrawYears) {
    return std::vector<Diagnostic>{{"", 0, 0, "draws", fmt::format("{} draws over {} years is more than a run holds ({} draw-years); "
                                                                   "use fewer draws or years", options.draws,
                                                                   options.last_year - options.first_year + 1, kMaxDrawYears)}};
  }
  auto inputs = detail::collect_inputs(data_, scenario, options.overrides);
  if (!inputs) return inputs.errors();
  const detail::InputTable& table = *inputs;

  // Per flow-year: factors, and for legal flows the month-by-month gate from the rules engine.
  std::vector<FlowYear> flow_years;
  std::array<std::set<std::string>, kBases> fell_back;  // chips valued on peak, by basis
  int earliest = options.first_year;
  for (const auto& flow : data_.flows) {
    auto f = factors(flow);
    if (!f) return f.errors();
    const spec::Accelerator& chip = *catalog_.find_accelerator(flow.chip);
    for (std::size_t b = 1; b < kBases; ++b) {
      if (f->fell_back[b]) fell_back[b].insert(chip.name);
    }
    out.factors[chip.name] = *f;
    std::vector<rules::TimelineEntry> timeline;
    if (flow.origin == spec::Origin::Legal) {
      rules::Query q;
      q.destination = flow.country;
      q.date = Date{options.first_year, 1, 1};
      if (scenario != nullptr) q.extra_rules = scenario->extra_rules;
      std::string key = chip.name + "|" + flow.country;
      for (const auto& id : q.extra_rules) key += "|" + id;
      std::unique_lock lock(mutex_);
      if (auto it = timelines_.find(key); it != timelines_.end()) {
        timeline = it->second;
      } else {
        lock.unlock();
        auto t = rules::timeline(rules_, rules::make_item(chip), q);
        if (!t) return t.errors();
        timeline = std::move(t).value();
        if (timeline.empty()) {  // a rule book without dated changes: one verdict for every month
          auto v = rules::classify(rules_, rules::make_item(chip), q);
          if (!v) return v.errors();
          timeline.push_back({q.date, {}, std::move(v).value()});
        }
        lock.lock();
        timelines_[key] = timeline;
      }
    }
    for (const auto& [year, value] : table.units_of(flow.id)) {
      if (year > options.last_year) continue;
      earliest = std::min(earliest, year);
      FlowYear fy;
      fy.flow = &flow;
      fy.year = year;
      fy.units = value;
      fy.factor = f->h100e;
      if (flow.origin == spec::Origin::Legal) {
        for (int m = 0; m < 12; ++m) {
          const Date mid{year, m + 1, 15};
          const rules::TimelineEntry* entry = &timeline.front();
          for (const auto& e : timeline) {
            if (e.date <= mid) entry = &e;
          }
          MonthGate& gate = fy.months[static_cast<std::size_t>(m)];
          gate.policy = policy_of(entry->verdict);
          gate.effect = effect_of(entry->verdict.import_net_effect);
          for (const auto& condition : entry->verdict.conditions) {
            if (auto take = table.parameter("take." + condition.id)) gate.takes.push_back(*take);
          }
          if (gate.policy == kUndetermined) {
            const std::string note = fmt::format("{}'s verdict for {} cannot be decided in {}: gated by approval.undetermined", chip.name,
                                                 flow.country, year);
            if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end()) out.notes.push_back(note);
          }
        }
        fy.price = table.parameter("price." + flow.id);
        if (!fy.price && chip.price) fy.catalog_price = units::in_usd(chip.price->value);
        if (!fy.price && !fy.catalog_price) {
          const std::string note = fmt::format("{} has no price: its sales are not in vendor revenue", flow.id);
          if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end()) out.notes.push_back(note);
        }
      }
      flow_years.push_back(fy);
    }
  }

  for (std::size_t b = 1; b < kBases; ++b) {
    if (fell_back[b].empty()) continue;
    std::string names;
    for (const auto& name : fell_back[b]) names += (names.empty() ? "" : ", ") + name;
    out.notes.push_back(fmt::format("valued on their peak factor on the {} basis (the performance engine cannot place them on the "
                                    "workload: no system with a network, or a precision they lack): {}", kBasisNames[b], names));
  }

  // Where the inputs stop: a country's flows of one origin with no year at or after the run's last are
  // counted as zero from then on, and the run says so rather than show a collapse as a finding.
  std::map<std::pair<std::string, spec::Origin>, int> last_input;
  for (const auto& fy : flow_years) {
    auto& year = last_input[{fy.flow->country, fy.flow->origin}];
    year = std::max(year, fy.year);
  }
  for (const auto& [group, year] : last_input) {
    if (year < options.last_year) {
      out.notes.push_back(fmt::format("no {} inputs for {} after {}: counted as zero from {}", spec::kOriginNames[static_cast<int>(group.second)],
                                      group.first, year, year + 1));
    }
  }

  // Parameters by year: a scenario's values ("@key") from its first year on, the inputs' before.
  const int from = scenario != nullptr && scenario->from ? *scenario->from : std::numeric_limits<int>::max();
  auto parameter = [&](const std::string& key, int year) {
    if (year >= from) {
      if (auto scenario_value = table.parameter("@" + key)) return scenario_value;
    }
    return table.parameter(key);
  };
  struct YearParameters {
    std::array<std::optional<std::size_t>, kPolicies> approval{};
    std::array<std::optional<std::size_t>, kEffectCount> acceptance{};
    std::optional<std::size_t> smuggling, cn_domestic;
  };
  std::map<int, YearParameters> by_year;
  for (int year = earliest; year <= options.last_year; ++year) {
    YearParameters& p = by_year[year];
    for (std::size_t i = 1; i < kPolicies; ++i) p.approval[i] = parameter(kPolicyKeys[i], year);
    for (std::size_t e = 1; e < kEffectCount; ++e) p.acceptance[e] = parameter(std::string("acceptance.") + kEffects[e], year);
    p.smuggling = parameter("smuggling.multiplier", year);
    p.cn_domestic = parameter("cn_domestic.multiplier", year);
  }
  // The service life applies to the whole stock, so a scenario's value holds for every year.
  const auto life = table.parameter("@retirement.years") ? table.parameter("@retirement.years") : table.parameter("retirement.years");

  const int first = options.first_year, last = options.last_year;
  const std::size_t years = static_cast<std::size_t>(last - first + 1);
  const std::size_t span = static_cast<std::size_t>(last - earliest + 1);
  std::vector<double> results(options.draws * years * kMetrics);

  // One draw: every input, the flows through their gates into additions, stocks over the service life.
  auto draw_one = [&](std::size_t d, std::vector<double>& values) {
    table.draw(options.seed, d, values);
    auto param = [&](const std::optional<std::size_t>& i, double fallback) { return i ? values[*i] : fallback; };
    // Additions by group (0 China, 1 US, 2 China's domestic part), year and basis; China's units by origin.
    std::vector<double> add(3 * span * kBases, 0.0), units(span * 3, 0.0), revenue(span, 0.0), take(span, 0.0);
    for (const FlowYear& fy : flow_years) {
      const std::size_t y = static_cast<std::size_t>(fy.year - earliest);
      const spec::SupplyFlow& flow = *fy.flow;
      const YearParameters& yp = by_year.at(fy.year);
      const auto& approval = yp.approval;
      const auto& acceptance = yp.acceptance;
      double shipped = values[fy.units];
      if (flow.origin == spec::Origin::Legal) {
        const double per_month = shipped / 12;
        const double price = fy.price ? values[*fy.price] : fy.catalog_price.value_or(0);
        shipped = 0;
        for (const MonthGate& g : fy.months) {
          const double gate = (g.policy == kOpen ? 1.0 : param(approval[g.policy], 0.0)) *
                              (g.effect == 0 ? 1.0 : param(acceptance[g.effect], 1.0));
          const double month_units = per_month * gate;
          shipped += month_units;
          revenue[y] += month_units * price;
          double rate = 0;
          for (std::size_t t : g.takes) rate += values[t];
          take[y] += month_units * price * rate;
        }
      } else if (flow.origin == spec::Origin::Smuggled) {
        shipped *= param(yp.smuggling, 1.0);
      } else if (flow.country == "CN") {
        shipped *= param(yp.cn_domestic, 1.0);
      }
      const bool china = flow.country == "CN";
      if (!china && flow.country != "US") continue;
      for (std::size_t b = 0; b < kBases; ++b) {
        add[((china ? 0 : 1) * span + y) * kBases + b] += shipped * fy.factor[b];
        if (china && flow.origin == spec::Origin::Domestic) add[(2 * span + y) * kBases + b] += shipped * fy.factor[b];
      }
      if (china) units[y * 3 + static_cast<std::size_t>(flow.origin)] += shipped;
    }
    const int lifetime = std::max(1, static_cast<int>(std::lround(param(life, 5.0))));
    for (int year = first; year <= last; ++year) {
      const std::size_t y = static_cast<std::size_t>(year - earliest);
      double* row = &results[(d * years + static_cast<std::size_t>(year - first)) * kMetrics];
      for (std::size_t c = 0; c < 2; ++c) {
        for (std::size_t b = 0; b < kBases; ++b) {
          double stock = 0;
          for (int age = 0; age < lifetime && year - age >= earliest; ++age) {
            stock += add[(c * span + static_cast<std::size_t>(year - age - earliest)) * kBases + b];
          }
          row[(c == 0 ? kChinaStock : kUsStock) + b] = stock;
          row[(c == 0 ? kChinaAdditions : kUsAdditions) + b] = add[(c * span + y) * kBases + b];
        }
      }
      double total_units = 0;
      for (std::size_t o = 0; o < 3; ++o) {
        row[kChinaUnits + o] = units[y * 3 + o];
        total_units += units[y * 3 + o];
      }
      row[kDomesticShareUnits] = total_units > 0 ? units[y * 3 + static_cast<std::size_t>(spec::Origin::Domestic)] / total_units : 0;
      for (std::size_t b = 0; b < kBases; ++b) {
        const double china_add = add[(0 * span + y) * kBases + b];
        row[kDomesticShareCompute + b] = china_add > 0 ? add[(2 * span + y) * kBases + b] / china_add : 0;
        row[kRatio + b] = row[kChinaStock + b] > 0 ? row[kUsStock + b] / row[kChinaStock + b] : 0;
      }
      row[kRevenue] = revenue[y];
      row[kTake] = take[y];
    }
  };

  // Draws split over threads; each draw seeds its own generator, so the split changes nothing.
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>(options.threads > 0 ? options.threads : hardware, std::max<std::size_t>(1, options.draws));
  auto stride = [&](std::size_t t) {
    std::vector<double> values;
    for (std::size_t d = t; d < options.draws; d += threads) draw_one(d, values);
  };
  std::vector<std::thread> workers;
  std::vector<std::size_t> here;  // strides no thread could be started for: run on this one
  for (std::size_t t = 0; t < threads; ++t) {
    try {
      workers.emplace_back(stride, t);
    } catch (const std::system_error&) {
      here.push_back(t);
    }
  }
  for (std::size_t t : here) stride(t);
  for (auto& w : workers) w.join();

  std::vector<double> column(options.draws);
  auto summarise = [&](std::size_t y, std::size_t metric) {
    for (std::size_t d = 0; d < options.draws; ++d) column[d] = results[(d * years + y) * kMetrics + metric];
    return percentiles(column);
  };
  for (std::size_t y = 0; y < years; ++y) {
    YearResult r;
    r.year = first + static_cast<int>(y);
    for (std::size_t b = 0; b < kBases; ++b) {
      r.china.stock[b] = summarise(y, kChinaStock + b);
      r.china.additions[b] = summarise(y, kChinaAdditions + b);
      r.us.stock[b] = summarise(y, kUsStock + b);
      r.us.additions[b] = summarise(y, kUsAdditions + b);
      r.domestic_share_compute[b] = summarise(y, kDomesticShareCompute + b);
      r.us_china_ratio[b] = summarise(y, kRatio + b);
    }
    for (std::size_t o = 0; o < 3; ++o) r.china_units[o] = summarise(y, kChinaUnits + o);
    r.domestic_share_units = summarise(y, kDomesticShareUnits);
    r.vendor_revenue_usd = summarise(y, kRevenue);
    r.us_take_usd = summarise(y, kTake);
    out.years.push_back(r);
  }
  out.inputs = table.used();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

Result<std::vector<Sensitivity>> Engine::sensitivity(const spec::Scenario* scenario, const RunOptions& options, int year,
                                                     Basis basis) const {
  if (year < options.first_year || year > options.last_year) {
    return std::vector<Diagnostic>{{"", 0, 0, "year", fmt::format("the year {} is outside the run's {}-{}", year, options.first_year,
                                                                 options.last_year)}};
  }
  auto base = run(scenario, options);
  if (!base) return base.errors();
  const std::size_t y = static_cast<std::size_t>(year - options.first_year);
  const std::size_t b = static_cast<std::size_t>(basis);
  std::vector<Sensitivity> out;
  // Parameters the scenario sets are its premises, not levers: varying the input's range would replace
  // them (and an override holds in every year, also before the scenario's first year).
  std::set<std::string> done;
  if (scenario != nullptr) {
    for (const auto& [key, value] : scenario->parameters) done.insert(key);
  }
  for (const auto& input : base->inputs) {
    if (!input.low || !input.high || *input.high <= *input.low || options.overrides.count(input.id) > 0) continue;
    const std::string key = input.id[0] == '@' ? input.id.substr(1) : input.id;
    if (!done.insert(key).second) continue;
    Sensitivity s{key, *input.low, *input.high};
    for (const bool high : {false, true}) {
      RunOptions fixed = options;
      fixed.overrides[key] = high ? *input.high : *input.low;
      auto r = run(scenario, fixed);
      if (!r) return r.errors();
      (high ? s.at_high : s.at_low) = r->years[y].china.stock[b].p50;
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Sensitivity& a, const Sensitivity& c) { return std::abs(a.swing()) > std::abs(c.swing()); });
  return out;
}

}  // namespace chipgap::scenario
