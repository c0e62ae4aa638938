//! Runs the CityZEN runtime's upgrade on a snapshot of a chain's state, with every try-runtime
//! check: each migration's `pre_upgrade` and `post_upgrade`, the whole state decoded, the
//! `try_state` of every pallet, and idempotency (the upgrade run a second time changes
//! nothing).
//!
//! Usage: `cityzen-try-upgrade [--rewind] <state.json>`. The file is what `cityzen-node
//! export-state` writes: a raw chain spec whose genesis is the chain's state at a block. The
//! runtime is the one this tool was built from, natively (the code the next upgrade would ship).
//!
//! `--rewind` first turns the snapshot back into the state of the runtime before this wave's
//! storage changes: the three indexes that migrations build are deleted and their pallets'
//! storage versions set back (data-products 3 → 2 without `OwnerProducts`, escrow 4 → 3 without
//! `PoolOrders`, revenue 2 → 1 without `MemberHistory`). The upgrade must then run those
//! migrations on a real state, pass their checks, and rebuild `OwnerProducts` and `PoolOrders`
//! exactly as the runtime had kept them live (`MemberHistory` is rebuilt as one open stretch
//! per current member, so only its keys are compared: each must have been there).

use std::process::ExitCode;

use cityzen_runtime::{Executive, Runtime};
use frame_try_runtime::UpgradeCheckSelect;
use sp_runtime::StateVersion;

fn unhex(s: &str) -> Result<Vec<u8>, String> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.len() % 2 != 0 {
        return Err(format!("odd hex length: {s}"));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| format!("{e}: {s}")))
        .collect()
}

fn storage(path: &str) -> Result<sp_storage::Storage, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let spec: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let raw = &spec["genesis"]["raw"];
    let top = raw["top"]
        .as_object()
        .ok_or("not a raw chain spec (no genesis.raw.top): use cityzen-node export-state")?;
    let mut storage = sp_storage::Storage::default();
    for (k, v) in top {
        let v = v.as_str().ok_or("a value is not a hex string")?;
        storage.top.insert(unhex(k)?, unhex(v)?);
    }
    if raw["childrenDefault"]
        .as_object()
        .is_some_and(|c| !c.is_empty())
    {
        return Err("child tries in the snapshot: not supported (the runtime has none)".into());
    }
    Ok(storage)
}

fn prefix(pallet: &str, item: &str) -> Vec<u8> {
    [
        sp_io::hashing::twox_128(pallet.as_bytes()),
        sp_io::hashing::twox_128(item.as_bytes()),
    ]
    .concat()
}

/// The entries under `prefix`.
fn entries(storage: &sp_storage::Storage, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    storage
        .top
        .range(prefix.to_vec()..)
        .take_while(|(k, _)| k.starts_with(prefix))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The entries under `prefix`, read through the externalities (after the upgrade).
fn live_entries(prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut key = prefix.to_vec();
    while let Some(next) = sp_io::storage::next_key(&key) {
        if !next.starts_with(prefix) {
            break;
        }
        let value = sp_io::storage::get(&next)
            .map(|v| v.to_vec())
            .unwrap_or_default();
        out.push((next.clone(), value));
        key = next;
    }
    out
}

/// The indexes `--rewind` deletes: (pallet, storage item, the version before it, rebuilt
/// exactly).
const REWIND: [(&str, &str, u16, bool); 3] = [
    ("DataProducts", "OwnerProducts", 2, true),
    ("Escrow", "PoolOrders", 3, true),
    ("Revenue", "MemberHistory", 1, false),
];

type Saved = Vec<(&'static str, Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>, bool)>;

fn rewind(storage: &mut sp_storage::Storage) -> Saved {
    let mut saved = Vec::new();
    for (pallet, item, version, exact) in REWIND {
        let p = prefix(pallet, item);
        let before = entries(storage, &p);
        for (k, _) in &before {
            storage.top.remove(k);
        }
        storage.top.insert(
            prefix(pallet, ":__STORAGE_VERSION__:"),
            version.to_le_bytes().to_vec(),
        );
        println!(
            "try-upgrade: rewound {pallet}.{item} ({} entries deleted, storage version {version})",
            before.len()
        );
        saved.push((item, p, before, exact));
    }
    saved
}

fn compare(saved: &Saved) -> Result<(), String> {
    for (item, p, before, exact) in saved {
        let after = live_entries(p);
        if *exact {
            if &after != before {
                return Err(format!(
                    "{item}: the migration rebuilt {} entries, the live index had {}, or they differ",
                    after.len(),
                    before.len()
                ));
            }
            println!(
                "try-upgrade: {item} rebuilt exactly ({} entries)",
                after.len()
            );
        } else {
            let keys: std::collections::BTreeSet<_> = before.iter().map(|(k, _)| k).collect();
            if let Some((k, _)) = after.iter().find(|(k, _)| !keys.contains(k)) {
                return Err(format!(
                    "{item}: the migration made an entry the live runtime never had: 0x{}",
                    hex(k)
                ));
            }
            println!(
                "try-upgrade: {item} rebuilt for every current member ({} of {} entries; the rest were former members)",
                after.len(),
                before.len()
            );
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check(path: &str, rewound: bool) -> Result<(), String> {
    let mut storage = storage(path)?;
    let keys = storage.top.len();
    let saved = if rewound {
        rewind(&mut storage)
    } else {
        Vec::new()
    };
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.execute_with(|| -> Result<(), String> {
        let block = frame_system::Pallet::<Runtime>::block_number();
        let last = frame_system::LastRuntimeUpgrade::<Runtime>::get();
        let version = <Runtime as frame_system::Config>::Version::get();
        println!(
            "try-upgrade: state at block {block}, {keys} keys, runtime on chain: {}, this runtime: {} {}",
            last.map(|l| format!("{} {}", l.spec_name, l.spec_version.0))
                .unwrap_or_else(|| "unknown".into()),
            version.spec_name,
            version.spec_version
        );
        let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
            .map_err(|e| format!("upgrade with all checks: {e:?}"))?;
        println!(
            "try-upgrade: migrations, pre/post checks, state decode and try_state of every pallet: ok (weight {weight:?})"
        );
        compare(&saved)?;
        let root = sp_io::storage::root(StateVersion::V1);
        Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost)
            .map_err(|e| format!("second upgrade: {e:?}"))?;
        let again = sp_io::storage::root(StateVersion::V1);
        if root != again {
            return Err(format!(
                "not idempotent: a second upgrade changed the state root {root:?} -> {again:?}"
            ));
        }
        println!("try-upgrade: a second upgrade changes nothing: ok");
        Ok(())
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rewound = args.iter().any(|a| a == "--rewind");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!(
            "usage: cityzen-try-upgrade [--rewind] <state.json from cityzen-node export-state>"
        );
        return ExitCode::from(2);
    };
    match check(path, rewound) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("try-upgrade: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
