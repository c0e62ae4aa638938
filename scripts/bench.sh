#!/usr/bin/env bash
# Benchmarks the CityZEN pallets on this machine and writes their weights.rs files; also the
# upstream pallets and transaction extensions every extrinsic pays for, and the block and
# extrinsic base weights (`benchmark overhead`), into runtime/src/weights/.
# Builds cityzen-node with the runtime-benchmarks feature (a second, longer build), keeps that
# binary as cityzen-node-bench, and leaves the normal node binary in place.
# Usage: scripts/bench.sh [name ...]   (default: all; names: the pallets below, the upstream
#        ones below, and `overhead`)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
bash scripts/setup.sh >/dev/null

# pallet name in the runtime -> crate directory, for the workspace's pallets (from cargo metadata)
source scripts/lib/pallets.sh
declare -A DIRS=()
while read -r name dir; do DIRS[${name//-/_}]=$dir; done < <(local_pallets)
[ "${#DIRS[@]}" -gt 0 ] || { echo "no pallets found by cargo metadata" >&2; exit 1; }
# Upstream pallets and extensions benchmarked here, written with the default (runtime) template.
UPSTREAM=(frame_system_extensions pallet_balances pallet_transaction_payment)
pallets=("$@")
[ "${#pallets[@]}" -gt 0 ] || pallets=("${!DIRS[@]}" "${UPSTREAM[@]}" overhead)

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

bench="$CARGO_TARGET_DIR/release/cityzen-node-bench"
if [ "${NO_BUILD:-}" != 1 ]; then
	cargo build --release --locked -p cityzen-node --features runtime-benchmarks
	cp "$CARGO_TARGET_DIR/release/cityzen-node" "$bench"
	# Put the normal binary back (its artifacts are still cached: this only re-links).
	cargo build --release --locked -p cityzen-node
fi

for p in "${pallets[@]}"; do
	if [ "$p" = overhead ]; then
		echo "benchmarking block and extrinsic overhead -> runtime/src/weights/"
		"$bench" benchmark overhead --chain dev --genesis-builder spec-genesis \
			--warmup 10 --repeat "${OVERHEAD_REPEAT:-100}" --weight-path runtime/src/weights
		continue
	fi
	if [[ " ${UPSTREAM[*]} " == *" $p "* ]]; then
		echo "benchmarking $p -> runtime/src/weights/$p.rs"
		"$bench" benchmark pallet --chain dev --pallet "$p" --extrinsic '*' \
			--steps "$STEPS" --repeat "$REPEAT" --wasm-execution compiled --heap-pages 4096 \
			--output "runtime/src/weights/$p.rs"
		continue
	fi
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
