#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load benchmark of POST /api/v1/classify with wrk: requests per second, latency percentiles, and the
# server's resident memory before and after. Usage: bench/load/classify.sh [BINARY] [SECONDS]
set -euo pipefail
binary=${1:-build/bin/chipgap}
seconds=${2:-10}
port=18411
here=$(cd "$(dirname "$0")" && pwd)

"$binary" serve --port "$port" --threads 8 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null 2>&1 && break
  sleep 0.1
done
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
echo "server RSS before: $(rss)"
wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/classify.lua" "http://127.0.0.1:$port"
echo "server RSS after:  $(rss)"
