// SPDX-License-Identifier: Apache-2.0
// A flat view of an entry's sourced values, for the text and CSV renderings of `chip` and `system`.
#pragma once

#include <string>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/system.hpp"
#include "table.hpp"

namespace chipgap::cli {

struct Fact {
  std::string field;  // key path in the data file, e.g. "memory.bandwidth"
  const spec::Provenance* provenance;
};

std::vector<Fact> facts_of(const spec::Accelerator& chip);
std::vector<Fact> facts_of(const spec::System& system);

// Field, value as written, confidence, sources and (with `detail`) derivation and note: one row per fact.
Table facts_table(const std::vector<Fact>& facts, bool detail);

// "Derivations and notes" section for the text view, where a column would make the table too wide.
std::string details_text(const std::vector<Fact>& facts);

// "Sources" section: one line per source with its title and address.
std::string sources_text(const std::vector<spec::Source>& sources);

}  // namespace chipgap::cli
