#!/usr/bin/env bash
# The Python benchmark (bindings/python/bench/bench.py): this binding's batch and per-event
# paths beside json, orjson and msgspec, each delivering typed events to a Python listener.
# Makes its own virtual environment in build/bench-venv (the package from bindings/python
# plus orjson and msgspec from PyPI; `make test` needs neither) and the corpus under
# target/bench/ when missing. Not a test: it prints figures.
#
#   scripts/bench-python.sh [bench.py arguments, e.g. --runs 7]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
VENV=$ROOT/build/bench-venv
CORPUS=$ROOT/target/bench/corpus-100000.ndjson
GENERATOR=${SWE_CORPUS_GENERATOR:-$ROOT/../shared/bench/gen_widget_corpus.py}
export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

if [[ ! -x $VENV/bin/python ]]; then
  "$PYTHON" -m venv "$VENV"
fi
rm -rf bindings/python/build bindings/python/src/*.egg-info
"$VENV/bin/python" -m pip install --quiet bindings/python "orjson==3.11.4" "msgspec==0.19.0"
rm -rf bindings/python/build bindings/python/src/*.egg-info

if [[ ! -f $CORPUS ]]; then
  mkdir -p "$(dirname "$CORPUS")"
  "$PYTHON" "$GENERATOR" 100000 "$CORPUS"
fi
printf 'machine: %s cores, %s\n' "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
(cd /tmp && "$VENV/bin/python" "$ROOT/bindings/python/bench/bench.py" "$CORPUS" "$@")
