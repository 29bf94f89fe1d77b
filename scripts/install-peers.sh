#!/usr/bin/env bash
# Installs the toolchains of the peer models (peers/go, peers/c, peers/rust) from Debian packages, offline from
# any language registry: golang-go, gcc and make; cargo and rustc unless a cargo is already on PATH (rustup's,
# for one); and the Rust crates peers/rust builds against, as listed one per line in
# peers/rust/debian-packages.txt ('#' starts a comment; without the file: librust-tokio-dev librust-async-std-dev
# librust-libc-dev). Idempotent: only missing packages are installed, and `apt-get update` runs only then.
# usage: scripts/install-peers.sh   (INSTALL_PEERS_RUST_LIST=FILE reads the crate list from FILE instead)
# Exit code: 0 everything installed (says what it installed, or that everything was there); 1 apt-get failed;
# 2 bad package list or no way to run apt-get as root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
list="${INSTALL_PEERS_RUST_LIST:-$here/../peers/rust/debian-packages.txt}"

wanted=(golang-go gcc make)
command -v cargo > /dev/null || wanted+=(cargo rustc)
if [ -f "$list" ]; then
  while read -r name extra; do
    [ -z "$name" ] && continue
    if [ -n "$extra" ] || ! [[ "$name" =~ ^[a-z0-9][a-z0-9+.-]+$ ]]; then
      echo "install-peers: '$name${extra:+ $extra}' in $list is not one Debian package name" >&2
      exit 2
    fi
    wanted+=("$name")
  done < <(sed 's/#.*//' "$list")
else
  wanted+=(librust-tokio-dev librust-async-std-dev librust-libc-dev)
fi

missing=()
for name in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$name" 2> /dev/null | grep -q 'install ok installed' || missing+=("$name")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-peers: everything was already installed (${wanted[*]})"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo > /dev/null || { echo "install-peers: must run as root (or with sudo) to install ${missing[*]}" >&2; exit 2; }
  as_root=(sudo -n)
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
apt() {  # apt-get quietly; on failure one line: what failed and apt's last error line
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq -y "$@" > "$log" 2>&1; then
    echo "install-peers: apt-get $1 failed: $(grep -E '^(E:|W:)' "$log" | tail -n 1 || tail -n 1 "$log")" >&2
    exit 1
  fi
}
apt update
apt install --no-install-recommends "${missing[@]}"
echo "install-peers: installed ${missing[*]}"
