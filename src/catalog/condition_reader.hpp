// SPDX-License-Identifier: Apache-2.0
// Reading `when:` conditions and dates. Private to the catalog module.
#pragma once

#include <optional>

#include "chipgap/common/date.hpp"
#include "chipgap/spec/condition.hpp"
#include "yaml_reader.hpp"

namespace chipgap::catalog::detail {

std::optional<spec::Condition> read_condition(FileContext& context, const YAML::Node& node, const std::string& path);

Converter<Date> date_value();
Converter<std::vector<std::string>> text_list_value();

}  // namespace chipgap::catalog::detail
