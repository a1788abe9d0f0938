// SPDX-License-Identifier: Apache-2.0
// The ranks of a distributed run (`mpirun -np N chipgap sweep ...`): MPI is started only when the
// process was launched by mpirun, so a plain run never touches it, and a chipgap built without MPI
// refuses to run as one of several ranks rather than print N copies of everything.
#pragma once

#include <string>
#include <vector>

namespace chipgap::cli {

class Ranks {
 public:
  // Starts MPI when launched by mpirun (built with it); one rank otherwise. Throws a CommandError when
  // launched as several ranks of a chipgap built without MPI.
  Ranks(int* argc, char*** argv);
  ~Ranks();  // finalises MPI if it was started
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  // Threads for this rank's share: the machine's cores over the ranks on this node.
  unsigned threads() const;
  // Every rank's string on rank 0, in rank order; an empty list on the others. Collective: every rank
  // must call it.
  std::vector<std::string> gather(const std::string& mine) const;
  // Replaces `values` by the element-wise maximum over every rank's, on every rank. Collective.
  void max_all(std::vector<unsigned char>& values) const;
  void max_all(std::vector<double>& values) const;

 private:
  int rank_ = 0, size_ = 1;
  bool started_ = false;
};

// Launched by mpirun (or another PMI launcher) as one of several processes.
bool launched_as_ranks();

}  // namespace chipgap::cli
