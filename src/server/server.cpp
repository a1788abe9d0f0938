// SPDX-License-Identifier: Apache-2.0
#include "chipgap/server/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>

#include "chipgap/common/text.hpp"
#include "connection_watch.hpp"

namespace chipgap::server {

struct Server::Impl {
  Impl(Handler handler, Options options)
      : handler(std::move(handler)), options(std::move(options)),
        watch(std::chrono::milliseconds(this->options.request_deadline_ms)) {}
  Handler handler;
  Options options;
  detail::ConnectionWatch watch;
  // Large bodies are parsed and answered one at a time: decoding a megabyte of JSON costs tens of
  // milliseconds, and eight at once took both cores from the small requests queued behind them.
  std::mutex large_body;
  httplib::Server http;
  int port = -1;
  int listen_fd = -1;
};

namespace {

api::Request to_request(const httplib::Request& req, std::string body) {
  api::Request request{req.method, req.path, {}, std::move(body), req.get_header_value("Content-Type")};
  for (const auto& [key, value] : req.params) request.query[key] = value;
  return request;
}

const char* reason(int status) {
  switch (status) {
    case 400: return "malformed";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 413: return "too_large";
    case 414: return "too_large";
    case 416: return "range_not_satisfiable";
    default: return status >= 500 ? "internal" : "invalid";
  }
}

void send_error(httplib::Response& res, int status, const std::string& message, const std::string& where = "") {
  const api::Response response = api::Api::error(status, reason(status), message, where);
  res.status = status;
  res.set_content(response.body, response.content_type.c_str());
}

// "127.0.0.1:8080" -> "127.0.0.1", "[::1]:8080" -> "::1", "localhost" -> "localhost".
std::string host_name(const std::string& header) {
  if (!header.empty() && header.front() == '[') {
    const auto close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  return header.substr(0, header.rfind(':'));
}

bool is_allowed_host(const std::string& header, const Options& options) {
  if (header.empty()) return true;  // HTTP/1.0 clients; a browser always sends one
  std::string name = host_name(header);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name == "localhost" || name == "127.0.0.1" || name == "::1" || name == options.host) return true;
  // Bound to every interface: the operator chose to be reachable by whatever name points here.
  if (options.host == "0.0.0.0" || options.host == "::") return true;
  return std::find(options.allowed_hosts.begin(), options.allowed_hosts.end(), name) != options.allowed_hosts.end();
}

// Above this a request body is large: no request the dashboard or the documented API sends comes near it.
constexpr std::size_t kLargeBodyBytes = 64 * 1024;

// The dashboard loads only its own files and talks only to this server.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

}  // namespace

Server::Server(const api::Api& api, Options options)
    : Server([&api](const api::Request& request) { return api.handle(request); }, std::move(options)) {}

Server::Server(Handler handler, Options options) : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {
  auto& http = impl_->http;
  const Options& opts = impl_->options;
  const std::size_t threads = opts.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(opts.max_body_bytes);
  http.set_read_timeout(opts.timeout_seconds, 0);
  http.set_write_timeout(opts.timeout_seconds, 0);
  http.set_keep_alive_timeout(5);
  // Small JSON answers: without TCP_NODELAY each waits for the peer's delayed ACK (~40 ms).
  http.set_tcp_nodelay(true);
  // httplib's own options (address reuse), and the listening socket kept so that bind() can raise the
  // backlog the library fixes at 5: bursts of connections would otherwise be refused.
  http.set_socket_options([impl = impl_.get()](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    impl->listen_fd = sock;
  });

  // Runs before any body is read: requests refused here cost nothing.
  http.set_pre_routing_handler([impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
    impl->watch.request_started(req.remote_addr, req.remote_port);
    if (!is_allowed_host(req.get_header_value("Host"), impl->options)) {
      send_error(res, 403, "this server answers only to localhost and its own address (Host '" +
                               printable(req.get_header_value("Host")) + "'); start it with --allow-host to add a name",
                 "Host");
      return httplib::Server::HandlerResponse::Handled;
    }
    // One range per request: many overlapping ranges of one file multiply the answer's size (an 8 KB
    // header once asked for 1.5 GB). httplib has already parsed them into the request it owns and hands
    // over as const; they are cleared there so that it does not apply them to the error either.
    // API answers are small JSON documents: a range of one is never useful, so Range is ignored there.
    if (req.path.rfind("/api/", 0) == 0 && req.ranges.size() == 1) const_cast<httplib::Request&>(req).ranges.clear();
    if (req.ranges.size() > 1) {
      const_cast<httplib::Request&>(req).ranges.clear();
      send_error(res, 416, "only one byte range per request is served", "Range");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto answer = [impl = impl_.get()](const httplib::Request& req, std::string body, httplib::Response& res) {
    std::unique_lock one_at_a_time(impl->large_body, std::defer_lock);
    if (body.size() > kLargeBodyBytes) one_at_a_time.lock();
    const api::Response response = impl->handler(to_request(req, std::move(body)));
    res.status = response.status;
    res.set_content(response.body, response.content_type.c_str());
  };
  auto serve = [answer](const httplib::Request& req, httplib::Response& res) { answer(req, req.body, res); };
  // Requests with a body read it through a receiver that counts: httplib checks Content-Length against
  // the limit but not the total of a chunked body.
  auto serve_body = [impl = impl_.get(), answer](const httplib::Request& req, httplib::Response& res,
                                                 const httplib::ContentReader& content_reader) {
    std::string body;
    bool too_large = false, too_slow = false;
    const std::size_t limit = impl->options.max_body_bytes;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(impl->options.request_deadline_ms);
    const bool complete = content_reader([&](const char* data, std::size_t length) {
      if (body.size() + length > limit) {
        too_large = true;
        return false;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        too_slow = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (too_large || res.status == 413) {
      send_error(res, 413, "the request body is larger than the server accepts (" + std::to_string(limit) + " bytes)",
                 "body");
      res.set_header("Connection", "close");  // the rest of the body is never read
      return;
    }
    if (too_slow) {
      send_error(res, 408, "the request body did not arrive within " + std::to_string(impl->options.request_deadline_ms) + " ms",
                 "body");
      res.set_header("Connection", "close");
      return;
    }
    if (!complete) {
      send_error(res, 400, "the request body could not be read (cut short, or malformed chunked encoding)", "body");
      res.set_header("Connection", "close");
      return;
    }
    answer(req, std::move(body), res);
  };
  const char* api_paths = R"(/api/.*)";
  http.Get(api_paths, serve);
  http.Delete(api_paths, serve);
  http.Post(api_paths, serve_body);
  http.Put(api_paths, serve_body);
  http.Patch(api_paths, serve_body);

  const std::string& web = opts.web_dir;
  std::error_code ec;
  if (!web.empty() && std::filesystem::is_directory(web, ec)) http.set_mount_point("/", web);

  http.set_post_routing_handler([impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
    impl->watch.request_finished(req.remote_addr, req.remote_port);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  });

  // Errors the library produces itself (413, 404 for a missing file, 400) get the API's JSON body too.
  // Nothing here may throw: httplib calls it outside its exception handler.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = "HTTP " + std::to_string(res.status);
    if (res.status == 413) message = "the request body is larger than the server accepts";
    if (res.status == 404) message = "nothing at " + printable(req.path);
    static const char* known_methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    if (res.status == 400 && std::none_of(std::begin(known_methods), std::end(known_methods),
                                          [&](const char* m) { return req.method == m; })) {
      res.status = 405;
      message = "the method '" + printable(req.method, 20) + "' is not served; use GET or POST";
    }
    try {
      send_error(res, res.status, message);
    } catch (...) {
      res.set_content(R"({"error":{"kind":"internal","message":"error","where":""}})", "application/json");
    }
    res.set_header("X-Content-Type-Options", "nosniff");
  });
  // The last line of defence: a handler that throws is a bug, answered with a 500 and reported, and the
  // server goes on serving.
  http.set_exception_handler([impl = impl_.get()](const httplib::Request& req, httplib::Response& res,
                                                  std::exception_ptr thrown) {
    std::string what = "unknown exception";
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    if (impl->options.log) impl->options.log(req.method + " " + printable(req.path) + ": " + printable(what, 400));
    send_error(res, 500, "internal error; please report it");
  });
}

Server::~Server() { stop(); }

bool Server::bind() {
  auto& impl = *impl_;
  if (impl.options.port == 0) {
    impl.port = impl.http.bind_to_any_port(impl.options.host.c_str());
  } else {
    impl.port = impl.http.bind_to_port(impl.options.host.c_str(), impl.options.port) ? impl.options.port : -1;
  }
  if (impl.port < 0) {
    error_ = "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
             " (address in use or not available)";
    return false;
  }
  // listen() again on a listening socket only changes its backlog.
  if (impl.listen_fd >= 0) ::listen(impl.listen_fd, SOMAXCONN);
  return true;
}

int Server::port() const { return impl_->port; }

void Server::run() {
  impl_->watch.start(impl_->port);
  impl_->http.listen_after_bind();
  impl_->watch.stop();
}

void Server::stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace chipgap::server
