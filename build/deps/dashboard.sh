#!/usr/bin/env bash
# Builds the dashboard's third-party files into Agent.Host/wwwroot/lib/ so that the browser tests load the real page.
set -euo pipefail
bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dashboard.sh"
