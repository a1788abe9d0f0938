// SPDX-License-Identifier: Apache-2.0
// Reading the fields of a JSON request body, each bad one a located 422, and the answers the
// performance and comparison endpoints share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "heavy_gate.hpp"

namespace chipgap::api::detail {

using nlohmann::json;

inline Response ok(const json& body) { return {200, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"}; }

inline std::string text(const json& body, const char* key, const std::string& fallback = "") {
  if (!body.contains(key)) return fallback;
  if (!body[key].is_string()) throw ApiError(422, "invalid", std::string("'") + key + "' must be a string", key);
  return body[key].get<std::string>();
}

inline std::optional<std::int64_t> count(const json& body, const char* key, std::int64_t min, std::int64_t max) {
  if (!body.contains(key)) return std::nullopt;
  const json& v = body[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max) {
    throw ApiError(422, "invalid", std::string("'") + key + "' must be a whole number from " + std::to_string(min) +
                                       " to " + std::to_string(max), key);
  }
  return v.get<std::int64_t>();
}

inline std::optional<double> number(const json& body, const char* key, double min, double max) {
  if (!body.contains(key)) return std::nullopt;
  const json& v = body[key];
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    throw ApiError(422, "invalid", std::string("'") + key + "' must be a number from " + std::to_string(min) + " to " +
                                       std::to_string(max), key);
  }
  return v.get<double>();
}

// Searches share the cores in turn; one that waited its whole allowance is told why and what to do.
[[noreturn]] inline void busy(const HeavyGate& heavy) {
  const auto load = heavy.load();
  throw ApiError(503, "busy",
                 "the server is running " + std::to_string(load.running) + " searches and " +
                     std::to_string(load.waiting) + " more are waiting; retry shortly, or ask for one plan or "
                     "deployment instead of a search",
                 "search");
}

inline bool flag(const json& body, const char* key) {
  if (!body.contains(key)) return false;
  if (!body[key].is_boolean()) throw ApiError(422, "invalid", std::string("'") + key + "' must be true or false", key);
  return body[key].get<bool>();
}

template <typename Enum, std::size_t N>
Enum word(const json& body, const char* key, const std::string_view (&names)[N], Enum fallback) {
  if (!body.contains(key)) return fallback;
  const std::string value = text(body, key);
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == value) return static_cast<Enum>(i);
  }
  std::string allowed;
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  throw ApiError(422, "invalid", std::string("'") + key + "' must be one of " + allowed, key);
}

}  // namespace chipgap::api::detail
