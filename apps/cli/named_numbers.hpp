// SPDX-License-Identifier: Apache-2.0
// Options of the form NAME=A:B:C or NAME=A (`sweep --vary`, `design --knob`), and library diagnostics
// worded as the option they blame.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/diagnostic.hpp"

namespace chipgap::cli {

struct NamedNumbers {
  std::size_t index = 0;        // of the name in `names`
  std::vector<double> numbers;  // one or three
};

// `what` names the kind of name ("metric", "knob"); `usage` shows the form with an example. A name not in
// `names` (with suggestions), a part that is not a number, or a count of numbers other than those
// allowed: a usage error (exit 2).
NamedNumbers parse_named_numbers(const std::string& text, const std::vector<std::string>& names, const char* option, const char* what,
                                 const std::string& usage, bool one_allowed);

// "--KEY: message": a library diagnostic whose key is an option name ("vary", or "--regime" as the rules
// engine words it).
std::string option_message(const Diagnostic& diagnostic);

}  // namespace chipgap::cli
