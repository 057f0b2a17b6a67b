#!/usr/bin/env bash
# swift-env.sh: a Swift toolchain for a Debian 12 host that has none.
#
# Debian 12 has no Swift package and swift.org cannot be reached, but Debian 13 (trixie)
# packages `swiftlang`. So we debootstrap a minimal trixie tree once, install Swift into it,
# and run commands in it with chroot, inside a private mount + PID namespace:
#
#   scripts/swift-env.sh provision
#       Build the trixie tree at $SWE_SWIFT_ROOT unless it is already there (once: reused).
#   scripts/swift-env.sh run [--bind DIR]... <host-dir> -- <command> [args...]
#       Provision if needed, then run <command> inside the tree with <host-dir> (and each
#       --bind DIR) mounted at the same absolute path, in <host-dir>; exit with its status.
#   scripts/swift-env.sh status
#       Say whether the tree is provisioned, where, which Swift, and its disk use.
#
# Example: scripts/swift-env.sh run "$PWD" -- swift test --package-path bindings/swift
#
# Inside: the tree's own /usr (Swift 6.0.x, clang, gcc), the host's /dev and /sys, a fresh
# tmpfs /tmp per run, HOME=/root of the tree (kept between runs, for SwiftPM's caches), a
# clean environment (PATH, HOME, LANG, TERM, CI and SWE_SWIFT_PASSENV only), no network
# needed. What Swift builds links to the tree's Swift runtime, so run it through `run` too.
# Host-built libraries (glibc of Debian 12) link and load fine in the tree (glibc of 13).
#
# Environment:
#   SWE_SWIFT_ROOT      where the tree lives (default /var/cache/spaces-widget-events/swift-trixie)
#   SWE_DEBIAN_MIRROR   Debian mirror for the tree (default http://deb.debian.org/debian)
#   SWE_SWIFT_PASSENV   space-separated names of extra host variables to pass into `run`
#
# Needs root (debootstrap, chroot, mount namespaces). Never prompts: fine with CI=true and no
# standard input.
set -euo pipefail

# CI shells sometimes lack the sbin directories, where debootstrap and chroot live.
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"
export DEBIAN_FRONTEND=noninteractive
# With standard input closed (possible under CI), the first file a tool opens would become
# its fd 0: give it /dev/null instead.
if ! (exec 3<&0) 2>/dev/null; then exec </dev/null; fi

SWIFT_ROOT="${SWE_SWIFT_ROOT:-/var/cache/spaces-widget-events/swift-trixie}"
SWIFT_ROOT="${SWIFT_ROOT%/}"
MIRROR="${SWE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=trixie
# swiftlang: compiler, SwiftPM, Foundation, XCTest, swift-testing; it pulls in gcc (so
# libgcc-14-dev) and binutils, which the link step uses. libc6-dev is only a Recommends of
# gcc, yet without it nothing builds ('sys/param.h' file not found, from Dispatch's C
# module). pkgconf: for system-library targets that name a pkg-config file.
PACKAGES=(swiftlang libc6-dev pkgconf)
# Recorded in the marker: if the package list changes, the next provision installs the new
# list into the existing tree instead of starting over.
SPEC="suite=$SUITE packages=${PACKAGES[*]}"
MARKER="$SWIFT_ROOT/.swe-swift-env-ready"
LOCK="$SWIFT_ROOT.lock"
LOG="$SWIFT_ROOT.log"
SELF="$(realpath -e "${BASH_SOURCE[0]}")"

say() { printf 'swift-env: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    echo "usage:" >&2
    sed -n '/^#   scripts/,/^# Needs root/p' "$SELF" | sed 's/^# \{0,1\}//' | sed '$d' >&2
    exit 2
}

