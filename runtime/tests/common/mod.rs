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

#[allow(dead_code)]
/// A signed extrinsic of `call` from the sr25519 dev key `seed` (e.g. `"//Citizen01"`) with
/// `nonce`, carrying exactly the runtime's transaction extensions (tip 0, immortal).
pub fn signed(
    seed: &str,
    call: cityzen_runtime::RuntimeCall,
    nonce: cityzen_runtime::Nonce,
) -> cityzen_runtime::UncheckedExtrinsic {
    use cityzen_runtime::{Runtime, SignedPayload, TxExtension, UncheckedExtrinsic};
    use sp_core::Pair;
    use sp_runtime::traits::IdentifyAccount;
    let pair = sp_core::sr25519::Pair::from_string(seed, None).expect("valid seed");
    let tx_ext: TxExtension = (
        frame_system::CheckNonZeroSender::<Runtime>::new(),
        frame_system::CheckSpecVersion::<Runtime>::new(),
        frame_system::CheckTxVersion::<Runtime>::new(),
        frame_system::CheckGenesis::<Runtime>::new(),
        frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::Immortal),
        frame_system::CheckNonce::<Runtime>::from(nonce),
        frame_system::CheckWeight::<Runtime>::new(),
        pallet_credentials::FreeCalls::from(
            pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
        ),
        frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
    );
    let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data");
    let signature = codec::Encode::using_encoded(&payload, |p| pair.sign(p));
    let signer = sp_runtime::MultiSigner::from(pair.public()).into_account();
    UncheckedExtrinsic::new_signed(
        call,
        signer.into(),
        sp_runtime::MultiSignature::Sr25519(signature),
        tx_ext,
    )
}

#[allow(dead_code)]
/// Applies `call` signed by `seed` (next nonce) as a block does: every transaction extension's
/// validation, preparation, the dispatch and post-dispatch.
pub fn apply(seed: &str, call: cityzen_runtime::RuntimeCall) -> sp_runtime::ApplyExtrinsicResult {
    use sp_core::Pair;
    let pair = sp_core::sr25519::Pair::from_string(seed, None).expect("valid seed");
    let who = cityzen_runtime::AccountId::from(pair.public());
    let nonce = System::account_nonce(&who);
    cityzen_runtime::Executive::apply_extrinsic(signed(seed, call, nonce))
}
