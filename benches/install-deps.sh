#!/usr/bin/env bash
# Install what the benchmark anchors need on a fresh Debian machine (CI starts fresh).
#
#   libcjson-dev     cJSON anchor (C)
#   libsimdjson-dev  simdjson DOM anchor (C++17)
#   valgrind         callgrind, for instructions per event (also ships valgrind/callgrind.h)
#   time             GNU /usr/bin/time, for peak RSS (-f %M)
#   gcc g++ pkg-config  compilers; cargo comes with the machine's Rust toolchain
#
# Idempotent: skips apt entirely when everything is already installed.
set -euo pipefail

packages=(gcc g++ pkg-config libcjson-dev libsimdjson-dev valgrind time)

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all present (${packages[*]})"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (e.g. a parallel install on the same machine) instead of failing.
lock_wait=(-o DPkg::Lock::Timeout=600)
echo "install-deps: installing ${missing[*]}"
$sudo apt-get "${lock_wait[@]}" update -qq
$sudo apt-get "${lock_wait[@]}" install -y -qq --no-install-recommends "${missing[@]}"
