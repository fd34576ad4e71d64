#!/usr/bin/env bash
# Starts the agent from source on port 8043 (override with --Agent:Port=N); extra arguments go to the agent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash build/dashboard.sh
exec dotnet run --project Agent.Host -c Release -- "$@"
