// SPDX-License-Identifier: Apache-2.0
// catalog::parse_spec_file: a user's own design (`chipgap classify --spec`, and the `spec` object of
// POST /api/v1/classify). A spec that loads is classified against the built-in rule book, as those do.
#include <nlohmann/json.hpp>

#include "chipgap/catalog/catalog.hpp"
#include "chipgap/catalog/rule_book.hpp"
#include "chipgap/codec/json.hpp"
#include "chipgap/codec/rules_json.hpp"
#include "chipgap/metrics/export_metrics.hpp"
#include "chipgap/rules/engine.hpp"
#include "chipgap/rules/item.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

namespace {
const catalog::RuleBook* rule_book = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  if (!rules) __builtin_trap();  // the built-in data must load
  rule_book = new catalog::RuleBook(std::move(rules).value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto chip = catalog::parse_spec_file({"spec.yaml", std::string(fuzz::text_of(data, size))});
  if (!chip) {
    (void)to_string(chip.errors());
    return 0;
  }
  (void)codec::to_json(*chip, metrics::compute_export_metrics(*chip)).dump();
  const rules::Item item = rules::make_item(*chip);
  for (const char* destination : {"CN", "SA"}) {
    auto verdict = rules::classify(*rule_book, item, rules::Query{destination, Date{2026, 3, 1}, std::nullopt, {}});
    if (verdict) (void)codec::to_json(*verdict).dump();
  }
  return 0;
}
