// SPDX-License-Identifier: Apache-2.0
#include <set>

#include <fmt/format.h>

#include "chipgap/catalog/design_knobs.hpp"
#include "entry_readers.hpp"
#include "file_reader.hpp"

namespace chipgap::catalog {
namespace {

using detail::FileContext;
using detail::MapReader;

std::optional<spec::DesignKnob> read_knob(FileContext& context, const YAML::Node& node, const std::string& path) {
  const std::size_t errors_before = context.error_count();
  MapReader entry(context, node, path);
  if (!entry.is_map()) return std::nullopt;
  spec::DesignKnob k;
  detail::CitedSources cited;
  const auto knob = detail::read_word<spec::Knob>(entry, "id", true, spec::kKnobNames);
  k.title = detail::read_text(entry, "title", true).value_or("");
  auto min = detail::read_sourced(entry, "min", true, detail::number_value(0, 10));
  auto max = detail::read_sourced(entry, "max", true, detail::number_value(0, 10));
  // A plain number, not a sourced value: the step is the search's resolution, not a fact.
  double step = 0;
  bool step_ok = false;
  if (auto s = entry.required("step")) {
    if (s->IsScalar()) {
      try {
        step = s->as<double>();
        step_ok = step > 0 && step <= 10;
      } catch (const YAML::Exception&) {
      }
    }
    if (!step_ok) context.error(s->Mark(), entry.child_path("step"), "expected a number above 0 and at most 10, got " + detail::describe_node(*s));
  }
  entry.finish();
  if (context.error_count() != errors_before || !knob || !min || !max || !step_ok) return std::nullopt;
  if (min->value > 1 || max->value < 1) {
    context.error(node.Mark(), path, fmt::format("min {} and max {} must bracket 1 (the base die itself)", min->value, max->value));
    return std::nullopt;
  }
  if (step > max->value - min->value && max->value > min->value) {
    context.error(node["step"].Mark(), entry.child_path("step"), fmt::format("step {} is larger than the range {} to {}", step, min->value, max->value));
    return std::nullopt;
  }
  k.knob = *knob;
  k.min = *min;
  k.max = *max;
  k.step = step;
  cited.add(min);
  cited.add(max);
  k.sources = detail::sources_for(context, cited.ids());
  k.defined_at = context.defined_at(node.Mark().line + 1, path);
  return k;
}

}  // namespace

Result<std::vector<spec::DesignKnob>> parse_design_knobs(const std::vector<DataFile>& files) {
  std::vector<Diagnostic> errors;
  std::vector<spec::DesignKnob> out;
  std::set<spec::Knob> seen;
  for (const auto& file : files) {
    detail::parse_data_file(file, {"knobs"}, errors, [&](FileContext& context, MapReader& top) {
      auto list = top.required("knobs");
      if (!list) return;
      if (!list->IsSequence()) {
        context.error(list->Mark(), "knobs", "expected a list of knobs, got " + detail::describe_node(*list));
        return;
      }
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = "knobs[" + std::to_string(i) + "]";
        auto k = read_knob(context, (*list)[i], path);
        if (!k) continue;
        if (!seen.insert(k->knob).second) {
          context.error((*list)[i].Mark(), path + ".id", fmt::format("the knob '{}' is defined twice", spec::kKnobNames[static_cast<std::size_t>(k->knob)]));
          continue;
        }
        out.push_back(std::move(*k));
      }
    });
  }
  if (!errors.empty()) return errors;
  return out;
}

Result<std::vector<spec::DesignKnob>> load_design_knobs(const std::filesystem::path& root) {
  std::vector<Diagnostic> errors;
  const auto files = detail::read_data_files(detail::yaml_files_in(root / "design"), errors, root);
  if (!errors.empty()) return errors;
  if (files.empty()) return std::vector<Diagnostic>{{(root / "design").string(), 0, 0, "", "no design knob files (design/*.yaml)"}};
  return parse_design_knobs(files);
}

}  // namespace chipgap::catalog
