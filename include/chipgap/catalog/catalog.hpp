// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chipgap/common/diagnostic.hpp"
#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/model.hpp"
#include "chipgap/spec/system.hpp"

namespace chipgap::catalog {

// The loaded, validated catalog: immutable once built, safe to share between threads.
class Catalog {
 public:
  const std::vector<spec::Accelerator>& accelerators() const { return accelerators_; }
  const std::vector<spec::System>& systems() const { return systems_; }
  const std::vector<spec::ModelArch>& models() const { return models_; }
  const spec::Accelerator& chip_of(const spec::System& system) const { return accelerators_[system.chip_index]; }

  // Case-insensitive lookup by name or alias, ignoring spaces and punctuation ("rtx-4090" = "RTX 4090").
  const spec::Accelerator* find_accelerator(std::string_view name) const;
  const spec::System* find_system(std::string_view name) const;
  const spec::ModelArch* find_model(std::string_view name) const;
  // Canonical names close to an unknown name, best first.
  std::vector<std::string> suggest_accelerators(std::string_view name, std::size_t limit = 3) const;
  std::vector<std::string> suggest_systems(std::string_view name, std::size_t limit = 3) const;
  std::vector<std::string> suggest_models(std::string_view name, std::size_t limit = 3) const;

  // Checks that names and aliases are unique and resolves each system's chip. Entries keep their order.
  static Result<Catalog> assemble(std::vector<spec::Accelerator> accelerators, std::vector<spec::System> systems,
                                  std::vector<spec::ModelArch> models = {});

 private:
  std::vector<spec::Accelerator> accelerators_;
  std::vector<spec::System> systems_;
  std::vector<spec::ModelArch> models_;
  std::unordered_map<std::string, std::size_t> accelerator_keys_;  // normalized name or alias -> index
  std::unordered_map<std::string, std::size_t> system_keys_;
  std::unordered_map<std::string, std::size_t> model_keys_;
};

// The text of one data file and the name to use for it in messages.
struct DataFile {
  DataFile() = default;
  DataFile(std::string file_name, std::string file_text, std::string path_in_catalog = "")
      : name(std::move(file_name)), text(std::move(file_text)), catalog_path(std::move(path_in_catalog)) {}

  std::string name;
  std::string text;
  std::string catalog_path;  // relative to the catalog root ("systems/systems.yaml"); empty when not read from one
};

// Parses data files already in memory: accelerator files hold `accelerators:`, system files `systems:`.
// Either every file is valid and a Catalog results, or all problems found are returned.
Result<Catalog> parse_catalog(const std::vector<DataFile>& accelerator_files,
                              const std::vector<DataFile>& system_files,
                              const std::vector<DataFile>& model_files = {});

// Model architecture files (docs/models.md), and a user's own model file, for which sources are optional.
Result<std::vector<spec::ModelArch>> parse_models(const std::vector<DataFile>& files);
Result<spec::ModelArch> parse_model_file(const DataFile& file);

// A user's own design in the spec format of `chipgap classify --spec` (tests/cases/rules/README.md):
// plain values with units, no sources. `kind: hbm` describes a memory stack.
Result<spec::Accelerator> parse_spec_file(const DataFile& file);

// Reads one file a user names (a spec or model file): a regular file of at most 16 MiB, or an error
// that names it (so that `--spec /dev/zero` is refused rather than read without end).
Result<DataFile> read_data_file(const std::filesystem::path& path);

// Reads every *.yaml file under root/accelerators, root/systems and root/models (in name order).
Result<Catalog> load_catalog(const std::filesystem::path& root);

}  // namespace chipgap::catalog
