// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace chipgap {

// Where a problem is and what it is. Rendered as "file:line:column: key.path: message"; the text is part
// of the contract (tests check it word for word), so front ends print it unchanged.
struct Diagnostic {
  std::string file;      // path as given to the loader; empty when the input was not a file
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string key_path;  // e.g. "accelerators[3].memory.bandwidth"; empty for file-level problems
  std::string message;   // what is wrong, including any "did you mean" suggestion
};

std::string to_string(const Diagnostic& diagnostic);

// Every diagnostic on its own line, in order.
std::string to_string(const std::vector<Diagnostic>& diagnostics);

// A value, or the diagnostics that explain why there is none. Library functions that can fail on user
// input return this instead of throwing, so that all problems of one input are reported together.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(std::vector<Diagnostic> errors) : state_(std::move(errors)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const std::vector<Diagnostic>& errors() const { return std::get<std::vector<Diagnostic>>(state_); }

 private:
  std::variant<T, std::vector<Diagnostic>> state_;
};

}  // namespace chipgap
