// SPDX-License-Identifier: Apache-2.0
// Reproducible draws: every number comes from (seed, draw, input) through a hash, so a run gives the
// same numbers whatever the number of threads that share its draws.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace chipgap::scenario::detail {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A uniform number in [0, 1) for one input in one draw, from (seed, draw, the input's key) alone: an
// input draws the same number whatever else the run holds, so two scenarios share their common inputs'
// draws (their difference is not noise) and a scenario that starts in 2026 leaves 2025 as it was.
inline double uniform(std::uint64_t seed, std::uint64_t draw, std::uint64_t key) {
  const std::uint64_t bits = splitmix64(splitmix64(seed) ^ splitmix64(draw + 0x632be59bd9b4e019ULL) ^ key);
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// FNV-1a of an input's key.
inline std::uint64_t key_hash(std::string_view key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : key) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// Triangular over [low, high] with its mode at `mode`, by inverting the distribution at `u`.
inline double triangular(double u, double low, double mode, double high) {
  if (high <= low) return mode;
  const double split = (mode - low) / (high - low);
  return u < split ? low + std::sqrt(u * (high - low) * (mode - low)) : high - std::sqrt((1 - u) * (high - low) * (high - mode));
}

}  // namespace chipgap::scenario::detail
