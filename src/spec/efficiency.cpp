// SPDX-License-Identifier: Apache-2.0
#include "chipgap/spec/efficiency.hpp"

#include "chipgap/common/names.hpp"

namespace chipgap::spec {

const FamilyEfficiency* EfficiencyTable::for_chip(const spec::Accelerator& chip) const {
  const FamilyEfficiency* by_family = nullptr;
  const FamilyEfficiency* fallback = nullptr;
  for (const auto& entry : families_) {
    if (!entry.chip.empty()) {
      if (normalize_name(entry.chip) == normalize_name(chip.name)) return &entry;
      continue;
    }
    if (by_family == nullptr && normalize_name(entry.family) == normalize_name(chip.family)) by_family = &entry;
    if (entry.family == "default") fallback = &entry;
  }
  return by_family != nullptr ? by_family : fallback;
}

}  // namespace chipgap::spec
