// SPDX-License-Identifier: Apache-2.0
#include "chipgap/policy/grid.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace chipgap::policy {

Result<std::vector<double>> grid_values(double from, double to, double step, std::string_view name, std::string_view key,
                                        std::size_t max_values) {
  auto error = [&](std::string message) { return std::vector<Diagnostic>{{{}, 0, 0, std::string(key), std::move(message)}}; };
  if (!std::isfinite(from) || !std::isfinite(to) || !std::isfinite(step)) {
    return error(fmt::format("{}: FROM, TO and STEP must be finite numbers", name));
  }
  if (from < 0 || to < 0) return error(fmt::format("{}: values cannot be negative", name));
  if (step == 0) return error(fmt::format("{}: STEP cannot be 0", name));
  if ((to - from) * step < 0) {
    return error(fmt::format("{}={}:{}:{} is an inverted range: the step points away from TO (use a {} step)", name, from, to, step,
                             step > 0 ? "negative" : "positive"));
  }
  // Values up to TO inclusive, with a margin for steps that do not divide the range exactly in binary.
  const double count = std::floor((to - from) / step * (1 + 1e-12) + 1e-9) + 1;
  if (count > static_cast<double>(max_values)) {
    return error(fmt::format("{}: {} values is more than a grid holds ({})", name, count, max_values));
  }
  std::vector<double> values;
  for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
    // To 12 significant digits: 0.05 + 2 × 0.05 is 0.15000000000000002 in binary, and users read 0.15.
    values.push_back(std::stod(fmt::format("{:.12g}", from + step * static_cast<double>(i))));
  }
  return values;
}

}  // namespace chipgap::policy
