#!/usr/bin/env bash
# Benchmarks the CityZEN pallets on this machine and writes their weights.rs files.
# Builds cityzen-node with the runtime-benchmarks feature (a second, longer build), keeps that
# binary as cityzen-node-bench, and leaves the normal node binary in place.
# Usage: scripts/bench.sh [pallet_name ...]   (default: every CityZEN pallet)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
bash scripts/setup.sh >/dev/null

# pallet name in the runtime -> crate directory
declare -A DIRS=(
	[pallet_validator_set]=pallets/validator-set
	[pallet_council_root]=pallets/council-root
	[pallet_credentials]=pallets/credentials
	[pallet_consent]=pallets/consent
	[pallet_data_products]=pallets/data-products
	[pallet_revenue]=pallets/revenue
	[pallet_escrow]=pallets/escrow
)
pallets=("$@")
[ "${#pallets[@]}" -gt 0 ] || pallets=("${!DIRS[@]}")

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

cargo build --release --locked -p cityzen-node --features runtime-benchmarks
bench="$CARGO_TARGET_DIR/release/cityzen-node-bench"
cp "$CARGO_TARGET_DIR/release/cityzen-node" "$bench"
# Put the normal binary back (its artifacts are still cached: this only re-links).
cargo build --release --locked -p cityzen-node

for p in "${pallets[@]}"; do
	dir="${DIRS[$p]:?unknown pallet $p}"
	echo "benchmarking $p -> $dir/src/weights.rs"
	"$bench" benchmark pallet \
		--chain dev \
		--pallet "$p" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template .maintain/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
