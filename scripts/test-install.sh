#!/usr/bin/env bash
# Installs into a temporary prefix (through DESTDIR, as packagers do), then builds and runs a C
# consumer through pkg-config and a C++ consumer through CMake, each linked shared and static,
# against that prefix only. Also checks the SONAME, and that the shared library exports exactly
# the functions the header declares. Prints "N passed, N failed".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v pkg-config >/dev/null || need+=(pkg-config)
if ((${#need[@]})); then
  echo "test-install: installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null </dev/null ||
    { apt-get update -qq </dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null </dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=/opt/swe-test
stage=$work/stage
root_prefix=$stage$prefix
passed=0
failed=0
check() {
  local what=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what"
    sed 's/^/    /' "$work/out"
  fi
}

DESTDIR=$stage PREFIX=$prefix scripts/install.sh
# The staged prefix is used in place: pkg-config's prefix is redirected to it.
export PKG_CONFIG_PATH=$root_prefix/lib/pkgconfig
pc() { pkg-config --define-variable=prefix="$root_prefix" "$@" spaces_widget_events; }

check "pkg-config knows the version" test "$(pc --modversion)" = \
  "$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
soname=$(readelf -d "$root_prefix/lib/libspaces_widget_events.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
check "the SONAME is the versioned name, installed as a link" test -L "$root_prefix/lib/$soname"

read -ra cflags <<<"$(pc --cflags)"
read -ra libs <<<"$(pc --libs)"
check "C consumer, shared, through pkg-config" \
  cc -std=c11 -Wall -Wextra -Werror -pedantic "${cflags[@]}" tests/install/consumer.c \
  -o "$work/c_shared" "${libs[@]}" "-Wl,-rpath,$root_prefix/lib"
check "C consumer, shared, runs" "$work/c_shared"
check "C consumer, shared, loads the installed SONAME" \
  sh -c "ldd '$work/c_shared' | grep -q '$root_prefix/lib/$soname'"
read -ra static_libs <<<"$(pc --static --libs | sed 's/-lspaces_widget_events/-Wl,-Bstatic -lspaces_widget_events -Wl,-Bdynamic/')"
check "C consumer, static, through pkg-config --static" \
  cc -std=c11 -Wall -Wextra -Werror -pedantic "${cflags[@]}" tests/install/consumer.c \
  -o "$work/c_static" "${static_libs[@]}"
check "C consumer, static, runs without the shared library" \
  sh -c "! ldd '$work/c_static' | grep -q spaces_widget_events && '$work/c_static'"

check "C++ consumer: CMake configures with find_package" \
  cmake -S tests/install/cmake -B "$work/cmake" -DCMAKE_PREFIX_PATH="$root_prefix" -DCMAKE_BUILD_TYPE=Release
check "C++ consumer: builds shared and static" cmake --build "$work/cmake" -j 2
check "C++ consumer, shared, runs" "$work/cmake/consumer_shared"
check "C++ consumer, static, runs" "$work/cmake/consumer_static"

# Exactly the header's functions are exported, no more and no fewer.
nm -D --defined-only "$root_prefix/lib/libspaces_widget_events.so" | awk '$2 == "T" {print $3}' |
  sort >"$work/exported"
grep -oE '\bswe_[a-z0-9_]+\(' include/spaces_widget_events.h | tr -d '(' | sort -u >"$work/declared"
check "the shared library exports exactly the header's functions" diff "$work/declared" "$work/exported"

echo "$passed passed, $failed failed"
((failed == 0))
