// SPDX-License-Identifier: Apache-2.0
#include "yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "chipgap/common/date.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/units/parse.hpp"

namespace chipgap::catalog::detail {

void FileContext::error(const YAML::Mark& mark, std::string key_path, std::string message) {
  ++errors_;
  const bool known = mark.line >= 0;
  sink_.push_back(Diagnostic{file_, known ? mark.line + 1 : 0, known && mark.column >= 0 ? mark.column + 1 : 0, std::move(key_path),
                             std::move(message)});
}

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "nothing";
}

std::string unknown_word_message(std::string_view what, const YAML::Node& node,
                                 const std::vector<std::string>& allowed) {
  std::string message = "unknown " + std::string(what) + " " + describe_node(node);
  const std::string suggestion =
      node.IsScalar() ? did_you_mean(closest_names(node.Scalar(), allowed, 1)) : std::string();
  if (!suggestion.empty()) return message + "; " + suggestion;
  message += "; expected ";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) message += (i + 1 == allowed.size()) ? " or " : ", ";
    message += allowed[i];
  }
  return message;
}

MapReader::MapReader(FileContext& context, const YAML::Node& node, std::string path)
    : context_(context), node_(node), path_(std::move(path)), is_map_(node.IsMap()) {
  if (!is_map_) {
    context_.error(node.Mark(), path_, "expected a mapping of keys, got " + describe_node(node));
    return;
  }
  // yaml-cpp keeps repeated keys; the format forbids them.
  std::map<std::string, int> first_line;
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    const int line = entry.first.Mark().line + 1;
    auto [it, inserted] = first_line.emplace(key, line);
    if (!inserted) {
      context_.error(entry.first.Mark(), child_path(key),
                     "duplicate key (first given on line " + std::to_string(it->second) + ")");
    }
  }
}

std::string MapReader::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::optional<YAML::Node> MapReader::optional(std::string_view key) {
  known_.emplace_back(key);
  if (!is_map_) return std::nullopt;
  for (const auto& entry : node_) {
    if (entry.first.Scalar() == key) return entry.second;
  }
  return std::nullopt;
}

std::optional<YAML::Node> MapReader::required(std::string_view key) {
  auto node = optional(key);
  if (is_map_ && !node) context_.error(node_.Mark(), child_path(key), "missing required key");
  return node;
}

void MapReader::finish() {
  if (!is_map_) return;
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string message = "unknown key";
    const std::string suggestion = did_you_mean(closest_names(key, known_, 1));
    if (!suggestion.empty()) message += "; " + suggestion;
    context_.error(entry.first.Mark(), child_path(key), message);
  }
}

namespace {

std::optional<std::string> scalar_text(FileContext& context, const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    context.error(node.Mark(), path, "expected text, got " + describe_node(node));
    return std::nullopt;
  }
  return node.Scalar();
}

void read_source_ids(FileContext& context, const YAML::Node& node, const std::string& path,
                     std::vector<std::string>& ids) {
  auto check = [&](const YAML::Node& item, const std::string& item_path) {
    auto id = scalar_text(context, item, item_path);
    if (!id) return;
    if (context.sources.find(*id) == context.sources.end()) {
      std::vector<std::string> known;
      for (const auto& [known_id, source] : context.sources) known.push_back(known_id);
      std::string message = "unknown source '" + *id + "'";
      const std::string suggestion = did_you_mean(closest_names(*id, known, 1));
      message += suggestion.empty() ? "; add it to the file's 'sources' table" : "; " + suggestion;
      context.error(item.Mark(), item_path, message);
      return;
    }
    context.used_sources.insert(*id);
    ids.push_back(*id);
  };
  if (node.IsSequence()) {
    if (node.size() == 0) context.error(node.Mark(), path, "expected at least one source id");
    for (std::size_t i = 0; i < node.size(); ++i) check(node[i], path + "[" + std::to_string(i) + "]");
  } else {
    check(node, path);
  }
}

}  // namespace

void read_provenance_fields(MapReader& fields, const YAML::Node& node, spec::Provenance& provenance) {
  FileContext& context = fields.context();
  const std::string& path = fields.path();
  const std::size_t errors_before = context.error_count();
  if (auto source_node = fields.required("source")) {
    read_source_ids(context, *source_node, fields.child_path("source"), provenance.sources);
  }
  if (auto confidence_node = fields.required("confidence")) {
    auto confidence = spec::parse_confidence(confidence_node->IsScalar() ? confidence_node->Scalar() : "");
    if (!confidence) {
      const std::vector<std::string> names(std::begin(spec::kConfidenceNames), std::end(spec::kConfidenceNames));
      context.error(confidence_node->Mark(), fields.child_path("confidence"),
                    unknown_word_message("confidence", *confidence_node, names));
    } else {
      provenance.confidence = *confidence;
    }
  }
  if (auto derivation = fields.optional("derivation")) {
    if (auto text = scalar_text(context, *derivation, fields.child_path("derivation"))) {
      provenance.derivation = *text;
    }
  }
  if (auto note = fields.optional("note")) {
    if (auto text = scalar_text(context, *note, fields.child_path("note"))) provenance.note = *text;
  }
  const bool needs_derivation = provenance.confidence == spec::Confidence::Derived ||
                                provenance.confidence == spec::Confidence::Estimate;
  if (needs_derivation && provenance.derivation.empty() && context.error_count() == errors_before) {
    context.error(node.Mark(), path,
                  "a " + std::string(spec::to_string(provenance.confidence)) +
                      " value needs a 'derivation' saying how it was obtained");
  }
}

