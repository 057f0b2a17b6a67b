#!/usr/bin/env bash
# Installs what the bridge's tests need and runs both suites:
#   unit tests (node --test, no browser) and the end-to-end test (headless Chromium).
# Works on a fresh Debian 12 machine as root with no stdin. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

export DEBIAN_FRONTEND=noninteractive
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]} from Debian's packages"
  $SUDO apt-get update -q < /dev/null || exit 1
  $SUDO apt-get install -y -q "${missing[@]}" < /dev/null || exit 1
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "run.sh: $CHROMIUM_PATH still missing" >&2
  exit 1
fi

echo "run.sh: node $(node --version), $("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1)"
npm ci --no-audit --no-fund --loglevel=error < /dev/null || exit 1

status=0
echo "run.sh: unit tests"
node --test test/unit/*.test.js < /dev/null || status=1
echo "run.sh: end-to-end test (headless Chromium)"
node --test test/e2e/*.test.js < /dev/null || status=1

if [ "$status" -eq 0 ]; then echo "run.sh: all bridge tests passed"; else echo "run.sh: bridge tests FAILED" >&2; fi
exit "$status"
