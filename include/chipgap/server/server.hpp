// SPDX-License-Identifier: Apache-2.0
// The HTTP front end: serves API v1 (through api::Api) and the dashboard's built files. Loopback by
// default, a fixed thread pool, a request-body limit and socket timeouts.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "chipgap/api/api.hpp"

namespace chipgap::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port
  std::string web_dir;                    // built dashboard; empty or missing: API only
  std::size_t threads = 8;
  std::size_t max_body_bytes = 1 << 20;   // larger bodies get 413
  int timeout_seconds = 10;               // read and write timeouts per request
};

class Server {
 public:
  Server(const api::Api& api, Options options);
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
