// SPDX-License-Identifier: Apache-2.0
#include "entry_readers.hpp"

namespace chipgap::catalog::detail {

using units::Dimension;

std::optional<spec::System> read_system(FileContext& context, const YAML::Node& node, const std::string& path) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;

  spec::System system;
  CitedSources cited;
  system.name = read_text(entry, "name", true).value_or("");
  system.aliases = read_text_list(entry, "aliases");
  system.vendor = read_text(entry, "vendor", true).value_or("");
  system.country = read_country(entry);
  auto year = read_year(entry);
  auto status = read_status(entry);
  system.chip = read_text(entry, "chip", true).value_or("");
  if (const YAML::Node& entry_node = entry.node(); entry_node["chip"]) system.chip_line = entry_node["chip"].Mark().line + 1;
  auto chips = read_sourced(entry, "chips", true, integer_value(1, 10000000));
  system.topology = read_sourced(entry, "topology", false, text_value());
  system.scale_up_domain = read_sourced(entry, "scale_up_domain", false, integer_value(1, 10000000));
  system.scale_up_bandwidth =
      read_sourced(entry, "scale_up_bandwidth", false, quantity_value<Dimension::DataRate>(1e15, "1 PB/s"));
  system.scale_out_bandwidth =
      read_sourced(entry, "scale_out_bandwidth", false, quantity_value<Dimension::DataRate>(1e15, "1 PB/s"));
  system.cpus = read_sourced(entry, "cpus", false, text_value());
  system.power = read_sourced(entry, "power", false, quantity_value<Dimension::Power>(1e9, "1000 MW"));
  system.price = read_sourced(entry, "price", false, quantity_value<Dimension::Money>(1e11, "100000000000 USD"));
  system.notes = read_text_list(entry, "notes");
  entry.finish();

  if (system.scale_up_domain && chips && system.scale_up_domain->value > chips->value) {
    const YAML::Node& entry_node = entry.node();
    context.error(entry_node["scale_up_domain"].Mark(), entry.child_path("scale_up_domain"),
                  "a scale-up domain of " + std::to_string(system.scale_up_domain->value) +
                      " chips is larger than the system's " + std::to_string(chips->value) + " chips");
  }
  if (context.error_count() != errors_before || !year || !status || !chips) return std::nullopt;
  system.year = *year;
  system.status = *status;
  system.chips = *chips;
  for (const auto* value : {&system.topology, &system.cpus}) cited.add(*value);
  cited.add(year);
  cited.add(status);
  cited.add(chips);
  cited.add(system.scale_up_domain);
  cited.add(system.scale_up_bandwidth);
  cited.add(system.scale_out_bandwidth);
  cited.add(system.power);
  cited.add(system.price);
  system.sources = sources_for(context, cited.ids());
  system.defined_at = context.defined_at(node.Mark().line + 1, path);
  return system;
}

}  // namespace chipgap::catalog::detail
