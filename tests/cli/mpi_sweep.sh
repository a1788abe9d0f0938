#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A sweep split across N MPI ranks (oversubscribed on a small machine) gives exactly the single-process
# answer: the same JSON but for the "ranks" field. Usage: mpi_sweep.sh MPIEXEC CHIPGAP RANKS
set -euo pipefail
mpiexec=$1 chipgap=$2 ranks=$3
# Open MPI refuses root without these; CI machines often run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# No network interfaces are needed between ranks of one machine.
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
args=(sweep --rule us-ear-2023-10 --vary tpp=4800:1600:-400 --vary performance_density=5.92:1.6:-1.44 --date 2024-06-01
      --scenario status-quo-2026-12 --year 2025 --draws 20 --format json)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$chipgap" "${args[@]}" | grep -v '"ranks"' > "$out/one.json"
"$mpiexec" --oversubscribe -np "$ranks" "$chipgap" "${args[@]}" > "$out/many.json"
grep -q "\"ranks\": $ranks" "$out/many.json" || { echo "the run did not use $ranks ranks"; exit 1; }
grep -v '"ranks"' "$out/many.json" > "$out/many-stripped.json"
diff "$out/one.json" "$out/many-stripped.json"
points=$(grep -c '"index"' "$out/one.json")
echo "identical: $points points on 1 and $ranks ranks"
