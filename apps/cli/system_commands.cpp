// SPDX-License-Identifier: Apache-2.0
// `chipgap systems` and `chipgap system NAME`.
#include "chipgap/codec/json.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/metrics/system_totals.hpp"
#include "commands.hpp"
#include "facts.hpp"
#include "chipgap/common/number_format.hpp"

namespace chipgap::cli {
namespace {

std::optional<double> peta(const std::optional<units::ComputeRate>& rate) {
  if (!rate) return std::nullopt;
  return units::in_tera_ops_per_second(*rate) / 1000.0;
}

template <typename Q, typename Reader>
std::optional<double> read(const std::optional<Q>& value, Reader reader) {
  if (!value) return std::nullopt;
  return reader(*value);
}

template <typename Q, typename Reader>
std::optional<double> read(const spec::OptionalSourced<Q>& value, Reader reader) {
  if (!value) return std::nullopt;
  return reader(value->value);
}

const std::optional<units::ComputeRate>& total(const metrics::SystemTotals& t, spec::Precision p) {
  return t.throughput[static_cast<std::size_t>(p)];
}

}  // namespace

std::string list_systems(const catalog::Catalog& catalog, Format format) {
  const Style style{format};
  nlohmann::json rows = nlohmann::json::array();
  Table table({{"Name"}, {"Vendor"}, {"Chip"}, {"Chips", Align::Right}, {"Scale-up domain", Align::Right},
               {"BF16 PFLOP/s", Align::Right}, {"FP8 PFLOP/s", Align::Right}, {"Memory TB", Align::Right},
               {"Mem TB/s", Align::Right}, {"Scale-up GB/s/chip", Align::Right, true},
               {"Scale-out Gb/s/chip", Align::Right, true}, {"Power kW", Align::Right}, {"Price USD", Align::Right}});
  for (const auto& system : catalog.systems()) {
    const auto totals = metrics::compute_system_totals(system, catalog.chip_of(system));
    if (format == Format::Json) {
      rows.push_back(codec::summary_json(system, totals));
      continue;
    }
    table.add_row({system.name, system.vendor, system.chip, std::to_string(system.chips.value),
                   style.number(read(system.scale_up_domain, [](std::int64_t v) { return double(v); }), 0),
                   style.number(peta(total(totals, spec::Precision::BF16))),
                   style.number(peta(total(totals, spec::Precision::FP8))),
                   style.number(read(totals.memory, [](units::DataSize s) { return units::in_gigabytes(s) / 1000; }), 1),
                   style.number(read(totals.memory_bandwidth, units::in_terabytes_per_second), 1),
                   style.number(read(system.scale_up_bandwidth, units::in_gigabytes_per_second), 0),
                   style.number(read(system.scale_out_bandwidth, units::in_gigabits_per_second), 0),
                   style.number(read(system.power, units::in_kilowatts), 1),
                   style.number(read(system.price, units::in_usd), 0)});
  }
  if (format == Format::Json) return rows.dump(2) + '\n';
  if (format == Format::Csv) return table.to_csv();
  return table.to_text() + "\nTotals are the chip's catalogued dense rates and memory times the chip count.\n";
}

std::string show_system(const catalog::Catalog& catalog, const std::string& name, Format format) {
  const spec::System* system = catalog.find_system(name);
  if (system == nullptr) {
    std::string message = "no system named '" + name + "'";
    const std::string suggestion = did_you_mean(catalog.suggest_systems(name));
    message += suggestion.empty() ? "; run 'chipgap systems' for the list" : "; " + suggestion;
    throw CommandError(message, kExitNotFound);
  }
  const spec::Accelerator& chip = catalog.chip_of(*system);
  const auto totals = metrics::compute_system_totals(*system, chip);
  const Style style{format};
  if (format == Format::Json) return codec::to_json(*system, chip, totals).dump(2) + '\n';

  Table totals_table({{"Total"}, {"Value", Align::Right}, {"Computed from"}});
  const std::string count = std::to_string(system->chips.value) + " × " + chip.name;
  for (auto p : {spec::Precision::BF16, spec::Precision::FP8, spec::Precision::FP4}) {
    totals_table.add_row({"dense " + std::string(spec::to_string(p)) + " (PFLOP/s)", style.number(peta(total(totals, p))),
                          count + " throughput." + std::string(spec::to_string(p))});
  }
  totals_table.add_row({"memory (GB)", style.number(read(totals.memory, units::in_gigabytes), 0),
                        count + " memory.capacity"});
  totals_table.add_row({"memory bandwidth (TB/s)", style.number(read(totals.memory_bandwidth, units::in_terabytes_per_second)),
                        count + " memory.bandwidth"});
  totals_table.add_row({"scale-up bandwidth (TB/s)",
                        style.number(read(totals.scale_up_bandwidth, units::in_terabytes_per_second)),
                        count + (system->scale_up_bandwidth ? " scale_up_bandwidth" : " chip scale_up.bandwidth")});
  totals_table.add_row({"chip TDP sum (kW)", style.number(read(totals.chip_power, units::in_kilowatts)),
                        count + " tdp"});
  const auto facts = facts_of(*system);
  if (format == Format::Csv) return facts_table(facts, true).to_csv() + "\n" + totals_table.to_csv();

  std::string out = system->name + " — " + system->vendor + " (" + system->country + "), " + count + '\n';
  out += "defined at " + system->defined_at.file + ":" + std::to_string(system->defined_at.line) + "\n\n";
  out += facts_table(facts, false).to_text() + '\n';
  if (const std::string details = details_text(facts); !details.empty()) out += details + '\n';
  out += "Totals (computed by chipgap)\n" + totals_table.to_text() + '\n';
  if (!system->notes.empty()) {
    out += "Notes\n";
    for (const auto& note : system->notes) out += "  - " + note + '\n';
    out += '\n';
  }
  return out + sources_text(system->sources);
}

}  // namespace chipgap::cli
