// SPDX-License-Identifier: Apache-2.0
#include "file_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

namespace chipgap::catalog::detail {

void parse_data_file(const DataFile& file, const std::vector<std::string>& body_keys, std::vector<Diagnostic>& errors,
                     const std::function<void(FileContext&, MapReader&)>& read_body) {
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
  auto loaded = load_yaml(context, file);
  if (!loaded) return;
  YAML::Node root = *loaded;
  if (root.IsNull()) {
    std::vector<std::string> keys{"sources"};
    keys.insert(keys.end(), body_keys.begin(), body_keys.end());
    std::string expected;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) expected += (i + 1 == keys.size()) ? " and " : ", ";
      expected += "'" + keys[i] + ":'";
    }
    context.error(YAML::Mark::null_mark(), "", "the file is empty; expected " + expected);
    return;
  }
  MapReader top(context, root, "");
  if (!top.is_map()) return;
  read_sources(top);
  read_body(context, top);
  top.finish();
  const YAML::Node& const_root = root;
  if (context.error_count() == 0) report_unused_sources(context, const_root["sources"]);
}

std::optional<YAML::Node> load_yaml(FileContext& context, const DataFile& file) {
  try {
    return YAML::Load(file.text);
  } catch (const YAML::Exception& e) {
    context.error(e.mark, "", "invalid YAML: " + e.msg);
    return std::nullopt;
  }
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

std::vector<DataFile> read_data_files(const std::vector<std::filesystem::path>& paths, std::vector<Diagnostic>& errors) {
  std::vector<DataFile> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
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
}

}  // namespace chipgap::catalog::detail
