#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes `import chipgap` work in Debian's python3 for this user, from the build tree (as an editable
# install would): a .pth file in the user's site-packages names build/python (the compiled module) and
# python/ (the package). Run by `make build`; `scripts/link-python.sh --remove` undoes it. For a virtual
# environment or a system install use the wheel or the Debian package instead (docs/install.md).
# Usage: link-python.sh BUILD_DIR | --remove
set -euo pipefail
python=/usr/bin/python3
[ -x "$python" ] || { echo "link-python: no $python; the Python module is not linked"; exit 0; }
site=$("$python" -m site --user-site)
link="$site/chipgap-build.pth"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$link"
  echo "link-python: removed $link"
  exit 0
fi
build=$(cd "${1:?usage: link-python.sh BUILD_DIR | --remove}" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
if ! compgen -G "$build/python/_chipgap*.so" >/dev/null; then
  echo "link-python: no Python module in $build/python (pybind11 missing?); not linked"
  exit 0
fi
mkdir -p "$site"
printf '%s\n%s\n' "$build/python" "$source_dir/python" > "$link"
echo "link-python: 'import chipgap' in $python now loads $build/python ($link; --remove undoes it)"
