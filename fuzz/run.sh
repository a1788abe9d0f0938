#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs libFuzzer harnesses built in BUILD_DIR (make fuzz-build) for SECONDS each, one after the other,
# then replays every committed crash reproducer (fuzz/regressions/<harness>/). Exits non-zero on any crash,
# leak, sanitizer report, timeout (10 s per input) or out-of-memory (2 GiB), after running the rest.
#   fuzz/run.sh BUILD_DIR SECONDS [harness ...]     (default: every harness with a corpus directory)
# Each run starts from a copy of the committed seed corpus (fuzz/corpus/<harness>/) in
# BUILD_DIR/fuzz-runs/<harness>/corpus, so the committed corpus is never written; new inputs, crash
# artifacts and the log (with libFuzzer's final statistics) stay in BUILD_DIR/fuzz-runs/<harness>/.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build_dir="$1"
seconds="$2"
shift 2
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for dir in "$here"/corpus/*/; do harnesses+=("$(basename "$dir")"); done
fi

failed=()
for harness in "${harnesses[@]}"; do
  binary="$build_dir/bin/${harness}_fuzzer"
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is missing (make fuzz-build)" >&2
    exit 2
  fi
  run_dir="$build_dir/fuzz-runs/$harness"
  rm -rf "$run_dir"
  mkdir -p "$run_dir/corpus" "$run_dir/artifacts"
  cp "$here/corpus/$harness/"* "$run_dir/corpus/"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$run_dir/artifacts/")
  [ -f "$here/dict/$harness.dict" ] && options+=(-dict="$here/dict/$harness.dict")

  start=$SECONDS
  status=0
  "$binary" "${options[@]}" "$run_dir/corpus" >"$run_dir/fuzz.log" 2>&1 || status=$?
  # The committed reproducers of crashes found before: each must now run clean.
  regressions=("$here/regressions/$harness/"*)
  if [ -e "${regressions[0]}" ] && [ $status -eq 0 ]; then
    "$binary" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$run_dir/regressions.log" 2>&1 || status=$?
  fi
  summary="$(grep -E '^#[0-9]+.*(DONE|cov:)' "$run_dir/fuzz.log" | tail -1)"
  if [ $status -eq 0 ]; then
    echo "fuzz: $harness ok in $((SECONDS - start)) s: ${summary:-no statistics}"
  else
    echo "fuzz: $harness FAILED (exit $status); log in $run_dir, inputs in $run_dir/artifacts:" >&2
    tail -n 40 "$run_dir/fuzz.log" "$run_dir/regressions.log" >&2 2>/dev/null
    failed+=("$harness")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}" >&2
  exit 1
fi
