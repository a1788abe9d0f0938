// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

namespace chipgap {

// "989.4", "15,831", "2.9": at most `decimals` decimals, trailing zeros dropped, thousands grouped
// unless `grouped` is false (CSV).
std::string format_number(double value, int decimals = 1, bool grouped = true);

}  // namespace chipgap
