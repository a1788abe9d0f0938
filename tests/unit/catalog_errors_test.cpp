// SPDX-License-Identifier: Apache-2.0
// The loader's error messages are part of chipgap's contract: each test pins one kind of bad input to
// its exact text, with file, line, column and key path.
#include <gtest/gtest.h>

#include "chipgap/catalog/catalog.hpp"

namespace chipgap::catalog {
namespace {

// A valid file with one accelerator; `extra` lines are appended to the entry (indented by 4).
std::string chip_file(const std::string& extra = "", const std::string& name = "Test Chip") {
  return "sources:\n"                                                      // line 1
         "  vendor-ds: {title: Datasheet, url: https://example.com/ds}\n"  // line 2
         "accelerators:\n"                                                 // line 3
         "  - name: " + name + "\n"                                        // line 4
         "    vendor: Example\n"                                           // line 5
         "    country: US\n"                                               // line 6
         "    year: {value: 2024, source: vendor-ds, confidence: official}\n"        // line 7
         "    status: {value: shipping, source: vendor-ds, confidence: official}\n"  // line 8
         "    datacenter: {value: true, source: vendor-ds, confidence: official}\n"  // line 9
         + extra;                                                          // line 10...
}

std::vector<std::string> errors_of(const std::vector<DataFile>& chips, const std::vector<DataFile>& systems = {}) {
  auto result = parse_catalog(chips, systems);
  if (result.ok()) return {};
  std::vector<std::string> lines;
  for (const auto& d : result.errors()) lines.push_back(to_string(d));
  return lines;
}

std::vector<std::string> errors_of(const std::string& text) { return errors_of({{"chips.yaml", text}}); }

using Lines = std::vector<std::string>;

TEST(CatalogErrors, AValidFileLoads) {
  auto result = parse_catalog({{"chips.yaml", chip_file("    tdp: {value: 700 W, source: vendor-ds, confidence: official}\n")}},
                              {});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  EXPECT_EQ(result->accelerators().size(), 1u);
  EXPECT_EQ(result->accelerators()[0].defined_at.line, 4);
}

TEST(CatalogErrors, UnknownKeySuggestsTheNearestKnownOne) {
  EXPECT_EQ(errors_of(chip_file("    memory:\n"
                                "      bandwdth: {value: 3.35 TB/s, source: vendor-ds, confidence: official}\n")),
            Lines{"chips.yaml:11:7: accelerators[0].memory.bandwdth: unknown key; did you mean 'bandwidth'?"});
}

TEST(CatalogErrors, MissingRequiredKey) {
  std::string text = chip_file();
  text.erase(text.find("    vendor: Example\n"), std::string("    vendor: Example\n").size());
  EXPECT_EQ(errors_of(text), Lines{"chips.yaml:4:5: accelerators[0].vendor: missing required key"});
}

TEST(CatalogErrors, WrongUnitAndDimensionMismatch) {
  EXPECT_EQ(errors_of(chip_file("    memory:\n"
                                "      bandwidth: {value: 3.35 TB/S, source: vendor-ds, confidence: official}\n"
                                "      capacity: {value: 80 GB/s, source: vendor-ds, confidence: official}\n")),
            (Lines{"chips.yaml:11:26: accelerators[0].memory.bandwidth.value: unknown unit 'TB/S' in '3.35 TB/S'; "
                   "did you mean 'TB/s'?",
                   "chips.yaml:12:25: accelerators[0].memory.capacity.value: expected a data size like '80 GB', got "
                   "'80 GB/s' (a data rate)"}));
}

TEST(CatalogErrors, NegativeAndAbsurdValues) {
  EXPECT_EQ(errors_of(chip_file("    tdp: {value: -700 W, source: vendor-ds, confidence: official}\n"
                                "    die_area: {value: 814000 mm2, source: vendor-ds, confidence: official}\n"
                                "    dies: {value: 0, source: vendor-ds, confidence: official}\n")),
            (Lines{"chips.yaml:10:18: accelerators[0].tdp.value: value '-700 W' must be positive",
                   "chips.yaml:11:23: accelerators[0].die_area.value: value '814000 mm2' is implausibly large (the "
                   "limit is 50000 mm2)",
                   "chips.yaml:12:19: accelerators[0].dies.value: value 0 is outside the plausible range 1 to 64"}));
}

TEST(CatalogErrors, DuplicateNamesAcrossFiles) {
  EXPECT_EQ(errors_of({{"a.yaml", chip_file()}, {"b.yaml", chip_file("", "test-chip")}}),
            Lines{"b.yaml:4: accelerators[0].name: 'test-chip' is already used by accelerator 'Test Chip' "
                  "(a.yaml:4); names and aliases must be unique, ignoring case and punctuation"});
}

TEST(CatalogErrors, DuplicateKeyInOneMapping) {
  EXPECT_EQ(errors_of(chip_file("    vendor: Other\n")),
            Lines{"chips.yaml:10:5: accelerators[0].vendor: duplicate key (first given on line 5)"});
}

TEST(CatalogErrors, ValuesMustBeSourced) {
  EXPECT_EQ(errors_of(chip_file("    tdp: 700 W\n"
                                "    price: {value: 25000 USD, source: vendor-sd, confidence: official}\n"
                                "    process: {value: N4, source: vendor-ds, confidence: guess}\n"
                                "    dies: {value: 2, source: vendor-ds, confidence: derived}\n")),
            (Lines{"chips.yaml:10:10: accelerators[0].tdp: expected a sourced value {value: ..., source: ..., "
                   "confidence: ...}, got the plain value '700 W'",
                   "chips.yaml:11:39: accelerators[0].price.source: unknown source 'vendor-sd'; did you mean "
                   "'vendor-ds'?",
                   "chips.yaml:12:57: accelerators[0].process.confidence: unknown confidence 'guess'; expected "
                   "official, reported, derived or estimate",
                   "chips.yaml:13:11: accelerators[0].dies: a derived value needs a 'derivation' saying how it was "
                   "obtained"}));
}

TEST(CatalogErrors, UncitedSourcesAreReported) {
  std::string text = chip_file();
  text.insert(text.find("accelerators:"), "  unused: {title: Nobody cites me, url: https://example.com/x}\n");
  EXPECT_EQ(errors_of(text), Lines{"chips.yaml:3:3: sources.unused: source is never cited; remove it or cite it"});
}

TEST(CatalogErrors, InvalidYamlAndWrongShapes) {
  EXPECT_EQ(errors_of("sources: {a: [\n"),
            Lines{"chips.yaml:2:1: invalid YAML: end of sequence flow not found"});
  EXPECT_EQ(errors_of(""), Lines{"chips.yaml: the file is empty; expected 'sources:' and 'accelerators:'"});
  EXPECT_EQ(errors_of("sources: {}\naccelerators: H100\n"),
            Lines{"chips.yaml:2:15: accelerators: expected a list of entries, got 'H100'"});
}

TEST(CatalogErrors, MarketIsAKnownWord) {
  auto result = parse_catalog(
      {{"chips.yaml", chip_file("    market: {value: china_only, source: vendor-ds, confidence: reported}\n")}}, {});
  ASSERT_TRUE(result.ok()) << to_string(result.errors());
  EXPECT_EQ(result->accelerators()[0].market->value, "china_only");
  EXPECT_EQ(errors_of(chip_file("    market: {value: china, source: vendor-ds, confidence: reported}\n")),
            Lines{"chips.yaml:10:21: accelerators[0].market.value: unknown market 'china'; did you mean 'china_only'?"});
}

TEST(CatalogErrors, InvalidUtf8IsALocatedError) {
  // Once passed the loader and failed later, far from its line, when written out as JSON (exit 70).
  EXPECT_EQ(errors_of(chip_file("    notes: [\"caf\xe9\"]\n")),
            Lines{"chips.yaml:10:17: the file is not valid UTF-8 (byte 364 of the file)"});
}

TEST(CatalogErrors, ASecondYamlDocumentIsAnError) {
  // Two files pasted together once lost the second one's chips without a word.
  EXPECT_EQ(errors_of(chip_file() + "---\n" + chip_file("", "Second Chip")),
            Lines{"chips.yaml:11:1: a second YAML document (after '---'); a data file holds one document: merge them "
                  "or split them into two files"});
  EXPECT_EQ(errors_of(chip_file() + "---\n"),
            Lines{"chips.yaml:10:1: a second YAML document (after '---'); a data file holds one document: merge them "
                  "or split them into two files"});
}

TEST(CatalogErrors, ReadingAFileIsBounded) {
  auto device = read_data_file("/dev/zero");
  ASSERT_FALSE(device.ok());
  EXPECT_EQ(to_string(device.errors().front()), "/dev/zero: not a regular file");
  auto missing = read_data_file("/no/such/file.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(to_string(missing.errors().front()), "/no/such/file.yaml: no such file");
}

TEST(CatalogErrors, SystemsMustNameACatalogChip) {
  const std::string systems =
      "sources:\n"
      "  s: {title: System page, url: https://example.com/s}\n"
      "systems:\n"
      "  - name: Box\n"
      "    vendor: Example\n"
      "    country: US\n"
      "    year: {value: 2024, source: s, confidence: official}\n"
      "    status: {value: shipping, source: s, confidence: official}\n"
      "    chip: Test Chp\n"
      "    chips: {value: 8, source: s, confidence: official}\n"
      "    scale_up_domain: {value: 16, source: s, confidence: official}\n";
  EXPECT_EQ(errors_of({{"chips.yaml", chip_file()}}, {{"systems.yaml", systems}}),
            Lines{"systems.yaml:11:22: systems[0].scale_up_domain: a scale-up domain of 16 chips is larger than the "
                  "system's 8 chips"});
  std::string fixed = systems;
  fixed.erase(fixed.find("    scale_up_domain"));
  EXPECT_EQ(errors_of({{"chips.yaml", chip_file()}}, {{"systems.yaml", fixed}}),
            Lines{"systems.yaml:9: systems[0].chip: unknown accelerator 'Test Chp'; did you mean 'Test Chip'?"});
}

TEST(CatalogErrors, AllErrorsOfALoadAreReportedTogether) {
  const auto errors = errors_of({{"a.yaml", chip_file("    tdp: {value: 7 parsecs, source: vendor-ds, confidence: official}\n")},
                                 {"b.yaml", chip_file("    colour: {value: green, source: vendor-ds, confidence: official}\n",
                                                      "Other Chip")}});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind("a.yaml:10:", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1], "b.yaml:10:5: accelerators[0].colour: unknown key");
}

TEST(CatalogErrors, BadCountryCode) {
  std::string text = chip_file();
  text.replace(text.find("country: US"), 11, "country: USA");
  EXPECT_EQ(errors_of(text), Lines{"chips.yaml:6:14: accelerators[0].country: expected a two-letter ISO 3166 "
                                   "country code such as 'US' or 'CN', got 'USA'"});
}

TEST(CatalogErrors, MissingDataDirectory) {
  auto result = load_catalog("/nonexistent/chipgap-data");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(to_string(result.errors()[0]), "/nonexistent/chipgap-data: data directory not found");
}

TEST(CatalogErrors, ATokenNoDocumentCanStartWithIsAnError) {
  // yaml-cpp's LoadAll never got past a top-level ',' and added empty documents until memory ran out
  // (found by fuzz/catalog_fuzzer; fuzz/regressions/catalog/).
  EXPECT_EQ(errors_of(","), Lines{"chips.yaml:1:1: invalid YAML: unexpected ','"});
  EXPECT_EQ(errors_of(",: [[["), Lines{"chips.yaml:1:1: invalid YAML: unexpected ','"});
  EXPECT_EQ(errors_of("[a]\n,\n"), Lines{"chips.yaml:2:1: invalid YAML: unexpected ','"});
}

TEST(CatalogErrors, EscapesThatYamlCppDecodesToInvalidUtf8AreLocatedErrors) {
  // yaml-cpp turns "\N" and "\_" into the bytes 0x85 and 0xA0, which passed the loader and failed later
  // when written out as JSON (found by fuzz/spec_fuzzer; fuzz/regressions/spec/).
  EXPECT_EQ(errors_of(chip_file("    notes: [\"non\\_breaking\"]\n")),
            Lines{"chips.yaml:10:13: this text is not valid UTF-8 once its escapes are decoded (write the character "
                  "itself, not \\N or \\_)"});
  auto spec = parse_spec_file({"spec.yaml", "name: X\nvendor: \"next\\Nline\"\n"});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(to_string(spec.errors()), "spec.yaml:2:9: this text is not valid UTF-8 once its escapes are decoded (write "
                                      "the character itself, not \\N or \\_)\n");
}

}  // namespace
}  // namespace chipgap::catalog
