// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chipgap/spec/accelerator.hpp"

namespace chipgap::spec {

// A server or rack sold as one unit: some number of one accelerator with its interconnect.
struct System {
  std::string name;
  std::vector<std::string> aliases;
  std::string vendor;
  std::string country;

  Sourced<int> year;
  Sourced<Status> status;
  std::string chip;           // the accelerator's catalog name, as resolved at load
  std::size_t chip_index = 0;  // index into Catalog::accelerators()
  int chip_line = 0;           // where `chip` was written, for messages
  Sourced<std::int64_t> chips;
  OptionalSourced<std::string> topology;
  OptionalSourced<std::int64_t> scale_up_domain;
  OptionalSourced<units::DataRate> scale_up_bandwidth;   // per chip, both directions summed
  OptionalSourced<units::DataRate> scale_out_bandwidth;  // per chip, per direction
  OptionalSourced<std::string> cpus;
  OptionalSourced<units::Power> power;  // whole system
  OptionalSourced<units::Money> price;  // whole system
  std::vector<std::string> notes;

  std::vector<Source> sources;
  DefinedAt defined_at;

  const Source* find_source(std::string_view id) const;
};

}  // namespace chipgap::spec
