// SPDX-License-Identifier: Apache-2.0
// Every bad request is a 4xx with a JSON error that says what and where: a declarative table sent as
// raw bytes over a socket (so that nothing a client library would fix up is fixed up), plus the server's
// last line of defence (a handler that throws) and the defects found from outside, each a regression test.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "chipgap/api/api.hpp"
#include "chipgap/catalog/perf_data.hpp"
#include "chipgap/server/server.hpp"
#include "loopback_server.hpp"

namespace chipgap {
namespace {

using nlohmann::json;

// One connection: sends `raw`, reads until the server closes or `Content-Length` bytes of body arrived.
struct RawResponse {
  int status = 0;
  std::string headers;
  std::string body;
};

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

RawResponse exchange(int port, const std::string& raw) {
  RawResponse response;
  const int fd = connect_to(port);
  if (fd < 0) return response;
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything (413)
    sent += static_cast<std::size_t>(n);
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    const auto end = text.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const auto length_at = text.find("Content-Length: ");
    if (length_at != std::string::npos && length_at < end) {
      const std::size_t length = std::stoul(text.substr(length_at + 16));
      if (text.size() >= end + 4 + length) break;
    }
  }
  ::close(fd);
  const auto end = text.find("\r\n\r\n");
  if (text.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return response;
  response.status = std::stoi(text.substr(9, 3));
  response.headers = text.substr(0, end);
  response.body = text.substr(end + 4);
  return response;
}

std::string post(const std::string& path, const std::string& body, const std::string& content_type = "application/json") {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}
std::string get(const std::string& path, const std::string& extra_headers = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers + "\r\n";
}
std::string chunked(const std::string& path, const std::vector<std::string>& chunks) {
  std::string raw = "POST " + path +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
  char size[32];
  for (const auto& chunk : chunks) {
    std::snprintf(size, sizeof(size), "%zx\r\n", chunk.size());
    raw += size + chunk + "\r\n";
  }
  return raw + "0\r\n\r\n";
}
std::string nested(std::size_t depth) { return "{\"chip\": \"H20\", \"to\": \"CN\", \"spec\": " + std::string(depth, '[') + std::string(depth, ']') + "}"; }

class BadRequests : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server::Options options;
    options.max_body_bytes = 64 * 1024;
    options.timeout_seconds = 3;
    server_ = new testing::LoopbackServer(options);
  }
  static void TearDownTestSuite() { delete server_; }
  static int port() { return server_->port(); }

  static inline testing::LoopbackServer* server_ = nullptr;
};

struct BadRequest {
  const char* what;
  std::string raw;
  int status;
  const char* kind;
  const char* message;  // a part of the error message
};

