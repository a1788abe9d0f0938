// SPDX-License-Identifier: Apache-2.0
// The chip-family efficiencies are plain data (chipgap/spec/efficiency.hpp), read by the catalog; the
// performance model uses them under its own names.
#pragma once

#include "chipgap/spec/efficiency.hpp"

namespace chipgap::perf {

using spec::EfficiencyTable;
using spec::FamilyEfficiency;

}  // namespace chipgap::perf
