#!/usr/bin/env python3
"""Each marketplace extrinsic's weight against a balance transfer's (issue #18's "<= 2x" goal).

Reads the generated weight files of this repository (pallets/*/src/weights.rs,
runtime/src/weights/*.rs) and the runtime's database weights (the constants named by
`type DbWeight` in runtime/src/configs/mod.rs), and prints, for each call, its full weight as a
signed extrinsic: the call's benchmarked weight + the transaction extensions' weights +
`ExtrinsicBaseWeight`, in microseconds of reference time, and that divided by the same for
`Balances::transfer_keep_alive`. Components (purposes, pools, ...) are taken at 1 unless given.

Then the load generator's mix (loadgen/src/market.rs) in transfers, what a sale (place_order +
deliver + confirm) weighs and how many a block's normal limit holds per second. `deliver` is
charged for the most funds a pool may list (MaxFunds) and refunds to the funds its pool lists
(`f`, 0 unless given): both are printed.

Usage: scripts/weights-vs-transfer.py [component=value ...]   (e.g. p=8 f=2)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COMPONENTS = {k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[1:])}

# The extensions of `TxExtension` (runtime/src/lib.rs) that have benchmarked weights.
SYSTEM_EXTENSIONS = [
    "check_non_zero_sender", "check_spec_version", "check_tx_version", "check_genesis",
    "check_mortality_mortal_transaction", "check_nonce", "check_weight", "weight_reclaim",
]
# The marketplace calls of the load generator's mix, and the others a dApp sends most.
CALLS = [
    ("pallet_consent", "pallets/consent", "give_consent"),
    ("pallet_consent", "pallets/consent", "withdraw_consent"),
    ("pallet_escrow", "pallets/escrow", "place_order"),
    ("pallet_escrow", "pallets/escrow", "deliver"),
    ("pallet_escrow", "pallets/escrow", "confirm"),
    ("pallet_escrow", "pallets/escrow", "settle"),
    ("pallet_escrow", "pallets/escrow", "resolve"),
    ("pallet_revenue", "pallets/revenue", "claim"),
    ("pallet_data_products", "pallets/data-products", "register_product"),
    ("pallet_credentials", "pallets/credentials", "issue"),
]


def num(s):
    return int(s.replace("_", "").replace("u64", "").rstrip("_"))


def db_weight():
    """(read, write) in picoseconds of the runtime's DbWeight."""
    conf = (ROOT / "runtime/src/configs/mod.rs").read_text()
    m = re.search(r"type DbWeight = ([\w:]+);", conf)
    name = m.group(1) if m else "RocksDbWeight"
    local = ROOT / "runtime/src/weights/rocksdb_weights.rs"
    if "rocksdb_weights" in conf and local.exists():
        text = local.read_text()
    else:
        # Upstream's constants: 25 us a read, 100 us a write.
        return 25_000_000, 100_000_000, "upstream RocksDbWeight (25 / 100 us)"
    read = re.search(r"read:\s*([\d_]+)\s*\*\s*constants::WEIGHT_REF_TIME_PER_NANOS", text)
    write = re.search(r"write:\s*([\d_]+)\s*\*\s*constants::WEIGHT_REF_TIME_PER_NANOS", text)
    r, w = num(read.group(1)) * 1000, num(write.group(1)) * 1000
    return r, w, f"{name} from runtime/src/weights/rocksdb_weights.rs ({r / 1e6:.1f} / {w / 1e6:.1f} us)"


