// SPDX-License-Identifier: Apache-2.0
// Loading the design knobs of data/design/ (docs/policy.md): strict like every data file.
#pragma once

#include <filesystem>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/design_knob.hpp"

namespace chipgap::catalog {

// Files hold `sources:` and `knobs:`; each knob once, min <= 1 <= max (the base die itself is a
// design), a positive step no larger than the range.
Result<std::vector<spec::DesignKnob>> parse_design_knobs(const std::vector<DataFile>& files);

// root/design/*.yaml; no directory is an error (a design search needs its bounds).
Result<std::vector<spec::DesignKnob>> load_design_knobs(const std::filesystem::path& root);

}  // namespace chipgap::catalog
