// SPDX-License-Identifier: Apache-2.0
// A reference workload (data/workloads/) as the workload the comparison layer evaluates.
#pragma once

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/compare/match.hpp"
#include "chipgap/spec/reference_workload.hpp"

namespace chipgap::compare {

// The loader has checked the kind's fields, the precision and the model, so these only convert; the
// model pointer points into `catalog`.
TrainingWorkload training_workload_of(const spec::ReferenceWorkload& workload, const catalog::Catalog& catalog);
ServingWorkload serving_workload_of(const spec::ReferenceWorkload& workload, const catalog::Catalog& catalog);

// The reference workloads behind the scenario engine's train and serve bases, and the cluster sizes
// their capability is measured on (docs/scenarios.md).
inline constexpr const char* kTrainBasisWorkload = "llama3-405b-pretraining";
inline constexpr const char* kServeBasisWorkload = "llama3-70b-chat";
inline constexpr std::int64_t kTrainBasisChips = 1024, kServeBasisChips = 64;

}  // namespace chipgap::compare
