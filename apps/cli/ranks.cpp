// SPDX-License-Identifier: Apache-2.0
#include "ranks.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <type_traits>

#ifdef CHIPGAP_WITH_MPI
#include <mpi.h>
#endif

#include "commands.hpp"

namespace chipgap::cli {
namespace {

int env_int(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::atoi(value) : 0;
}

// The world size a launcher announced: Open MPI's, else the PMI variables of MPICH and Slurm.
int launched_size() { return std::max({env_int("OMPI_COMM_WORLD_SIZE"), env_int("PMI_SIZE"), env_int("PMIX_SIZE")}); }

}  // namespace

bool launched_as_ranks() { return launched_size() > 1; }

Ranks::Ranks([[maybe_unused]] int* argc, [[maybe_unused]] char*** argv) {
  if (!launched_as_ranks()) return;
#ifdef CHIPGAP_WITH_MPI
  MPI_Init(argc, argv);
  started_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  rank_ = std::max(env_int("OMPI_COMM_WORLD_RANK"), env_int("PMI_RANK"));
  throw CommandError("this chipgap was built without MPI, so it cannot run as one of several ranks; install libopenmpi-dev "
                     "(scripts/install-deps.sh does) and rebuild, or run it without mpirun",
                     kExitUsage);
#endif
}

Ranks::~Ranks() {
#ifdef CHIPGAP_WITH_MPI
  if (started_) MPI_Finalize();
#endif
}

unsigned Ranks::threads() const {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int local = std::max(1, env_int("OMPI_COMM_WORLD_LOCAL_SIZE"));
  return size_ > 1 ? std::max(1u, cores / static_cast<unsigned>(local)) : 0;
}

std::vector<std::string> Ranks::gather(const std::string& mine) const {
  if (size_ == 1) return {mine};
#ifdef CHIPGAP_WITH_MPI
  int length = static_cast<int>(mine.size());
  std::vector<int> lengths(root() ? size_ : 0), offsets(root() ? size_ : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (root()) {
    for (int r = 1; r < size_; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
    all.resize(static_cast<std::size_t>(offsets.back() + lengths.back()));
  }
  MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> out;
  if (root()) {
    for (int r = 0; r < size_; ++r) out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
  }
  return out;
#else
  return {mine};
#endif
}

// Counts above INT_MAX go in pieces: MPI counts are ints.
template <typename T>
void max_all_in_pieces([[maybe_unused]] std::vector<T>& values, [[maybe_unused]] int size) {
#ifdef CHIPGAP_WITH_MPI
  if (size == 1) return;
  constexpr std::size_t kPiece = 1u << 30;
  const MPI_Datatype type = std::is_same_v<T, double> ? MPI_DOUBLE : MPI_UNSIGNED_CHAR;
  for (std::size_t at = 0; at < values.size(); at += kPiece) {
    const int count = static_cast<int>(std::min(kPiece, values.size() - at));
    MPI_Allreduce(MPI_IN_PLACE, values.data() + at, count, type, MPI_MAX, MPI_COMM_WORLD);
  }
#endif
}

void Ranks::max_all(std::vector<unsigned char>& values) const { max_all_in_pieces(values, size_); }
void Ranks::max_all(std::vector<double>& values) const { max_all_in_pieces(values, size_); }

}  // namespace chipgap::cli
