#!/usr/bin/env bash
# Fuzzes the CityZEN runtime (fuzz/, libFuzzer through cargo fuzz): sequences of signed calls
# from the dev accounts and time lapses on a fresh dev chain, every invariant checked after
# each block (fuzz/src/lib.rs says which). Replays fuzz/regressions/ first; a crash leaves its
# input in $CARGO_TARGET_DIR/fuzz-artifacts/ and fails the script.
# Usage: scripts/fuzz.sh [seconds] [jobs]   (default 60 s, 1 job; a campaign: 3600 2)
# Prints libFuzzer's figures and which calls were reached, and how (ok / dispatch error /
# refused as a transaction), over the whole corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cityzen-target}"
secs="${1:-60}"
jobs="${2:-1}"
bash scripts/setup.sh >/dev/null
# The runtime is fuzzed natively: no wasm build.
export SKIP_WASM_BUILD=1

corpus="$CARGO_TARGET_DIR/fuzz-corpus/runtime"
artifacts="$CARGO_TARGET_DIR/fuzz-artifacts"
mkdir -p "$corpus" "$artifacts"
start=$(date +%s)
cargo +nightly fuzz build --sanitizer none --target-dir "$CARGO_TARGET_DIR/fuzz" runtime
# Run a copy: a build beside a long campaign (the fuzz tier of a CI run, say) relinks the
# binary in place.
bin="$CARGO_TARGET_DIR/fuzz-run/runtime-$$"
mkdir -p "$(dirname "$bin")"
cp "$CARGO_TARGET_DIR/fuzz/x86_64-unknown-linux-gnu/release/runtime" "$bin"
trap 'rm -f "$bin"' EXIT
echo "fuzz: built in $(($(date +%s) - start)) s"

# Every crash found so far, fixed: each must run clean.
if compgen -G "fuzz/regressions/*" >/dev/null; then
	"$bin" fuzz/regressions/*
fi

# The seeds (the marketplace's real flows) are written into the corpus at start.
# libFuzzer's own output, one file per run (a campaign and a smoke may run at once).
log="$CARGO_TARGET_DIR/fuzz-logs/$(date -u +%Y%m%d-%H%M%S)-$$.log"
mkdir -p "$(dirname "$log")"
flags=(-max_total_time="$secs" -max_len=8192 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
	-artifact_prefix="$artifacts/")
[ "$jobs" -gt 1 ] && flags+=(-fork="$jobs" -ignore_crashes=0)
# The CPU time the run used, its workers included (bash's `times` in the subshell: the
# children it waited for, and theirs).
cpu="$log.cpu"
if ! (CITYZEN_FUZZ_SEEDS="$corpus" "$bin" "${flags[@]}" "$corpus" >"$log" 2>&1; rc=$?; times >"$cpu"; exit $rc); then
	tail -n 60 "$log"
	echo "fuzz: FAILED, crash input(s) in $artifacts:" >&2
	ls -t "$artifacts" | head >&2
	exit 1
fi
grep -E '^stat::|Done [0-9]+ runs|DONE' "$log" | tail -n 12 || true
# `times` prints "0m1.5s 0m0.2s" (user, system) for the shell, then for its children.
sed -n 2p "$cpu" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
	printf "fuzz: CPU time of the fuzzing: %.0f s (%.2f CPU-hours) in %s s of wall time\n", t, t / 3600, '"$secs"' }'
echo "fuzz: libFuzzer's log: $log"

# Which calls the corpus reaches.
stats="$log.stats"
rm -f "$stats"
CITYZEN_FUZZ_STATS="$stats" "$bin" -runs=0 "$corpus" >/dev/null 2>&1
echo "fuzz: corpus of $(find "$corpus" -type f | wc -l) inputs; calls reached (inputs with an ok / a dispatch error / a refusal):"
awk '{ ok[$1] += ($2 > 0); err[$1] += ($3 > 0); ref[$1] += ($4 > 0); if ($5 > worst) { worst = $5; wc = $6 } }
	END { for (c in ok) printf "  %-45s %6d %6d %6d\n", c, ok[c], err[c], ref[c];
	      printf "fuzz: worst measured time / charged weight: %.3f (%s)\n", worst, wc > "/dev/stderr" }' "$stats" | sort
echo "fuzz: ok in $(($(date +%s) - start)) s"
