#!/usr/bin/env bash
# README's C quick start must compile with warnings as errors and run: extracts it, builds it
# against the static library and checks what it prints. Prints "N passed, N failed".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The block between "## C quick start" and the next fence end.
awk '/^## C quick start/{s=1} s&&/^```c/{f=1;next} f&&/^```/{exit} f' README.md >"$work/quick.c"
if cc -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude "$work/quick.c" -o "$work/quick" \
  target/release/libspaces_widget_events.a -lpthread -ldl -lm &&
  [[ $("$work/quick") == "someone: hi" ]]; then
  echo "1 passed, 0 failed"
else
  echo "README's C quick start no longer builds or prints 'someone: hi'"
  echo "0 passed, 1 failed"
  exit 1
fi
