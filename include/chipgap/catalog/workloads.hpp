// SPDX-License-Identifier: Apache-2.0
// Loading the reference workloads of data/workloads/ (docs/equivalence.md): strict like every data
// file, and each workload's model checked against the catalog.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/reference_workload.hpp"

namespace chipgap::catalog {

// Files hold `sources:` and `workloads:`. A training workload needs tokens, seq_len and global_batch; a
// serving one input_len and output_len; the precision must suit the kind; the model must be in `catalog`.
Result<std::vector<spec::ReferenceWorkload>> parse_workloads(const std::vector<DataFile>& files, const Catalog& catalog);

// root/workloads/*.yaml; no directory means no workloads.
Result<std::vector<spec::ReferenceWorkload>> load_workloads(const std::filesystem::path& root, const Catalog& catalog);

// By name or alias, ignoring case, spaces and punctuation; suggestions for an unknown name.
const spec::ReferenceWorkload* find_workload(const std::vector<spec::ReferenceWorkload>& workloads, std::string_view name);
std::vector<std::string> suggest_workloads(const std::vector<spec::ReferenceWorkload>& workloads, std::string_view name);

}  // namespace chipgap::catalog
