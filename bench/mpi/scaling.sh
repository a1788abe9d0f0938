#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# MPI scaling of a sweep that takes about 10 s in one process (issue 17: 2-rank efficiency >= 80%):
# 170 points of the October 2023 rule (TPP x performance density), each with a 200-draw scenario run.
# One thread per rank, so the ranks and not threads share the work; prints times and efficiency.
# Usage: bench/mpi/scaling.sh [CHIPGAP] [MAX_RANKS]
set -euo pipefail
chipgap=${1:-build/bin/chipgap}
max_ranks=${2:-2}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
args=(sweep --rule us-ear-2023-10 --vary tpp=4800:1600:-200 --vary performance_density=5.92:1.6:-0.48 --date 2024-06-01
      --scenario status-quo-2026-12 --year 2026 --draws 200 --threads 1 --format json)
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'; }
one=$(seconds "$chipgap" "${args[@]}")
printf "ranks  seconds  speedup  efficiency\n"
printf "%5d  %7.2f  %7.2f  %9.0f%%\n" 1 "$one" 1 100
for ((n = 2; n <= max_ranks; n *= 2)); do
  t=$(seconds mpirun --oversubscribe -np "$n" "$chipgap" "${args[@]}")
  awk -v n="$n" -v t="$t" -v one="$one" 'BEGIN { printf "%5d  %7.2f  %7.2f  %9.0f%%\n", n, t, one / t, 100 * one / (t * n) }'
done
