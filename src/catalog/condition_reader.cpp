// SPDX-License-Identifier: Apache-2.0
#include "condition_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "chipgap/common/names.hpp"
#include "chipgap/units/parse.hpp"

namespace chipgap::catalog::detail {
namespace {

using spec::Condition;

const std::vector<std::string> kConditionForms = {"all",     "any",        "not",       "metric",         "datacenter",
                                                  "item",    "vendor_in",  "chip_in",   "market_in",   "destination_in", "end_user_hq_in",
                                                  "eccn_in"};

std::optional<double> read_threshold(FileContext& context, const YAML::Node& node, const std::string& path,
                                     spec::Metric metric) {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  const bool bandwidth = metric == spec::Metric::DramBandwidth || metric == spec::Metric::IoBandwidth ||
                         metric == spec::Metric::DramPlusIoBandwidth;
  if (bandwidth) {
    auto parsed = units::parse<units::Dimension::DataRate>(text);
    if (auto* error = std::get_if<units::UnitError>(&parsed)) {
      context.error(node.Mark(), path, error->message);
      return std::nullopt;
    }
    const double gbs = units::in_gigabytes_per_second(std::get<units::DataRate>(parsed));
    if (!std::isfinite(gbs) || gbs < 0) {
      context.error(node.Mark(), path, "a bandwidth threshold must be finite and at least 0, not " + text);
      return std::nullopt;
    }
    return gbs;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    context.error(node.Mark(), path,
                  "expected a plain number for " + std::string(spec::to_string(metric)) + ", got " + describe_node(node));
    return std::nullopt;
  }
  // from_chars reads "nan", "inf" and "-5" too; none of them is a threshold, and each silently changed verdicts.
  if (!std::isfinite(value) || value < 0) {
    context.error(node.Mark(), path,
                  "a threshold for " + std::string(spec::to_string(metric)) + " must be a finite number of at least 0, not " +
                      text);
    return std::nullopt;
  }
  return value;
}

std::optional<Condition> read_metric_test(MapReader& map, const YAML::Node& metric_node) {
  FileContext& context = map.context();
  const std::vector<std::string> metrics(std::begin(spec::kMetricNames), std::end(spec::kMetricNames));
  std::optional<spec::Metric> metric;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (metric_node.IsScalar() && metric_node.Scalar() == metrics[i]) metric = static_cast<spec::Metric>(i);
  }
  if (!metric) {
    context.error(metric_node.Mark(), map.child_path("metric"), unknown_word_message("metric", metric_node, metrics));
  }
  const std::pair<const char*, spec::Comparison> comparisons[] = {
      {"ge", spec::Comparison::Ge}, {"gt", spec::Comparison::Gt}, {"le", spec::Comparison::Le}, {"lt", spec::Comparison::Lt}};
  std::optional<Condition> result;
  int found = 0;
  for (const auto& [key, comparison] : comparisons) {
    auto node = map.optional(key);
    if (!node) continue;
    ++found;
    if (!metric) continue;
    if (auto threshold = read_threshold(context, *node, map.child_path(key), *metric)) {
      Condition condition;
      condition.op = Condition::Op::Test;
      condition.test = spec::MetricTest{*metric, comparison, *threshold};
      result = condition;
    }
  }
  if (found != 1) {
    context.error(map.node().Mark(), map.path(), "a metric test needs exactly one of ge, gt, le or lt");
    return std::nullopt;
  }
  return result;
}

std::optional<std::vector<std::string>> read_list(FileContext& context, const YAML::Node& node, const std::string& path) {
  if (!node.IsSequence() || node.size() == 0) {
    context.error(node.Mark(), path, "expected a non-empty list, got " + describe_node(node));
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar() || node[i].Scalar().empty()) {
      context.error(node[i].Mark(), path + "[" + std::to_string(i) + "]", "expected text, got " + describe_node(node[i]));
      return std::nullopt;
    }
    items.push_back(node[i].Scalar());
  }
  return items;
}

}  // namespace

