#!/usr/bin/env bash
# Tests the Python binding as a user gets it: a fresh virtual environment under build/,
# `pip install bindings/python` (which builds the Rust library with cargo and bundles it in the
# package), then mypy --strict, ruff, the example host and pytest (last, so that its summary
# line closes the output). Works as root on a fresh Debian 12 machine with no stdin; installs
# python3-venv when `python3 -m venv` cannot work. Exits non-zero when any step fails.
#
#   scripts/test-python.sh [pytest arguments...]
#
# PYTHON (default python3) picks the interpreter. The Rust build reuses the repository's
# target/ directory (cargo's default for ../../Cargo.toml), or $CARGO_TARGET_DIR when set.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
VENV=$ROOT/build/python-venv
CACHE=$ROOT/build/python-cache
PKG=$ROOT/bindings/python
export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n== test-python: %s\n' "$*"; }
die() { printf 'test-python: %s\n' "$*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null || die "$PYTHON not found"
command -v cargo >/dev/null || die "cargo is missing; install Rust (https://rustup.rs) first"

# A fresh virtual environment. Debian's python3 needs python3-venv (ensurepip) for that.
make_venv() {
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" </dev/null >/dev/null 2>&1 && [ -x "$VENV/bin/python" ] &&
    "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}
step "fresh virtual environment in ${VENV#"$ROOT"/}"
if ! make_venv; then
  command -v apt-get >/dev/null || die "$PYTHON -m venv failed (is ensurepip installed?)"
  step "installing python3-venv"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null || die "apt-get update failed"
  version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt-get install -y -qq --no-install-recommends "python${version}-venv" </dev/null >/dev/null ||
    apt-get install -y -qq --no-install-recommends python3-venv </dev/null >/dev/null ||
    die "could not install python3-venv"
  make_venv || die "$PYTHON -m venv failed"
fi
PY=$VENV/bin/python

step "pip install bindings/python (builds the Rust library)"
# Leftovers of an earlier build would be bundled again: start from a clean tree.
rm -rf "$PKG/build" "$PKG"/src/*.egg-info
"$PY" -m pip install --quiet "$PKG" </dev/null || die "pip install bindings/python failed"
rm -rf "$PKG/build" "$PKG"/src/*.egg-info
"$PY" -m pip install --quiet "pytest==9.2.0" "mypy==2.4.1" "ruff==0.17.6" </dev/null ||
  die "installing pytest, mypy and ruff failed"

# The package must import from anywhere, with no environment variables.
(cd /tmp && env -u SWE_LIBRARY_PATH -u PYTHONPATH "$PY" -c \
  'import spaces_widget_events as s; print("imported", s.__name__, s.library_version(), "from", s.LIBRARY_PATH)') ||
  die "import spaces_widget_events failed"

failed=()
mkdir -p "$CACHE"

# Linters run from bindings/python, whose pyproject.toml configures them (first-party
# modules for the import order are found relative to it).
step "mypy --strict"
(cd "$PKG" && "$PY" -m mypy --strict --config-file pyproject.toml --cache-dir "$CACHE/mypy" \
  src tests ../../examples/python) || failed+=(mypy)

step "ruff"
(cd "$PKG" && "$VENV/bin/ruff" check --config pyproject.toml --cache-dir "$CACHE/ruff" \
  src tests ../../examples/python) || failed+=("ruff check")
(cd "$PKG" && "$VENV/bin/ruff" format --check --config pyproject.toml --cache-dir "$CACHE/ruff" \
  src tests ../../examples/python) || failed+=("ruff format")

step "example: examples/python/host.py"
"$PY" "$ROOT/examples/python/host.py" </dev/null || failed+=(example)

step "pytest"
(cd "$PKG" && "$PY" -m pytest -o cache_dir="$CACHE/pytest" "$@" tests </dev/null) || failed+=(pytest)

if ((${#failed[@]})); then
  printf 'test-python: FAILED: %s\n' "${failed[*]}" >&2
  exit 1
fi
