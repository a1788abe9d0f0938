// SPDX-License-Identifier: Apache-2.0
// What every data file has in common: YAML parsing, the `sources:` table, strict top-level keys, uncited
// sources, and errors reported in file order. Private to the catalog module.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "chipgap/catalog/catalog.hpp"
#include "yaml_reader.hpp"

namespace chipgap::catalog::detail {

// Parses `file`, reads its sources, and hands the top-level mapping to `read_body`, which reads the
// file's own keys (`body_keys`, used for the message about an empty file).
void parse_data_file(const DataFile& file, const std::vector<std::string>& body_keys, std::vector<Diagnostic>& errors,
                     const std::function<void(FileContext&, MapReader&)>& read_body);

// Parses the file's YAML, reporting a syntax error with its position; nullopt when it is not YAML.
std::optional<YAML::Node> load_yaml(FileContext& context, const DataFile& file);

std::vector<std::filesystem::path> yaml_files_in(const std::filesystem::path& dir);

// The largest data file read: the catalog's largest is about 40 kB; a file a thousand times larger is
// a mistake, and no file makes the reader allocate without bound.
inline constexpr std::uintmax_t kMaxDataFileBytes = 16u << 20;

// Reads a regular file of at most kMaxDataFileBytes into `text`; the problem in words otherwise.
std::string read_bounded_file(const std::filesystem::path& path, std::string& text);

// Reads the files that exist; a file that exists but cannot be read is an error.
// `root`: the catalog directory the paths lie in, to give each file its catalog_path.
std::vector<DataFile> read_data_files(const std::vector<std::filesystem::path>& paths, std::vector<Diagnostic>& errors,
                                      const std::filesystem::path& root = {});

}  // namespace chipgap::catalog::detail
