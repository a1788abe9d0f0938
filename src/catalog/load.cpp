// SPDX-License-Identifier: Apache-2.0
#include "chipgap/catalog/catalog.hpp"
#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

// The entries of a catalog file's list under `list_key`, each read by `read_entry`.
template <typename Entry, typename ReadEntry>
void parse_catalog_file(const DataFile& file, const std::string& list_key, ReadEntry read_entry, std::vector<Entry>& out,
                        std::vector<Diagnostic>& errors) {
  detail::parse_data_file(file, {list_key}, errors, [&](FileContext& context, MapReader& top) {
    auto list = top.required(list_key);
    if (!list) return;
    if (!list->IsSequence()) {
      context.error(list->Mark(), list_key, "expected a list of entries, got " + detail::describe_node(*list));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = list_key + "[" + std::to_string(i) + "]";
      if (auto entry = read_entry(context, (*list)[i], path)) out.push_back(std::move(*entry));
    }
  });
}

}  // namespace

Result<Catalog> parse_catalog(const std::vector<DataFile>& accelerator_files,
                              const std::vector<DataFile>& system_files, const std::vector<DataFile>& model_files) {
  std::vector<Diagnostic> errors;
  std::vector<spec::Accelerator> accelerators;
  std::vector<spec::System> systems;
  for (const auto& file : accelerator_files) {
    parse_catalog_file(file, "accelerators", detail::read_accelerator, accelerators, errors);
  }
  for (const auto& file : system_files) parse_catalog_file(file, "systems", detail::read_system, systems, errors);
  auto models = parse_models(model_files);
  if (!models) errors.insert(errors.end(), models.errors().begin(), models.errors().end());
  if (!errors.empty()) return errors;
  return Catalog::assemble(std::move(accelerators), std::move(systems), std::move(models).value());
}

Result<Catalog> load_catalog(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    return std::vector<Diagnostic>{{root.string(), 0, 0, "", "data directory not found"}};
  }
  std::vector<Diagnostic> errors;
  const auto accelerator_files = detail::read_data_files(detail::yaml_files_in(root / "accelerators"), errors, root);
  const auto system_files = detail::read_data_files(detail::yaml_files_in(root / "systems"), errors, root);
  const auto model_files = detail::read_data_files(detail::yaml_files_in(root / "models"), errors, root);
  if (accelerator_files.empty() && errors.empty()) {
    errors.push_back({(root / "accelerators").string(), 0, 0, "", "no accelerator files (*.yaml) found"});
  }
  if (!errors.empty()) return errors;
  return parse_catalog(accelerator_files, system_files, model_files);
}

}  // namespace chipgap::catalog
