// SPDX-License-Identifier: Apache-2.0
// api::Api::handle, the HTTP API as a function of a request, over the built-in catalog, rule book and
// efficiency data. The input is the request, one field a line:
//   method \n path \n query (k=v&k=v, not percent-decoded) \n content type \n body (the rest, any bytes)
// Every answer must be well-formed: a status from 200 to 599 and, for JSON, a body that parses.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

namespace {
const api::Api* service = nullptr;

std::string_view next_line(std::string_view& rest) {
  const std::size_t eol = rest.find('\n');
  const std::string_view line = rest.substr(0, eol);
  rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
  return line;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto catalog = catalog::load_catalog(CHIPGAP_DATA_DIR);
  auto rules = catalog::load_rule_book(CHIPGAP_DATA_DIR);
  auto efficiency = catalog::load_efficiency(CHIPGAP_DATA_DIR);
  if (!catalog || !rules || !efficiency) __builtin_trap();  // the built-in data must load
  service = new api::Api(std::move(catalog).value(), std::move(rules).value(), [] { return Date{2026, 3, 1}; },
                         std::move(efficiency).value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest = fuzz::text_of(data, size);
  api::Request request;
  request.method = next_line(rest);
  request.path = next_line(rest);
  std::string_view query = next_line(rest);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    request.query[std::string(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  request.content_type = next_line(rest);
  request.body = rest;
  // Two endpoints classify every catalog chip (up to 1.2 s an input under ASan): too slow to fuzz well, and
  // their query is read by the same code as /timeline and /headroom, which are fuzzed. The API tests cover them.
  // So do /sweep and /design: a valid body may ask for 2,000 points of the whole catalog or 300,000 designs,
  // seconds each and past the fuzzer's 10 s under ASan; their bad bodies are tested in api_server_test.
  std::vector<std::string_view> parts;
  for (std::size_t at = 0; at <= request.path.size();) {
    const std::size_t slash = std::min(request.path.find('/', at), request.path.size());
    if (slash > at) parts.push_back(std::string_view(request.path).substr(at, slash - at));
    at = slash + 1;
  }
  if (parts.size() >= 3 && parts[0] == "api" && parts[1] == "v1" &&
      (parts[2] == "verdicts" || parts[2] == "sweep" || parts[2] == "design" ||
       (parts[2] == "rules" && parts.size() >= 4 && parts[3] == "diff"))) {
    return 0;
  }
  const api::Response response = service->handle(request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  if (response.content_type == "application/json" && !nlohmann::json::accept(response.body)) __builtin_trap();
  return 0;
}