TEST_F(BadRequests, EachGetsA4xxWithAJsonErrorThatSaysWhatAndWhere) {
  const std::string classify = "/api/v1/classify";
  const std::vector<BadRequest> table = {
      {"invalid UTF-8 in a path outside the API (once killed the server)", get("/%ff"), 404, "not_found", "nothing at /\\xff"},
      {"invalid UTF-8 in an API path", get("/api/v1/chips/%ff%fe"), 400, "malformed", "path is not valid UTF-8"},
      {"invalid UTF-8 in a query", get("/api/v1/verdicts?dest=%c3%28"), 400, "malformed", "query parameter 'dest' is not valid UTF-8"},
      {"a NUL byte in a path", get("/api/v1/chips/H20%00"), 400, "malformed", "control character"},
      {"a NUL byte in a query", get("/api/v1/verdicts?dest=CN%00"), 400, "malformed", "control character"},
      {"invalid UTF-8 in a body", post(classify, "{\"chip\": \"H\xff\", \"to\": \"CN\"}"), 400, "malformed", "body is not valid UTF-8"},
      {"a NUL byte in a body", post(classify, std::string("{\"chip\": \"H20\0\", \"to\": \"CN\"}", 27)), 400, "malformed", "not valid JSON"},
      {"a byte-order mark", post(classify, "\xEF\xBB\xBF{\"chip\": \"H20\", \"to\": \"CN\"}"), 400, "malformed", "byte-order mark"},
      {"a number out of range", post("/api/v1/train", "{\"model\": \"llama3-8b\", \"chip\": \"H100 SXM\", \"count\": 1e400}"), 400, "malformed", "out of range"},
      {"a key given twice", post(classify, "{\"chip\": \"H20\", \"to\": \"CN\", \"to\": \"US\"}"), 400, "malformed", "'to' appears twice"},
      {"nesting 100,000 deep (once crashed the server)", post(classify, nested(100000)), 413, "too_large", "larger than"},
      {"nesting 5,000 deep, under the size limit", post(classify, nested(5000)), 400, "malformed", "nested more than 32 levels"},
      {"a spec nested 40 deep", post(classify, nested(40)), 400, "malformed", "nested more than 32 levels"},
      {"text/plain, which any web page can send", post(classify, "{\"chip\": \"H20\", \"to\": \"CN\"}", "text/plain"), 415, "unsupported_media_type", "application/json"},
      {"a form", post(classify, "chip=H20&to=CN", "application/x-www-form-urlencoded"), 415, "unsupported_media_type", "application/json"},
      {"no Content-Type", "POST /api/v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", 415, "unsupported_media_type", "application/json"},
      {"a chunked body within the limit, malformed", chunked(classify, {"{\"chip\": ", "\"H20\", \"to\": \"CN\""}), 400, "malformed", "not valid JSON"},
      {"a chunked body over the limit", chunked(classify, std::vector<std::string>(20, std::string(8192, ' '))), 413, "too_large", "larger than"},
      {"a Content-Length over the limit", post(classify, std::string(70 * 1024, ' ')), 413, "too_large", "larger than"},
      {"many overlapping ranges", get("/api/v1/chips", "Range: bytes=0-,0-,0-,0-,0-,0-,0-,0-\r\n"), 416, "range_not_satisfiable", "one byte range"},
      {"an unknown method", "BREW /api/v1/chips HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 405, "method_not_allowed", "'BREW'"},
      {"a known method on the wrong endpoint", "DELETE /api/v1/chips HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 405, "method_not_allowed", "use GET"},
      {"another site's name (DNS rebinding)", "GET /api/v1/chips HTTP/1.1\r\nHost: attacker.example:8080\r\nConnection: close\r\n\r\n", 403, "forbidden", "localhost"},
      {"a megabyte-long name", get("/api/v1/chips/" + std::string(7000, 'x')), 404, "not_found", "no accelerator named 'xxxx"},
      {"a body that is not an object", post(classify, "[1, 2]"), 400, "malformed", "must be a JSON object"},
      {"a spec that is a string", post(classify, "{\"spec\": \"H20\", \"to\": \"CN\"}"), 422, "invalid", ""},
  };
  for (const auto& bad : table) {
    const RawResponse response = exchange(port(), bad.raw);
    EXPECT_EQ(response.status, bad.status) << bad.what << "\n" << response.headers << "\n" << response.body.substr(0, 300);
    json body = json::parse(response.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << bad.what << ": " << response.body.substr(0, 300);
    EXPECT_EQ(body["error"]["kind"], bad.kind) << bad.what;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(bad.message), std::string::npos)
        << bad.what << ": " << body["error"]["message"];
    EXPECT_NE(response.headers.find("X-Content-Type-Options: nosniff"), std::string::npos) << bad.what;
  }
  // The server is still up and answering.
  EXPECT_EQ(exchange(port(), get("/api/v1/chips/H20")).status, 200);
}

TEST_F(BadRequests, IgnoresOneRangeAndSendsSecurityHeaders) {
  // API answers ignore a single range (a slice of a JSON document is of no use); files honour one.
  const RawResponse ranged = exchange(port(), get("/api/v1/chips/H20", "Range: bytes=0-9\r\n"));
  EXPECT_EQ(ranged.status, 200);
  EXPECT_TRUE(json::parse(ranged.body, nullptr, false).is_object());
  const RawResponse whole = exchange(port(), get("/api/v1/chips/H20", "Host: localhost:1234\r\n"));
  EXPECT_EQ(whole.status, 200);
  EXPECT_NE(whole.headers.find("Content-Security-Policy: default-src 'self'"), std::string::npos);
  EXPECT_EQ(whole.headers.find("Access-Control-Allow-Origin"), std::string::npos);
}

TEST_F(BadRequests, CheapRequestsAreAnsweredWhileSlowClientsHoldConnections) {
  // Eight clients that send one header line and then nothing (a slowloris): before, eight were enough to
  // stop the server answering anyone.
  std::vector<int> slow;
  for (int i = 0; i < 8; ++i) {
    const int fd = connect_to(port());
    ASSERT_GE(fd, 0);
    const std::string start = "GET /api/v1/chips HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    ASSERT_GT(::send(fd, start.data(), start.size(), MSG_NOSIGNAL), 0);
    slow.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const RawResponse response = exchange(port(), get("/api/v1/chips/H20"));
  EXPECT_EQ(response.status, 200);
  for (int fd : slow) ::close(fd);
}

TEST(ServerDefence, AThrowingHandlerBecomesALogged500AndTheServerStaysUp) {
  std::vector<std::string> logged;
  std::mutex log_mutex;
  server::Options options;
  options.port = 0;
  options.log = [&](const std::string& line) {
    std::lock_guard lock(log_mutex);
    logged.push_back(line);
  };
  int calls = 0;
  server::Server server(
      [&](const api::Request&) -> api::Response {
        if (++calls == 1) throw std::logic_error("a bug in a handler");
        return {200, "{\"ok\":true}", "application/json"};
      },
      options);
  ASSERT_TRUE(server.bind());
  std::thread thread([&] { server.run(); });
  const RawResponse first = exchange(server.port(), get("/api/v1/anything"));
  const RawResponse second = exchange(server.port(), get("/api/v1/anything"));
  server.stop();
  thread.join();
  EXPECT_EQ(first.status, 500);
  EXPECT_EQ(json::parse(first.body)["error"]["kind"], "internal");
  EXPECT_EQ(second.status, 200);
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find("a bug in a handler"), std::string::npos);
}

// A request whose headers (or body) trickle in, a byte run every 300 ms, is cut off at the deadline; a
// handler that runs past it is not.
TEST(ServerDefence, SlowSendersAreCutOffAtTheDeadlineLongHandlersAreNot) {
  server::Options options;
  options.port = 0;
  options.request_deadline_ms = 1200;
  server::Server server(
      [](const api::Request&) -> api::Response {
        std::this_thread::sleep_for(std::chrono::milliseconds(2000));  // longer than the deadline
        return {200, "{\"ok\":true}", "application/json"};
      },
      options);
  ASSERT_TRUE(server.bind());
  std::thread thread([&] { server.run(); });

  // Sends `start`, then `line` every 300 ms until the server closes the connection; how long that took.
  auto trickle = [&](const std::string& start, const std::string& line) {
    const int fd = connect_to(server.port());
    EXPECT_GE(fd, 0);
    const auto began = std::chrono::steady_clock::now();
    ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    std::string answer;
    for (int i = 0; i < 40; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) < 0) break;
      char buffer[512];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0) break;
      if (n > 0) {
        answer.append(buffer, static_cast<std::size_t>(n));
        break;
      }
    }
    ::close(fd);
    return std::make_pair(std::chrono::steady_clock::now() - began, answer);
  };
  const auto [headers_time, headers_answer] = trickle("GET /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: 1\r\n");
  EXPECT_LT(headers_time, std::chrono::milliseconds(4000)) << "a header line every 300 ms was never cut off";
  EXPECT_GT(headers_time, std::chrono::milliseconds(900));
  const auto [body_time, body_answer] =
      trickle("POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
              "[1,2,3,4,5]");
  EXPECT_LT(body_time, std::chrono::milliseconds(4000)) << "a body sent 11 bytes every 300 ms was never cut off";
  EXPECT_NE(body_answer.find("408"), std::string::npos) << body_answer;

  // A prompt request whose handler runs past the deadline is answered in full.
  const RawResponse slow_handler = exchange(server.port(), get("/api/v1/anything"));
  EXPECT_EQ(slow_handler.status, 200);
  server.stop();
  thread.join();
}

}  // namespace
}  // namespace chipgap
