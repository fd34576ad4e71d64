#!/usr/bin/env bash
# Installs the dashboard's npm packages from their lockfile and copies their browser files into Agent.Host/wwwroot/lib/.
# Idempotent: does nothing when the lockfile and the copied files are unchanged since the last run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
client="$root/Agent.Host/Dashboard/client"
lib="$root/Agent.Host/wwwroot/lib"
stamp="$lib/.built-from"

ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "dashboard.sh: node and npm are missing and root is needed to install them" >&2
    exit 1
  fi
  echo "dashboard.sh: installing nodejs npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
}

# The files the page loads, as "package-relative source|destination under wwwroot/lib".
files=(
  "@microsoft/signalr/dist/browser/signalr.min.js|signalr/signalr.min.js"
  "@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js|signalr/signalr-protocol-msgpack.min.js"
  "uplot/dist/uPlot.esm.js|uplot/uPlot.esm.js"
  "uplot/dist/uPlot.min.css|uplot/uPlot.min.css"
  "uplot/LICENSE|uplot/LICENSE"
)

fingerprint=$(sha256sum "$client/package-lock.json" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$fingerprint" ]]; then
  complete=1
  for entry in "${files[@]}"; do
    [[ -f "$lib/${entry#*|}" ]] || complete=0
  done
  if ((complete == 1)); then
    exit 0
  fi
fi

ensure_node
cd "$client"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

rm -rf "$lib"
for entry in "${files[@]}"; do
  source="node_modules/${entry%%|*}"
  destination="$lib/${entry#*|}"
  mkdir -p "$(dirname "$destination")"
  cp "$source" "$destination"
done
echo "$fingerprint" >"$stamp"
