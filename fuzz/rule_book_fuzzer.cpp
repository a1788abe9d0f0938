// SPDX-License-Identifier: Apache-2.0
// catalog::parse_rule_book on rule documents (data/rules/us), the countries file (data/rules/countries.yaml)
// and import measures (data/rules/cn). The input is a rule document; "#@ countries", "#@ measures" and
// "#@ document" lines start files of those kinds (fuzz_input.hpp). A rule book that loads is put through
// the rules engine with a few built-in chips, and its documents through strict JSON.
#include <nlohmann/json.hpp>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/codec/rules_json.hpp"
#include "chipgap/rules/engine.hpp"
#include "chipgap/rules/item.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

namespace {
const catalog::Catalog* builtin = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  if (!catalog) __builtin_trap();  // the built-in data must load
  builtin = new catalog::Catalog(std::move(catalog).value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  catalog::RuleFiles files{{"countries.yaml", ""}, {}, {}, {}, {}};
  bool have_countries = false;
  for (auto& section : fuzz::split_sections(fuzz::text_of(data, size), "document")) {
    if (section.role == "countries" && !have_countries) {
      files.countries = std::move(section.file);
      have_countries = true;
    } else if (section.role == "measures") {
      files.import_measures.push_back(std::move(section.file));
    } else if (section.role == "end-users") {
      files.end_users.push_back(std::move(section.file));
    } else if (section.role == "minerals") {
      files.mineral_controls.push_back(std::move(section.file));
    } else {
      files.documents.push_back(std::move(section.file));
    }
  }
  auto book = catalog::parse_rule_book(files);
  if (!book) {
    (void)to_string(book.errors());
    return 0;
  }
  for (const auto& document : book->documents()) (void)codec::to_json(document).dump();
  (void)catalog::check_names_against_catalog(*book, *builtin);
  for (const char* name : {"H100 SXM", "H20", "Ascend 910C"}) {
    const spec::Accelerator* chip = builtin->find_accelerator(name);
    if (chip == nullptr) continue;
    const rules::Item item = rules::make_item(*chip);
    const rules::Query query{"CN", Date{2026, 3, 1}, std::nullopt, {}};
    if (auto verdict = rules::classify(*book, item, query)) (void)codec::to_json(*verdict).dump();
  }
  if (const spec::Accelerator* chip = builtin->find_accelerator("H20")) {
    const rules::Query query{"CN", Date{2026, 3, 1}, std::nullopt, {}};
    if (auto entries = rules::timeline(*book, rules::make_item(*chip), query)) (void)codec::to_json(*entries).dump();
  }
  return 0;
}
