// SPDX-License-Identifier: Apache-2.0
// The policy-design commands' options (`sweep`, `design`): registered and run here, so that main stays a
// dispatcher.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace chipgap::cli {

class Ranks;

// The parsed options point into this: keep it where it was registered.
struct PolicyCommands {
  CLI::App* sweep = nullptr;
  SweepRequest sweep_request;
  CLI::App* design = nullptr;
  DesignRequest design_request;
};

void add_policy_commands(CLI::App& app, PolicyCommands& commands);
bool chosen(const PolicyCommands& commands);
// The chosen command's output (empty on ranks other than 0), or nullopt when none was chosen.
std::optional<std::string> run_policy_command(PolicyCommands& commands, const catalog::Catalog& catalog,
                                              const catalog::RuleBook& rules, const std::string& data_dir, Date today,
                                              Format format, const Ranks& ranks);

}  // namespace chipgap::cli
