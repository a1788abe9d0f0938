#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load and soak benchmark of `chipgap serve` with wrk (make bench-load): classify with 64 connections (the
# soak: requests, errors, latency percentiles, RSS growth), plan and deployment searches and a scenario run
# at 4 connections each, then a cheap request's latency under heavy requests, slow clients and megabyte
# names (stress.py). Bounded in time: about SOAK_SECONDS + SECONDS × 3 + 1 minute.
# Usage: bench/load/run.sh [BINARY] [SECONDS] [SOAK_SECONDS]
set -euo pipefail
binary=${1:-build/bin/chipgap}
seconds=${2:-10}
soak_seconds=${3:-20}  # about 100,000 classify requests on a 2-core machine
port=18411
here=$(cd "$(dirname "$0")" && pwd)
origin="http://127.0.0.1:$port"

"$binary" serve --port "$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "$origin/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
summary() {  # the lines of wrk's report that matter here
  grep -E "Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|90|99)%" || true
}

echo "== classify, 64 connections, ${soak_seconds} s (soak, after 2 s of warm-up: worker stacks and allocator arenas)"
wrk -t2 -c64 -d2s -s "$here/classify.lua" "$origin" >/dev/null
before=$(rss)
wrk -t2 -c64 -d"${soak_seconds}s" --latency -s "$here/classify.lua" "$origin" | summary
after=$(rss)
echo "server RSS ${before} kB before, ${after} kB after ($(( (after - before) * 100 / before ))% growth)"

load() {  # load NAME PATH BODY
  echo "== $1, 4 connections, ${seconds} s"
  BODY=$3 PATH_=$2 wrk -t2 -c4 -d"${seconds}s" --timeout 30s --latency -s "$here/post.lua" "$origin" | summary
}
load "train plan search (Llama 3 70B, 64 H100)" /api/v1/train \
  '{"model": "llama3-70b", "system": "HGX H100", "count": 64, "global_batch": 256, "search": true}'
load "infer deployment search (DeepSeek-V3, 64 H800)" /api/v1/infer \
  '{"model": "deepseek-v3", "system": "HGX H800", "count": 64, "precision": "fp8", "tpot_ms": 50, "search": true}'
load "scenario run (status quo, 1,000 draws)" /api/v1/scenarios/run '{"scenario": "status-quo-2026-12", "draws": 1000}'

echo "== a cheap request under stress"
/usr/bin/python3 "$here/stress.py" "$port" "$server"
echo "server RSS at the end: $(rss) kB"
