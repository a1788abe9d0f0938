// SPDX-License-Identifier: Apache-2.0
// The native half of the `chipgap` Python package (python/chipgap/): the library's engines behind one
// object. Every query but the vectorised classification goes through api::Api, the HTTP API as a pure
// function, so Python gets the same JSON contract, limits and located errors as the server; nothing here
// re-implements a check. Python turns the answers into DataFrames.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/design_knobs.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/catalog/scenarios.hpp"
#include "chipgap/catalog/workloads.hpp"
#include "chipgap/common/date.hpp"
#include "chipgap/common/parallel.hpp"
#include "chipgap/rules/engine.hpp"

namespace py = pybind11;
using namespace chipgap;

namespace {

// Raised to Python as chipgap.DataError: the data directory does not load, with every located error.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
T loaded(Result<T> result, const std::string& what, const std::string& dir) {
  if (!result) throw DataError("the " + what + " in " + dir + " has errors:\n" + to_string(result.errors()));
  return std::move(result).value();
}

Date today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

class Engine {
 public:
  explicit Engine(const std::string& data_dir) : data_dir_(data_dir) {
    auto catalog = loaded(catalog::load_catalog(data_dir), "catalog", data_dir);
    auto rules = loaded(catalog::load_rule_book(data_dir), "rule book", data_dir);
    if (auto typos = catalog::check_names_against_catalog(rules, catalog); !typos.empty()) {
      throw DataError("the rules in " + data_dir + " name parts the catalog lacks:\n" + to_string(typos));
    }
    auto efficiency = loaded(catalog::load_efficiency(data_dir), "efficiency data", data_dir);
    auto scenarios = loaded(catalog::load_scenario_data(data_dir, catalog), "scenario data", data_dir);
    auto workloads = loaded(catalog::load_workloads(data_dir, catalog), "reference workloads", data_dir);
    auto knobs = loaded(catalog::load_design_knobs(data_dir), "design knobs", data_dir);
    // No queueing in a notebook: one caller at a time, and a search is never turned away.
    api_ = std::make_unique<api::Api>(std::move(catalog), std::move(rules), today_utc, std::move(efficiency),
                                      api::HeavyLimits{1, std::chrono::hours(24)});
    api_->enable_workloads(workloads);
    loaded(api_->enable_scenarios(std::move(scenarios), workloads), "scenario setup", data_dir);
    loaded(api_->enable_design(std::move(knobs), workloads), "design setup", data_dir);
  }

  // One API request: (status, JSON body).
  std::tuple<int, std::string> request(const std::string& method, const std::string& path, const std::map<std::string, std::string>& query,
                                       const std::string& body) const {
    api::Request r{method, path, query, body, body.empty() ? "" : "application/json"};
    api::Response response;
    {
      py::gil_scoped_release release;  // searches take seconds; let other Python threads run
      response = api_->handle(r);
    }
    return {response.status, response.body};
  }

  // Every chip × date × destination: (chip, date, destination, status, authorization, review_policy, eccn,
  // undetermined). Unknown names raise with suggestions (as the API's 404s do).
  std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string, bool>> classify_many(
      const std::vector<std::string>& chips, const std::vector<std::string>& dates, const std::vector<std::string>& destinations) const {
    std::vector<rules::Item> items;
    for (const auto& name : chips) {
      if (const auto* chip = api_->catalog().find_accelerator(name)) {
        items.push_back(rules::make_item(*chip));
      } else if (const auto* system = api_->catalog().find_system(name)) {
        items.push_back(rules::make_item(*system, api_->catalog().chip_of(*system)));
      } else {
        std::string hint;
        for (const auto& s : api_->catalog().suggest_accelerators(name)) hint += (hint.empty() ? "" : ", ") + s;
        throw py::key_error("no chip or system '" + name + "' in the catalog" + (hint.empty() ? "" : "; did you mean " + hint + "?"));
      }
    }
    std::vector<Date> parsed;
    for (const auto& text : dates) {
      const auto date = Date::parse(text);
      if (!date) throw py::value_error("'" + text + "' is not a date; write YYYY-MM-DD");
      parsed.push_back(*date);
    }
    using Row = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string, bool>;
    const std::size_t per_item = parsed.size() * destinations.size();
    std::vector<Row> rows(items.size() * per_item);
    std::vector<std::string> errors(rows.size());
    {
      // On every core, without the GIL: one verdict per row, each row its own slot.
      py::gil_scoped_release release;
      parallel_for(rows.size(), 0, [&](std::size_t i) {
        const auto& item = items[i / per_item];
        const std::size_t d = (i % per_item) / destinations.size();
        const std::string& to = destinations[i % destinations.size()];
        auto v = rules::classify(api_->rules(), item, rules::Query{to, parsed[d], std::nullopt, {}});
        if (!v) {
          errors[i] = to_string(v.errors());
          return;
        }
        rows[i] = Row{item.name, dates[d], v->destination, v->status(),
                      std::string(spec::to_string(v->authorization_in_every_case.value_or(v->authorization))),
                      v->review_policy ? std::string(spec::to_string(*v->review_policy)) : "", v->eccn.value_or(""),
                      v->indeterminate && !v->authorization_in_every_case};
      });
    }
    for (const auto& e : errors) {
      if (!e.empty()) throw py::key_error(e);  // an unknown destination, with suggestions
    }
    return rows;
  }

  const std::string& data_dir() const { return data_dir_; }

 private:
  std::string data_dir_;
  std::unique_ptr<api::Api> api_;
};

}  // namespace

PYBIND11_MODULE(_chipgap, m) {
  m.doc() = "chipgap's engines (use the chipgap package, which wraps this)";
  m.attr("BUILTIN_DATA_DIR") = CHIPGAP_DATA_DIR;
  static py::exception<DataError> data_error(m, "DataError");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const DataError& e) {
      data_error(e.what());
    }
  });
  py::class_<Engine>(m, "Engine")
      .def(py::init<const std::string&>(), py::arg("data_dir"))
      .def("request", &Engine::request, py::arg("method"), py::arg("path"), py::arg("query"), py::arg("body"))
      .def("classify_many", &Engine::classify_many, py::arg("chips"), py::arg("dates"), py::arg("destinations"))
      .def_property_readonly("data_dir", &Engine::data_dir);
}
