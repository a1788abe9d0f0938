// SPDX-License-Identifier: Apache-2.0
#include "named_numbers.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "chipgap/common/names.hpp"
#include "commands.hpp"

namespace chipgap::cli {

NamedNumbers parse_named_numbers(const std::string& text, const std::vector<std::string>& names, const char* option, const char* what,
                                 const std::string& usage, bool one_allowed) {
  const std::string how = fmt::format("{} '{}': write {}", option, text, usage);
  const auto eq = text.find('=');
  if (eq == std::string::npos) throw CommandError(how, kExitUsage);
  const std::string name = text.substr(0, eq);
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) {
    const std::string hint = did_you_mean(closest_names(name, names));
    throw CommandError(fmt::format("{}: no {} '{}'{}; the {}s are {}", option, what, name, hint.empty() ? "" : " (" + hint + ")", what,
                                   fmt::join(names, ", ")),
                       kExitUsage);
  }
  NamedNumbers out;
  out.index = static_cast<std::size_t>(found - names.begin());
  std::size_t start = eq + 1;
  while (true) {
    const auto colon = text.find(':', start);
    const std::string part = text.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size()) throw CommandError(fmt::format("{} '{}': '{}' is not a number; write {}", option, text, part, usage), kExitUsage);
    out.numbers.push_back(value);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (out.numbers.size() != 3 && !(one_allowed && out.numbers.size() == 1)) throw CommandError(how, kExitUsage);
  return out;
}

std::string option_message(const Diagnostic& d) {
  return (d.key_path.rfind("--", 0) == 0 ? d.key_path : "--" + d.key_path) + ": " + d.message;
}

}  // namespace chipgap::cli
