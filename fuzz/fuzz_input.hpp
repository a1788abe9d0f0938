// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer harnesses (docs/fuzzing.md): turns the fuzzer's bytes into the files a loader
// reads. Harnesses call library functions only and never print.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/catalog/catalog.hpp"

namespace chipgap::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// One input can hold several files: a line "#@ <role>" starts a file of that role (the marker line is
// not part of the file); text before the first marker is a file of the harness's default role. So a seed
// is readable YAML, and the fuzzer can mutate a system file together with the accelerator file it uses.
struct Section {
  std::string role;
  catalog::DataFile file;
};

inline std::vector<Section> split_sections(std::string_view input, std::string_view default_role) {
  std::vector<Section> sections;
  std::string role(default_role);
  std::size_t start = 0;  // where the current file's text begins
  std::size_t line = 0;   // where the current line begins
  auto close = [&](std::size_t end) {
    if (end > start || !sections.empty() || role != default_role) {
      sections.push_back({role, {"fuzz-" + std::to_string(sections.size()) + ".yaml", std::string(input.substr(start, end - start))}});
    }
  };
  while (line <= input.size()) {
    std::size_t eol = input.find('\n', line);
    if (eol == std::string_view::npos) eol = input.size();
    const std::string_view text = input.substr(line, eol - line);
    if (text.size() >= 3 && text.substr(0, 3) == "#@ ") {
      close(line);
      role = std::string(text.substr(3));
      start = eol < input.size() ? eol + 1 : eol;
    }
    line = eol + 1;
  }
  close(input.size());
  return sections;
}

}  // namespace chipgap::fuzz
