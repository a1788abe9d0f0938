// SPDX-License-Identifier: Apache-2.0
// What every request must be before an endpoint reads it: UTF-8 text without control characters in its
// path and query, and a JSON body that is an object of bounded depth, without duplicate keys or numbers
// out of range. The checks run before anything is echoed or parsed into a tree, so that no request can
// make the server recurse, throw from a serializer or allocate in proportion to its nesting.
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

#include "api_error.hpp"
#include "chipgap/common/names.hpp"
#include "chipgap/common/text.hpp"

namespace chipgap::api::detail {
namespace {

using nlohmann::json;

// Deeper than any request the API documents (a spec object is three levels) with room to spare.
constexpr std::size_t kMaxDepth = 32;

void check_text(const std::string& text, const std::string& what, const std::string& where) {
  if (auto bad = first_invalid_utf8(text)) {
    throw ApiError(400, "malformed", "the " + what + " is not valid UTF-8 (byte " + std::to_string(*bad + 1) + ")",
                   where);
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      throw ApiError(400, "malformed",
                     "the " + what + " contains a control character (byte " + std::to_string(i + 1) + ")", where);
    }
  }
}

// A SAX pass over the body that builds nothing: it stops at the first problem and says where it is.
class BodyChecker : public nlohmann::json_sax<json> {
 public:
  std::string problem;
  std::size_t position = 0;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t value, const string_t& text) override {
    if (std::isfinite(value)) return true;
    return fail("the number " + printable(text) + " is out of range");
  }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return deeper();
  }
  bool key(string_t& name) override {
    if (!keys_.back().insert(name).second) return fail("the key '" + printable(name) + "' appears twice in one object");
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return deeper(); }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) override {
    position = byte;
    // nlohmann's message starts with its own "[json.exception...]" tag; the part after it is the useful one.
    std::string message = e.what();
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    if (e.id == 406) message = "a number is out of range (" + message + ")";
    problem = "the body is not valid JSON: " + printable(message, 200);
    return false;
  }

 private:
  bool deeper() {
    if (++depth_ > kMaxDepth) return fail("the body is nested more than " + std::to_string(kMaxDepth) + " levels deep");
    return true;
  }
  bool fail(std::string message) {
    problem = std::move(message);
    return false;
  }
  std::size_t depth_ = 0;
  std::vector<std::set<std::string>> keys_;
};

bool is_json_media_type(const std::string& content_type) {
  std::string media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == "application/json";
}

}  // namespace

void check_request_text(const Request& request) {
  check_text(request.path, "path", "path");
  for (const auto& [key, value] : request.query) {
    check_text(key, "name of a query parameter", "query");
    check_text(value, "query parameter '" + printable(key) + "'", printable(key));
  }
}

nlohmann::json object_body(const Request& request, const std::vector<std::string>& known) {
  // JSON only: a form or text/plain POST is what another web page can send to a local server without
  // the browser asking first (no CORS preflight), so those are refused before the body is read.
  if (!is_json_media_type(request.content_type)) {
    throw ApiError(415, "unsupported_media_type",
                   "send the body as JSON with 'Content-Type: application/json'" +
                       (request.content_type.empty() ? std::string() : " (got '" + printable(request.content_type) + "')"),
                   "Content-Type");
  }
  if (request.body.rfind("\xEF\xBB\xBF", 0) == 0) {
    throw ApiError(400, "malformed", "the body starts with a byte-order mark; send UTF-8 JSON without one", "body");
  }
  if (auto bad = first_invalid_utf8(request.body)) {
    throw ApiError(400, "malformed", "the body is not valid UTF-8 (byte " + std::to_string(*bad + 1) + ")", "body");
  }
  BodyChecker checker;
  if (!json::sax_parse(request.body, &checker)) throw ApiError(400, "malformed", checker.problem, "body");
  json body = json::parse(request.body);  // cannot fail now: the same text just passed the same parser
  if (!body.is_object()) throw ApiError(400, "malformed", "the body must be a JSON object", "body");
  for (const auto& [key, value] : body.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string hint = did_you_mean(closest_names(key, known, 1));
    throw ApiError(422, "invalid", "unknown field '" + printable(key) + "'" + (hint.empty() ? "" : "; " + hint), key);
  }
  return body;
}

}  // namespace chipgap::api::detail
