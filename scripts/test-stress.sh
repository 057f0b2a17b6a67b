#!/usr/bin/env bash
# The emitter's concurrency stress test (tests/c/test_stress.c) under ThreadSanitizer: 8
# threads emit while others subscribe and unsubscribe; see the test for what it checks.
#
#   scripts/test-stress.sh [ROUNDS]        (default 3 rounds; SWE_STRESS_SCALE=<n> for more events)
#
# ThreadSanitizer only sees memory accesses and synchronisation in instrumented code. Built
# against the ordinary library, it reports false races inside Rust's code (its Mutex and Arc
# synchronise through atomics TSan cannot see), and helgrind and DRD do the same on the plain
# build (Rust's Mutex is a futex, not a pthread mutex). So this script builds the library, and
# Rust's std with it, instrumented for TSan (nightly: -Zsanitizer=thread -Zbuild-std, into
# build/stress/target; the first build takes a few minutes), and links the test, compiled
# with gcc's -fsanitize=thread, against it. No suppressions are used.
#
# A round counts as failed when the test fails or TSan reports anything. Prints each round's
# result and, last, the totals as "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rounds=${1:-3}
if ! [[ $rounds =~ ^[0-9]+$ ]] || ((rounds == 0)); then
  echo "usage: scripts/test-stress.sh [ROUNDS]" >&2
  exit 2
fi
CC=${CC:-gcc}
toolchain=${STRESS_TOOLCHAIN:-nightly}
out=$root/build/stress
mkdir -p "$out"

if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
  echo "test-stress: the $toolchain toolchain is needed (rustup toolchain install $toolchain)" >&2
  exit 2
fi
sysroot=$(rustc "+$toolchain" --print sysroot)
if [[ ! -d $sysroot/lib/rustlib/src/rust/library ]]; then
  echo "test-stress: installing rust-src for $toolchain (-Zbuild-std needs it)"
  rustup component add rust-src --toolchain "$toolchain"
fi
host=$(rustc "+$toolchain" -vV | sed -n 's/^host: //p')

# --target keeps RUSTFLAGS away from build scripts and proc macros, as the sanitizer needs.
echo "test-stress: building the library with ThreadSanitizer (target $host)"
RUSTFLAGS="-Zsanitizer=thread" cargo "+$toolchain" build --release --lib --quiet \
  -Zbuild-std --target "$host" --target-dir "$out/target"
lib=$out/target/$host/release/libspaces_widget_events.a

# gcc 12's libtsan predates the __tsan_memcpy/memset/memmove entry points that LLVM's TSan
# instrumentation (rustc) now calls. These forward to memcpy/memset/memmove, which libtsan
# intercepts, so the accesses are still checked.
cat >"$out/tsan_compat.c" <<'C'
#include <string.h>
void *__tsan_memcpy(void *dest, const void *src, size_t n);
void *__tsan_memset(void *dest, int c, size_t n);
void *__tsan_memmove(void *dest, const void *src, size_t n);
void *__tsan_memcpy(void *dest, const void *src, size_t n) { return memcpy(dest, src, n); }
void *__tsan_memset(void *dest, int c, size_t n) { return memset(dest, c, n); }
void *__tsan_memmove(void *dest, const void *src, size_t n) { return memmove(dest, src, n); }
C
"$CC" -std=c11 -Wall -Wextra -Werror -pedantic -g -O1 -fsanitize=thread -pthread -Iinclude \
  -Itests/c "-DSWE_TEST_DATA=\"$root/tests/data\"" tests/c/test_stress.c "$out/tsan_compat.c" \
  -o "$out/test_stress.tsan" "$lib" -lpthread -ldl -lm

passed=0
failed=0
for round in $(seq 1 "$rounds"); do
  log=$out/round-$round.log
  status=0
  TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1" \
    "$out/test_stress.tsan" >"$log" 2>&1 || status=$?
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
  races=$(grep -c 'WARNING: ThreadSanitizer' "$log" || true)
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    summary="no summary line (crashed?)"
    failed=$((failed + 1))
  fi
  if ((races > 0)); then
    failed=$((failed + 1))
  fi
  echo "round $round: $(grep -E '^stress: [0-9]+ events' "$log" || true); $summary;" \
    "$races ThreadSanitizer reports (exit status $status)"
  if ((status != 0)); then
    grep -vE '^(stress: [0-9]+ events|[0-9]+ passed, [0-9]+ failed$)' "$log" | head -n 60 |
      sed "s|^|round $round: |"
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
