// SPDX-License-Identifier: Apache-2.0
#include "chipgap/units/parse.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "chipgap/common/names.hpp"

namespace chipgap::units {
namespace {

struct UnitSpelling {
  std::string_view symbol;
  Dimension dimension;
  double to_base;  // multiply a value in this unit by this to get the base unit
};

// Every accepted spelling. Decimal prefixes are powers of 1000, binary ones (KiB...) powers of 1024;
// bits are converted to bytes.
constexpr std::array kUnits = {
    UnitSpelling{"FLOP/s", Dimension::ComputeRate, 1.0},
    UnitSpelling{"GFLOP/s", Dimension::ComputeRate, 1e9},
    UnitSpelling{"TFLOP/s", Dimension::ComputeRate, 1e12},
    UnitSpelling{"PFLOP/s", Dimension::ComputeRate, 1e15},
    UnitSpelling{"EFLOP/s", Dimension::ComputeRate, 1e18},
    UnitSpelling{"FLOPS", Dimension::ComputeRate, 1.0},
    UnitSpelling{"GFLOPS", Dimension::ComputeRate, 1e9},
    UnitSpelling{"TFLOPS", Dimension::ComputeRate, 1e12},
    UnitSpelling{"PFLOPS", Dimension::ComputeRate, 1e15},
    UnitSpelling{"EFLOPS", Dimension::ComputeRate, 1e18},
    UnitSpelling{"OP/s", Dimension::ComputeRate, 1.0},
    UnitSpelling{"GOP/s", Dimension::ComputeRate, 1e9},
    UnitSpelling{"TOP/s", Dimension::ComputeRate, 1e12},
    UnitSpelling{"POP/s", Dimension::ComputeRate, 1e15},
    UnitSpelling{"EOP/s", Dimension::ComputeRate, 1e18},
    UnitSpelling{"OPS", Dimension::ComputeRate, 1.0},
    UnitSpelling{"GOPS", Dimension::ComputeRate, 1e9},
    UnitSpelling{"TOPS", Dimension::ComputeRate, 1e12},
    UnitSpelling{"POPS", Dimension::ComputeRate, 1e15},
    UnitSpelling{"EOPS", Dimension::ComputeRate, 1e18},
    UnitSpelling{"B/s", Dimension::DataRate, 1.0},
    UnitSpelling{"kB/s", Dimension::DataRate, 1e3},
    UnitSpelling{"MB/s", Dimension::DataRate, 1e6},
    UnitSpelling{"GB/s", Dimension::DataRate, 1e9},
    UnitSpelling{"TB/s", Dimension::DataRate, 1e12},
    UnitSpelling{"PB/s", Dimension::DataRate, 1e15},
    UnitSpelling{"GiB/s", Dimension::DataRate, 1073741824.0},
    UnitSpelling{"Mb/s", Dimension::DataRate, 1e6 / 8},
    UnitSpelling{"Gb/s", Dimension::DataRate, 1e9 / 8},
    UnitSpelling{"Tb/s", Dimension::DataRate, 1e12 / 8},
    UnitSpelling{"Mbps", Dimension::DataRate, 1e6 / 8},
    UnitSpelling{"Gbps", Dimension::DataRate, 1e9 / 8},
    UnitSpelling{"Tbps", Dimension::DataRate, 1e12 / 8},
    UnitSpelling{"B", Dimension::DataSize, 1.0},
    UnitSpelling{"kB", Dimension::DataSize, 1e3},
    UnitSpelling{"MB", Dimension::DataSize, 1e6},
    UnitSpelling{"GB", Dimension::DataSize, 1e9},
    UnitSpelling{"TB", Dimension::DataSize, 1e12},
    UnitSpelling{"PB", Dimension::DataSize, 1e15},
    UnitSpelling{"KiB", Dimension::DataSize, 1024.0},
    UnitSpelling{"MiB", Dimension::DataSize, 1048576.0},
    UnitSpelling{"GiB", Dimension::DataSize, 1073741824.0},
    UnitSpelling{"TiB", Dimension::DataSize, 1099511627776.0},
    UnitSpelling{"mm2", Dimension::Area, 1.0},
    UnitSpelling{"mm^2", Dimension::Area, 1.0},
    UnitSpelling{"mm²", Dimension::Area, 1.0},
    UnitSpelling{"cm2", Dimension::Area, 100.0},
    UnitSpelling{"W", Dimension::Power, 1.0},
    UnitSpelling{"kW", Dimension::Power, 1e3},
    UnitSpelling{"MW", Dimension::Power, 1e6},
    UnitSpelling{"USD", Dimension::Money, 1.0},
    UnitSpelling{"ns", Dimension::Time, 1e-9},
    UnitSpelling{"us", Dimension::Time, 1e-6},
    UnitSpelling{"µs", Dimension::Time, 1e-6},
    UnitSpelling{"ms", Dimension::Time, 1e-3},
    UnitSpelling{"s", Dimension::Time, 1.0},
    UnitSpelling{"h", Dimension::Time, 3600.0},
    UnitSpelling{"J", Dimension::Energy, 1.0},
    UnitSpelling{"kJ", Dimension::Energy, 1e3},
    UnitSpelling{"MJ", Dimension::Energy, 1e6},
    UnitSpelling{"Wh", Dimension::Energy, 3600.0},
    UnitSpelling{"kWh", Dimension::Energy, 3.6e6},
    UnitSpelling{"MWh", Dimension::Energy, 3.6e9},
    UnitSpelling{"GWh", Dimension::Energy, 3.6e12},
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

const UnitSpelling* find_unit(std::string_view symbol) {
  for (const auto& unit : kUnits) {
    if (unit.symbol == symbol) return &unit;
  }
  return nullptr;
}

// Suggestions compare spellings case-sensitively (GB vs Gb differ by a factor of 8): a spelling that
// differs only in case wins, and among those the one with the fewest case changes ("TB/S" -> "TB/s").
std::string suggest_unit(std::string_view symbol) {
  std::vector<std::string> spellings;
  std::string best_case_match;
  std::size_t fewest_case_changes = symbol.size() + 1;
  for (const auto& unit : kUnits) {
    spellings.emplace_back(unit.symbol);
    if (unit.symbol.size() != symbol.size()) continue;
    std::size_t case_changes = 0;
    bool same_letters = true;
    for (std::size_t i = 0; i < symbol.size(); ++i) {
      const char a = unit.symbol[i];
      const char b = symbol[i];
      if (a == b) continue;
      if (std::tolower(static_cast<unsigned char>(a)) != std::tolower(static_cast<unsigned char>(b))) {
        same_letters = false;
        break;
      }
      ++case_changes;
    }
    if (same_letters && case_changes < fewest_case_changes) {
      fewest_case_changes = case_changes;
      best_case_match = unit.symbol;
    }
  }
  if (!best_case_match.empty()) return did_you_mean({best_case_match});
  return did_you_mean(closest_names(symbol, spellings, 3, /*normalize=*/false));
}

std::string quoted(std::string_view text) { return '\'' + std::string(text) + '\''; }

}  // namespace

std::string_view dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::ComputeRate: return "compute rate";
    case Dimension::DataRate: return "data rate";
    case Dimension::DataSize: return "data size";
    case Dimension::Area: return "area";
    case Dimension::Power: return "power";
    case Dimension::Money: return "amount of money";
    case Dimension::Time: return "time";
    case Dimension::Energy: return "energy";
  }
  return "quantity";
}

