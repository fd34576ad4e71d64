#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (Debian packages, npm packages, the apcupsd
# binaries); the tests start their own daemons (dockerd, upsd, apcupsd, Chromium) on loopback or unix sockets.
# Results go to TestResults/ as TRX files.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

install_apt_packages() {
  local wanted=() missing=()
  mapfile -t wanted < <(grep -vE '^\s*(#|$)' build/deps/apt-packages.txt)
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    echo "test.sh: installing ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then
      echo "test.sh: root is needed to install Debian packages" >&2
      exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

run_dependency_steps() {
  local step
  for step in build/deps/*.sh; do
    [[ -e $step ]] || continue
    echo "test.sh: ${step}"
    bash "$step"
  done
}

install_apt_packages
run_dependency_steps

rm -rf TestResults
dotnet build Agent.sln -c Release -warnaserror 2>&1 | tail -n 3
echo "test.sh: dotnet format --verify-no-changes"
dotnet format Agent.sln --verify-no-changes --no-restore
dotnet test Agent.sln -c Release --no-build \
  --logger "trx;LogFileName=results.trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$root/TestResults" \
  "$@"
