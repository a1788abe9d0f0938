// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "chipgap/catalog/catalog.hpp"
#include "entry_readers.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

// Reads one file's `sources:` and its list under `list_key`, passing each entry to `read_entry`.
template <typename Entry, typename ReadEntry>
void parse_file(const DataFile& file, std::string_view list_key, ReadEntry read_entry, std::vector<Entry>& out,
                std::vector<Diagnostic>& errors) {
  // Problems are found in reading order; they are reported in file order.
  const std::size_t first_error = errors.size();
  struct SortByPosition {
    std::vector<Diagnostic>& errors;
    std::size_t first;
    ~SortByPosition() {
      std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(first), errors.end(),
                       [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                       });
    }
  } sort_at_exit{errors, first_error};
  FileContext context(file.name, errors);
  YAML::Node root;
  try {
    root = YAML::Load(file.text);
  } catch (const YAML::Exception& e) {
    context.error(e.mark, "", "invalid YAML: " + e.msg);
    return;
  }
  if (root.IsNull()) {
    context.error(YAML::Mark::null_mark(), "", "the file is empty; expected 'sources:' and '" +
                                                   std::string(list_key) + ":'");
    return;
  }
  MapReader top(context, root, "");
  if (!top.is_map()) return;
  detail::read_sources(top);
  if (auto list = top.required(list_key)) {
    if (!list->IsSequence()) {
      context.error(list->Mark(), std::string(list_key), "expected a list of entries, got " +
                                                              detail::describe_node(*list));
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = std::string(list_key) + "[" + std::to_string(i) + "]";
        if (auto entry = read_entry(context, (*list)[i], path)) out.push_back(std::move(*entry));
      }
    }
  }
  top.finish();
  const YAML::Node& const_root = root;
  if (context.error_count() == 0) detail::report_unused_sources(context, const_root["sources"]);
}

std::vector<std::filesystem::path> yaml_files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Result<Catalog> parse_catalog(const std::vector<DataFile>& accelerator_files,
                              const std::vector<DataFile>& system_files) {
  std::vector<Diagnostic> errors;
  std::vector<spec::Accelerator> accelerators;
  std::vector<spec::System> systems;
  for (const auto& file : accelerator_files) {
    parse_file(file, "accelerators", detail::read_accelerator, accelerators, errors);
  }
  for (const auto& file : system_files) parse_file(file, "systems", detail::read_system, systems, errors);
  if (!errors.empty()) return errors;
  return Catalog::assemble(std::move(accelerators), std::move(systems));
}

Result<Catalog> load_catalog(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    return std::vector<Diagnostic>{{root.string(), 0, 0, "", "data directory not found"}};
  }
  std::vector<Diagnostic> errors;
  auto read_all = [&](const std::filesystem::path& dir) {
    std::vector<DataFile> files;
    for (const auto& path : yaml_files_in(dir)) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        errors.push_back({path.string(), 0, 0, "", "cannot read the file"});
        continue;
      }
      files.push_back({path.string(), text.str()});
    }
    return files;
  };
  const auto accelerator_files = read_all(root / "accelerators");
  const auto system_files = read_all(root / "systems");
  if (accelerator_files.empty() && errors.empty()) {
    errors.push_back({(root / "accelerators").string(), 0, 0, "", "no accelerator files (*.yaml) found"});
  }
  if (!errors.empty()) return errors;
  return parse_catalog(accelerator_files, system_files);
}

}  // namespace chipgap::catalog