std::string_view dimension_example(Dimension dimension) {
  switch (dimension) {
    case Dimension::ComputeRate: return "989 TFLOP/s";
    case Dimension::DataRate: return "3.35 TB/s";
    case Dimension::DataSize: return "80 GB";
    case Dimension::Area: return "814 mm2";
    case Dimension::Power: return "700 W";
    case Dimension::Money: return "25000 USD";
    case Dimension::Time: return "1.5 s";
    case Dimension::Energy: return "3.2 MWh";
  }
  return "";
}

std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) return UnitError{"expected a number with a unit, got an empty value"};

  // The number: everything up to the first space or the first character that cannot start a unit.
  std::size_t split = 0;
  while (split < trimmed.size() && !std::isspace(static_cast<unsigned char>(trimmed[split]))) {
    const char c = trimmed[split];
    const bool numeric = std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
                         c == ',' || ((c == 'e' || c == 'E') && split > 0);
    if (!numeric) break;
    ++split;
  }
  const std::string_view number_text = trimmed.substr(0, split);
  const std::string_view unit_text = trim(trimmed.substr(split));

  if (number_text.find(',') != std::string_view::npos) {
    return UnitError{"thousands separators are not allowed in " + quoted(trimmed) + "; write " +
                     quoted([&] {
                       std::string plain;
                       for (char c : trimmed) {
                         if (c != ',') plain += c;
                       }
                       return plain;
                     }())};
  }
  double number = 0.0;
  const auto [end, ec] = std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
  if (number_text.empty() || ec != std::errc() || end != number_text.data() + number_text.size() ||
      !std::isfinite(number)) {
    return UnitError{"expected a number with a unit like '3.35 TB/s', got " + quoted(trimmed)};
  }
  if (unit_text.empty()) {
    return UnitError{"missing unit in " + quoted(trimmed) + " (e.g. '" + std::string(dimension_example(
                                                                             Dimension::DataRate)) +
                     "')"};
  }
  const UnitSpelling* unit = find_unit(unit_text);
  if (unit == nullptr) {
    std::string message = "unknown unit " + quoted(unit_text) + " in " + quoted(trimmed);
    const std::string suggestion = suggest_unit(unit_text);
    if (!suggestion.empty()) message += "; " + suggestion;
    return UnitError{message};
  }
  if (!std::isfinite(number * unit->to_base)) return UnitError{quoted(trimmed) + " is too large"};
  return ParsedQuantity{number * unit->to_base, unit->dimension};
}

std::variant<ParsedQuantity, UnitError> parse_quantity(std::string_view text, Dimension expected) {
  auto parsed = parse_quantity(text);
  if (auto* value = std::get_if<ParsedQuantity>(&parsed); value != nullptr && value->dimension != expected) {
    return UnitError{"expected a " + std::string(dimension_name(expected)) + " like '" +
                     std::string(dimension_example(expected)) + "', got " + quoted(trim(text)) + " (a " +
                     std::string(dimension_name(value->dimension)) + ")"};
  }
  return parsed;
}

}  // namespace chipgap::units
