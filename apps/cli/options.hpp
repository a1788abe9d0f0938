// SPDX-License-Identifier: Apache-2.0
// Option validators and option groups that several commands share.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace chipgap::cli {

// Whole numbers from `min` to `max`: zero or negative degrees and sizes are refused here, before any
// division by them, and absurd ones before any product of them can overflow.
CLI::Validator whole(std::int64_t min, std::int64_t max);

// A finite number from `min` to `max`. CLI11's Range lets NaN through (every comparison with NaN is false).
CLI::Validator finite(double min, double max);

// The workload options that `match`, `compare`, `gap` and `sweep` share: a training run, or with --serve
// a serving workload.
inline constexpr const char* kWorkloadOptions[] = {"--model",     "--tokens",     "--seq-len", "--global-batch",
                                                   "--precision", "--serve",      "--input-len", "--output-len",
                                                   "--ttft-ms",   "--tpot-ms",    "--kv-precision"};
void add_workload_options(CLI::App* command, WorkloadRequest& w);

// Records which workload options the user gave on `command`, so that a named workload fills only the others.
void note_given_workload_options(const CLI::App& command, WorkloadRequest& w);

}  // namespace chipgap::cli
