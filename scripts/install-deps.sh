#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages chipgap needs to build and test, and only those that are missing.
# Uses sudo when not run as root. Safe to run again.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev wrk curl
  libopenmpi-dev openmpi-bin  # sweeps and design searches across MPI ranks (mpirun -np N chipgap sweep ...)
  python3-dev pybind11-dev python3-pytest python3-pandas python3-matplotlib  # the Python module and its tests
  jupyter-nbconvert python3-ipykernel  # executes the example notebook in the tests
  dpkg-dev python3-venv  # the Debian package's library dependencies (dpkg-shlibdeps) and the wheel's test venv
  chromium
  clang libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes for clang (make fuzz)
)

# Node.js (>= 20) builds the dashboard; install it from the configured apt sources when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Try without refreshing the package lists first (fast, works offline with a warm cache), then refresh.
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
