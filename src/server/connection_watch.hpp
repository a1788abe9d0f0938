// SPDX-License-Identifier: Apache-2.0
// A deadline on the part of a request the server waits for: its request line and headers. The socket read
// timeout restarts with every byte, so a client sending one header line every few seconds (a slowloris)
// would hold a worker for ever; this watch closes such connections once the deadline passes. httplib gives
// no hook on accepted sockets, so the watch finds them itself: the process's connected sockets on the
// server's port, matched by peer address with the requests the router reports started and finished.
// Private to the server module.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace chipgap::server::detail {

class ConnectionWatch {
 public:
  explicit ConnectionWatch(std::chrono::milliseconds deadline) : deadline_(deadline) {}
  ~ConnectionWatch() { stop(); }
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  // The router has the request's headers (from then on the handler's own limits apply), or has answered it
  // (a kept-alive connection waits for the next one, under the deadline again).
  void request_started(const std::string& address, int port);
  void request_finished(const std::string& address, int port);

  // Watches the connections to `server_port` until stop().
  void start(int server_port);
  void stop();
  std::size_t closed() const;  // connections cut off so far

 private:
  struct Connection {
    std::chrono::steady_clock::time_point waiting_since;
    bool in_request = false;
  };
  void scan(int server_port);

  const std::chrono::milliseconds deadline_;
  mutable std::mutex mutex_;
  std::map<std::string, Connection> connections_;  // by "address port"
  std::size_t closed_ = 0;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace chipgap::server::detail
