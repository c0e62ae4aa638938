#!/usr/bin/env bash
# City-scale read paths: the latency of every market_* read on an empty --dev chain
# and on a chain whose genesis holds a city's market (runtime/src/scale.rs: by default 1 000 000
# owners with a consent each, 10 000 products, 1 000 000 settled orders), side by side; the
# time and memory the scale genesis takes; with --storage, `benchmark storage` on the scale
# database (the read and write weights of a deep trie; KEYS_LIMIT keys, default 20 000, written in
# batches of BATCH_SIZE, default 1 000: upstream's 100 000 is more than the keys). Results in
# $CARGO_TARGET_DIR/bench/scale/.
# Usage: scripts/bench-scale.sh [--sizes OWNERS,PRODUCTS,ORDERS] [--calls N] [--storage]
#        [--compact]   (--compact: compact the scale database fully, tools/db-compact, before
#        `benchmark storage`; a genesis writes its state in one commit, a grown chain does not)
#        scripts/bench-scale.sh --reuse --storage [--compact]   (only the storage benchmark, on
#        the scale database a previous run left in $CARGO_TARGET_DIR/bench/scale-db)
#        SMOKE=1 scripts/bench-scale.sh     (20 000 / 200 / 20 000, 50 calls: about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
sizes="1000000,10000,1000000"
calls=200
storage=0
compact=0
reuse=0
while [ $# -gt 0 ]; do
	case "$1" in
	--sizes) sizes="$2"; shift 2 ;;
	--calls) calls="$2"; shift 2 ;;
	--storage) storage=1; shift ;;
	--compact) compact=1; shift ;;
	--reuse) reuse=1; shift ;;
	*) echo "bench-scale: unknown flag $1" >&2; exit 2 ;;
	esac
done
[ "${SMOKE:-0}" = 1 ] && { sizes="20000,200,20000"; calls=50; }
IFS=, read -r owners products orders <<<"$sizes"
bash scripts/setup.sh --build-only >/dev/null
# NODE_BIN: a node binary to use instead of building one (e.g. a copy, while the benchmark
# build rewrites release/cityzen-node).
[ -n "${NODE_BIN:-}" ] || cargo build --release --locked -p cityzen-node
cargo build --release --locked --manifest-path loadgen/Cargo.toml
node_bin="${NODE_BIN:-$CARGO_TARGET_DIR/release/cityzen-node}"
latency="$CARGO_TARGET_DIR/release/cityzen-latency"
out="$CARGO_TARGET_DIR/bench/scale"
work="$CARGO_TARGET_DIR/bench/scale-db"
mkdir -p "$out"
if [ "$reuse" = 1 ]; then
	[ -d "$work" ] || { echo "bench-scale: --reuse: no database in $work" >&2; exit 1; }
else
	rm -rf "$work"
fi

node_pid=""
stop_node() {
	[ -n "$node_pid" ] || return 0
	kill "$node_pid" 2>/dev/null || true
	wait "$node_pid" 2>/dev/null || true
	node_pid=""
}
trap stop_node EXIT