namespace {

// `range: [low, high]` of a plain number: both ends valid as the value itself, and around it.
void read_range(FileContext& context, const YAML::Node& node, const std::string& path, const Converter<double>& convert,
                const std::optional<double>& value, spec::Provenance& provenance) {
  if (!node.IsSequence() || node.size() != 2) {
    context.error(node.Mark(), path, "expected [low, high], got " + describe_node(node));
    return;
  }
  const auto low = convert(context, node[0], path + "[0]");
  const auto high = convert(context, node[1], path + "[1]");
  if (!low || !high) return;
  if (value && (*low > *value || *high < *value)) {
    context.error(node.Mark(), path, fmt::format("the range [{}, {}] must contain the value {}", *low, *high, *value));
    return;
  }
  provenance.range = spec::Range{*low, *high};
}

}  // namespace

template <typename T>
std::optional<spec::Sourced<T>> read_sourced(MapReader& parent, std::string_view key, bool required,
                                             const Converter<T>& convert) {
  auto node = required ? parent.required(key) : parent.optional(key);
  if (!node) return std::nullopt;
  FileContext& context = parent.context();
  const std::string path = parent.child_path(key);
  if (node->IsScalar()) {
    context.error(node->Mark(), path,
                  "expected a sourced value {value: ..., source: ..., confidence: ...}, got the plain value '" +
                      node->Scalar() + "'");
    return std::nullopt;
  }
  MapReader fields(context, *node, path);
  if (!fields.is_map()) return std::nullopt;

  const std::size_t errors_before = context.error_count();
  spec::Sourced<T> result;
  result.provenance.line = node->Mark().line + 1;
  std::optional<T> value;
  if (auto value_node = fields.required("value")) {
    value = convert(context, *value_node, fields.child_path("value"));
    if (value_node->IsScalar()) result.provenance.text = value_node->Scalar();
  }
  read_provenance_fields(fields, *node, result.provenance);
  if constexpr (std::is_same_v<T, double>) {
    if (auto range = fields.optional("range")) read_range(context, *range, fields.child_path("range"), convert, value, result.provenance);
  }
  fields.finish();
  if (!value || context.error_count() != errors_before) return std::nullopt;
  result.value = std::move(*value);
  return result;
}

Converter<std::string> text_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) {
    return scalar_text(context, node, path);
  };
}

Converter<bool> bool_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<bool> {
    if (node.IsScalar() && node.Scalar() == "true") return true;
    if (node.IsScalar() && node.Scalar() == "false") return false;
    context.error(node.Mark(), path, "expected true or false, got " + describe_node(node));
    return std::nullopt;
  };
}

Converter<std::int64_t> integer_value(std::int64_t min, std::int64_t max) {
  return [min, max](FileContext& context, const YAML::Node& node,
                    const std::string& path) -> std::optional<std::int64_t> {
    std::int64_t value = 0;
    const std::string text = node.IsScalar() ? node.Scalar() : std::string();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      context.error(node.Mark(), path, "expected a whole number, got " + describe_node(node));
      return std::nullopt;
    }
    if (value < min || value > max) {
      context.error(node.Mark(), path,
                    "value " + text + " is outside the plausible range " + std::to_string(min) + " to " +
                        std::to_string(max));
      return std::nullopt;
    }
    return value;
  };
}

Converter<double> number_value(double min, double max) {
  return [min, max](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<double> {
    double value = 0;
    const std::string text = node.IsScalar() ? node.Scalar() : std::string();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      context.error(node.Mark(), path, "expected a number, got " + describe_node(node));
      return std::nullopt;
    }
    if (value < min || value > max) {
      auto shortest = [](double v) {
        std::ostringstream out;
        out << v;
        return out.str();
      };
      context.error(node.Mark(), path, "value " + text + " is outside the plausible range " + shortest(min) + " to " +
                                           shortest(max));
      return std::nullopt;
    }
    return value;
  };
}

