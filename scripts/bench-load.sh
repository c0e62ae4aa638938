#!/usr/bin/env bash
# Load measurement (issue #18, first part): a --dev node on free ports, then the load generator
# (loadgen/, subxt): fund --accounts accounts from //Alice, pre-sign --txs balance transfers
# between them, submit them at once, count what each block includes.
# Usage: scripts/bench-load.sh [--accounts N] [--txs M] [--timeout S]   (defaults 1000 / 10000 / 300)
#        SMOKE=1 scripts/bench-load.sh   (20 accounts, 200 transfers: the test tier's smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
bash scripts/setup.sh --build-only >/dev/null
cargo build --release --locked -p cityzen-node
cargo build --release --locked --manifest-path loadgen/Cargo.toml
node_bin="$CARGO_TARGET_DIR/release/cityzen-node"
loadgen="$CARGO_TARGET_DIR/release/cityzen-loadgen"

args=("$@")
[ "${SMOKE:-0}" = 1 ] && args=(--accounts 20 --txs 200 --timeout 120)

log="$CARGO_TARGET_DIR/bench-load-node.log"
# A pool big enough to hold the whole load at once (the default holds 8 192 transactions).
"$node_bin" --dev --tmp --rpc-port 0 --port 0 --no-prometheus --no-telemetry \
	--pool-limit 100000 --pool-kbytes 1000000 --rpc-max-connections 1000 >"$log" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 60); do
	port=$(sed -n 's/.*Running JSON-RPC server: addr=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
	[ -n "$port" ] && break
	sleep 1
done
[ -n "$port" ] || { echo "bench-load: the node did not start; see $log" >&2; exit 1; }
"$loadgen" --url "ws://127.0.0.1:$port" "${args[@]}"
