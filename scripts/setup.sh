#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test CityZEN chain. Idempotent; quick when nothing is missing.
# Usage: scripts/setup.sh [--build-only]   (--build-only: only what building and running the node
#        needs; Node.js and npm, for the end-to-end tests, are then not required)
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
[ "${1:-}" = "--build-only" ] && build_only=1

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
# The load report's chart draws its labels with DejaVu Sans.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
# The web tier drives Debian's chromium (no browser download by npm).
[ "$build_only" -eq 1 ] || command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The toolchain rust-toolchain.toml pins. Where it cannot be downloaded but the machine's stable
# is that very version, stable stands in for it (a link under rustup's toolchains).
want=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$want-"; then
  host=$(rustup run stable rustc -vV | sed -n 's/^host: //p')
  if [ "$(rustup run stable rustc --version | cut -d' ' -f2)" = "$want" ]; then
    echo "setup: using the installed stable toolchain as $want"
    toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
    ln -s "$toolchains/stable-$host" "$toolchains/$want-$host"
  else
    echo "setup: installing rust $want"
    rustup toolchain install "$want" --profile minimal
  fi
fi
if ! rustup target list --installed | grep -qx wasm32v1-none; then
  echo "setup: adding rust target wasm32v1-none"
  rustup target add wasm32v1-none
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
  echo "setup: adding rust component rust-src"
  rustup component add rust-src
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    echo "setup: adding rust component $c"
    rustup component add "$c"
  fi
done
# The fmt tier's checkers of TOML formatting and feature propagation (versions pinned).
if [ "$build_only" -eq 0 ]; then
  tools="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! "$tools/taplo" --version 2>/dev/null | grep -qx 'taplo 0.10.0'; then
    echo "setup: installing taplo-cli 0.10.0"
    CARGO_TARGET_DIR="$HOME/.cache/cityzen-tools" cargo install taplo-cli --version 0.10.0 --locked --no-default-features --quiet
  fi
  if ! "$tools/zepter" --version 2>/dev/null | grep -qx 'zepter 1.88.2'; then
    echo "setup: installing zepter 1.88.2"
    CARGO_TARGET_DIR="$HOME/.cache/cityzen-tools" cargo install zepter --version 1.88.2 --locked --quiet
  fi
fi
# The runtime fuzzer (fuzz/, scripts/fuzz.sh): cargo-fuzz and a nightly toolchain (libFuzzer's
# coverage instrumentation needs nightly flags).
if [ "$build_only" -eq 0 ]; then
  if ! rustup toolchain list | grep -q '^nightly-'; then
    echo "setup: installing the nightly toolchain (for cargo fuzz)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! "$tools/cargo-fuzz" --version 2>/dev/null | grep -qx 'cargo-fuzz 0.13.2'; then
    echo "setup: installing cargo-fuzz 0.13.2"
    CARGO_TARGET_DIR="$HOME/.cache/cityzen-tools" cargo install cargo-fuzz --version 0.13.2 --locked --quiet
  fi
fi
if [ "$build_only" -eq 0 ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  echo "setup: Node.js >= 20 and npm are needed for the end-to-end tests; install them (Debian: nodejs npm)" >&2
  exit 1
fi
echo "setup: ok"
