// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::spec {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(std::string_view text, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

const Source* find_in(const std::vector<Source>& sources, std::string_view id) {
  auto it = std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return s.id == id; });
  return it == sources.end() ? nullptr : &*it;
}

constexpr std::string_view kPrecisionNames[] = {"fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4"};

}  // namespace

std::string_view to_string(Confidence confidence) { return kConfidenceNames[static_cast<int>(confidence)]; }
std::optional<Confidence> parse_confidence(std::string_view text) {
  return parse_enum<Confidence>(text, kConfidenceNames);
}

std::string_view to_string(Status status) { return kStatusNames[static_cast<int>(status)]; }
std::optional<Status> parse_status(std::string_view text) { return parse_enum<Status>(text, kStatusNames); }

std::string_view to_string(Precision precision) { return kPrecisionNames[static_cast<int>(precision)]; }
std::optional<Precision> parse_precision(std::string_view text) {
  return parse_enum<Precision>(text, kPrecisionNames);
}

int bit_length(Precision precision) {
  switch (precision) {
    case Precision::FP64: return 64;
    case Precision::FP32:
    case Precision::TF32: return 32;
    case Precision::BF16:
    case Precision::FP16: return 16;
    case Precision::FP8:
    case Precision::INT8: return 8;
    case Precision::FP4: return 4;
  }
  return 0;
}

std::string_view to_string(ItemKind kind) { return kind == ItemKind::Hbm ? "hbm" : "accelerator"; }

const Source* Accelerator::find_source(std::string_view id) const { return find_in(sources, id); }
const Source* System::find_source(std::string_view id) const { return find_in(sources, id); }

}  // namespace chipgap::spec
