//! Helpers shared by the runtime tests.

use cityzen_runtime::{genesis_config_presets, RuntimeGenesisConfig, System};
use sp_runtime::BuildStorage;

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}

/// Storage built from a named genesis preset, exactly as the node would build it: the preset's
/// patch merged over the default genesis config.
pub fn storage_from_preset(name: &str) -> sp_runtime::Storage {
    let patch: serde_json::Value = serde_json::from_slice(
        &genesis_config_presets::get_preset(&name.into()).expect("preset exists"),
    )
    .expect("preset is JSON");
    let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
    merge(&mut config, patch);
    let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("valid config");
    config.build_storage().expect("genesis builds")
}

/// Externalities from a preset, at block 1.
pub fn ext_from_preset(name: &str) -> sp_io::TestExternalities {
    let mut ext = sp_io::TestExternalities::new(storage_from_preset(name));
    ext.execute_with(|| System::set_block_number(1));
    ext
}
