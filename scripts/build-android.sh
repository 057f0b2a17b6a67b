#!/usr/bin/env bash
# Builds the shared library for Android apps, one per ABI (arm64-v8a, armeabi-v7a, x86_64,
# x86), laid out as jniLibs/<abi>/libspaces_widget_events.so with the header beside them, ready
# for an app's src/main/jniLibs and its JNI code.
#
#   ANDROID_NDK_HOME=/path/to/ndk scripts/build-android.sh [OUT_DIR]   (default build/android)
#
# Needs the Android NDK and rustup; installs cargo-ndk when missing. Not run by `make test`:
# the NDK cannot be fetched on the project's CI machines. With --dry-run it prints the
# commands instead.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dry_run=false
if [[ ${1:-} == --dry-run ]]; then
  dry_run=true
  shift
fi
out=${1:-$root/build/android}
targets=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)
abis=(arm64-v8a armeabi-v7a x86_64 x86)

run() {
  echo "+ $*"
  if ! $dry_run; then "$@"; fi
}

if ! $dry_run && [[ -z ${ANDROID_NDK_HOME:-} ]]; then
  echo "build-android: set ANDROID_NDK_HOME to the NDK's folder" >&2
  exit 2
fi
cd "$root"
run rustup target add "${targets[@]}"
if ! $dry_run && ! cargo ndk --version >/dev/null 2>&1; then
  run cargo install --locked cargo-ndk
fi
abi_flags=()
for abi in "${abis[@]}"; do
  abi_flags+=(-t "$abi")
done
run cargo ndk "${abi_flags[@]}" -o "$out/jniLibs" build --release --lib
run mkdir -p "$out/include"
run cp include/spaces_widget_events.h "$out/include/"
echo "build-android: $out/jniLibs/<abi>/libspaces_widget_events.so"
