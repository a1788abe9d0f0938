#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A sweep and a design search split across N MPI ranks (oversubscribed on a small machine) give exactly
# the single-process answer: the same JSON but for the "ranks" and "seconds" fields.
# Usage: mpi_policy.sh MPIEXEC CHIPGAP RANKS
set -euo pipefail
mpiexec=$1 chipgap=$2 ranks=$3
# Open MPI refuses root without these; CI machines often run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Ranks of one machine need no network: shared memory only.
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
compare() {  # compare NAME ARGS...
  local name=$1
  shift
  "$chipgap" "$@" --format json | grep -v '"ranks"\|"seconds"' > "$out/$name-one.json"
  "$mpiexec" --oversubscribe -np "$ranks" "$chipgap" "$@" --format json > "$out/$name-many.json"
  grep -q "\"ranks\": $ranks" "$out/$name-many.json" || { echo "$name did not run on $ranks ranks"; exit 1; }
  grep -v '"ranks"\|"seconds"' "$out/$name-many.json" | diff "$out/$name-one.json" -
  echo "$name: identical on 1 and $ranks ranks ($(wc -c < "$out/$name-one.json") bytes of JSON)"
}
compare sweep sweep --rule us-ear-2023-10 --vary tpp=4800:1600:-400 --vary performance_density=5.92:1.6:-1.44 --date 2024-06-01 \
  --scenario status-quo-2026-12 --year 2025 --draws 20
compare design design --base "H100 SXM" --date 2025-06-01 --want none --knob compute_share=0.05:1:0.05 --top 3
