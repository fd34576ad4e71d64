#!/usr/bin/env bash
# Unpacks apcupsd (which conflicts with nut-client as a package) into a cache folder outside the repository, so the
# UPS tests can start the real daemon with its test driver. Idempotent: does nothing when the binary is there.
# The tests find the folder through the same default or through UMA_APCUPSD_ROOT.
set -euo pipefail

target=${UMA_APCUPSD_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/uma-deps/apcupsd}
if [[ -x $target/sbin/apcupsd ]]; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -qq apcupsd >/dev/null 2>&1) || {
  apt-get update -qq
  (cd "$work" && apt-get download -qq apcupsd >/dev/null)
}

mkdir -p "$work/root"
dpkg -x "$work"/apcupsd_*.deb "$work/root"
mkdir -p "$(dirname "$target")"
rm -rf "$target"
mv "$work/root" "$target"
echo "apcupsd.sh: unpacked $(basename "$work"/apcupsd_*.deb) into $target"
