// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chipgap {

// The key under which a name is looked up: lower case, letters and digits only, so that "H100 SXM",
// "h100-sxm" and "H100_SXM" are the same name.
std::string normalize_name(std::string_view name);

// Edit distance (insertions, deletions, substitutions, adjacent transpositions), for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates closest to `wanted`, best first, at most `limit`. A candidate qualifies when its edit
// distance is small relative to the length of the word, or when one contains the other (so "910" finds
// "Ascend 910B"). Comparison is on normalized names when `normalize` is true.
std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3, bool normalize = true);

// "did you mean 'x'?" or "did you mean 'x', 'y' or 'z'?"; empty when there is nothing to suggest.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace chipgap
