// SPDX-License-Identifier: Apache-2.0
// The cluster sizes comparisons try: counts that factor into parallel plans.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace chipgap::compare::detail {

// Multiples of `unit` by 2^a 3^b 5^c up to `max_count`, ascending. Plans split a cluster into degrees
// of data, tensor, pipeline and expert parallelism, and model dimensions are products of small primes,
// so these are the counts a plan can use whole.
inline std::vector<std::int64_t> smooth_counts(std::int64_t unit, std::int64_t max_count) {
  std::vector<std::int64_t> out;
  for (std::int64_t a = 1; a <= max_count / unit; a *= 2) {
    for (std::int64_t b = a; b <= max_count / unit; b *= 3) {
      for (std::int64_t c = b; c <= max_count / unit; c *= 5) out.push_back(c * unit);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The largest such count not above `count` (0 when `count` is below one unit).
inline std::int64_t largest_smooth_count(std::int64_t unit, std::int64_t count) {
  const std::vector<std::int64_t> counts = smooth_counts(unit, count);
  return counts.empty() ? 0 : counts.back();
}

}  // namespace chipgap::compare::detail
