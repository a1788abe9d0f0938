// SPDX-License-Identifier: Apache-2.0
// The values of one grid axis, shared by sweeps and design searches.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "chipgap/common/diagnostic.hpp"

namespace chipgap::policy {

// from, from + step, ... while not past `to` (a negative step walks down), `to` included within a
// rounding margin. Errors (with `key`, naming `name`): a non-finite or zero step, a step pointing away
// from `to`, a negative value, or more than `max_values` values.
Result<std::vector<double>> grid_values(double from, double to, double step, std::string_view name, std::string_view key,
                                        std::size_t max_values);

}  // namespace chipgap::policy
