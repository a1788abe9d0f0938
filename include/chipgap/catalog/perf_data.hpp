// SPDX-License-Identifier: Apache-2.0
// The performance model's own data: chip-family efficiencies (data/perf/efficiency.yaml) and the
// published runs it is validated against (data/validation/training.yaml, inference.yaml). Same strict reading as the
// catalog: every value cited, every problem reported with file, line and key.
#pragma once

#include <filesystem>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/spec/efficiency.hpp"
#include "chipgap/spec/validation_case.hpp"

namespace chipgap::catalog {

Result<spec::EfficiencyTable> parse_efficiency(const DataFile& file);
Result<spec::EfficiencyTable> load_efficiency(const std::filesystem::path& root);  // root/perf/efficiency.yaml

Result<std::vector<spec::TrainingCase>> parse_training_cases(const DataFile& file);
Result<std::vector<spec::TrainingCase>> load_training_cases(const std::filesystem::path& root);  // root/validation/training.yaml

Result<std::vector<spec::InferenceCase>> parse_inference_cases(const DataFile& file);
Result<std::vector<spec::InferenceCase>> load_inference_cases(const std::filesystem::path& root);  // root/validation/inference.yaml

}  // namespace chipgap::catalog
