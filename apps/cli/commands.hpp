// SPDX-License-Identifier: Apache-2.0
// The CLI's commands: each renders a complete output string (printed only if the whole command
// succeeds) or throws CommandError.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "chipgap/catalog/catalog.hpp"

namespace chipgap::cli {

enum class Format { Table, Json, Csv };

// Exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitNotFound = 1;  // a name that is not in the catalog
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitBadData = 3;   // the catalog failed to load

class CommandError : public std::runtime_error {
 public:
  CommandError(const std::string& message, int exit_code) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Renders numbers the way the output format wants them (grouped in tables, plain in CSV and JSON).
struct Style {
  Format format = Format::Table;
  std::string number(double value, int decimals = 1) const;
  std::string number(const std::optional<double>& value, int decimals = 1) const;  // "-" or "" if unknown
};

struct ChipFilter {
  std::string vendor;
  std::string country;
};

std::string list_chips(const catalog::Catalog& catalog, const ChipFilter& filter, Format format);
std::string show_chip(const catalog::Catalog& catalog, const std::string& name, Format format);
std::string list_systems(const catalog::Catalog& catalog, Format format);
std::string show_system(const catalog::Catalog& catalog, const std::string& name, Format format);

}  // namespace chipgap::cli
