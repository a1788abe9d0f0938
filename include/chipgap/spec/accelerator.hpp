// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/sourced.hpp"
#include "chipgap/units/quantity.hpp"

namespace chipgap::spec {

// Numeric precisions for which peak throughput is catalogued, from widest to narrowest.
enum class Precision : std::uint8_t { FP64, FP32, TF32, BF16, FP16, FP8, INT8, FP4 };
inline constexpr std::array kPrecisions = {Precision::FP64, Precision::FP32, Precision::TF32,
                                           Precision::BF16, Precision::FP16, Precision::FP8,
                                           Precision::INT8, Precision::FP4};
inline constexpr std::size_t kPrecisionCount = kPrecisions.size();

std::string_view to_string(Precision precision);  // "fp64", "bf16", ...
std::optional<Precision> parse_precision(std::string_view text);

// Operand bit length as export rules count it. TF32 values travel in 32-bit registers and are counted
// as 32 bits.
int bit_length(Precision precision);

// What a catalogued or user-specified item is: export rules treat standalone memory stacks apart.
enum class ItemKind { Accelerator, Hbm };
std::string_view to_string(ItemKind kind);

enum class Status { Shipping, Announced, Rumoured, Discontinued };
std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);
inline constexpr std::string_view kStatusNames[] = {"shipping", "announced", "rumoured", "discontinued"};

// Where an entry was defined, for messages that point back at the data.
struct Memory {
  OptionalSourced<std::string> type;
  OptionalSourced<units::DataSize> capacity;
  OptionalSourced<units::DataRate> bandwidth;
};

// NVLink, Infinity Fabric, HCCS, UB, ICI...: the chip's total bandwidth, both directions summed.
struct ScaleUp {
  OptionalSourced<std::string> technology;
  OptionalSourced<units::DataRate> bandwidth;
  OptionalSourced<std::int64_t> domain;  // chips in one scale-up domain
};

struct HostInterface {
  OptionalSourced<std::string> technology;
  OptionalSourced<units::DataRate> bandwidth;  // both directions summed
};

struct ScaleOut {
  OptionalSourced<std::string> technology;
  OptionalSourced<units::DataRate> bandwidth;  // per direction, as NICs are quoted
  OptionalSourced<bool> integrated;            // ports on the chip itself (Gaudi)
};

// Where a part is sold (Accelerator::market, and the rules' `market_in` test).
inline constexpr std::string_view kMarketNames[] = {"global", "china_only"};

struct Accelerator {
  ItemKind kind = ItemKind::Accelerator;
  std::string name;
  std::vector<std::string> aliases;
  std::string vendor;
  std::string country;  // ISO 3166 alpha-2 of the vendor's headquarters
  std::string family;

  Sourced<int> year;
  // When the part first shipped to customers (volume shipment or general availability, not the
  // announcement). Data may give a month ("2024-02", read as its first day) or a day; absent when no
  // source pins it, and then `year` is all that is known.
  OptionalSourced<Date> available;
  Sourced<Status> status;
  Sourced<bool> datacenter;  // designed or marketed for datacenters
  // Where the part is sold: "china_only" for the parts made for China and never offered in the U.S.
  // (A800, H800, H20, ...), which rules such as January 2026's "commercially available in the U.S."
  // condition exclude; "global"; absent when no source says.
  OptionalSourced<std::string> market;  // one of kMarketNames
  OptionalSourced<std::string> process;
  OptionalSourced<std::int64_t> dies;
  OptionalSourced<units::Area> die_area;  // applicable die area: all logic dies together

  // Dense peak throughput per precision, indexed by Precision.
  std::array<OptionalSourced<units::ComputeRate>, kPrecisionCount> throughput;

  Memory memory;
  std::optional<ScaleUp> scale_up;  // absent: the chip has no scale-up link
  HostInterface host_interface;     // absent values: unknown
  std::optional<ScaleOut> scale_out;
  // Aggregate bidirectional I/O as a source states it; when present it is used instead of the sum of
  // scale-up, host interface and integrated network.
  OptionalSourced<units::DataRate> io_bandwidth;
  OptionalSourced<units::Power> tdp;
  OptionalSourced<units::Money> price;
  std::vector<std::string> notes;

  std::vector<Source> sources;  // every source the entry's values cite
  DefinedAt defined_at;

  const OptionalSourced<units::ComputeRate>& rate(Precision p) const {
    return throughput[static_cast<std::size_t>(p)];
  }
  const Source* find_source(std::string_view id) const;
};

}  // namespace chipgap::spec
