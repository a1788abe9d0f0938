// SPDX-License-Identifier: Apache-2.0
// Runs independent pieces of work on a few threads: the threaded single-process path of sweeps and
// design searches.
#pragma once

#include <cstddef>
#include <functional>

namespace chipgap {

// Calls work(i) for every i in [0, count), on `threads` threads (0: all cores), each taking the next
// index as it finishes one. Where a thread cannot be started the calling thread does its share. The
// first exception thrown by `work` is rethrown after every thread has stopped.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work);

}  // namespace chipgap
