#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installing chipgap three ways, each checked by installed.sh: `cmake --install` into a prefix, the Debian
# package CPack makes (extracted into a temporary root, as dpkg would lay it out under /usr), and the wheel
# into a fresh virtual environment.
# Usage: package_test.sh BUILD_DIR PYTHON_INSTALL_DIR
set -euo pipefail
build=$(cd "$1" && pwd) python_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== cmake --install"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
bash "$here/installed.sh" "$work/prefix" "$python_dir"

echo "== Debian package"
(cd "$build" && cpack -G DEB -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/chipgap_*.deb)
dpkg-deb --field "$deb" Package Version Depends
depends=$(dpkg-deb --field "$deb" Depends)
grep -q "libyaml-cpp" <<<"$depends" || { echo "FAIL: no shared-library dependencies in $deb: $depends"; exit 1; }
dpkg-deb -x "$deb" "$work/root"
bash "$here/installed.sh" "$work/root/usr" lib/python3/dist-packages

echo "== wheel in a virtual environment"
wheel=$(ls "$build"/python/dist/chipgap-*.whl)
# --system-site-packages: pandas from Debian (no PyPI here); --no-index: nothing downloaded.
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
(cd / && "$work/venv/bin/python" -c "
import chipgap
engine = chipgap.open()
assert engine.data_dir == '$work/venv/share/chipgap/data', engine.data_dir
print('venv:', chipgap.classify(['H20'], ['2025-06-01'], ['CN']).iloc[0].to_dict())
")
echo "ok: all three installs"
