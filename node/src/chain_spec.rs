//! Chain specifications: `dev`, `local`, or a JSON file.

use cityzen_runtime::WASM_BINARY;
use sc_service::ChainType;

/// The chain spec of CityZEN chain (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_chain_spec::Properties {
    let mut p = sc_chain_spec::Properties::new();
    p.insert("tokenSymbol".into(), "CZN".into());
    p.insert("tokenDecimals".into(), 12.into());
    p.insert("ss58Format".into(), cityzen_primitives::SS58_PREFIX.into());
    p
}

/// One validator (Alice), one council member, funded dev accounts.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
    Ok(ChainSpec::builder(
        WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
        None,
    )
    .with_name("CityZEN Development")
    .with_id("cityzen_dev")
    .with_chain_type(ChainType::Development)
    .with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
    .with_properties(properties())
    .build())
}

/// Four validators (the city and three partners), each on the council, nodes authorised.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
    Ok(ChainSpec::builder(
        WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
        None,
    )
    .with_name("CityZEN Local Testnet")
    .with_id("cityzen_local")
    .with_chain_type(ChainType::Local)
    .with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
    .with_properties(properties())
    .build())
}

/// The development chain with a city-scale market written at genesis, for benchmarks only
/// (`cityzen_runtime::scale`, `docs/city-scale.md`): `scale` is the city (1 000 000 owners,
/// 10 000 products, 1 000 000 orders), `scale:OWNERS,PRODUCTS,ORDERS` any other size.
pub fn scale_chain_spec(sizes: &str) -> Result<ChainSpec, String> {
    use cityzen_runtime::scale::{ScaleConfig, SCALE_KEY};
    let cfg = if sizes.is_empty() {
        ScaleConfig::city()
    } else {
        let n: Vec<u32> = sizes
            .split(',')
            .map(|s| s.trim().replace('_', "").parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("--chain scale:OWNERS,PRODUCTS,ORDERS: {e}"))?;
        match n[..] {
            [owners, products, orders] if products > 0 => {
                ScaleConfig::new(owners, products, orders)
            }
            _ => {
                return Err(
                    "--chain scale:OWNERS,PRODUCTS,ORDERS takes three numbers, PRODUCTS > 0".into(),
                )
            }
        }
    };
    let mut patch = cityzen_runtime::genesis_config_presets::development_config_genesis();
    if let Some(o) = patch.as_object_mut() {
        o.insert(SCALE_KEY.into(), cfg.to_json());
    }
    Ok(ChainSpec::builder(
        WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
        None,
    )
    .with_name("CityZEN Scale")
    .with_id("cityzen_scale")
    .with_chain_type(ChainType::Development)
    .with_genesis_config_patch(patch)
    .with_properties(properties())
    .build())
}
