#!/usr/bin/env bash
# Runs the shared conformance cases (tests/conformance/cases/*.json) through every host: Rust
# (the crate's API), C (the C ABI), C++ (bindings/cpp), Python (bindings/python, installed in
# build/python-venv) and Swift (bindings/swift, in the chroot of scripts/swift-env.sh). Each
# runner reports its failing cases by name and ends with "N passed, N failed"; this script
# prints each runner's summary, then the total, and exits non-zero on any failure.
#
#   scripts/test-conformance.sh [rust|c|cpp|python|swift]...   (default: all five)
#
# Builds only what is missing or stale: the library (cargo build --release --lib), the C and
# C++ runners (build/conformance/), the Rust runner (cargo, build/conformance/rust-target), the
# Swift runner (SwiftPM, tests/conformance/runner_swift/.build, linked against a copy of the
# static library in build/conformance/swift-lib). Makes build/python-venv with the package
# installed when it is missing; the Python runner loads target/release's library through
# SWE_LIBRARY_PATH, so that every host checks the same build. Needs root for the Swift chroot.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ROOT=$(pwd)
OUT=build/conformance
LIB_A=target/release/libspaces_widget_events.a
LIB_SO=target/release/libspaces_widget_events.so
VENV_PY=build/python-venv/bin/python
SWIFT_PKG=tests/conformance/runner_swift
SWIFT_LIB=$OUT/swift-lib
CC=${CC:-gcc}
CXX=${CXX:-g++}
JOBS=2
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== test-conformance: %s\n' "$*"; }
die() { printf 'test-conformance: %s\n' "$*" >&2; exit 1; }
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then PATH="$HOME/.cargo/bin:$PATH"; fi

runners=("$@")
((${#runners[@]})) || runners=(rust c cpp python swift)
wants() { [[ " ${runners[*]} " == *" $1 "* ]]; }

# Whether $1 is missing or older than any of the other files.
stale() {
  local target=$1 dep
  shift
  [[ -f $target ]] || return 0
  for dep in "$@"; do [[ $dep -nt $target ]] && return 0; done
  return 1
}

mkdir -p "$OUT"

if [[ ! -f $LIB_A || ! -f $LIB_SO ]] || [[ -n $(find src Cargo.toml -newer "$LIB_A" -print -quit) ]]; then
  step "cargo build --release --lib"
  cargo build --release --lib -j "$JOBS" || die "cargo build failed"
fi

if (wants c || wants cpp) && [[ ! -f /usr/include/cjson/cJSON.h ]]; then
  step "installing libcjson-dev (the C and C++ runners read the cases with cJSON)"
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends libcjson-dev >/dev/null; } ||
    die "could not install libcjson-dev"
fi
if (wants c || wants cpp) && ! command -v "$CXX" >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends g++ >/dev/null; } ||
    die "could not install g++"
fi

common=(tests/conformance/runner_common.h include/spaces_widget_events.h "$LIB_A")
if wants c && stale "$OUT/runner-c" tests/conformance/runner.c "${common[@]}"; then
  step "building the C runner"
  "$CC" -std=c11 -O1 -Wall -Wextra -Werror -Wno-comment -Iinclude tests/conformance/runner.c \
    -o "$OUT/runner-c" "$LIB_A" -lcjson -lpthread -ldl -lm || die "building the C runner failed"
fi
mapfile -t cpp_headers < <(find bindings/cpp -name '*.hpp')
if wants cpp && stale "$OUT/runner-cpp" tests/conformance/runner.cpp "${common[@]}" "${cpp_headers[@]}"; then
  step "building the C++ runner"
  "$CXX" -std=c++17 -O1 -Wall -Wextra -Werror -Iinclude -Ibindings/cpp tests/conformance/runner.cpp \
    -o "$OUT/runner-cpp" "$LIB_A" -lcjson -lpthread -ldl -lm || die "building the C++ runner failed"
fi
if wants rust; then
  step "building the Rust runner"
  manifest=tests/conformance/runner_rust/Cargo.toml
  cargo build --release --quiet --offline --manifest-path "$manifest" --target-dir "$OUT/rust-target" -j "$JOBS" ||
    cargo build --release --quiet --manifest-path "$manifest" --target-dir "$OUT/rust-target" -j "$JOBS" ||
    die "building the Rust runner failed"
fi
if wants python && [[ ! -x $VENV_PY ]]; then
  step "making build/python-venv with the package installed"
  python3 -m venv build/python-venv || die "python3 -m venv failed (try scripts/test-python.sh once)"
  rm -rf bindings/python/build bindings/python/src/*.egg-info
  "$VENV_PY" -m pip install --quiet bindings/python </dev/null || die "pip install bindings/python failed"
  rm -rf bindings/python/build bindings/python/src/*.egg-info
fi
if wants swift; then
  step "building the Swift runner"
  mkdir -p "$SWIFT_LIB"
  if ! cmp -s "$LIB_A" "$SWIFT_LIB/libspaces_widget_events.a"; then
    cp -p "$LIB_A" "$SWIFT_LIB/libspaces_widget_events.a"
    # SwiftPM does not track a library found through -L: drop the old link so it links again.
    rm -f "$SWIFT_PKG"/.build/*/debug/swe-conformance
  fi
  rm -f "$SWIFT_PKG"/.build/*/debug/description.json
  SWE_SWIFT_LIB_DIR="$ROOT/$SWIFT_LIB" SWE_SWIFT_PASSENV="SWE_SWIFT_LIB_DIR ${SWE_SWIFT_PASSENV:-}" \
    scripts/swift-env.sh run "$ROOT" -- swift build --package-path "$SWIFT_PKG" -j "$JOBS" \
    >"$OUT/swift-build.log" 2>&1 || { cat "$OUT/swift-build.log"; die "building the Swift runner failed"; }
fi

passed=0
failed=0
summaries=()
run() {
  local label=$1 log="$OUT/$1.log" status=0 summary
  shift
  step "$label"
  "$@" >"$log" 2>&1 || status=$?
  grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | sed "s|^|$label: |"
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    if ((status != 0 && BASH_REMATCH[2] == 0)); then
      failed=$((failed + 1))
      summary="$summary (exit status $status)"
    fi
  else
    failed=$((failed + 1))
    summary="no summary line (exit status $status)"
  fi
  echo "$label: $summary"
  summaries+=("$(printf '%-7s %s' "$label" "$summary")")
}

wants rust && run rust "$OUT/rust-target/release/swe-conformance-runner" --root "$ROOT"
wants c && run c "$OUT/runner-c" --root "$ROOT"
wants cpp && run cpp "$OUT/runner-cpp" --root "$ROOT"
wants python && run python env SWE_LIBRARY_PATH="$ROOT/$LIB_SO" "$VENV_PY" tests/conformance/runner.py
wants swift && run swift scripts/swift-env.sh run "$ROOT" -- \
  "$ROOT/$SWIFT_PKG/.build/debug/swe-conformance" --root "$ROOT"

step "summary"
printf '%s\n' "${summaries[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
