#!/usr/bin/env bash
# Starts a CityZEN dev chain: one validator (Alice), JSON-RPC on 127.0.0.1:9944.
# Usage: scripts/run-dev.sh [--tmp] [--base-path DIR] [extra cityzen-node flags]
#   --tmp             throw-away chain (deleted when the node stops)
#   --base-path DIR   where the chain's data lives (default: ./.cityzen-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"

tmp=0
base="$PWD/.cityzen-dev"
extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--tmp) tmp=1 ;;
	--base-path) base="$2"; shift ;;
	*) extra+=("$1") ;;
	esac
	shift
done

# The node needs no Node.js: only the build tools.
bash scripts/setup.sh --build-only
cargo build --release --locked -p cityzen-node
bin="$CARGO_TARGET_DIR/release/cityzen-node"

storage=(--base-path "$base")
[ "$tmp" -eq 1 ] && storage=(--tmp)

cat <<TXT
CityZEN dev chain
  JSON-RPC (HTTP + WebSocket): ws://127.0.0.1:9944
  polkadot.js Apps:            https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944
  Prometheus metrics:          http://127.0.0.1:9615/metrics
  Data:                        $([ "$tmp" -eq 1 ] && echo "throw-away (--tmp)" || echo "$base")
  Node binary:                 $bin
  Dev accounts (//Alice ... //Ferdie) are funded; Alice is the validator and the council.
  A living marketplace: in another terminal, scripts/demo.sh (providers, buyers, 50 citizens,
  products, consents and orders in every state), then follow what it prints.
Stop with Ctrl-C.
TXT
exec "$bin" --dev "${storage[@]}" --rpc-port 9944 --prometheus-port 9615 "${extra[@]}"
