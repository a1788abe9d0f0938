// SPDX-License-Identifier: Apache-2.0
// Strict reading of YAML data files: every key read is recorded, so that unknown keys can be reported
// with a suggestion; every problem becomes a Diagnostic with file, line, column and key path. Private to
// the catalog module: no yaml-cpp type appears in a public header.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/sourced.hpp"
#include "chipgap/units/quantity.hpp"

namespace chipgap::catalog::detail {

// One data file being read: its name, the diagnostics sink and its table of sources.
class FileContext {
 public:
  FileContext(std::string file, std::vector<Diagnostic>& sink, std::string catalog_path = "")
      : file_(std::move(file)), catalog_path_(std::move(catalog_path)), sink_(sink) {}

  const std::string& file() const { return file_; }
  // Where an entry of this file starts, for messages and for JSON.
  spec::DefinedAt defined_at(int line, std::string key_path) const { return {file_, line, std::move(key_path), catalog_path_}; }
  void error(const YAML::Mark& mark, std::string key_path, std::string message);
  std::size_t error_count() const { return errors_; }

  std::map<std::string, spec::Source, std::less<>> sources;
  std::set<std::string, std::less<>> used_sources;

 private:
  std::string file_;
  std::string catalog_path_;
  std::vector<Diagnostic>& sink_;
  std::size_t errors_ = 0;
};

std::string describe_node(const YAML::Node& node);  // "a list", "a mapping", "'text'"

// "unknown status 'shiping'; did you mean 'shipping'?", or with the list of allowed words when nothing
// is close.
std::string unknown_word_message(std::string_view what, const YAML::Node& node, const std::vector<std::string>& allowed);

// Reads the keys of one mapping. Call optional()/required() for every key the format allows, then
// finish() to report the keys that were not asked for.
class MapReader {
 public:
  MapReader(FileContext& context, const YAML::Node& node, std::string path);

  bool is_map() const { return is_map_; }
  FileContext& context() const { return context_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  std::string child_path(std::string_view key) const;

  std::optional<YAML::Node> optional(std::string_view key);
  std::optional<YAML::Node> required(std::string_view key);
  void finish();

 private:
  FileContext& context_;
  YAML::Node node_;
  std::string path_;
  bool is_map_ = false;
  std::vector<std::string> known_;
};

// Converts the `value` of a sourced value; reports its own errors and returns nullopt on failure.
template <typename T>
using Converter = std::function<std::optional<T>(FileContext&, const YAML::Node&, const std::string& path)>;

// Reads `key` of `parent` as a sourced value {value, source, confidence, derivation?, note?}.
template <typename T>
std::optional<spec::Sourced<T>> read_sourced(MapReader& parent, std::string_view key, bool required,
                                             const Converter<T>& convert);

// Reads `source`, `confidence`, `derivation` and `note` of a mapping (a sourced value's, or a
// provenance block that covers several values), reporting what is missing or wrong.
void read_provenance_fields(MapReader& fields, const YAML::Node& node, spec::Provenance& provenance);

// Value converters. Bounds are inclusive and in base units; `bound_text` says them the way users write them.
Converter<std::string> text_value();
Converter<bool> bool_value();
Converter<std::int64_t> integer_value(std::int64_t min, std::int64_t max);
Converter<double> number_value(double min, double max);
template <units::Dimension D>
Converter<units::Quantity<D>> quantity_value(double max_base, std::string bound_text);

// One of a fixed set of words (`names`, in enum order), e.g. `authorization: license`.
template <typename Enum, std::size_t N>
std::optional<Enum> read_word(MapReader& map, std::string_view key, bool required, const std::string_view (&names)[N]) {
  auto node = required ? map.required(key) : map.optional(key);
  if (!node) return std::nullopt;
  for (std::size_t i = 0; i < N; ++i) {
    if (node->IsScalar() && node->Scalar() == names[i]) return static_cast<Enum>(i);
  }
  map.context().error(node->Mark(), map.child_path(key),
                      unknown_word_message(key, *node, std::vector<std::string>(std::begin(names), std::end(names))));
  return std::nullopt;
}

// A plain (unsourced) string such as a name; reports a missing or non-text value.
std::optional<std::string> read_text(MapReader& parent, std::string_view key, bool required);
// A plain list of strings such as aliases or notes.
std::vector<std::string> read_text_list(MapReader& parent, std::string_view key);

// Reads the file's `sources:` table into the context.
void read_sources(MapReader& file_root);
// Reports sources that no value cites.
void report_unused_sources(FileContext& context, const YAML::Node& sources_node);
// The Source records for a set of ids, in id order.
std::vector<spec::Source> sources_for(const FileContext& context, const std::set<std::string>& ids);

}  // namespace chipgap::catalog::detail
