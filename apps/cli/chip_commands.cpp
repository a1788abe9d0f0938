// SPDX-License-Identifier: Apache-2.0
// `chipgap chips` and `chipgap chip NAME`.
#include "chipgap/codec/json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "commands.hpp"
#include "facts.hpp"
#include "chipgap/common/number_format.hpp"

namespace chipgap::cli {
namespace {

std::optional<double> tera(const spec::OptionalSourced<units::ComputeRate>& rate) {
  if (!rate) return std::nullopt;
  return units::in_tera_ops_per_second(rate->value);
}

template <typename Q, typename Reader>
std::optional<double> read(const spec::OptionalSourced<Q>& value, Reader reader) {
  if (!value) return std::nullopt;
  return reader(value->value);
}

bool matches(const std::string& filter, const std::string& value) {
  return filter.empty() || normalize_name(filter) == normalize_name(value);
}

// The TPP term list, e.g. "fp8 1,978.9 × 8 = 15,831".
std::string tpp_explanation(const metrics::ExportMetrics& m, const Style& style) {
  if (!m.tpp) return "unknown: no throughput is catalogued";
  std::string text = std::string(spec::to_string(m.tpp->precision)) + " " + style.number(m.tpp->rate_tops) +
                     " TOP/s × " + std::to_string(m.tpp->bit_length) + " bits (largest of ";
  for (std::size_t i = 0; i < m.tpp_terms.size(); ++i) {
    const auto& term = m.tpp_terms[i];
    text += (i == 0 ? "" : ", ") + std::string(spec::to_string(term.precision)) + " " + style.number(term.tpp, 0);
  }
  text += ")";
  if (m.tpp_lower_bound) text += "; a lower bound: no 16-, 8- or 4-bit rate is catalogued";
  if (!m.unknown_precisions.empty()) {
    text += "; not catalogued:";
    for (std::size_t i = 0; i < m.unknown_precisions.size(); ++i) {
      text += (i == 0 ? " " : ", ") + std::string(spec::to_string(m.unknown_precisions[i]));
    }
  }
  return text;
}

std::string io_explanation(const metrics::ExportMetrics& m, const Style& style) {
  std::string text;
  for (const auto& c : m.io.components) {
    text += (text.empty() ? "" : " + ") + c.name + " " + style.number(units::in_gigabytes_per_second(c.bandwidth), 0);
  }
  if (!m.io.complete()) {
    text += (text.empty() ? "" : "; ") + std::string("lower bound, unknown:");
    for (const auto& name : m.io.unknown) text += " " + name;
  }
  return text;
}

// TPP, marked "≥" when only wide precisions are catalogued.
std::string tpp_cell(const metrics::ExportMetrics& m, const Style& style) {
  if (!m.tpp) return style.number(std::nullopt);
  return (m.tpp_lower_bound ? ">=" : "") + style.number(m.tpp->tpp, 0);
}

// Derived metrics as rows of (metric, value, how): shared by the text and CSV views.
Table metrics_table(const metrics::ExportMetrics& m, const Style& style) {
  Table table({{"Metric"}, {"Value", Align::Right}, {"Computed from"}});
  table.add_row({"TPP", tpp_cell(m, style), tpp_explanation(m, style)});
  std::string density_how = "TPP / applicable die area";
  if (m.die_area) density_how += " " + style.number(units::in_square_millimetres(*m.die_area)) + " mm²";
  else density_how += " (die area unknown)";
  table.add_row({"performance density", style.number(m.performance_density, 2), density_how});
  table.add_row({"DRAM bandwidth (GB/s)",
                 style.number(m.dram_bandwidth ? std::optional<double>(units::in_gigabytes_per_second(*m.dram_bandwidth))
                                               : std::nullopt,
                              0),
                 "memory.bandwidth"});
  table.add_row({"I/O bandwidth, bidirectional (GB/s)",
                 style.number(m.io.components.empty() ? std::nullopt
                                                       : std::optional<double>(units::in_gigabytes_per_second(m.io.total)),
                              0),
                 io_explanation(m, style)});
  return table;
}

}  // namespace

std::string list_chips(const catalog::Catalog& catalog, const ChipFilter& filter, Format format) {
  const Style style{format};
  nlohmann::json rows = nlohmann::json::array();
  Table table({{"Name"}, {"Vendor"}, {"Country"}, {"Year"}, {"Status"}, {"DC", Align::Left, true},
               {"BF16 TFLOP/s", Align::Right}, {"FP8 TFLOP/s", Align::Right}, {"INT8 TOP/s", Align::Right},
               {"Mem GB", Align::Right}, {"Mem GB/s", Align::Right}, {"Scale-up GB/s", Align::Right, true},
               {"TDP W", Align::Right}, {"TPP", Align::Right}, {"PD", Align::Right}});
  for (const auto& chip : catalog.accelerators()) {
    if (!matches(filter.vendor, chip.vendor) || !matches(filter.country, chip.country)) continue;
    const auto m = metrics::compute_export_metrics(chip);
    if (format == Format::Json) {
      rows.push_back(codec::summary_json(chip, m));
      continue;
    }
    table.add_row({chip.name, chip.vendor, chip.country, std::to_string(chip.year.value),
                   std::string(spec::to_string(chip.status.value)), chip.datacenter.value ? "yes" : "no",
                   style.number(tera(chip.rate(spec::Precision::BF16))),
                   style.number(tera(chip.rate(spec::Precision::FP8))),
                   style.number(tera(chip.rate(spec::Precision::INT8))),
                   style.number(read(chip.memory.capacity, units::in_gigabytes), 0),
                   style.number(read(chip.memory.bandwidth, units::in_gigabytes_per_second), 0),
                   style.number(chip.scale_up ? read(chip.scale_up->bandwidth, units::in_gigabytes_per_second)
                                              : std::nullopt,
                                0),
                   style.number(read(chip.tdp, units::in_watts), 0),
                   tpp_cell(m, style),
                   style.number(m.performance_density, 2)});
  }
  if (format == Format::Json) return rows.dump(2) + '\n';
  if (format == Format::Csv) return table.to_csv();
  return table.to_text() +
         "\nDense peak rates per chip. TPP = max over precisions of dense TOP/s × bit length; PD = TPP per mm² "
         "of die area. '-' = not catalogued; '>=' = TPP from FP64/FP32/TF32 rates only, a lower bound.\n";
}

std::string show_chip(const catalog::Catalog& catalog, const std::string& name, Format format) {
  const spec::Accelerator* chip = catalog.find_accelerator(name);
  if (chip == nullptr) {
    std::string message = "no accelerator named '" + name + "'";
    const std::string suggestion = did_you_mean(catalog.suggest_accelerators(name));
    message += suggestion.empty() ? "; run 'chipgap chips' for the list" : "; " + suggestion;
    throw CommandError(message, kExitNotFound);
  }
  const auto m = metrics::compute_export_metrics(*chip);
  const Style style{format};
  if (format == Format::Json) return codec::to_json(*chip, m).dump(2) + '\n';
  const auto facts = facts_of(*chip);
  if (format == Format::Csv) return facts_table(facts, true).to_csv() + "\n" + metrics_table(m, style).to_csv();

  std::string out = chip->name + " — " + chip->vendor + " (" + chip->country + ")";
  if (!chip->family.empty()) out += ", " + chip->family;
  out += '\n';
  if (!chip->aliases.empty()) {
    out += "aliases:";
    for (const auto& alias : chip->aliases) out += " " + alias;
    out += '\n';
  }
  out += "defined at " + chip->defined_at.file + ":" + std::to_string(chip->defined_at.line) + "\n\n";
  out += facts_table(facts, false).to_text() + '\n';
  if (const std::string details = details_text(facts); !details.empty()) out += details + '\n';
  out += "Export metrics (computed by chipgap from the values above)\n" + metrics_table(m, style).to_text() + '\n';
  if (!chip->notes.empty()) {
    out += "Notes\n";
    for (const auto& note : chip->notes) out += "  - " + note + '\n';
    out += '\n';
  }
  return out + sources_text(chip->sources);
}

}  // namespace chipgap::cli