def weight(path, fn):
    """Reference time (ps) of `fn` in a generated weights file, DB reads/writes included."""
    text = (ROOT / path).read_text()
    impl = text.split("impl<T: frame_system::Config>", 1)[-1]
    m = re.search(r"fn " + fn + r"\(([^)]*)\)\s*->\s*Weight\s*\{(.*?)\n\t\}", impl, re.S)
    if not m:
        raise SystemExit(f"{fn} not in {path}")
    body = m.group(2)
    r, w, _ = DB
    total = 0
    for line in body.splitlines():
        line = line.strip()
        comp = re.search(r"saturating_mul\((\w+)\.into\(\)\)", line)
        k = COMPONENTS.get(comp.group(1), 1) if comp else 1
        if (p := re.search(r"Weight::from_parts\(([\d_]+),", line)):
            total += num(p.group(1)) * k
        if (p := re.search(r"reads\(\(?([\d_]+)_u64\)?", line)) or (p := re.search(r"reads\(([\d_]+)\)", line)):
            total += num(p.group(1)) * r * k
        if (p := re.search(r"writes\(\(?([\d_]+)_u64\)?", line)) or (p := re.search(r"writes\(([\d_]+)\)", line)):
            total += num(p.group(1)) * w * k
    return total


DB = db_weight()
base_text = (ROOT / "runtime/src/weights/extrinsic_weights.rs").read_text()
BASE = num(re.search(r"WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\(([\d_]+)\)", base_text).group(1)) * 1000
EXT = sum(weight("runtime/src/weights/frame_system_extensions.rs", f) for f in SYSTEM_EXTENSIONS)
EXT += weight("runtime/src/weights/pallet_transaction_payment.rs", "charge_transaction_payment")


def full(path, fn):
    return weight(path, fn) + EXT + BASE


transfer = full("runtime/src/weights/pallet_balances.rs", "transfer_keep_alive")
print(f"DbWeight: {DB[2]}; ExtrinsicBaseWeight {BASE / 1e6:.1f} us; extensions {EXT / 1e6:.1f} us")
if COMPONENTS:
    print("components: " + ", ".join(f"{k}={v}" for k, v in COMPONENTS.items()))
print()
print("| call | weight (us) | x transfer_keep_alive |")
print("|---|---:|---:|")
print(f"| balances.transfer_keep_alive | {transfer / 1e6:.1f} | 1.00 |")
for pallet, crate, fn in CALLS:
    f = full(f"{crate}/src/weights.rs", fn)
    print(f"| {pallet.removeprefix('pallet_')}.{fn} | {f / 1e6:.1f} | {f / transfer:.2f} |")

# The dispatched weight before the refund: `deliver` is charged for MaxFunds funds.
max_funds = int(re.search(r"type MaxFunds = ConstU32<(\d+)>;", (ROOT / "runtime/src/configs/marketplace.rs").read_text()).group(1))
saved = dict(COMPONENTS)
COMPONENTS["f"] = max_funds
deliver_charged = full("pallets/escrow/src/weights.rs", "deliver")
COMPONENTS.clear()
COMPONENTS.update(saved)
print(f"| escrow.deliver before its refund (f={max_funds}, MaxFunds) | {deliver_charged / 1e6:.1f} | {deliver_charged / transfer:.2f} |")

# The load generator's mix, as its share of each call (loadgen/src/market.rs).
MIX = [("pallets/consent", "give_consent", 0.30), ("pallets/consent", "withdraw_consent", 0.10),
       ("pallets/escrow", "place_order", 0.20), ("pallets/escrow", "deliver", 0.15),
       ("pallets/escrow", "confirm", 0.15), ("pallets/revenue", "claim", 0.10)]
mix = sum(full(f"{c}/src/weights.rs", fn) * share for c, fn, share in MIX)
sale = sum(full(f"pallets/escrow/src/weights.rs", fn) for fn in ("place_order", "deliver", "confirm"))
print()
print(f"mix (30 % give, 10 % withdraw, 20 % place, 15 % deliver, 15 % confirm, 10 % claim): "
      f"{mix / 1e6:.1f} us a call, {mix / transfer:.2f} transfers; a block full by weight holds "
      f"{transfer / mix:.2f} as many of them as transfers")
# Normal limit: 75 % of a 2 s block; one block every 6 s (runtime/src/lib.rs).
normal = 0.75 * 2e12
print(f"sale (place_order + deliver + confirm): {sale / 1e6:.1f} us; {normal / sale:.0f} a block's "
      f"normal limit ({normal / 1e9:.0f} ms), {normal / sale / 6:.0f} sales/s at a block every 6 s")
