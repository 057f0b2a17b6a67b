#!/usr/bin/env bash
# The C-level tests: compiles every tests/c/test_*.c (C11) and test_*.cpp (C++17) against
# include/spaces_widget_events.h with warnings as errors, links each program once against the
# shared and once against the static library and runs both under valgrind (no error, no leak of
# any kind), builds it a third time with AddressSanitizer and UBSan, and a fourth against a
# build of the library that counts its live allocations, which every test must leave as it
# found them. Prints one
# "N passed, N failed" line per binary and, last, the totals in the same format; a crash or a
# valgrind or sanitizer finding counts as one more failure. Exits non-zero on any failure.
#
#   scripts/test-c.sh          (`make test-c` builds the library, then runs this)
#
# Builds the library with `cargo build --release --lib` only when target/release lacks it, and
# recompiles or relinks a test only when its inputs changed. Binaries go to build/test-c/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

CC=${CC:-gcc}
CXX=${CXX:-g++}
lib=$root/target/release
out=$root/build/test-c
header=include/spaces_widget_events.h
common=(-Wall -Wextra -Werror -pedantic -g -O1 -pthread -Iinclude -Itests/c
  "-DSWE_TEST_DATA=\"$root/tests/data\"")
valgrind=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all
  --errors-for-leak-kinds=all)
sanitize=("-fsanitize=address,undefined" -fno-sanitize-recover=all)

if [[ ! -f $lib/libspaces_widget_events.so || ! -f $lib/libspaces_widget_events.a ]]; then
  cargo build --release --lib
fi
if ! command -v valgrind >/dev/null; then
  echo "test-c: installing valgrind"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

# True when $1 is missing or older than any of the other files.
stale() {
  local target=$1 input
  shift
  [[ -f $target ]] || return 0
  for input; do
    [[ $input -nt $target ]] && return 0
  done
  return 1
}

mkdir -p "$out"
# The allocation-counting build of the library lives apart from the normal one.
counted=$root/target/alloc-counter/release
CARGO_TARGET_DIR=$root/target/alloc-counter cargo rustc --quiet --release --lib \
  --features alloc-counter --crate-type staticlib
binaries=()
for source in tests/c/test_*.c tests/c/test_*.cpp; do
  name=$(basename "${source%.*}")
  object=$out/$name.o
  if [[ $source == *.cpp ]]; then
    compiler=("$CXX" -std=c++17)
  else
    compiler=("$CC" -std=c11)
  fi
  if stale "$object" "$source" tests/c/check.h "$header" "$root/scripts/test-c.sh"; then
    "${compiler[@]}" "${common[@]}" -c "$source" -o "$object"
  fi
  if stale "$out/$name.shared" "$object" "$lib/libspaces_widget_events.so"; then
    "${compiler[@]}" -pthread "$object" -o "$out/$name.shared" \
      -L"$lib" -Wl,-rpath,"$lib" -lspaces_widget_events
  fi
  if stale "$out/$name.static" "$object" "$lib/libspaces_widget_events.a"; then
    "${compiler[@]}" -pthread "$object" -o "$out/$name.static" \
      "$lib/libspaces_widget_events.a" -lpthread -ldl -lm
  fi
  # Each link is what it says: the shared one loads the library, the static one does not.
  if ! readelf -d "$out/$name.shared" | grep -q 'NEEDED.*libspaces_widget_events'; then
    echo "test-c: $name.shared does not load libspaces_widget_events.so" >&2
    exit 1
  fi
  if readelf -d "$out/$name.static" | grep -q 'NEEDED.*libspaces_widget_events'; then
    echo "test-c: $name.static loads libspaces_widget_events.so" >&2
    exit 1
  fi
  # Also built with AddressSanitizer and UBSan (run without valgrind, which cannot host them).
  if stale "$out/$name.asan" "$source" tests/c/check.h "$header" "$lib/libspaces_widget_events.a" \
    "$root/scripts/test-c.sh"; then
    "${compiler[@]}" "${common[@]}" "${sanitize[@]}" "$source" -o "$out/$name.asan" \
      "$lib/libspaces_widget_events.a" -lpthread -ldl -lm
  fi
  # And against the allocation-counting build, where each test must leave no allocation live.
  if stale "$out/$name.counted" "$source" tests/c/check.h "$header" "$counted/libspaces_widget_events.a" \
    "$root/scripts/test-c.sh"; then
    "${compiler[@]}" "${common[@]}" -DSWE_ALLOC_COUNTER "$source" -o "$out/$name.counted" \
      "$counted/libspaces_widget_events.a" -lpthread -ldl -lm
  fi
  binaries+=("$out/$name.shared" "$out/$name.static" "$out/$name.asan" "$out/$name.counted")
done

passed=0
failed=0
for binary in "${binaries[@]}"; do
  label=$(basename "$binary")
  log=$binary.valgrind
  status=0
  if [[ $binary == *.asan || $binary == *.counted ]]; then
    # The sanitizers report on standard error and make the exit status non-zero.
    : >"$log"
    output=$(ASAN_OPTIONS=detect_leaks=1 "$binary" 2>"$log") || status=$?
  else
    output=$("${valgrind[@]}" --log-file="$log" "$binary") || status=$?
  fi
  summary=$(tail -n 1 <<<"$output")
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    summary="no summary line (crashed?)"
    failed=$((failed + 1))
  fi
  if ((status == 0)); then
    echo "$label: $summary"
    continue
  fi
  # Show the failures, then what valgrind found.
  grep -v -x -F "$summary" <<<"$output" | sed "s|^|$label: |" || true
  echo "$label: $summary (exit status $status)"
  if [[ -s $log ]]; then
    sed "s|^|$label: |" "$log"
  fi
  if ((status == 99)); then
    echo "$label: valgrind found errors or leaks"
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
((failed == 0))
