// SPDX-License-Identifier: Apache-2.0
// Text output speaks words where JSON and CSV keep the data's ids: "license (case_by_case)" reads
// "license (case by case)", "presumption_of_denial" "presumption of denial", "in_force" "in force".
#pragma once

#include <string>
#include <string_view>

namespace chipgap::cli {

// `text` with every review-policy, end-user-policy and rule-status id in it written as words.
std::string readable(std::string text);

// One id as words (underscores as spaces).
std::string words(std::string_view id);

// `readable(text)` in table output; CSV and JSON keep the ids, for programs that match on them.
inline std::string shown(bool table, std::string text) { return table ? readable(std::move(text)) : text; }

}  // namespace chipgap::cli
