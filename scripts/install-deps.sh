#!/usr/bin/env bash
# Installs what building, testing and benchmarking EdgeOrch needs, and nothing that is already there.
# Safe to run again and again: when everything is present it only says so.
#
#   scripts/install-deps.sh            clang + llvm (NativeAOT), etcd (benchmark peer)
#   scripts/install-deps.sh --arm64    also the cross toolchain for linux-arm64 publishes and qemu to run them
set -euo pipefail

want_arm64=0
for arg in "$@"; do
    case "$arg" in
        --arm64) want_arm64=1 ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-deps: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "install-deps: $*"; }

# NativeAOT links with clang and strips with llvm-objcopy. zlib1g-dev is not listed: the .NET 10 runtime carries its
# own zlib-ng and only links the system one with UseSystemZlib=true, which EdgeOrch does not set.
packages=(clang llvm etcd-server etcd-client)
if [[ $want_arm64 -eq 1 ]]; then
    packages+=(binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)
fi

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

missing=()
for pkg in "${packages[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if ! command -v dotnet >/dev/null 2>&1; then
    say "ERROR: the .NET SDK is not on PATH. Install .NET SDK 10 (see global.json) and run again." >&2
    exit 1
fi
if [[ ! -x /usr/bin/kubectl ]] && ! command -v kubectl >/dev/null 2>&1; then
    say "note: kubectl is not installed; the tests that drive a real kubectl will fail until it is." >&2
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    say "all system packages present (${packages[*]})"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    say "ERROR: missing ${missing[*]} and this is not a Debian-like system (no apt-get); install them by hand." >&2
    exit 1
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        say "ERROR: missing ${missing[*]}; run as root or install sudo." >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
apt_install() {
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/edgeorch-install-deps.log 2>&1
}

say "installing ${missing[*]} ..."
if ! apt_install; then
    # A fresh machine may have empty package lists; refresh once and retry.
    say "refreshing package lists ..."
    "${sudo_cmd[@]}" apt-get update -qq >>/tmp/edgeorch-install-deps.log 2>&1 || true
    if ! apt_install; then
        say "ERROR: apt-get install failed; the last lines of /tmp/edgeorch-install-deps.log:" >&2
        tail -n 20 /tmp/edgeorch-install-deps.log >&2
        exit 1
    fi
fi

for pkg in "${missing[@]}"; do
    if ! is_installed "$pkg"; then
        say "ERROR: $pkg is still not installed (see /tmp/edgeorch-install-deps.log)" >&2
        exit 1
    fi
done
say "installed ${missing[*]}"
