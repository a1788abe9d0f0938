// SPDX-License-Identifier: Apache-2.0
#include "chipgap/units/parse.hpp"
#include <algorithm>

#include "entry_readers.hpp"

namespace chipgap::catalog::detail {

using units::Dimension;

namespace {

// The markets a part can be sold in: a fixed set of words, as rule conditions test them.
Converter<std::string> market_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<std::string> {
    const std::vector<std::string> words(std::begin(spec::kMarketNames), std::end(spec::kMarketNames));
    if (node.IsScalar() && std::find(words.begin(), words.end(), node.Scalar()) != words.end()) return node.Scalar();
    context.error(node.Mark(), path, unknown_word_message("market", node, words));
    return std::nullopt;
  };
}

// A first-shipment date: "YYYY-MM" (a month, read as its first day) or "YYYY-MM-DD".
Converter<Date> month_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<Date> {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    auto date = Date::parse(text.size() == 7 ? text + "-01" : text);
    if (!date) context.error(node.Mark(), path, "expected a month YYYY-MM or a date YYYY-MM-DD, got " + describe_node(node));
    return date;
  };
}

// Plausibility limits: a value beyond these is a typo (a missing decimal point, a wrong prefix).
constexpr double kMaxComputeRate = 1e18;  // 1,000 PFLOP/s per chip
constexpr double kMaxMemory = 10e12;      // 10 TB
constexpr double kMaxBandwidth = 1e15;    // 1 PB/s
constexpr double kMaxDieArea = 50000;     // mm², a wafer-scale part
constexpr double kMaxChipPower = 100e3;   // 100 kW
constexpr double kMaxPrice = 100e6;       // USD

void read_memory(MapReader& entry, spec::Memory& memory, CitedSources& cited) {
  auto node = entry.optional("memory");
  if (!node) return;
  MapReader group(entry.context(), *node, entry.child_path("memory"));
  memory.type = read_sourced(group, "type", false, text_value());
  memory.capacity = read_sourced(group, "capacity", false, quantity_value<Dimension::DataSize>(kMaxMemory, "10 TB"));
  memory.bandwidth =
      read_sourced(group, "bandwidth", false, quantity_value<Dimension::DataRate>(kMaxBandwidth, "1 PB/s"));
  cited.add(memory.type);
  cited.add(memory.capacity);
  cited.add(memory.bandwidth);
  group.finish();
}

std::optional<spec::ScaleUp> read_scale_up(MapReader& entry, CitedSources& cited) {
  auto node = entry.optional("scale_up");
  if (!node) return std::nullopt;
  MapReader group(entry.context(), *node, entry.child_path("scale_up"));
  spec::ScaleUp link;
  link.technology = read_sourced(group, "technology", false, text_value());
  link.bandwidth =
      read_sourced(group, "bandwidth", false, quantity_value<Dimension::DataRate>(kMaxBandwidth, "1 PB/s"));
  link.domain = read_sourced(group, "domain", false, integer_value(1, 1000000));
  cited.add(link.technology);
  cited.add(link.bandwidth);
  cited.add(link.domain);
  group.finish();
  return link;
}

void read_host_interface(MapReader& entry, spec::HostInterface& host, CitedSources& cited) {
  auto node = entry.optional("host_interface");
  if (!node) return;
  MapReader group(entry.context(), *node, entry.child_path("host_interface"));
  host.technology = read_sourced(group, "technology", false, text_value());
  host.bandwidth =
      read_sourced(group, "bandwidth", false, quantity_value<Dimension::DataRate>(kMaxBandwidth, "1 PB/s"));
  cited.add(host.technology);
  cited.add(host.bandwidth);
  group.finish();
}

std::optional<spec::ScaleOut> read_scale_out(MapReader& entry, CitedSources& cited) {
  auto node = entry.optional("scale_out");
  if (!node) return std::nullopt;
  MapReader group(entry.context(), *node, entry.child_path("scale_out"));
  spec::ScaleOut network;
  network.technology = read_sourced(group, "technology", false, text_value());
  network.bandwidth =
      read_sourced(group, "bandwidth", false, quantity_value<Dimension::DataRate>(kMaxBandwidth, "1 PB/s"));
  network.integrated = read_sourced(group, "integrated", false, bool_value());
  cited.add(network.technology);
  cited.add(network.bandwidth);
  cited.add(network.integrated);
  group.finish();
  return network;
}

