#!/usr/bin/env bash
# The README's first command ends here: the headline questions answered on the built-in data, in about a
# screenful. Usage: scripts/demo.sh [CHIPGAP_BINARY] (default build/bin/chipgap).
set -euo pipefail
chipgap=${1:-build/bin/chipgap}
section() { printf '\n== %s\n   $ chipgap %s\n\n' "$1" "${*:2}"; }

section "Is the H20 controlled for China, and since when?" timeline h20 --to CN
"$chipgap" timeline h20 --to CN | sed -n '1,20p'

section "How many Ascend 910C (CloudMatrix 384) train Llama 3 405B as fast as 16,384 H100?" \
  match --workload llama3-405b-pretraining --reference "HGX H100" --reference-count 16384 --candidate "CloudMatrix 384"
"$chipgap" match --workload llama3-405b-pretraining --reference "HGX H100" --reference-count 16384 --candidate "CloudMatrix 384"

section "The chip gap: the best chip China may import, and its own, as shares of the frontier" gap --to CN --since 2023-01-01
"$chipgap" gap --to CN --since 2023-01-01 | sed -n '1,20p'

section "China's and the US's compute under the status quo (H100 equivalents, peak 8-bit)" scenario run status-quo-2026-12
"$chipgap" scenario run status-quo-2026-12 | sed -n '1,10p'

printf '\nEvery figure above traces to a source: chipgap chip NAME, chipgap rules show ID, chipgap scenario show ID.\n'
printf 'The dashboard: make serve, then http://127.0.0.1:8080/\n'
