// SPDX-License-Identifier: Apache-2.0
#include "chipgap/common/diagnostic.hpp"

namespace chipgap {

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {
      out += ':' + std::to_string(d.line);
      if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += ": ";
  }
  if (!d.key_path.empty()) out += d.key_path + ": ";
  out += d.message;
  return out;
}

std::string to_string(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += to_string(d) + '\n';
  return out;
}

}  // namespace chipgap
