// SPDX-License-Identifier: Apache-2.0
// The chipgap command line: parses arguments, loads the catalog, runs one command, and prints its whole
// output only when it succeeded. Errors go to stderr with a documented exit code.
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "chipgap/catalog/catalog.hpp"
#include "commands.hpp"

namespace {

using chipgap::cli::CommandError;
using chipgap::cli::Format;

int run(int argc, char** argv) {
  CLI::App app{"chipgap: export-control metrics and specifications of AI accelerators, from a cited catalog"};
  app.set_version_flag("--version", std::string(CHIPGAP_VERSION));
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand

  std::string data_dir = CHIPGAP_DATA_DIR;
  Format format = Format::Table;
  const std::map<std::string, Format> formats{{"table", Format::Table}, {"json", Format::Json}, {"csv", Format::Csv}};
  app.add_option("--data", data_dir, "Catalog root (holds accelerators/ and systems/)")
      ->capture_default_str();
  app.add_option("--format", format, "Output format: table, json or csv")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("table");

  chipgap::cli::ChipFilter filter;
  auto* chips = app.add_subcommand("chips", "List accelerators with key specs and export metrics");
  chips->add_option("--vendor", filter.vendor, "Only this vendor (case-insensitive)");
  chips->add_option("--country", filter.country, "Only vendors headquartered in this country (e.g. CN)");

  std::string name;
  auto* chip = app.add_subcommand("chip", "Everything about one accelerator, with derived metrics and sources");
  chip->add_option("name", name, "Accelerator name or alias (e.g. h100, ascend-910c)")->required();
  auto* systems = app.add_subcommand("systems", "List servers and racks with their totals");
  auto* system = app.add_subcommand("system", "Everything about one system");
  system->add_option("name", name, "System name or alias (e.g. 'GB200 NVL72', cm384)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and a hint to stderr
    return chipgap::cli::kExitUsage;
  }

  auto catalog = chipgap::catalog::load_catalog(data_dir);
  if (!catalog) {
    std::cerr << "chipgap: the catalog in " << data_dir << " has " << catalog.errors().size()
              << (catalog.errors().size() == 1 ? " error" : " errors") << ":\n"
              << chipgap::to_string(catalog.errors());
    return chipgap::cli::kExitBadData;
  }

  try {
    std::string output;
    if (*chips) output = chipgap::cli::list_chips(*catalog, filter, format);
    if (*chip) output = chipgap::cli::show_chip(*catalog, name, format);
    if (*systems) output = chipgap::cli::list_systems(*catalog, format);
    if (*system) output = chipgap::cli::show_system(*catalog, name, format);
    std::cout << output << std::flush;
  } catch (const CommandError& e) {
    std::cerr << "chipgap: " << e.what() << '\n';
    return e.exit_code();
  }
  return chipgap::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "chipgap: internal error: " << e.what() << '\n';
    return 70;
  }
}
