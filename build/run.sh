#!/usr/bin/env bash
# Starts the agent from source on 127.0.0.1:8043. Extra arguments go to the agent and win over these defaults,
# e.g. --Agent:Port=9000, or --Agent:BindAddress=0.0.0.0 to serve the network (then set --Agent:ApiToken too).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash build/dashboard.sh
exec dotnet run --project Agent.Host -c Release -- --Agent:BindAddress=127.0.0.1 "$@"
