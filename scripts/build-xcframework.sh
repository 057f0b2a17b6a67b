#!/usr/bin/env bash
# Builds SpacesWidgetEvents.xcframework for Apple apps: the static library for iOS devices
# (arm64), the iOS simulator (arm64 and x86_64, joined with lipo) and macOS (arm64 and x86_64),
# each slice with the header and a module map at its Headers/ root, so Swift imports it as
# `CSpacesWidgetEvents`.
#
#   scripts/build-xcframework.sh [OUT_DIR]      (default build/apple)
#
# Runs on macOS with Xcode's command-line tools and rustup. Not run by `make test`: the
# project's CI machines are Linux. With --dry-run it prints the commands instead.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dry_run=false
if [[ ${1:-} == --dry-run ]]; then
  dry_run=true
  shift
fi
out=${1:-$root/build/apple}
lib=libspaces_widget_events.a
device=aarch64-apple-ios
simulators=(aarch64-apple-ios-sim x86_64-apple-ios)
macs=(aarch64-apple-darwin x86_64-apple-darwin)

run() {
  echo "+ $*"
  if ! $dry_run; then "$@"; fi
}

cd "$root"
run rustup target add "$device" "${simulators[@]}" "${macs[@]}"
for target in "$device" "${simulators[@]}" "${macs[@]}"; do
  run cargo build --release --lib --target "$target"
done

headers=$out/headers
run mkdir -p "$headers" "$out/ios-simulator" "$out/macos"
run cp include/spaces_widget_events.h "$headers/"
if ! $dry_run; then
  printf 'module CSpacesWidgetEvents {\n    header "spaces_widget_events.h"\n    export *\n}\n' \
    >"$headers/module.modulemap"
fi
run lipo -create "target/${simulators[0]}/release/$lib" "target/${simulators[1]}/release/$lib" \
  -output "$out/ios-simulator/$lib"
run lipo -create "target/${macs[0]}/release/$lib" "target/${macs[1]}/release/$lib" \
  -output "$out/macos/$lib"
run rm -rf "$out/SpacesWidgetEvents.xcframework"
run xcodebuild -create-xcframework \
  -library "target/$device/release/$lib" -headers "$headers" \
  -library "$out/ios-simulator/$lib" -headers "$headers" \
  -library "$out/macos/$lib" -headers "$headers" \
  -output "$out/SpacesWidgetEvents.xcframework"
echo "build-xcframework: $out/SpacesWidgetEvents.xcframework"
