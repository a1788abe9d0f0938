// SPDX-License-Identifier: Apache-2.0
#include "options.hpp"

#include <cmath>

#include <fmt/format.h>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/training_plan.hpp"

namespace chipgap::cli {

CLI::Validator whole(std::int64_t min, std::int64_t max) { return CLI::Range(min, max); }

CLI::Validator finite(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        double value = 0;
        std::size_t used = 0;
        try {
          value = std::stod(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size()) return "'" + text + "' is not a number";
        if (!std::isfinite(value) || value < min || value > max) {
          return fmt::format("{} is not a number from {} to {}", text, min, max);
        }
        return {};
      },
      fmt::format("NUMBER in [{} - {}]", min, max));
}

void add_workload_options(CLI::App* command, WorkloadRequest& w) {
  command->add_option("--workload", w.named, "A reference workload from data/workloads/ (chipgap workloads); options given override it");
  command->add_option("--model", w.model, "Model name or file (default llama3-405b)");
  command->add_option("--tokens", w.tokens, "Training tokens (default 15.6e12)")->check(finite(1, 1e18));
  command->add_option("--seq-len", w.seq_len, "Sequence length (default 8192)")->check(whole(1, perf::kMaxSeqLen));
  command->add_option("--global-batch", w.global_batch, "Sequences per step (default 2048)")
      ->check(whole(1, perf::kMaxGlobalBatch));
  command->add_option("--precision", w.precision, "bf16 or fp8 (default bf16; with --serve also int8 or int4)");
  command->add_flag("--serve", w.serve, "A serving workload (--input-len, --output-len, --ttft-ms, --tpot-ms)");
  command->add_option("--input-len", w.input_len, "With --serve: prompt tokens (default 4096)")
      ->check(whole(1, perf::kMaxSeqLen));
  command->add_option("--output-len", w.output_len, "With --serve: output tokens (default 1024)")
      ->check(whole(1, perf::kMaxSeqLen));
  command->add_option("--ttft-ms", w.ttft_ms, "With --serve: time-to-first-token target")->check(finite(0.001, 1e9));
  command->add_option("--tpot-ms", w.tpot_ms, "With --serve: time-per-output-token target")->check(finite(0.001, 1e9));
  command->add_option("--kv-precision", w.kv_precision, "With --serve: bf16 or fp8 (default bf16)");
}

void note_given_workload_options(const CLI::App& command, WorkloadRequest& w) {
  for (const char* option : kWorkloadOptions) {
    if (command.count(option) > 0) w.given.insert(option);
  }
}

}  // namespace chipgap::cli
