// SPDX-License-Identifier: Apache-2.0
#include "heavy_gate.hpp"

namespace chipgap::api::detail {

HeavyGate::Ticket::Ticket(HeavyGate& gate) : gate_(gate) {
  std::unique_lock lock(gate.mutex_);
  ++gate.waiting_;
  admitted_ = gate.freed_.wait_for(lock, gate.max_wait_, [&] { return gate.running_ < gate.slots_; });
  --gate.waiting_;
  if (admitted_) ++gate.running_;
}

HeavyGate::Ticket::~Ticket() {
  if (!admitted_) return;
  {
    std::lock_guard lock(gate_.mutex_);
    --gate_.running_;
  }
  gate_.freed_.notify_one();
}

HeavyGate::Load HeavyGate::load() const {
  std::lock_guard lock(mutex_);
  return {slots_, running_, waiting_, max_wait_};
}

}  // namespace chipgap::api::detail