check_root_path() {
    case "$SWIFT_ROOT" in
        /*/*) ;;
        *) die "SWE_SWIFT_ROOT must be an absolute path at least two levels deep: '$SWIFT_ROOT'" ;;
    esac
}

need_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount namespaces need it)"
}

is_ready() {
    [ -f "$MARKER" ] && [ "$(head -n 1 "$MARKER")" = "$SPEC" ]
}

# Mount points at or below $1 as seen from this mount namespace. rm -rf descends into
# whatever is mounted in the namespace it runs in, so this is what must be empty before a
# tree is deleted. (The mounts made by `run` live in their own private namespaces and are
# never visible here, so they cannot be reached by an rm run from here.)
mounts_below() {
    awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo
}

safe_remove_tree() {
    local dir="$1" live
    [ -e "$dir" ] || return 0
    live="$(mounts_below "$dir")"
    if [ -n "$live" ]; then
        die "refusing to delete $dir: something is mounted below it:
$live
unmount it first (umount -R), then run provision again"
    fi
    rm -rf --one-file-system -- "$dir"
}

# Run "$@" in the background and wait for it, so that a signal to this script can be acted
# on: bash runs traps only when `wait` is interrupted, never during a foreground command.
# On INT, TERM or HUP the command gets SIGKILL and this script exits 128+signal. `0<&0`
# keeps standard input, which a background command would otherwise get as /dev/null.
killable() {
    local caught=""
    "$@" 0<&0 &
    local pid=$! rc=0
    trap 'caught=130; kill -KILL "$pid" 2>/dev/null || true' INT
    trap 'caught=143; kill -KILL "$pid" 2>/dev/null || true' TERM
    trap 'caught=129; kill -KILL "$pid" 2>/dev/null || true' HUP
    wait "$pid" || rc=$?
    # `wait` returns early when a trapped signal arrives: reap the killed child.
    while kill -0 "$pid" 2>/dev/null; do wait "$pid" || rc=$?; done
    trap - INT TERM HUP
    if [ -n "$caught" ]; then exit "$caught"; fi
    return "$rc"
}

# The unshare that runs everything else in the tree. --pid with --fork: the process tree
# inside dies as a whole when its first process ends, so no stray process keeps the
# namespace (and its mounts) alive. --kill-child: if unshare itself is killed, the kernel
# SIGKILLs that first process, and with it everything in there. unshare's default mount
# propagation is private: nothing mounted in there reaches the host's view of the tree.
# unshare keeps fd 9 (the lock) open for as long as anything runs in there.
ns_unshare() {
    killable unshare --mount --pid --fork --kill-child=SIGKILL -- "$@"
}

# Run the command that follows in the tree, in private namespaces, with /proc, /dev, /sys
# and a tmpfs /tmp mounted (see `inside`). The first argument is a newline-separated list of
# host directories to bind at the same path ('' for none), the second the working directory
# inside the tree.
in_tree() {
    local binds="$1" workdir="$2"
    shift 2
    ns_unshare bash "$SELF" __inside "$SWIFT_ROOT" "$binds" "$workdir" "$@"
}

# Runs as the first process of the new PID namespace, in the new mount namespace.
inside() {
    local root="$1" binds="$2" workdir="$3" dir
    shift 3
    # The lock stays held by unshare; the command itself need not inherit it.
    exec 9>&-
    mount -t proc proc "$root/proc"
    # Host /dev with everything under it (pts, shm). Private, so it unmounts with the namespace.
    mount --rbind /dev "$root/dev"
    mount --rbind /sys "$root/sys"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
    # Bound after /tmp so that host directories under /tmp land on top of the tmpfs.
    while IFS= read -r dir; do
        [ -n "$dir" ] || continue
        mkdir -p "$root$dir"
        mount --rbind "$dir" "$root$dir"
    done <<<"$binds"
    local -a env=(
        HOME=/root
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        LANG=C.UTF-8
        TERM="${TERM:-dumb}"
        DEBIAN_FRONTEND=noninteractive
    )
    local name
    for name in CI ${SWE_SWIFT_PASSENV:-}; do
        if [ -n "${!name+x}" ]; then env+=("$name=${!name}"); fi
    done
    # Not `exec`: this bash stays PID 1 of the namespace, so the command is an ordinary
    # process (PID 1 ignores signals it has no handler for) and orphans get reaped.
    local rc=0
    chroot "$root" /usr/bin/env -i -C "$workdir" "${env[@]}" "$@" || rc=$?
    return "$rc"
}

ensure_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && return 0
    say "installing debootstrap on the host"
    # Update the package lists first only when they are missing or installing fails with the
    # lists there are (they may be stale).
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        apt-get update -q >>"$LOG" 2>&1 || fail_log "apt-get update failed"
    fi
    if ! apt-get install -y -q --no-install-recommends debootstrap >>"$LOG" 2>&1; then
        apt-get update -q >>"$LOG" 2>&1 || fail_log "apt-get update failed"
        apt-get install -y -q --no-install-recommends debootstrap >>"$LOG" 2>&1 ||
            fail_log "could not install debootstrap"
    fi
}

fail_log() {
    say "error: $1; last lines of $LOG:"
    tail -n 40 "$LOG" >&2 || true
    exit 1
}

# Install the package list into the tree (first time, or after the list changed).
install_packages() {
    # Name resolution for apt inside the tree.
    rm -f "$SWIFT_ROOT/etc/resolv.conf"
    cp -L /etc/resolv.conf "$SWIFT_ROOT/etc/resolv.conf"
    say "installing ${PACKAGES[*]} (trixie)"
    in_tree '' / sh -c '
        set -e
        apt-get update -q
        apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "$@"
        apt-get clean
    ' sh "${PACKAGES[@]}" </dev/null >>"$LOG" 2>&1 || fail_log "package installation failed"
    local version
    version="$(in_tree '' / swift --version </dev/null 2>&1)" ||
        fail_log "swift --version failed in the tree: $version"
    # Marker last: a tree without it (interrupted provisioning) is deleted and rebuilt.
    { printf '%s\n' "$SPEC"; printf '%s\n' "$version"; } >"$MARKER.tmp"
    sync -f "$MARKER.tmp"
    mv -f "$MARKER.tmp" "$MARKER"
    say "ready: $(printf '%s\n' "$version" | head -n 1)"
}

provision_locked() {
    if is_ready; then return 0; fi
    ensure_debootstrap
    if [ -f "$MARKER" ]; then
        # A complete tree made with another package list: top it up, no need to start over.
        say "package list changed; updating $SWIFT_ROOT"
        install_packages
        return 0
    fi
    if [ -e "$SWIFT_ROOT" ]; then
        say "removing incomplete tree at $SWIFT_ROOT (an earlier provisioning did not finish)"
        safe_remove_tree "$SWIFT_ROOT"
    fi
    local start=$SECONDS
    say "provisioning Debian $SUITE into $SWIFT_ROOT (log: $LOG)"
    say "debootstrap --variant=minbase $SUITE from $MIRROR"
    # In its own namespaces: debootstrap mounts /proc and /sys in the target, and if it is
    # interrupted those mounts must not stay behind in the host's view of the tree.
    ns_unshare debootstrap --variant=minbase "$SUITE" "$SWIFT_ROOT" "$MIRROR" \
        </dev/null >>"$LOG" 2>&1 || fail_log "debootstrap failed"
    install_packages
    say "provisioned in $((SECONDS - start))s, $(du -sh --one-file-system "$SWIFT_ROOT" | cut -f1) on disk"
}

# Take the lock on fd 9 (exclusive or shared), saying so if we have to wait.
take_lock() {
    local mode="$1"
    exec 9>>"$LOCK"
    if ! flock -n "$mode" 9; then
        say "waiting for another swift-env.sh (lock $LOCK)"
        flock -w 3600 "$mode" 9 || die "timed out waiting for $LOCK"
    fi
}

provision() {
    need_root
    check_root_path
    mkdir -p "$(dirname "$SWIFT_ROOT")"
    : >>"$LOG"
    # Exclusive: only one caller provisions; the others wait and then find the marker.
    take_lock -x
    provision_locked
}

cmd_provision() {
    [ $# -eq 0 ] || usage
    provision
    say "Swift tree ready at $SWIFT_ROOT"
}

cmd_status() {
    [ $# -eq 0 ] || usage
    if is_ready; then
        say "ready at $SWIFT_ROOT: $(sed -n 2p "$MARKER")"
        say "disk use: $(du -sh --one-file-system "$SWIFT_ROOT" | cut -f1)"
    else
        say "not provisioned at $SWIFT_ROOT"
        return 1
    fi
}

cmd_run() {
    local -a binds=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --bind) [ $# -ge 2 ] || usage; binds+=("$2"); shift 2 ;;
            --) usage ;;
            -*) usage ;;
            *) break ;;
        esac
    done
    if [ $# -lt 3 ] || [ "$2" != "--" ]; then usage; fi
    local workdir
    workdir="$(realpath -e -- "$1")" || die "no such directory: $1"
    [ -d "$workdir" ] || die "not a directory: $1"
    binds=("$workdir" "${binds[@]}")
    shift 2

    local b dir list=""
    for b in "${binds[@]}"; do
        dir="$(realpath -e -- "$b")" || die "no such directory: $b"
        [ -d "$dir" ] || die "not a directory: $b"
        # Binding these over the tree's own would break it (or be pointless, for the tree).
        case "$dir" in
            / | /usr | /usr/* | /etc | /etc/* | /bin | /bin/* | /sbin | /sbin/* | /lib | /lib/* | \
                /lib64 | /lib64/* | /proc | /proc/* | /sys | /sys/* | /dev | /dev/* | /var | /root)
                die "refusing to bind $dir into the tree: choose a project directory" ;;
        esac
        case "$dir/" in
            "$SWIFT_ROOT"/*) die "refusing to bind $dir: it is inside the tree" ;;
        esac
        case "$SWIFT_ROOT/" in
            "$dir"/*) die "refusing to bind $dir: it contains the tree" ;;
        esac
        list+="$dir"$'\n'
    done

    if ! is_ready; then provision; fi
    # Shared while the command runs: a re-provisioning (exclusive) waits for running commands.
    take_lock -s
    is_ready || die "tree at $SWIFT_ROOT is not ready"
    in_tree "$list" "$workdir" "$@"
}

main() {
    [ $# -ge 1 ] || usage
    local cmd="$1"
    shift
    case "$cmd" in
        provision) cmd_provision "$@" ;;
        run) need_root; check_root_path; cmd_run "$@" ;;
        status) cmd_status "$@" ;;
        # Internal: the part of `run` that executes inside the new namespaces.
        __inside) inside "$@" ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

main "$@"