# Starts the node with "$@" (log $2), then waits for its JSON-RPC port (up to $1 seconds) and
# for block 2.
start_node() {
	local wait_s="$1" log="$2"
	shift 2
	"$node_bin" "$@" --rpc-port 0 --port 0 --no-prometheus --no-telemetry >"$log" 2>&1 &
	node_pid=$!
	[ -z "${on_start:-}" ] || "$on_start"
	port=""
	for _ in $(seq 1 "$wait_s"); do
		port=$(sed -n 's/.*Running JSON-RPC server: addr=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
		[ -n "$port" ] && break
		kill -0 "$node_pid" 2>/dev/null || { echo "bench-scale: the node exited; see $log" >&2; exit 1; }
		sleep 1
	done
	[ -n "$port" ] || { echo "bench-scale: no JSON-RPC after ${wait_s}s; see $log" >&2; exit 1; }
	for _ in $(seq 1 60); do
		grep -q "Imported #2 " "$log" && return 0
		sleep 1
	done
	echo "bench-scale: block 2 was not imported; see $log" >&2
	exit 1
}

if [ "$reuse" = 0 ]; then
echo "== empty --dev chain"
start_node 60 "$out/node-empty.log" --dev --tmp
"$latency" --url "ws://127.0.0.1:$port" --label "empty dev chain" --owners "$owners" \
	--products "$products" --orders "$orders" --calls "$calls" --out "$out"
stop_node

# The same shape at a small size (pages as full as at city scale: 100 orders per buyer):
# the baseline the city's latencies are compared with.
small="2000,20,2000"
echo "== small scale chain ($small)"
rm -rf "$work-small"
start_node 600 "$out/node-small.log" --chain "scale:$small" --alice --validator \
	--node-key 0000000000000000000000000000000000000000000000000000000000000001 \
	--force-authoring --base-path "$work-small"
"$latency" --url "ws://127.0.0.1:$port" --label "small scale $small" --owners 2000 \
	--products 20 --orders 2000 --calls "$calls" --out "$out"
stop_node
rm -rf "$work-small"

echo "== scale chain ($sizes)"
started=$(date +%s)
# Peak memory of the node (resident + swapped), sampled every second from its start.
peak_file="$out/peak-kib"
echo 0 >"$peak_file"
sample() {
	local peak=0 now
	while kill -0 "$node_pid" 2>/dev/null; do
		now=$(awk '/VmRSS|VmSwap/ {s += $2} END {print s + 0}' "/proc/$node_pid/status" 2>/dev/null || echo 0)
		[ "$now" -gt "$peak" ] && { peak=$now; echo "$peak" >"$peak_file"; }
		sleep 1
	done
}
start_sampler() { sample & }
on_start=start_sampler start_node 7200 "$out/node-scale.log" --chain "scale:$sizes" --alice \
	--validator --node-key 0000000000000000000000000000000000000000000000000000000000000001 \
	--force-authoring --base-path "$work"
ready=$(date +%s)
db=$(du -sm "$work" | cut -f1)
"$latency" --url "ws://127.0.0.1:$port" --label "scale $sizes" --owners "$owners" \
	--products "$products" --orders "$orders" --calls "$calls" --out "$out" \
	--baseline "$out/latency-small-scale-${small//,/-}.json"
stop_node
rss=$(cat "$peak_file")
{
	echo "### Scale genesis ($sizes)"
	echo
	echo "- from start to block 2 (genesis written, trie built, database committed): $((ready - started)) s"
	echo "- node peak memory (resident + swap) while building it: $((rss / 1024)) MiB; database on disk: $db MiB"
} | tee "$out/scale-genesis.md"
fi

if [ "$storage" = 1 ]; then
	echo "== benchmark storage on the scale database"
	bench="$CARGO_TARGET_DIR/release/cityzen-node-bench"
	[ -x "$bench" ] || { echo "bench-scale: build the benchmark binary first (scripts/bench.sh)" >&2; exit 1; }
	if [ "$compact" = 1 ]; then
		# Link the RocksDB the node's build already compiled, if there is one, rather than
		# compiling its C++ again for this workspace (about 20 minutes on 2 cores).
		built=$(ls -d "$CARGO_TARGET_DIR"/release/build/librocksdb-sys-*/out 2>/dev/null |
			while read -r d; do [ -f "$d/librocksdb.a" ] && [ -f "$d/libsnappy.a" ] && echo "$d"; done | head -1)
		if [ -n "$built" ]; then
			ROCKSDB_LIB_DIR="$built" ROCKSDB_STATIC=1 SNAPPY_LIB_DIR="$built" SNAPPY_STATIC=1 \
				RUSTFLAGS="-C link-arg=-lstdc++" \
				cargo build --release --locked --manifest-path tools/db-compact/Cargo.toml
		else
			cargo build --release --locked --manifest-path tools/db-compact/Cargo.toml
		fi
		echo "== compacting the scale database"
		/usr/bin/time -v "$CARGO_TARGET_DIR/release/cityzen-db-compact" "$work/chains/"*/db/full 2>&1 |
			tee "$out/db-compact.log"
		du -sm "$work" | tee -a "$out/db-compact.log"
	fi
	# `scale:0,1,0` has the same chain id (so the same database path) and an empty market:
	# the client opens the city's database as it is instead of building its genesis again.
	"$bench" benchmark storage --chain "scale:0,1,0" --base-path "$work" --state-version 1 \
		--keys-limit "${KEYS_LIMIT:-20000}" --batch-size "${BATCH_SIZE:-1000}" --random-seed 18 \
		--weight-path "$out" 2>&1 |
		tee "$out/benchmark-storage.log"
fi
echo "bench-scale: results in $out"
