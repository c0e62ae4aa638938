//! Runs the CityZEN runtime's upgrade on a snapshot of a chain's state, with every try-runtime
//! check: each migration's `pre_upgrade` and `post_upgrade` (none before launch), the whole state decoded, the
//! `try_state` of every pallet, and idempotency (the upgrade run a second time changes
//! nothing).
//!
//! Usage: `cityzen-try-upgrade <state.json>`. The file is what `cityzen-node export-state`
//! writes: a raw chain spec whose genesis is the chain's state at a block. The runtime is the
//! one this tool was built from, natively (the code the next upgrade would ship). Until the
//! first migration after launch (`Unreleased` in the runtime is empty), the upgrade is a no-op
//! and the check is that every pallet's storage version matches, the whole state decodes and
//! every `try_state` holds.

use std::process::ExitCode;

use cityzen_runtime::{Executive, Runtime};
use frame_try_runtime::UpgradeCheckSelect;
use sp_runtime::StateVersion;

/// 0x-hex (or bare hex) as bytes, through `sp_core::bytes`.
fn unhex(s: &str) -> Result<Vec<u8>, String> {
    sp_core::bytes::from_hex(s).map_err(|e| format!("{e}: {s}"))
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

fn check(path: &str) -> Result<(), String> {
    let storage = storage(path)?;
    let keys = storage.top.len();
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
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cityzen-try-upgrade <state.json from cityzen-node export-state>");
        return ExitCode::from(2);
    };
    match check(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("try-upgrade: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
