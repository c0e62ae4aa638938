#!/usr/bin/env bash
# Load measurement: a --dev node on free ports, then the load generator (loadgen/,
# subxt), three windows in one run: (a) --txs balance transfers between --accounts accounts,
# (b) a marketplace mix of --market transactions, (c) both together. Everything is pre-signed
# before its window; the report (Markdown table, every transaction's fate, the node's peak RSS)
# and a chart (tx per block) go to $CARGO_TARGET_DIR/bench/.
# Usage: scripts/bench-load.sh [--accounts N] [--txs M] [--market K] [--timeout S]
#        [--scenarios transfers,market,both]        (defaults 10000 / 10000 / 3000 / 300: each transfer from its own account)
#        SMOKE=1 scripts/bench-load.sh   (200 transfers, 60 marketplace transactions: the smoke)
#        scripts/bench-load.sh --network local [flags]   (the same against the 4-validator
#        `local` network of zombienet/consortium.toml, through its RPC node)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
bash scripts/setup.sh --build-only >/dev/null
cargo build --release --locked -p cityzen-node
cargo build --release --locked --manifest-path loadgen/Cargo.toml
node_bin="$CARGO_TARGET_DIR/release/cityzen-node"
loadgen="$CARGO_TARGET_DIR/release/cityzen-loadgen"

args=("$@")
if [ "${1:-}" = --network ]; then
	[ "${2:-}" = local ] || { echo "bench-load: --network takes local" >&2; exit 2; }
	args=("${@:3}")
	[ "${SMOKE:-0}" = 1 ] && args=(--accounts 20 --txs 200 --market 60 --timeout 120 --scenarios transfers,market)
	out="$CARGO_TARGET_DIR/bench/local"
	[ "${SMOKE:-0}" = 1 ] && out="$CARGO_TARGET_DIR/bench/local-smoke"
	export LOADGEN="$loadgen"
	export LOADGEN_ARGS="--out $out ${args[*]}" LOADGEN_LABEL="the 4-validator local network (RPC node)"
	exec bash scripts/zombienet.sh load
fi
[ "${SMOKE:-0}" = 1 ] && args=(--accounts 20 --txs 200 --market 60 --timeout 120 --scenarios transfers,market)
out="$CARGO_TARGET_DIR/bench"
[ "${SMOKE:-0}" = 1 ] && out="$CARGO_TARGET_DIR/bench/smoke"

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
"$loadgen" --url "ws://127.0.0.1:$port" --node-pid "$node_pid" --node-log "$log" --out "$out" \
	--label "one --dev node" "${args[@]}"
