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
