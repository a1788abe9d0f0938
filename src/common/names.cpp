// SPDX-License-Identifier: Apache-2.0
#include "chipgap/common/names.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <tuple>

namespace chipgap {

std::string normalize_name(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (unsigned char c : name) {
    if (std::isalnum(c)) key += static_cast<char>(std::tolower(c));
  }
  return key;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions ("chnia" is one step from "china").
  // Three rows rather than the whole table: memory stays linear in the shorter word.
  if (a.size() < b.size()) std::swap(a, b);
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> closest_names(std::string_view wanted, const std::vector<std::string>& candidates,
                                       std::size_t limit, bool normalize) {
  // No catalog name, key or id is this long: a longer word is not a typo, and comparing it would cost
  // time in proportion to its length times every candidate's (a 1 MB name once took seconds).
  constexpr std::size_t kLongestSuggestible = 64;
  if (wanted.size() > 4 * kLongestSuggestible) return {};
  const std::string target = normalize ? normalize_name(wanted) : std::string(wanted);
  if (target.size() > kLongestSuggestible) return {};
  // Allow about one typo per three characters, and at least one.
  const std::size_t budget = std::max<std::size_t>(1, target.size() / 3);
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> scored;  // distance, index, name
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string key = normalize ? normalize_name(candidates[i]) : candidates[i];
    std::size_t distance = edit_distance(target, key);
    const bool contains = !target.empty() && (key.find(target) != std::string::npos ||
                                              (key.size() >= 3 && target.find(key) != std::string::npos));
    if (contains) distance = std::min(distance, std::size_t{1});
    if (distance <= budget) scored.emplace_back(distance, i, candidates[i]);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> names;
  for (const auto& entry : scored) {
    const std::string& name = std::get<2>(entry);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    if (names.size() == limit) break;
  }
  return names;
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return {};
  std::string text = "did you mean ";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) text += (i + 1 == suggestions.size()) ? " or " : ", ";
    text += '\'' + suggestions[i] + '\'';
  }
  return text + '?';
}

}  // namespace chipgap
