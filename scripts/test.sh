#!/usr/bin/env bash
# Runs every test tier of CityZEN chain: fmt, clippy, unit (pallets + benchmarks as tests),
# runtime, end-to-end (a real node over JSON-RPC), zombienet (a four-validator network under
# faults and a runtime upgrade). Prints one line per tier; exits non-zero if any tier fails.
# Usage: scripts/test.sh [tier ...]   (default: all tiers)
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
export CARGO_TERM_COLOR=never

bash scripts/setup.sh >/dev/null || { echo "setup failed"; exit 1; }

tiers=("$@")
[ "${#tiers[@]}" -gt 0 ] || tiers=(fmt clippy unit runtime fuzz e2e web zombienet)
logdir="$CARGO_TARGET_DIR/test-logs"
mkdir -p "$logdir"

# The workspace's pallets (scripts/lib/pallets.sh, from cargo metadata); their benchmark tests
# run with the runtime-benchmarks feature.
source scripts/lib/pallets.sh
PALLETS=()
while read -r name _; do PALLETS+=(-p "$name"); done < <(local_pallets)
[ "${#PALLETS[@]}" -gt 0 ] || { echo "no pallets found by cargo metadata" >&2; exit 1; }

tier_fmt() {
	cargo fmt --all -- --check && cargo fmt --manifest-path zombienet/Cargo.toml -- --check &&
		cargo fmt --manifest-path loadgen/Cargo.toml -- --check &&
		cargo fmt --manifest-path fuzz/Cargo.toml -- --check &&
		cargo fmt --manifest-path tools/try-upgrade/Cargo.toml -- --check &&
		cargo fmt --manifest-path tools/db-compact/Cargo.toml -- --check &&
		taplo fmt --check && zepter run check
}
tier_clippy() {
	cargo clippy --release --locked --workspace --all-targets -- -D warnings &&
		cargo clippy --release --locked "${PALLETS[@]}" --all-targets --features runtime-benchmarks -- -D warnings &&
		cargo clippy --release --locked --manifest-path loadgen/Cargo.toml -- -D warnings
}
tier_unit() {
	cargo test --release --locked "${PALLETS[@]}" --features runtime-benchmarks &&
		cargo test --release --locked -p cityzen-primitives -p cityzen-node --features cityzen-primitives/test-utils
}
tier_runtime() { cargo test --release --locked -p cityzen-runtime; }
# A smoke of the runtime fuzzer (scripts/fuzz.sh; a campaign is `scripts/fuzz.sh 3600 2`).
tier_fuzz() { bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"; }
tier_e2e() {
	cargo build --release --locked -p cityzen-node || return 1
	# One npm workspace (package.json at the root): the client library sdk/ and tests/e2e.
	{ [ -d node_modules/@polkadot/api ] && [ -e node_modules/@cityzen/sdk ] || npm ci --no-audit --no-fund; } || return 1
	# The load generator's smoke (200 pre-signed transfers from 20 accounts, all included), on
	# its own dev node beside the tests.
	SMOKE=1 bash scripts/bench-load.sh >"$logdir/bench-smoke.log" 2>&1 &
	local smoke=$!
	# The library's tests and the end-to-end tests, E2E_JOBS files at a time (default 4): each
	# file starts its own dev node on free ports and spends most of its time waiting for blocks.
	node --test --test-concurrency="${E2E_JOBS:-4}" --test-reporter=spec --test-reporter-destination=stdout \
		sdk/test/*.test.mjs tests/e2e/*.test.mjs
	local rc=$?
	wait "$smoke"
	local smoke_rc=$?
	cat "$logdir/bench-smoke.log"
	[ "$rc" -eq 0 ] && [ "$smoke_rc" -eq 0 ]
}

# The app in Debian's chromium (scripts/setup.sh installs it) against a fresh dev node.
tier_web() {
	cargo build --release --locked -p cityzen-node || return 1
	{ [ -d node_modules/playwright-core ] && [ -e node_modules/@cityzen/sdk ] || npm ci --no-audit --no-fund; } &&
		(cd app && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout)
}

# Needs the node, which the e2e tier builds (scripts/zombienet.sh builds it too when run alone).
tier_zombienet() { bash scripts/zombienet.sh; }

summary=()
failed=0
for t in "${tiers[@]}"; do
	start=$(date +%s)
	echo "=== tier $t ==="
	if "tier_$t" 2>&1 | tee "$logdir/$t.log"; then
		status=ok
	else
		status=FAILED
		failed=1
	fi
	secs=$(($(date +%s) - start))
	line="tier $t: $status (${secs}s)"
	case "$t" in
	unit | runtime) line="$line, $(grep -Eo '^test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$logdir/$t.log" | awk '{p+=$4; f+=$6} END {printf "%d passed, %d failed", p, f}')" ;;
	e2e | web) line="$line, $(grep -Eo '^ℹ (pass|fail) [0-9]+' "$logdir/$t.log" | awk '{a[$2]+=$3} END {printf "%d passed, %d failed", a["pass"], a["fail"]}')" ;;
	esac
	summary+=("$line")
done

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
exit "$failed"
