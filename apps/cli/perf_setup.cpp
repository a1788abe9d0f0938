// SPDX-License-Identifier: Apache-2.0
#include "perf_setup.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/units/parse.hpp"

namespace chipgap::cli {
namespace {

std::string read_file_or_throw(const std::string& path) {
  auto file = catalog::read_data_file(path);
  if (!file) throw CommandError(path + ": " + file.errors().front().message, kExitNotFound);
  return std::move(file).value().text;
}

std::string unknown(const std::string& what, const std::string& name, const std::vector<std::string>& suggestions,
                    const std::string& hint) {
  const std::string suggestion = did_you_mean(suggestions);
  return "unknown " + what + " '" + name + "'" + (suggestion.empty() ? "" : "; " + suggestion) + hint;
}

}  // namespace

perf::EfficiencyTable load_efficiency_or_throw(const std::string& data_dir) {
  auto efficiency = catalog::load_efficiency(data_dir);
  if (!efficiency) throw CommandError("the efficiency data has errors:\n" + to_string(efficiency.errors()), kExitBadData);
  return std::move(efficiency).value();
}

spec::ModelArch resolve_model(const catalog::Catalog& catalog, const std::string& name) {
  if (const auto* model = catalog.find_model(name)) return *model;
  std::error_code ec;
  if (std::filesystem::is_regular_file(name, ec)) {
    auto model = catalog::parse_model_file({name, read_file_or_throw(name)});
    if (!model) throw CommandError("the model file has errors:\n" + to_string(model.errors()), kExitBadData);
    return std::move(model).value();
  }
  throw CommandError(unknown("model", name, catalog.suggest_models(name),
                             " (or give the path of a model file; see docs/models.md)"),
                     kExitNotFound);
}

namespace {

CoverageNote coverage_note(const perf::Coverage& c, const spec::Accelerator& chip, std::string_view precision,
                           const char* command) {
  const std::string& family = chip.family;
  CoverageNote note;
  if (c.cases == 0) {
    note.text = fmt::format("Extrapolated        no published {} run of the {} family is in the development set; the figure "
                            "rests on the model and the efficiency table alone\n", precision, family);
    note.json = {{"status", "extrapolated"}, {"family", family}, {"precision", precision}, {"cases", 0}};
    return note;
  }
  std::string ids;
  for (const auto& id : c.ids) ids += (ids.empty() ? "" : ", ") + id;
  const std::string on_chip = c.same_chip_cases == 0 ? fmt::format("none on the {} itself", chip.name)
                                                     : fmt::format("{} on the {} itself", c.same_chip_cases, chip.name);
  note.text = fmt::format("Validated           {} published {} run{} of the {} family ({}; {}), median |error| {:.1f}% "
                          "(chipgap validate {})\n", c.cases, precision, c.cases == 1 ? "" : "s", family, ids, on_chip,
                          100 * c.median_abs_error, command);
  note.json = {{"status", "validated"}, {"family", family}, {"precision", precision}, {"cases", c.cases},
               {"same_chip_cases", c.same_chip_cases}, {"case_ids", c.ids}, {"median_abs_error", c.median_abs_error}};
  return note;
}

CoverageNote not_checked(const std::string& why) {
  return {"Validation          not checked: " + why + "\n", {{"status", "not_checked"}, {"reason", why}}};
}

}  // namespace

CoverageNote training_coverage_note(const catalog::Catalog& catalog, const std::string& data_dir, const PerfSetup& setup,
                                    perf::TrainPrecision precision) {
  auto cases = catalog::load_training_cases(data_dir);
  if (!cases) return not_checked("the training development set did not load (chipgap validate training says why)");
  const perf::ValidationSummary summary = perf::validate_training(catalog, setup.efficiency, *cases);
  const spec::Accelerator& chip = *setup.cluster.chip;
  return coverage_note(perf::training_coverage(summary, chip, precision), chip,
                       perf::kTrainPrecisionNames[static_cast<int>(precision)], "training");
}

CoverageNote serving_coverage_note(const catalog::Catalog& catalog, const std::string& data_dir, const PerfSetup& setup,
                                   perf::WeightPrecision precision) {
  auto cases = catalog::load_inference_cases(data_dir);
  if (!cases) return not_checked("the serving development set did not load (chipgap validate inference says why)");
  const perf::InferenceValidationSummary summary = perf::validate_inference(catalog, setup.efficiency, *cases);
  const spec::Accelerator& chip = *setup.cluster.chip;
  return coverage_note(perf::serving_coverage(summary, chip, precision), chip,
                       perf::kWeightPrecisionNames[static_cast<int>(precision)], "inference");
}

std::string cluster_label(const perf::Cluster& c) {
  std::string label = format_number(static_cast<double>(c.chips), 0) + " × " + c.chip->name;
  if (c.system != nullptr) label += " (" + c.system->name + ")";
  return label;
}

std::unique_ptr<PerfSetup> resolve_setup(const catalog::Catalog& catalog, const std::string& data_dir,
                                         const ClusterRequest& request) {
  const std::string& model_name = request.model;
  const std::string& chip_name = request.chip;
  const std::string& system_name = request.system;
  const std::string& scale_out = request.scale_out;
  std::int64_t count = request.count;
  if (chip_name.empty() == system_name.empty()) throw CommandError("give either --chip NAME or --system NAME", kExitUsage);
  auto setup = std::make_unique<PerfSetup>();
  setup->model = resolve_model(catalog, model_name);
  const spec::System* system = nullptr;
  const spec::Accelerator* chip = nullptr;
  if (!system_name.empty()) {
    system = catalog.find_system(system_name);
    if (system == nullptr) throw CommandError(unknown("system", system_name, catalog.suggest_systems(system_name), ""), kExitNotFound);
    chip = &catalog.chip_of(*system);
  } else {
    chip = catalog.find_accelerator(chip_name);
    if (chip == nullptr) throw CommandError(unknown("chip", chip_name, catalog.suggest_accelerators(chip_name), ""), kExitNotFound);
  }
  if (count == 0 && system != nullptr) count = system->chips.value;
  if (count < 1) throw CommandError("--count must be at least 1 (chips in the cluster)", kExitUsage);

  auto efficiency = catalog::load_efficiency(data_dir);
  if (!efficiency) throw CommandError("the efficiency data has errors:\n" + to_string(efficiency.errors()), kExitBadData);
  setup->efficiency = std::move(efficiency).value();
  perf::ClusterOptions options;
  if (!scale_out.empty()) {
    auto rate = units::parse<units::Dimension::DataRate>(scale_out);
    if (auto* error = std::get_if<units::UnitError>(&rate)) throw CommandError("--scale-out: " + error->message, kExitUsage);
    options.scale_out_bandwidth = std::get<units::DataRate>(rate).base();
  }
  auto cluster = perf::make_cluster(*chip, system, count, setup->efficiency, options);
  if (!cluster) throw CommandError(to_string(cluster.errors()), kExitUsage);
  setup->cluster = std::move(cluster).value();
  return setup;
}

}  // namespace chipgap::cli
