#!/usr/bin/env bash
# test-swift.sh: build and test the Swift binding (bindings/swift) and run the Swift host
# example (examples/swift/host) on the bundled events.
#
#   scripts/test-swift.sh
#
# 1. Builds the Rust library on the host (cargo build --release --lib) if
#    target/release/libspaces_widget_events.a is missing (SWE_CARGO_BUILD=1 forces it), and
#    copies the .a alone into build/swift-lib/, so that -lspaces_widget_events links it
#    statically (with the .so beside it the linker would take the .so).
# 2. In the Swift toolchain chroot (scripts/swift-env.sh, provisioned on first use):
#    swift build and swift test of bindings/swift, then swift build of examples/swift/host
#    and a run of it on examples/data/events.ndjson, whose output must match the C host's
#    (examples/c/host.c, built here with $CC when there is one).
#
# Exits non-zero on the first failure. Needs root (the chroot does).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LIB_A="target/release/libspaces_widget_events.a"
LIB_DIR="build/swift-lib"
ENV="scripts/swift-env.sh"
JOBS="${SWE_SWIFT_JOBS:-2}"

step() { printf '\n== test-swift: %s\n' "$*"; }

if [ ! -f "$LIB_A" ] || [ "${SWE_CARGO_BUILD:-0}" = 1 ]; then
    step "cargo build --release --lib"
    if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
        PATH="$HOME/.cargo/bin:$PATH"
    fi
    cargo build --release --lib
fi
mkdir -p "$LIB_DIR"
if ! cmp -s "$LIB_A" "$LIB_DIR/libspaces_widget_events.a"; then
    cp -p "$LIB_A" "$LIB_DIR/libspaces_widget_events.a"
    # SwiftPM does not track a library found through -L: remove what was linked against the
    # previous copy so that it is linked again.
    for dir in bindings/swift/.build examples/swift/host/.build; do
        [ -d "$dir" ] || continue
        find "$dir" -path '*/debug/*' \( -name 'SpacesWidgetEventsPackageTests.xctest' -o -name 'swe-host' \) \
            -prune -exec rm -rf {} +
    done
fi

swift_run() { "$ENV" run "$ROOT" -- "$@"; }

# SwiftPM 6.0 keeps its build plan in description.json and may miss source files added since
# it was written: plan again each time (cheap).
rm -f bindings/swift/.build/*/debug/description.json examples/swift/host/.build/*/debug/description.json

step "swift build (bindings/swift)"
swift_run swift build --package-path bindings/swift -j "$JOBS"

step "swift test (bindings/swift)"
# XCTest only: without --disable-swift-testing, Swift 6.0 ends with Swift Testing's
# "0 tests passed", which hides the XCTest count.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
swift_run swift test --package-path bindings/swift -j "$JOBS" --disable-swift-testing 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "test-swift: swift test failed (exit $status)" >&2
    exit "$status"
fi
# The closing summary: "Executed N tests, with 0 failures ..." of the whole run.
summary="$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with" "$log" | tail -n 1 || true)"
if [ -z "$summary" ] || ! grep -qE "with 0 failures" <<<"$summary" || grep -qE "Executed 0 tests" <<<"$summary"; then
    echo "test-swift: no passing XCTest summary found" >&2
    exit 1
fi

step "swift build (examples/swift/host)"
swift_run swift build --package-path examples/swift/host -j "$JOBS"

step "swe-host examples/data/events.ndjson"
out="$(mktemp)"
trap 'rm -f "$log" "$out"' EXIT
swift_run swift run --skip-build --package-path examples/swift/host swe-host examples/data/events.ndjson | tee "$out"
# The sample stream ends with a summary and holds one truncated line (25).
grep -qE '^[0-9]+ events \([0-9]+ bytes of JSON delivered\), [0-9]+ warnings, 1 bad lines, library ' "$out" \
    || { echo "test-swift: no host summary" >&2; exit 1; }
grep -q '^line 25: SWE_ERROR_TRUNCATED at column 128 (data): ' "$out" \
    || { echo "test-swift: the host did not report the bad line 25" >&2; exit 1; }
# The Swift host is the twin of examples/c/host.c: same output, line for line (set
# SWE_SKIP_HOST_DIFF=1 to skip while the two are brought back in step).
CC="${CC:-cc}"
if [ "${SWE_SKIP_HOST_DIFF:-0}" != 1 ] && command -v "$CC" >/dev/null; then
    step "same output as examples/c/host.c"
    "$CC" -std=c11 -O2 -Iinclude examples/c/host.c -o build/swift-c-host "$LIB_A" -lpthread -ldl -lm
    if ! build/swift-c-host examples/data/events.ndjson | diff -u - "$out"; then
        echo "test-swift: the Swift host's output differs from the C host's (above)" >&2
        exit 1
    fi
fi

step "ok: ${summary#"${summary%%[![:space:]]*}"}"
