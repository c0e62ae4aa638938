#!/usr/bin/env bash
# Consortium network tests with zombienet-sdk (native provider): four validators and an RPC node
# on 127.0.0.1; one validator down and restarted, two down and back, a runtime upgrade by
# council motion, a node that node-authorization does not list, a new validator joining as the
# operators' guide says. See zombienet/README.md.
# Usage: scripts/zombienet.sh        (builds what is missing; prints the figures seen)
#        scripts/zombienet.sh load   (the same network under the load generator: run by
#                                     scripts/bench-load.sh --network local, which sets
#                                     LOADGEN and LOADGEN_ARGS)
#        scripts/zombienet.sh crash  (crash-safe validators, about seven minutes: SIGKILL of a
#                                     random validator CRASH_KILLS times (default 20) and a
#                                     SIGINT restart of every node, under a steady load;
#                                     CRASH_SEED replays a run; figures in crash-figures.txt)
set -euo pipefail
mode="${1:-all}"
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
work="$CARGO_TARGET_DIR/zombienet"
mkdir -p "$work"

cargo build --release --locked -p cityzen-node
node_bin="$CARGO_TARGET_DIR/release/cityzen-node"

# The upgraded runtime: the same code with spec_version + 1 (feature `upgrade-test`). Built
# once per runtime change; the wasm builder writes to the shared wbuild dir, so copy it out.
upgrade="$work/cityzen_runtime_upgrade.compact.compressed.wasm"
stamp="$work/upgrade.stamp"
src_hash=$(cat runtime/src/*.rs runtime/src/configs/*.rs runtime/Cargo.toml pallets/*/src/*.rs Cargo.lock | sha256sum | cut -c1-16)
if [ "$mode" = all ] && { [ ! -f "$upgrade" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$src_hash" ]; }; then
	cargo build --release --locked -p cityzen-runtime --features upgrade-test
	cp "$CARGO_TARGET_DIR/release/wbuild/cityzen-runtime/cityzen_runtime.compact.compressed.wasm" "$upgrade"
	echo "$src_hash" >"$stamp"
fi

# The chain spec: the `local` preset, with node-authorization listing the peer ids zombienet
# gives these nodes (their node key is sha256 of the node name), built raw so zombienet uses it
# as it is.
"$node_bin" export-chain-spec --chain local --output "$work/plain.json" 2>/dev/null
peers=()
for name in alice bob charlie dave rpc; do
	printf '%s' "$name" | sha256sum | cut -c1-64 >"$work/$name.key"
	# `cityzen-node peer-id` prints {"peerId","hex","bytes"}: the bytes node-authorization needs.
	peers+=("$name=$("$node_bin" peer-id "$("$node_bin" key inspect-node-key --file "$work/$name.key")")")
done
spec() { cargo run --quiet --release --locked --manifest-path zombienet/Cargo.toml --bin spec -- "$@"; }
spec authorize "$work/plain.json" "${peers[@]}"
"$node_bin" export-chain-spec --chain "$work/plain.json" --raw --output "$work/raw.json" 2>/dev/null
# Sessions of 10 blocks instead of 10 minutes, so that scenario 6's new validator takes part
# within two minutes: the runtime's storage parameter `SessionPeriod` (key twox128(":SessionPeriod:"),
# checked by runtime/tests/governance.rs), a u32 little-endian.
spec set-raw "$work/raw.json" 0xbcaa06fe04f08327486358af0fd636b8 0x0a000000

# Scenario 4 fills the network with scripts/demo.sh's marketplace (tests/e2e/demo.mjs, Node.js).
if [ "$mode" = all ]; then
	[ -d node_modules/@polkadot/api ] && [ -e node_modules/@cityzen/sdk ] || npm ci --no-audit --no-fund
fi

export CITYZEN_NODE="$node_bin" CHAIN_SPEC="$work/raw.json" UPGRADE_WASM="$upgrade"
export ZOMBIENET_REPORT="$work/figures.txt"
# Whatever happens, no node of ours outlives the run.
trap 'pkill -KILL -f -- "--chain $work/raw.json" 2>/dev/null || true; pkill -KILL -f -- "cityzen_local.json" 2>/dev/null || true' EXIT
start=$(date +%s)
if [ "$mode" = load ]; then
	cargo test --release --locked --manifest-path zombienet/Cargo.toml --test load -- --ignored --nocapture
	echo "zombienet load: done in $(($(date +%s) - start)) s"
	exit 0
fi
if [ "$mode" = crash ]; then
	export ZOMBIENET_REPORT="$work/crash-figures.txt"
	cargo test --release --locked --manifest-path zombienet/Cargo.toml --test crash -- --ignored --nocapture
	echo "zombienet crash: ok in $(($(date +%s) - start)) s; figures in $ZOMBIENET_REPORT:"
	cat "$ZOMBIENET_REPORT"
	exit 0
fi
cargo test --release --locked --manifest-path zombienet/Cargo.toml -- --nocapture --test-threads=1
echo "zombienet: ok in $(($(date +%s) - start)) s; figures in $ZOMBIENET_REPORT:"
cat "$ZOMBIENET_REPORT"
