#!/usr/bin/env bash
# Builds the CityZEN app (app/) and serves it on http://127.0.0.1:${PORT:-8080}, talking to the
# node at ws://127.0.0.1:9944 (another node: open the page with ?rpc=ws://host:port).
# Usage: scripts/run-dev.sh (one terminal), scripts/demo.sh (optional), scripts/run-app.sh (another).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "run-app.sh needs Node.js >= 20 (see scripts/setup.sh)" >&2; exit 1; }
[ -d node_modules/vite ] && [ -e node_modules/@cityzen/sdk ] || npm ci --no-audit --no-fund
(cd app && node ../node_modules/vite/bin/vite.js build --logLevel warn)
port="${PORT:-8080}"
echo "CityZEN app: http://127.0.0.1:$port/  (node: ws://127.0.0.1:9944; dev accounts on a dev chain, the polkadot.js extension otherwise)"
cd app && exec node ../node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$port" --strictPort
