// SPDX-License-Identifier: Apache-2.0
// Every uncertain number a run draws: the inputs' parameters and units, as a scenario replaces them and
// as --set overrides fix them, in one indexed table, drawn in a fixed order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/common/diagnostic.hpp"
#include "chipgap/scenario/engine.hpp"

namespace chipgap::scenario::detail {

class InputTable {
 public:
  std::optional<std::size_t> parameter(std::string_view key) const;
  // The flow's years with their input indices, ascending.
  std::vector<std::pair<int, std::size_t>> units_of(const std::string& flow) const;
  // One draw of every input into `values` (resized to the table).
  void draw(std::uint64_t seed, std::size_t draw, std::vector<double>& values) const;
  const std::vector<InputUsed>& used() const { return inputs_; }
  std::size_t add(InputUsed input);

 private:
  std::vector<InputUsed> inputs_;
  std::vector<std::uint64_t> hashes_;  // of each input's key, for its draws
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Errors: an override key that is neither a parameter nor units.<flow>.<year> (with suggestions), or a
// value outside what the key allows (shares and rates 0-1, a service life of 1-30 years, units >= 0).
Result<InputTable> collect_inputs(const catalog::ScenarioData& data, const spec::Scenario* scenario,
                                  const std::map<std::string, double>& overrides);

}  // namespace chipgap::scenario::detail
