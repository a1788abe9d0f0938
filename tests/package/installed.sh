#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks an installed chipgap tree (PREFIX/bin, PREFIX/share/chipgap, the Python module under PREFIX):
# the binary finds the data and dashboard beside itself, not the source tree it was built from; it lists
# chips, classifies, and serves one API request and the dashboard; the Python module loads the same data.
# Usage: installed.sh PREFIX PYTHON_DIR   (PYTHON_DIR: where the module went, relative to PREFIX)
set -euo pipefail
prefix=$1 python_dir=$2
bin="$prefix/bin/chipgap"
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$bin" ] || fail "no binary at $bin"
version=$("$bin" --version)
grep -q "data: $prefix/share/chipgap/data ([0-9]* accelerators" <<<"$version" ||
  fail "the installed binary does not read its own data: $version"
# Whole outputs first: `grep -q` closing a pipe early would fail the command under pipefail.
chips=$("$bin" chips)
grep -q "H100 SXM" <<<"$chips" || fail "chips does not list the H100 SXM"
verdict=$("$bin" classify H20 --to CN --date 2025-06-01)
grep -q "license required" <<<"$verdict" || fail "classify H20 for China, June 2025: $verdict"

log=$(mktemp)
"$bin" serve --port 0 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
origin=""
for _ in $(seq 100); do
  origin=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$origin" ] && break
  sleep 0.1
done
[ -n "$origin" ] || fail "serve did not start: $(cat "$log")"
chip=$(curl -sf "$origin/api/v1/chips/H20") || fail "GET /api/v1/chips/H20"
grep -q '"H20"' <<<"$chip" || fail "GET /api/v1/chips/H20: $chip"
page=$(curl -sf "$origin/") || fail "GET /"
grep -qi "<html" <<<"$page" || fail "the dashboard is not served from $prefix/share/chipgap/web"

# The module from the installed tree only: no build directory on the path, run from elsewhere.
(cd / && PYTHONPATH="$prefix/$python_dir" /usr/bin/python3 -c "
import chipgap, sys
engine = chipgap.open()
assert engine.data_dir == '$prefix/share/chipgap/data', engine.data_dir
assert chipgap.__file__.startswith('$prefix/'), chipgap.__file__
print('python:', chipgap.chips().shape[0], 'chips from', engine.data_dir)
") || fail "the installed Python module"
echo "ok: $prefix"
