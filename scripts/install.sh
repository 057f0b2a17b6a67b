#!/usr/bin/env bash
# Installs the library for C and C++ users, in the layout cargo-c uses:
#   $DESTDIR$PREFIX/lib/libspaces_widget_events.so.X.Y.Z, its SONAME link and the .so dev link
#   $DESTDIR$PREFIX/lib/libspaces_widget_events.a
#   $DESTDIR$PREFIX/include/spaces_widget_events.h, spaces_widget_events.hpp (+ its folder)
#   $DESTDIR$PREFIX/lib/pkgconfig/spaces_widget_events.pc
#   $DESTDIR$PREFIX/lib/cmake/SpacesWidgetEvents/ (find_package(SpacesWidgetEvents))
#
#   PREFIX=/usr/local DESTDIR= scripts/install.sh      (`make install` runs this)
#
# Every version number comes from Cargo.toml, so the files cannot disagree with the library.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}
libdir=$prefix/lib
includedir=$prefix/include
name=spaces_widget_events

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
if [[ $major == 0 ]]; then soversion=0.$minor; else soversion=$major; fi

# The installed shared library carries an ELF SONAME, so that programs record the compatible
# version rather than the development link. It is built apart (target/install) because a
# SONAME in target/release would make programs linked there look for a file that only an
# install creates.
export CARGO_TARGET_DIR=$root/target/install
cargo rustc --release --lib --quiet --crate-type cdylib -- \
  -C "link-arg=-Wl,-soname,lib$name.so.$soversion"
cargo rustc --release --lib --quiet --crate-type staticlib
install -d "$dest$libdir/pkgconfig" "$dest$libdir/cmake/SpacesWidgetEvents" \
  "$dest$includedir/$name"
install -m 644 "$CARGO_TARGET_DIR/release/lib$name.a" "$dest$libdir/"
install -m 755 "$CARGO_TARGET_DIR/release/lib$name.so" "$dest$libdir/lib$name.so.$version"
ln -sf "lib$name.so.$version" "$dest$libdir/lib$name.so.$soversion"
ln -sf "lib$name.so.$soversion" "$dest$libdir/lib$name.so"
install -m 644 "include/$name.h" bindings/cpp/$name.hpp "$dest$includedir/"
install -m 644 bindings/cpp/$name/*.hpp "$dest$includedir/$name/"

cat >"$dest$libdir/pkgconfig/$name.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: $name
Description: Parse, validate, emit and dispatch Webex Spaces Widget events
Version: $version
Libs: -L\${libdir} -l$name
Libs.private: -lpthread -ldl -lm
Cflags: -I\${includedir}
PC

# Paths in the CMake files are relative to where they are installed, so a DESTDIR staging
# tree or a moved prefix still works.
cat >"$dest$libdir/cmake/SpacesWidgetEvents/SpacesWidgetEventsConfig.cmake" <<'CMAKE'
# find_package(SpacesWidgetEvents) gives two imported targets:
#   SpacesWidgetEvents::spaces_widget_events          the shared library
#   SpacesWidgetEvents::spaces_widget_events_static   the static library and its system libraries
include(CMakeFindDependencyMacro)
find_dependency(Threads)
get_filename_component(_swe_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET SpacesWidgetEvents::spaces_widget_events)
  add_library(SpacesWidgetEvents::spaces_widget_events SHARED IMPORTED)
  set_target_properties(SpacesWidgetEvents::spaces_widget_events PROPERTIES
    IMPORTED_LOCATION "${_swe_prefix}/lib/libspaces_widget_events.so"
    IMPORTED_SONAME "libspaces_widget_events.so.@SOVERSION@"
    INTERFACE_INCLUDE_DIRECTORIES "${_swe_prefix}/include")

  add_library(SpacesWidgetEvents::spaces_widget_events_static STATIC IMPORTED)
  set_target_properties(SpacesWidgetEvents::spaces_widget_events_static PROPERTIES
    IMPORTED_LOCATION "${_swe_prefix}/lib/libspaces_widget_events.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES "C"
    INTERFACE_INCLUDE_DIRECTORIES "${_swe_prefix}/include"
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m")
endif()
unset(_swe_prefix)
CMAKE
sed -i "s/@SOVERSION@/$soversion/" "$dest$libdir/cmake/SpacesWidgetEvents/SpacesWidgetEventsConfig.cmake"

cat >"$dest$libdir/cmake/SpacesWidgetEvents/SpacesWidgetEventsConfigVersion.cmake" <<CMAKE
# Compatible within one SONAME: same major version (same minor too while the major is 0).
set(PACKAGE_VERSION "$version")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif("$major" STREQUAL "0" AND NOT PACKAGE_FIND_VERSION_MAJOR STREQUAL "0")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif("$major" STREQUAL "0" AND NOT PACKAGE_FIND_VERSION_MINOR STREQUAL "$minor")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif(NOT "$major" STREQUAL "0" AND NOT PACKAGE_FIND_VERSION_MAJOR STREQUAL "$major")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
CMAKE
echo "install: $name $version into $dest$prefix (SONAME lib$name.so.$soversion)"
