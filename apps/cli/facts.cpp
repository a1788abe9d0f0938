// SPDX-License-Identifier: Apache-2.0
#include "facts.hpp"

namespace chipgap::cli {
namespace {

class FactList {
 public:
  template <typename T>
  void add(std::string field, const spec::OptionalSourced<T>& value) {
    if (value) facts_.push_back({std::move(field), &value->provenance});
  }
  template <typename T>
  void add(std::string field, const spec::Sourced<T>& value) {
    facts_.push_back({std::move(field), &value.provenance});
  }
  std::vector<Fact> take() { return std::move(facts_); }

 private:
  std::vector<Fact> facts_;
};

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

std::vector<Fact> facts_of(const spec::Accelerator& chip) {
  FactList list;
  list.add("year", chip.year);
  list.add("available", chip.available);
  list.add("status", chip.status);
  list.add("datacenter", chip.datacenter);
  list.add("process", chip.process);
  list.add("dies", chip.dies);
  list.add("die_area", chip.die_area);
  for (auto precision : spec::kPrecisions) {
    list.add("throughput." + std::string(spec::to_string(precision)), chip.rate(precision));
  }
  list.add("memory.type", chip.memory.type);
  list.add("memory.capacity", chip.memory.capacity);
  list.add("memory.bandwidth", chip.memory.bandwidth);
  if (chip.scale_up) {
    list.add("scale_up.technology", chip.scale_up->technology);
    list.add("scale_up.bandwidth", chip.scale_up->bandwidth);
    list.add("scale_up.domain", chip.scale_up->domain);
  }
  list.add("host_interface.technology", chip.host_interface.technology);
  list.add("host_interface.bandwidth", chip.host_interface.bandwidth);
  if (chip.scale_out) {
    list.add("scale_out.technology", chip.scale_out->technology);
    list.add("scale_out.bandwidth", chip.scale_out->bandwidth);
    list.add("scale_out.integrated", chip.scale_out->integrated);
  }
  list.add("tdp", chip.tdp);
  list.add("price", chip.price);
  return list.take();
}

std::vector<Fact> facts_of(const spec::System& system) {
  FactList list;
  list.add("year", system.year);
  list.add("status", system.status);
  list.add("chips", system.chips);
  list.add("topology", system.topology);
  list.add("scale_up_domain", system.scale_up_domain);
  list.add("scale_up_bandwidth", system.scale_up_bandwidth);
  list.add("scale_out_bandwidth", system.scale_out_bandwidth);
  list.add("cpus", system.cpus);
  list.add("power", system.power);
  list.add("price", system.price);
  return list.take();
}

Table facts_table(const std::vector<Fact>& facts, bool detail) {
  std::vector<Table::Column> columns{{"Field"}, {"Value"}, {"Confidence"}, {"Sources"}};
  if (detail) columns.push_back({"Derivation"}), columns.push_back({"Note"});
  Table table(columns);
  for (const auto& fact : facts) {
    const spec::Provenance& p = *fact.provenance;
    std::vector<std::string> row{fact.field, p.text, std::string(spec::to_string(p.confidence)),
                                 joined(p.sources, " ")};
    if (detail) row.push_back(p.derivation), row.push_back(p.note);
    table.add_row(std::move(row));
  }
  return table;
}

std::string details_text(const std::vector<Fact>& facts) {
  std::string out;
  for (const auto& fact : facts) {
    const spec::Provenance& p = *fact.provenance;
    if (!p.derivation.empty()) out += "  " + fact.field + " (" + std::string(spec::to_string(p.confidence)) + "): " + p.derivation + '\n';
    if (!p.note.empty()) out += "  " + fact.field + ": note: " + p.note + '\n';
  }
  return out.empty() ? out : "Derivations and notes\n" + out;
}

std::string sources_text(const std::vector<spec::Source>& sources) {
  std::string out = "Sources\n";
  for (const auto& s : sources) {
    out += "  [" + s.id + "] " + s.title;
    if (!s.url.empty()) out += " — " + s.url;
    if (!s.document.empty()) out += " — " + s.document;
    if (!s.accessed.empty()) out += " (accessed " + s.accessed + ")";
    out += '\n';
  }
  return out;
}

}  // namespace chipgap::cli
