// SPDX-License-Identifier: Apache-2.0
// Checks on text that comes from outside (files, requests, command lines) before it is parsed or echoed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chipgap {

// Where a byte string stops being valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF): the offset of the first offending byte, or nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// 1-based line and column (in bytes) of a byte offset, for messages about a file's contents.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// Text safe to put in a message: invalid UTF-8 and control characters become \xHH, and anything longer
// than `max_bytes` is cut with "..." so that a megabyte-long name does not become a megabyte-long error.
std::string printable(std::string_view text, std::size_t max_bytes = 80);

}  // namespace chipgap
