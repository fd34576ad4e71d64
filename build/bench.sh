#!/usr/bin/env bash
# Runs the whole benchmark suite (fan-out against the ws and plain-hub references, the idle agent, the parsers) in
# Release and writes docs/BENCHMARKS.md and docs/benchmarks.json. About 11 minutes here (15 at most); everything stays
# on 127.0.0.1.
# Extra arguments go to the harness (e.g. --short for the few-second version the tests run); a short or narrowed run
# (--short, --clients, --transports, --skip-*) writes its report under the temporary folder instead, unless --markdown
# and --json say where.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
ulimit -n 20000 2>/dev/null || echo "bench.sh: could not raise the open-file limit to 20000; 5,000 clients may not fit" >&2
dotnet build Agent.sln -c Release -warnaserror 2>&1 | tail -n 3

# The idle agent is measured as the Unraid package ships it too (the short version measures the Host assembly only).
shipped=()
if [[ " $* " != *" --short "* && " $* " != *" --skip-idle "* ]]; then
  folder=$(mktemp -d)
  trap 'rm -rf "$folder"' EXIT
  echo "bench.sh: publishing the shipped build"
  bash build/publish.sh --output "$folder"
  shipped=(--shipped "$folder/unraid-management-agent")
fi
dotnet bench/Agent.Bench.Runner/bin/Release/net10.0/Agent.Bench.Runner.dll --repo "$root" --configuration Release \
  "${shipped[@]}" "$@"
