#!/usr/bin/env bash
# Fuzzes the library with cargo-fuzz (libFuzzer, nightly Rust): runs every target in fuzz/ for
# SECONDS_PER_TARGET seconds (default 600), after seeding its corpus from the bundled samples.
# Optional and slow: never part of `make test`.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
#
# Environment:
#   FUZZ_TARGETS   targets to run, space-separated (default: every target)
#   FUZZ_PARALLEL  how many targets run at once (default 1; each uses one core)
#   FUZZ_TOOLCHAIN the nightly toolchain for cargo (default nightly)
#
# Corpora go to fuzz/corpus/<target>/ (kept between runs, not committed), crashes to
# fuzz/artifacts/<target>/, logs to fuzz/logs/<target>.log. A crash ends that target's run;
# minimise it (cargo +nightly fuzz tmin <target> <file>), save it as
# tests/regressions/<target>-<short-name>.bin and `cargo test --test regressions` replays it.
# Prints each target's executions, coverage and corpus size; exits non-zero when a target
# found a crash or failed to run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-600}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2
  exit 2
fi
toolchain=${FUZZ_TOOLCHAIN:-nightly}
parallel=${FUZZ_PARALLEL:-1}
all_targets=(parse_json parse_literal stream_chunks webex_id roundtrip)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"

if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
  echo "fuzz: the $toolchain toolchain is needed (rustup toolchain install $toolchain)" >&2
  exit 2
fi
if ! cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

# Seeds: the sample events (JSON and JavaScript-literal), each line of the bundled stream, and
# the ids they carry. Rewritten every run; libFuzzer's own finds stay beside them.
seed() {
  local corpus=fuzz/corpus file n=0 line
  mkdir -p "$corpus"/{parse_json,parse_literal,stream_chunks,webex_id,roundtrip}
  for file in tests/data/events/*.json tests/data/doc-samples/*.js; do
    for target in parse_json parse_literal roundtrip; do
      cp "$file" "$corpus/$target/seed-$(basename "$file")"
    done
  done
  while IFS= read -r line; do
    n=$((n + 1))
    for target in parse_json parse_literal roundtrip; do
      printf '%s' "$line" >"$corpus/$target/seed-ndjson-$n.json"
    done
  done <examples/data/events.ndjson
  # stream_chunks inputs start with three control bytes (see fuzz/checks.rs): default limit,
  # no stop, no split; then the same with a 64-byte line limit, stops and two splits.
  {
    printf '\x00\x00\x00'
    cat examples/data/events.ndjson
  } >"$corpus/stream_chunks/seed-events-whole.bin"
  {
    printf '\xbf\x55\x02\x40\x00\x10\x02'
    head -c 4000 examples/data/events.ndjson
  } >"$corpus/stream_chunks/seed-events-split.bin"
  {
    printf '\x00\x0f\x03\x05\x00\x11\x00\x30\x00'
    printf '%s\r\n\n  \n' "$(head -n 1 examples/data/events.ndjson)"
    printf '{"resource":"rooms","event":"read","data":'
  } >"$corpus/stream_chunks/seed-crlf-blank-unfinished.bin"
  grep -ohE 'Y2lz[A-Za-z0-9_+/=-]+' tests/data/events/*.json tests/data/doc-samples/*.js \
    examples/data/events.ndjson | sort -u | while IFS= read -r id; do
    printf '%s' "$id" >"$corpus/webex_id/seed-$(printf '%s' "$id" | cksum | cut -d' ' -f1)"
  done
}

run_target() {
  local target=$1 log=fuzz/logs/$1.log
  mkdir -p "fuzz/artifacts/$target"
  if cargo "+$toolchain" fuzz run --debug-assertions "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$root/fuzz/artifacts/$target/" >"$log" 2>&1; then
    echo "ok" >"fuzz/logs/$target.status"
  else
    echo "failed" >"fuzz/logs/$target.status"
  fi
}

report() {
  local target=$1 log=fuzz/logs/$1.log status execs cov ft corp
  status=$(cat "fuzz/logs/$target.status" 2>/dev/null || echo "not run")
  execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  cov=$(grep -oE ' cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  ft=$(grep -oE ' ft: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  corp=$(grep -oE ' corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1 | cut -d' ' -f3 || true)
  printf '%-14s %-7s execs %-10s cov %-6s ft %-6s corpus %s\n' "$target" "$status" \
    "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
  if [[ $status != ok ]]; then
    grep -E 'panicked at|SUMMARY|ERROR: libFuzzer|Test unit written to' "$log" | head -n 5 |
      sed "s|^|  $target: |" || true
  fi
}

seed
mkdir -p fuzz/logs
# Build every target once before the runs start, so parallel runs do not race to build.
cargo "+$toolchain" fuzz build --debug-assertions

running=0
for target in "${targets[@]}"; do
  rm -f "fuzz/logs/$target.status"
  echo "fuzz: $target for ${seconds}s"
  run_target "$target" &
  running=$((running + 1))
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

failed=0
for target in "${targets[@]}"; do
  report "$target"
  [[ $(cat "fuzz/logs/$target.status" 2>/dev/null) == ok ]] || failed=$((failed + 1))
done
((failed == 0))
