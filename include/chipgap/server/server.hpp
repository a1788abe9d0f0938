// SPDX-License-Identifier: Apache-2.0
// The HTTP front end: serves API v1 (through api::Api) and the dashboard's built files. Loopback by
// default, a fixed thread pool, request-body limits that hold for chunked bodies, socket timeouts and a
// deadline for slow senders, a Host check against DNS rebinding and security headers on every answer.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "chipgap/api/api.hpp"

namespace chipgap::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port
  std::string web_dir;                    // built dashboard; empty or missing: API only
  // Each open connection holds a worker while it sends its request, so a few slow clients must not be
  // able to take them all: many more workers than cores, most of them idle.
  std::size_t threads = 48;
  std::size_t max_body_bytes = 1 << 20;   // larger bodies get 413, chunked or not
  int timeout_seconds = 10;               // read and write timeouts per request
  // A request's line and headers, and then its body, must each arrive within this: the read timeout restarts
  // with every byte, so without it a client sending a byte every few seconds would hold a worker for ever.
  int request_deadline_ms = 10000;
  // Extra Host header values to accept besides the bound address, localhost and the loopback
  // addresses (e.g. a name a reverse proxy uses). Any other Host is refused: a web page served from
  // some other name that resolves to 127.0.0.1 (DNS rebinding) cannot read this server's answers.
  std::vector<std::string> allowed_hosts;
  // Where to report a handler that threw (the server answers 500 and goes on); default: nowhere.
  std::function<void(const std::string&)> log;
};

// What answers a request under /api: normally api::Api::handle.
using Handler = std::function<api::Response(const api::Request&)>;

class Server {
 public:
  Server(const api::Api& api, Options options);
  Server(Handler handler, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns false (with `error()` set) when the address is taken or invalid.
  bool bind();
  int port() const;
  const std::string& error() const { return error_; }
  // Serves until stop() is called from another thread or a signal handler.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace chipgap::server