template <units::Dimension D>
Converter<units::Quantity<D>> quantity_value(double max_base, std::string bound_text) {
  return [max_base, bound_text](FileContext& context, const YAML::Node& node,
                                const std::string& path) -> std::optional<units::Quantity<D>> {
    if (!node.IsScalar()) {
      context.error(node.Mark(), path,
                    "expected a " + std::string(units::dimension_name(D)) + " like '" +
                        std::string(units::dimension_example(D)) + "', got " + describe_node(node));
      return std::nullopt;
    }
    auto parsed = units::parse<D>(node.Scalar());
    if (auto* error = std::get_if<units::UnitError>(&parsed)) {
      context.error(node.Mark(), path, error->message);
      return std::nullopt;
    }
    const auto quantity = std::get<units::Quantity<D>>(parsed);
    if (!(quantity.base() > 0)) {
      context.error(node.Mark(), path, "value '" + node.Scalar() + "' must be positive");
      return std::nullopt;
    }
    if (quantity.base() > max_base) {
      context.error(node.Mark(), path,
                    "value '" + node.Scalar() + "' is implausibly large (the limit is " + bound_text + ")");
      return std::nullopt;
    }
    return quantity;
  };
}

std::optional<std::string> read_text(MapReader& parent, std::string_view key, bool required) {
  auto node = required ? parent.required(key) : parent.optional(key);
  if (!node) return std::nullopt;
  return scalar_text(parent.context(), *node, parent.child_path(key));
}

std::vector<std::string> read_text_list(MapReader& parent, std::string_view key) {
  std::vector<std::string> items;
  auto node = parent.optional(key);
  if (!node) return items;
  const std::string path = parent.child_path(key);
  if (!node->IsSequence()) {
    parent.context().error(node->Mark(), path, "expected a list, got " + describe_node(*node));
    return items;
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    if (auto text = scalar_text(parent.context(), (*node)[i], path + "[" + std::to_string(i) + "]")) {
      items.push_back(*text);
    }
  }
  return items;
}

void read_sources(MapReader& file_root) {
  FileContext& context = file_root.context();
  auto node = file_root.required("sources");
  if (!node) return;
  MapReader table(context, *node, "sources");
  if (!table.is_map()) return;
  for (const auto& entry : *node) {
    const std::string id = entry.first.Scalar();
    MapReader fields(context, entry.second, "sources." + id);
    spec::Source source;
    source.id = id;
    source.title = read_text(fields, "title", true).value_or("");
    source.url = read_text(fields, "url", false).value_or("");
    source.document = read_text(fields, "document", false).value_or("");
    source.accessed = read_text(fields, "accessed", false).value_or("");
    if (fields.is_map() && source.url.empty() && source.document.empty()) {
      context.error(entry.second.Mark(), "sources." + id, "a source needs a 'url' or a 'document'");
    }
    fields.finish();
    table.optional(id);  // every id is a legitimate key of the table
    context.sources.emplace(id, std::move(source));
  }
  table.finish();
}

void report_unused_sources(FileContext& context, const YAML::Node& sources_node) {
  if (!sources_node.IsMap()) return;
  for (const auto& entry : sources_node) {
    const std::string id = entry.first.Scalar();
    if (context.used_sources.count(id) == 0) {
      context.error(entry.first.Mark(), "sources." + id, "source is never cited; remove it or cite it");
    }
  }
}

std::vector<spec::Source> sources_for(const FileContext& context, const std::set<std::string>& ids) {
  std::vector<spec::Source> result;
  for (const auto& id : ids) {
    if (auto it = context.sources.find(id); it != context.sources.end()) result.push_back(it->second);
  }
  return result;
}

// The instantiations the readers use.
template std::optional<spec::Sourced<std::string>> read_sourced(MapReader&, std::string_view, bool,
                                                                const Converter<std::string>&);
template std::optional<spec::Sourced<spec::Status>> read_sourced(MapReader&, std::string_view, bool,
                                                                 const Converter<spec::Status>&);
template std::optional<spec::Sourced<double>> read_sourced(MapReader&, std::string_view, bool,
                                                               const Converter<double>&);
template std::optional<spec::Sourced<bool>> read_sourced(MapReader&, std::string_view, bool, const Converter<bool>&);
template std::optional<spec::Sourced<std::int64_t>> read_sourced(MapReader&, std::string_view, bool,
                                                                 const Converter<std::int64_t>&);
template std::optional<spec::Sourced<Date>> read_sourced(MapReader&, std::string_view, bool, const Converter<Date>&);
template std::optional<spec::Sourced<std::vector<std::string>>> read_sourced(
    MapReader&, std::string_view, bool, const Converter<std::vector<std::string>>&);
#define CHIPGAP_INSTANTIATE_QUANTITY(D)                                                                  \
  template std::optional<spec::Sourced<units::Quantity<D>>> read_sourced(MapReader&, std::string_view, \
                                                                         bool,                         \
                                                                         const Converter<units::Quantity<D>>&); \
  template Converter<units::Quantity<D>> quantity_value<D>(double, std::string);
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::ComputeRate)
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::DataRate)
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::DataSize)
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::Area)
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::Power)
CHIPGAP_INSTANTIATE_QUANTITY(units::Dimension::Money)
#undef CHIPGAP_INSTANTIATE_QUANTITY

}  // namespace chipgap::catalog::detail
