#!/usr/bin/env bash
# Installs the npm packages of the JavaScript test clients from their lockfile.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root/Agent.Tests/Node"
npm ci --no-audit --no-fund --loglevel=error