void read_throughput(MapReader& entry, spec::Accelerator& chip, CitedSources& cited) {
  auto node = entry.optional("throughput");
  if (!node) return;
  MapReader group(entry.context(), *node, entry.child_path("throughput"));
  const auto rate = quantity_value<Dimension::ComputeRate>(kMaxComputeRate, "1000 PFLOP/s");
  for (auto precision : spec::kPrecisions) {
    auto& slot = chip.throughput[static_cast<std::size_t>(precision)];
    slot = read_sourced(group, spec::to_string(precision), false, rate);
    cited.add(slot);
  }
  group.finish();
}

}  // namespace

std::optional<spec::Sourced<int>> read_year(MapReader& entry) {
  auto year = read_sourced(entry, "year", true, integer_value(1990, 2035));
  if (!year) return std::nullopt;
  return spec::Sourced<int>{static_cast<int>(year->value), year->provenance};
}

std::optional<spec::Sourced<spec::Status>> read_status(MapReader& entry) {
  const Converter<spec::Status> status_value = [](FileContext& context, const YAML::Node& node,
                                                  const std::string& path) -> std::optional<spec::Status> {
    auto status = spec::parse_status(node.IsScalar() ? node.Scalar() : "");
    if (!status) {
      const std::vector<std::string> names(std::begin(spec::kStatusNames), std::end(spec::kStatusNames));
      context.error(node.Mark(), path, unknown_word_message("status", node, names));
    }
    return status;
  };
  return read_sourced(entry, "status", true, status_value);
}

std::string read_country(MapReader& entry) {
  auto country = read_text(entry, "country", true);
  if (!country) return {};
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (country->size() != 2 || !upper((*country)[0]) || !upper((*country)[1])) {
    const YAML::Node& node = entry.node();
    entry.context().error(node["country"].Mark(), entry.child_path("country"),
                          "expected a two-letter ISO 3166 country code such as 'US' or 'CN', got '" + *country +
                              "'");
  }
  return *country;
}

std::optional<spec::Accelerator> read_accelerator(FileContext& context, const YAML::Node& node,
                                                  const std::string& path) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;

  spec::Accelerator chip;
  CitedSources cited;
  chip.name = read_text(entry, "name", true).value_or("");
  chip.aliases = read_text_list(entry, "aliases");
  chip.vendor = read_text(entry, "vendor", true).value_or("");
  chip.country = read_country(entry);
  chip.family = read_text(entry, "family", false).value_or("");
  auto year = read_year(entry);
  chip.available = read_sourced(entry, "available", false, month_value());
  auto status = read_status(entry);
  auto datacenter = read_sourced(entry, "datacenter", true, bool_value());
  chip.market = read_sourced(entry, "market", false, market_value());
  chip.process = read_sourced(entry, "process", false, text_value());
  chip.dies = read_sourced(entry, "dies", false, integer_value(1, 64));
  chip.die_area = read_sourced(entry, "die_area", false, quantity_value<Dimension::Area>(kMaxDieArea, "50000 mm2"));
  read_throughput(entry, chip, cited);
  read_memory(entry, chip.memory, cited);
  chip.scale_up = read_scale_up(entry, cited);
  read_host_interface(entry, chip.host_interface, cited);
  chip.scale_out = read_scale_out(entry, cited);
  chip.io_bandwidth =
      read_sourced(entry, "io_bandwidth", false, quantity_value<Dimension::DataRate>(kMaxBandwidth, "1 PB/s"));
  chip.tdp = read_sourced(entry, "tdp", false, quantity_value<Dimension::Power>(kMaxChipPower, "100 kW"));
  chip.price = read_sourced(entry, "price", false, quantity_value<Dimension::Money>(kMaxPrice, "100000000 USD"));
  chip.notes = read_text_list(entry, "notes");
  entry.finish();

  if (context.error_count() != errors_before || !year || !status || !datacenter) return std::nullopt;
  chip.year = *year;
  chip.status = *status;
  chip.datacenter = *datacenter;
  cited.add(year);
  cited.add(status);
  cited.add(datacenter);
  cited.add(chip.market);
  cited.add(chip.available);
  cited.add(chip.process);
  cited.add(chip.dies);
  cited.add(chip.die_area);
  cited.add(chip.io_bandwidth);
  cited.add(chip.tdp);
  cited.add(chip.price);
  chip.sources = sources_for(context, cited.ids());
  chip.defined_at = context.defined_at(node.Mark().line + 1, path);
  return chip;
}

}  // namespace chipgap::catalog::detail
