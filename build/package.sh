#!/usr/bin/env bash
# Builds the release: a self-contained linux-x64 publish of the Host, the dashboard, the Slackware package
# unraid-management-agent-<version>.txz (tar + xz; makepkg is not on Debian) and the unraid-management-agent.plg that
# installs it. Usage: build/package.sh [--output DIR] [--version YYYY.MM.DD]
#   [--variant trimmed|trimmed-compressed|trimmed-full|single|aot]
# The publish itself is build/publish.sh; docs/packaging.md explains the variants and why "trimmed" is the default.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=unraid-management-agent
output="$root/artifacts"
version=${UMA_VERSION:-$(date -u +%Y.%m.%d)}
variant=trimmed

while (($# > 0)); do
  case $1 in
    --output) output=${2:?--output needs a folder}; shift 2 ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --variant) variant=${2:?--variant needs a value}; shift 2 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [[ ! $version =~ ^[0-9]{4}\.[0-9]{2}\.[0-9]{2}[a-z]?$ ]]; then
  echo "package.sh: version '$version' is not of the form YYYY.MM.DD" >&2
  exit 2
fi

bash "$root/build/publish.sh" --check --variant "$variant"

mkdir -p "$output"
output=$(cd "$output" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -f $root/build/dashboard.sh ]]; then
  echo "package.sh: building the dashboard"
  bash "$root/build/dashboard.sh"
fi

echo "package.sh: publishing the Host ($variant)"
bash "$root/build/publish.sh" --output "$work/publish" --variant "$variant" --version "$version"

echo "package.sh: assembling the package"
stage="$work/package"
plugdir="$stage/usr/local/emhttp/plugins/$name"
source_dir="$root/unraid-plugin/source"
mkdir -p "$plugdir" "$stage/install"
cp -a "$work/publish/." "$plugdir/"
find "$plugdir" -type f \( -name '*.xml' -o -name '*.pdb' -o -name '*.dbg' \) -delete
cp -r "$source_dir/scripts" "$source_dir/event" "$plugdir/"
cp "$source_dir/ManagementAgent.page" "$source_dir/default.cfg" "$plugdir/"
cp "$source_dir/slack-desc" "$stage/install/slack-desc"
chmod 0755 "$plugdir/$name" "$plugdir"/scripts/* "$plugdir"/event/*
echo "$version" >"$plugdir/VERSION"

package="$output/$name-$version.txz"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$stage" -cf - . |
  xz -9 --threads=0 >"$package"

md5=$(md5sum "$package" | cut -d' ' -f1)
sha256=$(sha256sum "$package" | cut -d' ' -f1)
sed -e "s/@VERSION@/$version/g" -e "s/@MD5@/$md5/g" -e "s/@SHA256@/$sha256/g" \
  "$root/unraid-plugin/$name.plg" >"$output/$name.plg"

size=$(stat -c %s "$package")
binary=$(stat -c %s "$plugdir/$name")
echo "package.sh: $package ($size bytes; binary $binary bytes)"
echo "package.sh: $output/$name.plg"
