// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgap::spec {

// How much a figure can be trusted.
enum class Confidence {
  Official,  // from the vendor or the legal text
  Reported,  // press, analysts, third-party databases
  Derived,   // arithmetic on sourced figures (the derivation says how)
  Estimate,  // a judgement, e.g. scaling by core count (the derivation says how)
};

std::string_view to_string(Confidence confidence);
std::optional<Confidence> parse_confidence(std::string_view text);
inline constexpr std::string_view kConfidenceNames[] = {"official", "reported", "derived", "estimate"};

// A document a figure comes from.
struct Source {
  std::string id;        // local to the data file that defines it
  std::string title;
  std::string url;       // a URL, or empty when `document` names the source
  std::string document;  // e.g. "arXiv 2506.12708"
  std::string accessed;  // optional date
};

// The band an uncertain number lies in, in the value's own units (low <= value <= high).
struct Range {
  double low = 0, high = 0;
};

// Where a figure comes from and how it was obtained.
struct Provenance {
  std::vector<std::string> sources;  // ids into the owning entry's source list
  Confidence confidence = Confidence::Official;
  std::string derivation;  // for derived and estimated values
  std::string note;        // e.g. what a disagreeing source says
  std::optional<Range> range;  // plain numbers only: where the value may lie (estimates carry one)
  std::string text;        // the value as written in the data file, e.g. "3.35 TB/s"
  int line = 0;            // where it was written
};

// A value together with its provenance. Every fact in the catalog is one of these.
template <typename T>
struct Sourced {
  T value{};
  Provenance provenance;
};

template <typename T>
using OptionalSourced = std::optional<Sourced<T>>;

// Where an entry of a data file starts.
struct DefinedAt {
  std::string file;  // as the loader was given it (error messages name it so it can be opened)
  int line = 0;
  std::string key_path;      // e.g. "accelerators[3]"
  std::string catalog_file;  // relative to the catalog root ("accelerators/nvidia.yaml"), for JSON; empty if not from one
};

}  // namespace chipgap::spec
