// SPDX-License-Identifier: Apache-2.0
#include "connection_watch.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

namespace chipgap::server::detail {
namespace {

std::string key(const std::string& address, int port) { return address + " " + std::to_string(port); }

// The peer of a connected TCP socket whose local port is `server_port`, as "address port"; empty otherwise.
std::string peer_of(int fd, int server_port) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) return "";
  sockaddr_storage local{}, peer{};
  socklen_t local_size = sizeof(local), peer_size = sizeof(peer);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) return "";
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) return "";  // listening, not connected
  char text[INET6_ADDRSTRLEN] = {};
  if (local.ss_family == AF_INET && peer.ss_family == AF_INET) {
    const auto& l = reinterpret_cast<const sockaddr_in&>(local);
    const auto& p = reinterpret_cast<const sockaddr_in&>(peer);
    if (ntohs(l.sin_port) != server_port || !::inet_ntop(AF_INET, &p.sin_addr, text, sizeof(text))) return "";
    return key(text, ntohs(p.sin_port));
  }
  if (local.ss_family == AF_INET6 && peer.ss_family == AF_INET6) {
    const auto& l = reinterpret_cast<const sockaddr_in6&>(local);
    const auto& p = reinterpret_cast<const sockaddr_in6&>(peer);
    if (ntohs(l.sin6_port) != server_port || !::inet_ntop(AF_INET6, &p.sin6_addr, text, sizeof(text))) return "";
    return key(text, ntohs(p.sin6_port));
  }
  return "";
}

}  // namespace

void ConnectionWatch::request_started(const std::string& address, int port) {
  std::lock_guard lock(mutex_);
  connections_[key(address, port)].in_request = true;
}

void ConnectionWatch::request_finished(const std::string& address, int port) {
  std::lock_guard lock(mutex_);
  auto& c = connections_[key(address, port)];
  c.in_request = false;
  c.waiting_since = std::chrono::steady_clock::now();
}

void ConnectionWatch::start(int server_port) {
  thread_ = std::thread([this, server_port] {
    std::unique_lock lock(mutex_);
    // Often enough that a connection lives at most a quarter of the deadline past it.
    const auto every = std::max(deadline_ / 4, std::chrono::milliseconds(50));
    while (!wake_.wait_for(lock, every, [this] { return stopping_; })) {
      lock.unlock();
      scan(server_port);
      lock.lock();
    }
  });
}

void ConnectionWatch::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t ConnectionWatch::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void ConnectionWatch::scan(int server_port) {
  std::vector<std::pair<int, std::string>> open;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long fd = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str() || *end != '\0') continue;
    if (auto peer = peer_of(static_cast<int>(fd), server_port); !peer.empty()) open.emplace_back(static_cast<int>(fd), peer);
  }
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::pair<int, std::string>> overdue;
  {
    std::lock_guard lock(mutex_);
    std::set<std::string> seen;
    for (const auto& [fd, peer] : open) {
      seen.insert(peer);
      // A connection first seen now has waited since about now (at most one scan interval more).
      auto [it, inserted] = connections_.try_emplace(peer, Connection{now, false});
      if (!it->second.in_request && now - it->second.waiting_since > deadline_) overdue.emplace_back(fd, peer);
    }
    // Gone connections are forgotten, but not one in a request: it may have been accepted after the listing,
    // and forgetting it would start its clock while its handler runs.
    std::erase_if(connections_, [&](const auto& c) { return !c.second.in_request && !seen.contains(c.first); });
  }
  for (const auto& [fd, peer] : overdue) {
    // The descriptor may have been closed and reused since the listing: cut it only if it is the same peer.
    if (peer_of(fd, server_port) != peer) continue;
    ::shutdown(fd, SHUT_RDWR);  // the worker's read returns, and httplib closes the connection
    std::lock_guard lock(mutex_);
    connections_.erase(peer);
    ++closed_;
  }
}

}  // namespace chipgap::server::detail
