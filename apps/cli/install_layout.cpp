// SPDX-License-Identifier: Apache-2.0
#include "install_layout.hpp"

#include <filesystem>
#include <system_error>

namespace chipgap::cli {

std::string installed_or(const std::string& name, const std::string& compiled_in) {
  std::error_code error;
  // /proc/self/exe: the binary itself, wherever it was started from and through whatever symlink.
  const auto binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return compiled_in;
  const auto candidate = binary.parent_path().parent_path() / "share" / "chipgap" / name;
  return std::filesystem::is_directory(candidate, error) ? candidate.string() : compiled_in;
}

}  // namespace chipgap::cli
