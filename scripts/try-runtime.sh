#!/usr/bin/env bash
# Checks a runtime upgrade against a real chain's state: starts a dev node in a fresh base path,
# fills it with scripts/demo.sh, stops it, exports its state at the best block
# (`cityzen-node export-state`), and runs the runtime of this checkout's upgrade on that
# snapshot with every try-runtime check (tools/try-upgrade: each migration's pre/post upgrade
# (none before launch: `Unreleased` is empty), storage versions, the whole state decoded,
# try_state of every pallet, and a second upgrade that must change nothing).
# Usage: scripts/try-runtime.sh [state.json]   (a snapshot given: skip the node and the demo)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
bash scripts/setup.sh >/dev/null
start=$(date +%s)

# The checker: the runtime with `try-runtime`, natively.
SKIP_WASM_BUILD=1 cargo build --release --locked --manifest-path tools/try-upgrade/Cargo.toml
checker="$CARGO_TARGET_DIR/release/cityzen-try-upgrade"

snapshot="${1:-}"
if [ -z "$snapshot" ]; then
	cargo build --release --locked -p cityzen-node
	bin="$CARGO_TARGET_DIR/release/cityzen-node"
	base=$(mktemp -d /tmp/cityzen-try-runtime.XXXXXX)
	port=$((20000 + RANDOM % 20000))
	"$bin" --dev --base-path "$base" --rpc-port "$port" --no-prometheus --no-telemetry \
		>"$base/node.log" 2>&1 &
	pid=$!
	trap 'kill "$pid" 2>/dev/null || true' EXIT
	for _ in $(seq 60); do
		curl -s -H 'content-type: application/json' \
			-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
			"http://127.0.0.1:$port" >/dev/null 2>&1 && break
		sleep 1
	done
	bash scripts/demo.sh "ws://127.0.0.1:$port" >"$base/demo.log" 2>&1 ||
		{ tail -n 30 "$base/demo.log"; echo "try-runtime: the demo failed" >&2; exit 1; }
	kill -INT "$pid"
	wait "$pid" || true
	trap - EXIT
	snapshot="$base/state.json"
	"$bin" export-state --chain dev --base-path "$base" >"$snapshot" 2>"$base/export.log" ||
		{ tail -n 20 "$base/export.log"; exit 1; }
	echo "try-runtime: demo chain snapshot $snapshot ($(du -h "$snapshot" | cut -f1))"
fi
"$checker" "$snapshot"
echo "try-runtime: ok in $(($(date +%s) - start)) s"
