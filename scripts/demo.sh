#!/usr/bin/env bash
# Fills a running dev chain (scripts/run-dev.sh) with a living marketplace: the city (Alice),
# 2 providers, 3 buyers of different classes, 50 citizens, batch and stream products, consents,
# and orders in every state; then prints what to look at.
# Usage: scripts/demo.sh [ws://127.0.0.1:9944]
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:-ws://127.0.0.1:9944}"
command -v node >/dev/null || { echo "demo.sh needs Node.js >= 20 (see scripts/setup.sh)" >&2; exit 1; }
[ -d node_modules/@polkadot/api ] && [ -e node_modules/@cityzen/sdk ] || npm ci --no-audit --no-fund
exec node tests/e2e/demo.mjs "$url"
