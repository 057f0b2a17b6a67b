#!/usr/bin/env bash
# Builds and runs the C++ binding's tests (tests/cpp, under AddressSanitizer and UBSan, once with
# exceptions and once without) and the C++ example host, whose output on the bundled events
# must match the C host's. Builds the library first when it is missing or older than its
# sources; rebuilds only the test objects whose sources changed. Ends with "N passed, N failed"
# and exits non-zero on any failure. Works on a fresh Debian 12 as root.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

CXX=${CXX:-g++}
CC=${CC:-gcc}
out=build/cpp
lib=target/release/libspaces_widget_events.a
static_libs=(-lpthread -ldl -lm)
strict=(-std=c++17 -Wall -Wextra -Werror -pedantic -Iinclude -Ibindings/cpp)
sanitize=("-fsanitize=address,undefined" -fno-sanitize-recover=all)
test_flags=("${strict[@]}" "${sanitize[@]}" -g -O1 "-DSWE_REPO_ROOT=\"$root\"")
mapfile -t headers < <(find bindings/cpp -name '*.hpp')

if ! command -v "$CXX" >/dev/null || ! command -v "$CC" >/dev/null; then
  echo "test-cpp: installing g++"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends g++ >/dev/null
fi

if [[ ! -f $lib ]] || [[ -n $(find src Cargo.toml -newer "$lib" -print -quit) ]]; then
  echo "test-cpp: building the library"
  cargo build --release --lib
fi

mkdir -p "$out"
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  echo "FAIL $1"
  failed=$((failed + 1))
}

# Whether $1 is missing or older than any of the other files.
stale() {
  local target=$1 dep
  shift
  [[ -f $target ]] || return 0
  for dep in "$@"; do
    [[ $dep -nt $target ]] && return 0
  done
  return 1
}

# Adds the "N passed, N failed" line a test binary printed last to the totals.
count() {
  local line
  line=$(tail -n 1 "$1")
  if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  fi
}

# The test objects that changed, two compilers at a time (the machine has two cores).
common=(include/spaces_widget_events.h "${headers[@]}" tests/cpp/check.hpp)
changed=()
for unit in main event_test emitter_test stream_test; do
  if stale "$out/$unit.o" "tests/cpp/$unit.cpp" "${common[@]}"; then
    changed+=("$unit")
  fi
done
if ((${#changed[@]})); then
  printf '%s\n' "${changed[@]}" |
    xargs -P 2 -I UNIT "$CXX" "${test_flags[@]}" -c tests/cpp/UNIT.cpp -o "$out/UNIT.o"
fi
objects=("$out/main.o" "$out/event_test.o" "$out/emitter_test.o" "$out/stream_test.o")
"$CXX" "${sanitize[@]}" "${objects[@]}" -o "$out/tests" "$lib" "${static_libs[@]}"

if stale "$out/no_exceptions_test" tests/cpp/no_exceptions_test.cpp "${common[@]}" "$lib"; then
  "$CXX" "${test_flags[@]}" -fno-exceptions tests/cpp/no_exceptions_test.cpp \
    -o "$out/no_exceptions_test" "$lib" "${static_libs[@]}"
fi

echo "== tests/cpp (exceptions)"
status=0
"$out/tests" >"$out/tests.log" 2>&1 || status=$?
cat "$out/tests.log"
count "$out/tests.log"
((status == 0)) || [[ $(tail -n 1 "$out/tests.log") =~ [1-9][0-9]*\ failed$ ]] ||
  fail "tests/cpp ended with status $status"

echo "== tests/cpp (no exceptions)"
status=0
"$out/no_exceptions_test" >"$out/no_exceptions.log" 2>&1 || status=$?
cat "$out/no_exceptions.log"
count "$out/no_exceptions.log"
((status == 0)) || [[ $(tail -n 1 "$out/no_exceptions.log") =~ [1-9][0-9]*\ failed$ ]] ||
  fail "no_exceptions_test ended with status $status"

echo "== the binding refuses views of a temporary event"
printf '%s\n' '#include "spaces_widget_events.hpp"' \
  'int main() { return swe::parse("{}").message()->text.has_value(); }' >"$out/dangling.cpp"
if "$CXX" "${strict[@]}" -fsyntax-only "$out/dangling.cpp" 2>"$out/dangling.log"; then
  fail "a view of a temporary swe::Event compiled"
elif grep -q "deleted function" "$out/dangling.log"; then
  pass
else
  cat "$out/dangling.log"
  fail "dangling.cpp failed to compile for another reason"
fi

echo "== examples/cpp/host on examples/data/events.ndjson"
if stale "$out/host" examples/cpp/host.cpp "${common[@]}" "$lib"; then
  "$CXX" "${strict[@]}" -O2 examples/cpp/host.cpp -o "$out/host" "$lib" "${static_libs[@]}"
fi
if stale "$out/c-host" examples/c/host.c include/spaces_widget_events.h "$lib"; then
  "$CC" -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude -O2 examples/c/host.c \
    -o "$out/c-host" "$lib" "${static_libs[@]}"
fi
if "$out/host" examples/data/events.ndjson >"$out/host.log"; then
  tail -n 1 "$out/host.log"
  pass
else
  fail "examples/cpp/host exited with status $?"
fi
"$out/c-host" examples/data/events.ndjson >"$out/c-host.log" || true
if diff -u "$out/c-host.log" "$out/host.log"; then
  echo "same output as examples/c/host"
  pass
else
  fail "examples/cpp/host prints otherwise than examples/c/host"
fi

echo "$passed passed, $failed failed"
((failed == 0))
