// SPDX-License-Identifier: Apache-2.0
// What `train` and `infer` share: the model by name or file, the cluster by chip or system, the
// efficiency table, and the conversions of their options.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "chipgap/perf/cluster.hpp"
#include "chipgap/perf/validation.hpp"
#include "chipgap/spec/model.hpp"
#include "commands.hpp"

namespace chipgap::cli {

struct PerfSetup {
  spec::ModelArch model;
  perf::EfficiencyTable efficiency;  // the cluster points into it
  perf::Cluster cluster;
};

// The cluster: a system (its domain, network and power) or a bare chip; `count` 0 means one system.
std::unique_ptr<PerfSetup> resolve_setup(const catalog::Catalog& catalog, const std::string& data_dir,
                                         const ClusterRequest& request);

// The efficiency table; errors in it are bad data (exit 3).
perf::EfficiencyTable load_efficiency_or_throw(const std::string& data_dir);

// A catalog model by name, else a model file by path.
spec::ModelArch resolve_model(const catalog::Catalog& catalog, const std::string& name);

std::string cluster_label(const perf::Cluster& cluster);  // "2,048 × H800 SXM (HGX H800)"

// Whether published runs of the same chip family and precision back an answer (the development set in
// data/validation/), in words and as JSON {status: validated|extrapolated|not_checked, cases, ...}.
struct CoverageNote {
  std::string text;
  nlohmann::json json;
};
CoverageNote training_coverage_note(const catalog::Catalog& catalog, const std::string& data_dir, const PerfSetup& setup,
                                    perf::TrainPrecision precision);
CoverageNote serving_coverage_note(const catalog::Catalog& catalog, const std::string& data_dir, const PerfSetup& setup,
                                   perf::WeightPrecision precision);

template <typename Enum, std::size_t N>
Enum parse_word(const std::string& text, const std::string_view (&names)[N], const char* option) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  std::string allowed;
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  throw CommandError(fmt::format("{} must be one of {}, not '{}'", option, allowed, text), kExitUsage);
}

}  // namespace chipgap::cli
