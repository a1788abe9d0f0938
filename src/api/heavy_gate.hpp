// SPDX-License-Identifier: Apache-2.0
// A limit on concurrent heavy requests (plan and deployment searches; later scenario runs and sweeps), so
// that they share the cores in turn while cheap requests, which never pass through here, are answered at
// once. A heavy request waits in line for at most `max_wait`; after that it is refused with the reason.
// Private to the API module.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace chipgap::api::detail {

class HeavyGate {
 public:
  HeavyGate(std::size_t slots, std::chrono::milliseconds max_wait) : slots_(slots), max_wait_(max_wait) {}

  // Holds one slot for its lifetime, or none when the wait ran out (admitted() is false).
  class Ticket {
   public:
    Ticket(HeavyGate& gate);
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    bool admitted() const { return admitted_; }

   private:
    HeavyGate& gate_;
    bool admitted_ = false;
  };

  struct Load {
    std::size_t slots, running, waiting;
    std::chrono::milliseconds max_wait;
  };
  Load load() const;

 private:
  const std::size_t slots_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t running_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace chipgap::api::detail
