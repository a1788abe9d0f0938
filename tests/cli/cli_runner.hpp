// SPDX-License-Identifier: Apache-2.0
// Runs the chipgap binary as a user does and captures stdout, stderr and the exit code, for the CLI tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cli_testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline CliRun chipgap(const std::vector<std::string>& args) {
  const auto err_file = std::filesystem::temp_directory_path() /
                        ("chipgap_cli_test_" + std::to_string(::getpid()) + ".err");
  // Tables unwrapped (the tests look for whole lines); the layout tests pass --width, which wins over COLUMNS.
  std::string command = "COLUMNS=10000 " + shell_quote(CHIPGAP_BINARY);
  for (const auto& arg : args) command += " " + shell_quote(arg);
  command += " 2>" + shell_quote(err_file.string());
  CliRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  run.err = text.str();
  std::filesystem::remove(err_file);
  return run;
}

// A scratch catalog directory with the given accelerator file.
inline std::filesystem::path scratch_catalog(const std::string& name, const std::string& text) {
  const auto root = std::filesystem::temp_directory_path() / ("chipgap_cli_" + name + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "accelerators");
  std::ofstream(root / "accelerators" / "chips.yaml") << text;
  return root;
}
}  // namespace cli_testing
