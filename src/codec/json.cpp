// SPDX-License-Identifier: Apache-2.0
#include "chipgap/codec/json.hpp"

namespace chipgap::codec {
namespace {

using nlohmann::json;

json provenance_json(const spec::Provenance& p) {
  json out = {{"confidence", std::string(spec::to_string(p.confidence))}, {"sources", p.sources}};
  if (!p.text.empty()) out["as_written"] = p.text;
  if (!p.derivation.empty()) out["derivation"] = p.derivation;
  if (!p.note.empty()) out["note"] = p.note;
  return out;
}

// Scalar renderings of each value type, with the unit JSON numbers use for it.
json plain(const std::string& v) { return v; }
json plain(bool v) { return v; }
json plain(int v) { return v; }
json plain(std::int64_t v) { return v; }
json plain(spec::Status v) { return std::string(spec::to_string(v)); }
json plain(const Date& v) { return v.to_string(); }
json plain(units::ComputeRate v) { return units::in_tera_ops_per_second(v); }
json plain(units::DataRate v) { return units::in_gigabytes_per_second(v); }
json plain(units::DataSize v) { return units::in_gigabytes(v); }
json plain(units::Area v) { return units::in_square_millimetres(v); }
json plain(units::Power v) { return units::in_watts(v); }
json plain(units::Money v) { return units::in_usd(v); }

template <typename T>
const char* unit_of() {
  if constexpr (std::is_same_v<T, units::ComputeRate>) return kComputeUnit;
  if constexpr (std::is_same_v<T, units::DataRate>) return kDataRateUnit;
  if constexpr (std::is_same_v<T, units::DataSize>) return kDataSizeUnit;
  if constexpr (std::is_same_v<T, units::Area>) return "mm2";
  if constexpr (std::is_same_v<T, units::Power>) return "W";
  if constexpr (std::is_same_v<T, units::Money>) return "USD";
  return nullptr;
}

template <typename T>
json sourced(const spec::Sourced<T>& v) {
  json out = provenance_json(v.provenance);
  out["value"] = plain(v.value);
  if (const char* unit = unit_of<T>()) out["unit"] = unit;
  return out;
}

template <typename T>
void put(json& object, const char* key, const spec::OptionalSourced<T>& v) {
  if (v) object[key] = sourced(*v);
}

template <typename T>
json plain_or_null(const spec::OptionalSourced<T>& v) {
  return v ? plain(v->value) : json(nullptr);
}

json sources_json(const std::vector<spec::Source>& sources) {
  json out = json::array();
  for (const auto& s : sources) {
    json source = {{"id", s.id}, {"title", s.title}};
    if (!s.url.empty()) source["url"] = s.url;
    if (!s.document.empty()) source["document"] = s.document;
    if (!s.accessed.empty()) source["accessed"] = s.accessed;
    out.push_back(source);
  }
  return out;
}

json throughput_json(const std::array<spec::OptionalSourced<units::ComputeRate>, spec::kPrecisionCount>& rates) {
  json out = json::object();
  for (auto p : spec::kPrecisions) put(out, std::string(spec::to_string(p)).c_str(), rates[static_cast<int>(p)]);
  return out;
}

}  // namespace

nlohmann::json defined_at_json(const spec::DefinedAt& at) {
  return {{"file", at.catalog_file.empty() ? at.file : at.catalog_file}, {"line", at.line}};
}

json to_json(const metrics::ExportMetrics& m) {
  json inputs = json::object();
  json terms = json::array();
  for (const auto& t : m.tpp_terms) {
    terms.push_back({{"precision", std::string(spec::to_string(t.precision))},
                     {"dense_tops", t.rate_tops},
                     {"bit_length", t.bit_length},
                     {"tpp", t.tpp}});
  }
  inputs["tpp_terms"] = terms;
  json unknown = json::array();
  for (auto p : m.unknown_precisions) unknown.push_back(std::string(spec::to_string(p)));
  inputs["unknown_precisions"] = unknown;
  inputs["die_area_mm2"] = m.die_area ? json(units::in_square_millimetres(*m.die_area)) : json(nullptr);
  json io_components = json::array();
  for (const auto& c : m.io.components) {
    io_components.push_back({{"name", c.name}, {"bandwidth_gbs", units::in_gigabytes_per_second(c.bandwidth)}});
  }
  inputs["io_components"] = io_components;
  inputs["io_unknown"] = m.io.unknown;

  return {
      {"tpp", m.tpp ? json(m.tpp->tpp) : json(nullptr)},
      {"tpp_lower_bound", m.tpp_lower_bound},
      {"tpp_precision", m.tpp ? json(std::string(spec::to_string(m.tpp->precision))) : json(nullptr)},
      {"performance_density", m.performance_density ? json(*m.performance_density) : json(nullptr)},
      {"dram_bandwidth_gbs", m.dram_bandwidth ? json(units::in_gigabytes_per_second(*m.dram_bandwidth)) : json(nullptr)},
      {"io_bandwidth_gbs", m.io.components.empty() ? json(nullptr) : json(units::in_gigabytes_per_second(m.io.total))},
      {"io_bandwidth_complete", m.io.complete()},
      {"inputs", inputs},
  };
}

json to_json(const spec::Accelerator& chip, const metrics::ExportMetrics& metrics) {
  json out = {{"name", chip.name},           {"aliases", chip.aliases},       {"vendor", chip.vendor},
              {"country", chip.country},     {"year", sourced(chip.year)},    {"status", sourced(chip.status)},
              {"datacenter", sourced(chip.datacenter)}};
  if (!chip.family.empty()) out["family"] = chip.family;
  put(out, "available", chip.available);
  put(out, "process", chip.process);
  put(out, "dies", chip.dies);
  put(out, "die_area", chip.die_area);
  out["throughput"] = throughput_json(chip.throughput);
  json memory = json::object();
  put(memory, "type", chip.memory.type);
  put(memory, "capacity", chip.memory.capacity);
  put(memory, "bandwidth", chip.memory.bandwidth);
  out["memory"] = memory;
  if (chip.scale_up) {
    json link = json::object();
    put(link, "technology", chip.scale_up->technology);
    put(link, "bandwidth", chip.scale_up->bandwidth);
    put(link, "domain", chip.scale_up->domain);
    out["scale_up"] = link;
  } else {
    out["scale_up"] = nullptr;
  }
  json host = json::object();
  put(host, "technology", chip.host_interface.technology);
  put(host, "bandwidth", chip.host_interface.bandwidth);
  out["host_interface"] = host;
  if (chip.scale_out) {
    json network = json::object();
    put(network, "technology", chip.scale_out->technology);
    put(network, "bandwidth", chip.scale_out->bandwidth);
    put(network, "integrated", chip.scale_out->integrated);
    out["scale_out"] = network;
  }
  put(out, "tdp", chip.tdp);
  put(out, "price", chip.price);
  out["notes"] = chip.notes;
  out["metrics"] = to_json(metrics);
  out["sources"] = sources_json(chip.sources);
  out["defined_at"] = defined_at_json(chip.defined_at);
  return out;
}

json summary_json(const spec::Accelerator& chip, const metrics::ExportMetrics& metrics) {
  json rates = json::object();
  for (auto p : spec::kPrecisions) rates[std::string(spec::to_string(p))] = plain_or_null(chip.rate(p));
  return {
      {"name", chip.name},
      {"vendor", chip.vendor},
      {"country", chip.country},
      {"year", chip.year.value},
      {"status", std::string(spec::to_string(chip.status.value))},
      {"datacenter", chip.datacenter.value},
      {"dense_tflops", rates},
      {"memory_gb", plain_or_null(chip.memory.capacity)},
      {"memory_bandwidth_gbs", plain_or_null(chip.memory.bandwidth)},
      {"scale_up_bandwidth_gbs", chip.scale_up ? plain_or_null(chip.scale_up->bandwidth) : json(nullptr)},
      {"tdp_w", plain_or_null(chip.tdp)},
      {"metrics", to_json(metrics)},
  };
}

json to_json(const spec::System& system, const spec::Accelerator& chip, const metrics::SystemTotals& totals) {
  json out = summary_json(system, totals);
  out["aliases"] = system.aliases;
  out["year"] = sourced(system.year);
  out["status"] = sourced(system.status);
  out["chips"] = sourced(system.chips);
  put(out, "topology", system.topology);
  put(out, "scale_up_domain", system.scale_up_domain);
  put(out, "scale_up_bandwidth", system.scale_up_bandwidth);
  put(out, "scale_out_bandwidth", system.scale_out_bandwidth);
  put(out, "cpus", system.cpus);
  put(out, "power", system.power);
  put(out, "price", system.price);
  out["notes"] = system.notes;
  out["chip_vendor"] = chip.vendor;
  out["sources"] = sources_json(system.sources);
  out["defined_at"] = defined_at_json(system.defined_at);
  return out;
}

json summary_json(const spec::System& system, const metrics::SystemTotals& totals) {
  json rates = json::object();
  for (auto p : spec::kPrecisions) {
    const auto& total = totals.throughput[static_cast<int>(p)];
    rates[std::string(spec::to_string(p))] = total ? json(units::in_tera_ops_per_second(*total)) : json(nullptr);
  }
  auto optional_number = [](const auto& value, auto reader) { return value ? json(reader(*value)) : json(nullptr); };
  return {
      {"name", system.name},
      {"vendor", system.vendor},
      {"country", system.country},
      {"chip", system.chip},
      {"chip_count", system.chips.value},
      {"totals",
       {{"dense_tflops", rates},
        {"memory_gb", optional_number(totals.memory, units::in_gigabytes)},
        {"memory_bandwidth_gbs", optional_number(totals.memory_bandwidth, units::in_gigabytes_per_second)},
        {"scale_up_bandwidth_gbs", optional_number(totals.scale_up_bandwidth, units::in_gigabytes_per_second)},
        {"chip_power_w", optional_number(totals.chip_power, units::in_watts)}}},
      {"power_w", system.power ? json(units::in_watts(system.power->value)) : json(nullptr)},
      {"price_usd", system.price ? json(units::in_usd(system.price->value)) : json(nullptr)},
  };
}

}  // namespace chipgap::codec