std::optional<Condition> read_condition(FileContext& context, const YAML::Node& node, const std::string& path) {
  MapReader map(context, node, path);
  if (!map.is_map()) return std::nullopt;
  if (node.size() == 0) {
    context.error(node.Mark(), path, "empty condition; expected one of " + [] {
      std::string all;
      for (const auto& form : kConditionForms) all += (all.empty() ? "" : ", ") + form;
      return all;
    }());
    return std::nullopt;
  }
  Condition condition;
  condition.line = node.Mark().line + 1;
  std::optional<Condition> result;
  int forms = 0;
  auto list_of_conditions = [&](const char* key, Condition::Op op) {
    auto child = map.optional(key);
    if (!child) return;
    ++forms;
    const std::string child_path = map.child_path(key);
    if (!child->IsSequence() || child->size() == 0) {
      context.error(child->Mark(), child_path, "expected a non-empty list of conditions, got " + describe_node(*child));
      return;
    }
    condition.op = op;
    bool ok = true;
    for (std::size_t i = 0; i < child->size(); ++i) {
      auto item = read_condition(context, (*child)[i], child_path + "[" + std::to_string(i) + "]");
      if (item) condition.children.push_back(std::move(*item));
      else ok = false;
    }
    if (ok) result = condition;
  };
  list_of_conditions("all", Condition::Op::All);
  list_of_conditions("any", Condition::Op::Any);
  if (auto child = map.optional("not")) {
    ++forms;
    if (auto inner = read_condition(context, *child, map.child_path("not"))) {
      condition.op = Condition::Op::Not;
      condition.children.push_back(std::move(*inner));
      result = condition;
    }
  }
  auto test = [&](spec::Condition c, auto value) {
    c.op = Condition::Op::Test;
    c.test = value;
    result = c;
  };
  if (auto metric = map.optional("metric")) {
    ++forms;
    if (auto metric_test = read_metric_test(map, *metric)) {
      metric_test->line = condition.line;
      result = metric_test;
    }
  } else {
    for (const char* key : {"ge", "gt", "le", "lt"}) {
      if (map.optional(key)) {
        context.error(node.Mark(), map.child_path(key), "a comparison needs a 'metric' to compare");
      }
    }
  }
  if (auto value = map.optional("datacenter")) {
    ++forms;
    if (auto flag = bool_value()(context, *value, map.child_path("datacenter"))) test(condition, spec::DatacenterTest{*flag});
  }
  if (auto value = map.optional("item")) {
    ++forms;
    if (value->IsScalar() && (value->Scalar() == "accelerator" || value->Scalar() == "hbm")) {
      test(condition, spec::ItemKindTest{value->Scalar() == "hbm" ? spec::ItemKind::Hbm : spec::ItemKind::Accelerator});
    } else {
      context.error(value->Mark(), map.child_path("item"),
                    unknown_word_message("item kind", *value, {"accelerator", "hbm"}));
    }
  }
  const std::pair<const char*, spec::NameTest::Field> name_tests[] = {{"vendor_in", spec::NameTest::Field::Vendor},
                                                                      {"chip_in", spec::NameTest::Field::Chip},
                                                                      {"market_in", spec::NameTest::Field::Market}};
  for (const auto& [key, field] : name_tests) {
    if (auto value = map.optional(key)) {
      ++forms;
      auto names = read_list(context, *value, map.child_path(key));
      if (names && field == spec::NameTest::Field::Market) {
        const std::vector<std::string> markets(std::begin(spec::kMarketNames), std::end(spec::kMarketNames));
        for (const auto& name : *names) {
          if (std::find(markets.begin(), markets.end(), name) != markets.end()) continue;
          context.error(value->Mark(), map.child_path(key), unknown_word_message("market", YAML::Node(name), markets));
          names.reset();
          break;
        }
      }
      if (names) test(condition, spec::NameTest{field, *names});
    }
  }
  const std::pair<const char*, spec::PlaceTest::Party> place_tests[] = {
      {"destination_in", spec::PlaceTest::Party::Destination}, {"end_user_hq_in", spec::PlaceTest::Party::EndUserHq}};
  for (const auto& [key, party] : place_tests) {
    if (auto value = map.optional(key)) {
      ++forms;
      if (auto places = read_list(context, *value, map.child_path(key))) test(condition, spec::PlaceTest{party, *places});
    }
  }
  if (auto value = map.optional("eccn_in")) {
    ++forms;
    if (auto eccns = read_list(context, *value, map.child_path("eccn_in"))) test(condition, spec::EccnTest{*eccns});
  }
  map.finish();
  if (forms > 1) {
    context.error(node.Mark(), path, "a condition has exactly one form; combine several with 'all' or 'any'");
    return std::nullopt;
  }
  return result;
}

Converter<Date> date_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) -> std::optional<Date> {
    auto date = Date::parse(node.IsScalar() ? node.Scalar() : "");
    if (!date) context.error(node.Mark(), path, "expected a date YYYY-MM-DD, got " + describe_node(node));
    return date;
  };
}

Converter<std::vector<std::string>> text_list_value() {
  return [](FileContext& context, const YAML::Node& node, const std::string& path) {
    return read_list(context, node, path);
  };
}

}  // namespace chipgap::catalog::detail
