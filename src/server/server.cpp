// SPDX-License-Identifier: Apache-2.0
#include "chipgap/server/server.hpp"

#include <httplib.h>

#include <filesystem>

namespace chipgap::server {

struct Server::Impl {
  Impl(const api::Api& api, Options options) : api(api), options(std::move(options)) {}
  const api::Api& api;
  Options options;
  httplib::Server http;
  int port = -1;
};

namespace {

api::Request to_request(const httplib::Request& req) {
  api::Request request{req.method, req.path, {}, req.body};
  for (const auto& [key, value] : req.params) request.query[key] = value;
  return request;
}

const char* reason(int status) {
  switch (status) {
    case 400: return "malformed";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 413: return "too_large";
    case 414: return "too_large";
    default: return status >= 500 ? "internal" : "invalid";
  }
}

}  // namespace

Server::Server(const api::Api& api, Options options) : impl_(std::make_unique<Impl>(api, std::move(options))) {
  auto& http = impl_->http;
  const std::size_t threads = impl_->options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(impl_->options.max_body_bytes);
  http.set_read_timeout(impl_->options.timeout_seconds, 0);
  http.set_write_timeout(impl_->options.timeout_seconds, 0);
  http.set_keep_alive_timeout(5);
  // Small JSON answers: without TCP_NODELAY each waits for the peer's delayed ACK (~40 ms).
  http.set_tcp_nodelay(true);

  const api::Api& handler = impl_->api;
  auto serve = [&handler](const httplib::Request& req, httplib::Response& res) {
    const api::Response response = handler.handle(to_request(req));
    res.status = response.status;
    res.set_content(response.body, response.content_type.c_str());
  };
  const char* api_paths = R"(/api/.*)";
  http.Get(api_paths, serve);
  http.Post(api_paths, serve);
  http.Put(api_paths, serve);
  http.Delete(api_paths, serve);
  http.Patch(api_paths, serve);

  const std::string& web = impl_->options.web_dir;
  std::error_code ec;
  if (!web.empty() && std::filesystem::is_directory(web, ec)) http.set_mount_point("/", web);

  // Errors the library produces itself (413, 404 for a missing file, 400) get the API's JSON body too.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = "HTTP " + std::to_string(res.status);
    if (res.status == 413) message = "the request body is larger than the server accepts";
    if (res.status == 404) message = "nothing at " + req.path;
    const api::Response response = api::Api::error(res.status, reason(res.status), message, "");
    res.set_content(response.body, response.content_type.c_str());
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    const api::Response response = api::Api::error(500, "internal", "internal error; please report it", "");
    res.status = 500;
    res.set_content(response.body, response.content_type.c_str());
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
  return true;
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace chipgap::server
