// SPDX-License-Identifier: Apache-2.0
// A user's own chip design (`chipgap classify --spec FILE`): plain values with units, no sources needed.
#include "chipgap/catalog/catalog.hpp"
#include <algorithm>

#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;
using units::Dimension;

// A plain value, recorded as a sourced one whose source is the spec file itself.
template <typename T>
std::optional<spec::Sourced<T>> read_plain(MapReader& map, std::string_view key, bool required,
                                           const detail::Converter<T>& convert) {
  auto node = required ? map.required(key) : map.optional(key);
  if (!node) return std::nullopt;
  auto value = convert(map.context(), *node, map.child_path(key));
  if (!value) return std::nullopt;
  spec::Provenance provenance;
  provenance.sources = {"spec-file"};
  provenance.confidence = spec::Confidence::Official;
  provenance.text = node->IsScalar() ? node->Scalar() : std::string();
  provenance.line = node->Mark().line + 1;
  return spec::Sourced<T>{std::move(*value), provenance};
}

}  // namespace

Result<spec::Accelerator> parse_spec_file(const DataFile& file) {
  std::vector<Diagnostic> errors;
  detail::FileContext context(file.name, errors);
  auto loaded = detail::load_yaml(context, file);
  if (!loaded) return errors;
  const YAML::Node root = *loaded;
  MapReader top(context, root, "");
  if (!top.is_map()) return errors;
  spec::Accelerator chip;
  chip.name = detail::read_text(top, "name", true).value_or("");
  chip.vendor = detail::read_text(top, "vendor", false).value_or("unspecified");
  if (auto kind = detail::read_text(top, "kind", false)) {
    if (*kind == "hbm") {
      chip.kind = spec::ItemKind::Hbm;
    } else if (*kind != "accelerator") {
      const YAML::Node& node = root;
      context.error(node["kind"].Mark(), "kind", detail::unknown_word_message("kind", node["kind"], {"accelerator", "hbm"}));
    }
  }
  const bool hbm = chip.kind == spec::ItemKind::Hbm;
  auto datacenter = read_plain(top, "datacenter", !hbm, detail::bool_value());
  chip.datacenter = datacenter.value_or(spec::Sourced<bool>{true, {}});
  const auto area = detail::quantity_value<Dimension::Area>(50000, "50000 mm2");
  chip.die_area = read_plain(top, hbm ? "area" : "die_area", hbm, area);
  if (auto dense = top.optional("dense")) {
    MapReader rates(context, *dense, "dense");
    const auto rate = detail::quantity_value<Dimension::ComputeRate>(1e18, "1000 PFLOP/s");
    for (auto precision : spec::kPrecisions) {
      chip.throughput[static_cast<std::size_t>(precision)] = read_plain(rates, spec::to_string(precision), false, rate);
    }
    rates.finish();
  }
  if (auto memory = top.optional("memory")) {
    MapReader group(context, *memory, "memory");
    chip.memory.bandwidth =
        read_plain(group, "bandwidth", hbm, detail::quantity_value<Dimension::DataRate>(1e15, "1 PB/s"));
    chip.memory.capacity = read_plain(group, "capacity", false, detail::quantity_value<Dimension::DataSize>(10e12, "10 TB"));
    group.finish();
  } else if (hbm) {
    top.required("memory");
  }
  chip.io_bandwidth = read_plain(top, "io_bandwidth", false, detail::quantity_value<Dimension::DataRate>(1e15, "1 PB/s"));
  chip.notes = detail::read_text_list(top, "notes");
  top.finish();
  if (!hbm && std::none_of(chip.throughput.begin(), chip.throughput.end(), [](const auto& r) { return r.has_value(); }) &&
      errors.empty()) {
    context.error(root.Mark(), "dense",
                  "a spec needs at least one dense rate (fp64, fp32, tf32, bf16, fp16, fp8, int8 or fp4) to compute TPP");
  }
  if (!errors.empty()) return errors;
  chip.sources = {{"spec-file", "the spec file " + file.name, "", file.name, ""}};
  chip.defined_at = {file.name, 1, "", ""};
  return chip;
}

}  // namespace chipgap::catalog
