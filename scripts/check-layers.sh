#!/usr/bin/env bash
# The library's layers point one way (README, "Layout"): spec and catalog know nothing of the engines,
# and the rules engine and the performance engine never include each other. Prints each include that
# crosses a line it must not, and fails if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {  # check <what> <include pattern> <paths...>
  local what=$1 pattern=$2
  shift 2
  local hits
  hits=$(grep -rnE "#include \"chipgap/($pattern)/" "$@" 2>/dev/null || true)
  if [[ -n $hits ]]; then
    echo "$what:"
    echo "$hits"
    status=1
  fi
}
check "spec includes an engine or the catalog" "perf|rules|catalog|codec|api" include/chipgap/spec src/spec
check "catalog includes an engine" "perf|rules|codec|api" include/chipgap/catalog src/catalog
check "rules includes perf" "perf" include/chipgap/rules src/rules
check "perf includes rules or the catalog" "rules|catalog" include/chipgap/perf src/perf/*.hpp src/perf/[!v]*.cpp
check "an engine or comparison includes the policy layer above it" "policy" include/chipgap/rules src/rules include/chipgap/perf src/perf include/chipgap/compare src/compare include/chipgap/scenario src/scenario
exit $status
