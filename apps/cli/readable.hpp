// SPDX-License-Identifier: Apache-2.0
// Text output speaks words where JSON and CSV keep the data's ids: "license (case_by_case)" reads
// "license (case by case)", "presumption_of_denial" "presumption of denial", "in_force" "in force". One
// pass over a command's whole table-format output (main.cpp), so no command words them itself.
#pragma once

#include <string>
#include <string_view>

namespace chipgap::cli {

// `text` with every review-policy, end-user-policy and rule-status id in it written as words.
std::string readable(std::string text);

}  // namespace chipgap::cli
