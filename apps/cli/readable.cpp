// SPDX-License-Identifier: Apache-2.0
#include "readable.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "chipgap/spec/end_user.hpp"
#include "chipgap/spec/mineral_control.hpp"
#include "chipgap/spec/rules.hpp"

namespace chipgap::cli {
namespace {

// The ids a status line can carry, longest first so that "not_yet_in_force" is not read as "in_force".
std::vector<std::string_view> vocabulary() {
  std::vector<std::string_view> ids;
  for (auto id : spec::kReviewPolicyNames) ids.push_back(id);
  for (auto id : spec::kEndUserPolicyNames) ids.push_back(id);
  for (auto id : spec::kRuleStatusNames) ids.push_back(id);
  for (auto id : spec::kControlStatusNames) ids.push_back(id);
  std::erase_if(ids, [](std::string_view id) { return id.find('_') == std::string_view::npos; });
  std::sort(ids.begin(), ids.end(), [](auto a, auto b) { return a.size() > b.size(); });
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// Underscores as spaces: the same length, so tables laid out before this pass stay aligned.
std::string words(std::string_view id) {
  std::string text(id);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

}  // namespace

std::string readable(std::string text) {
  static const auto ids = vocabulary();
  for (auto id : ids) {
    for (std::size_t at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) {
      // Whole ids only: a condition or rule id that merely contains one stays as it is.
      const bool starts = at == 0 || !word_char(text[at - 1]);
      const bool ends = at + id.size() == text.size() || !word_char(text[at + id.size()]);
      if (starts && ends) text.replace(at, id.size(), words(id));
    }
  }
  return text;
}

}  // namespace chipgap::cli
