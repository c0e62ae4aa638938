//! Helpers shared by the runtime tests.

use cityzen_runtime::{genesis_config_presets, System};

#[allow(dead_code)]
/// Storage built from a named genesis preset, exactly as the node would build it: the preset's
/// patch merged over the default genesis config.
pub fn storage_from_preset(name: &str) -> sp_runtime::Storage {
    genesis_config_presets::preset_storage(name).expect("the preset builds")
}

#[allow(dead_code)]
/// Externalities from a preset, at block 1, with a keystore (for session keys).
pub fn ext_from_preset(name: &str) -> sp_io::TestExternalities {
    let mut ext = sp_io::TestExternalities::new(storage_from_preset(name));
    ext.register_extension(sp_keystore::KeystoreExt(std::sync::Arc::new(
        sp_keystore::testing::MemoryKeystore::new(),
    )));
    ext.execute_with(|| System::set_block_number(1));
    ext
}

/// A dev account.
#[allow(dead_code)]
pub fn acc(k: sp_keyring::Sr25519Keyring) -> cityzen_runtime::AccountId {
    k.to_account_id()
}

/// The `i`-th dev citizen of the development preset (an accredited data owner, no balance).
#[allow(dead_code)]
pub fn citizen(i: usize) -> cityzen_runtime::AccountId {
    genesis_config_presets::dev_citizens()[i].clone()
}

/// The runtime tests' product terms: Research and Statistics, the Research class, fixed
/// `price`, half to the owners, k = 5, buyers at LoA Substantial, 1 000 blocks' retention.
#[allow(dead_code)]
pub fn market_terms(
    price: cityzen_runtime::Balance,
) -> pallet_data_products::TermsOf<cityzen_runtime::Runtime> {
    cityzen_primitives::TermsBuilder::new(cityzen_primitives::Pricing::Fixed { price }, 1_000)
        .build()
}

/// Every custom pallet's invariants (`do_try_state`).
#[allow(dead_code)]
pub fn check_all() {
    use cityzen_runtime::Runtime;
    pallet_validator_set::Pallet::<Runtime>::do_try_state().expect("validator-set invariants");
    pallet_credentials::Pallet::<Runtime>::do_try_state().expect("credentials invariants");
    pallet_consent::Pallet::<Runtime>::do_try_state().expect("consent invariants");
    pallet_data_products::Pallet::<Runtime>::do_try_state().expect("products invariants");
    pallet_revenue::Pallet::<Runtime>::do_try_state().expect("revenue invariants");
    pallet_escrow::Pallet::<Runtime>::do_try_state().expect("escrow invariants");
    pallet_requests::Pallet::<Runtime>::do_try_state().expect("requests invariants");
}

#[allow(dead_code)]
/// A signed extrinsic of `call` from the sr25519 dev key `seed` (e.g. `"//Citizen01"`) with
/// `nonce`, carrying exactly the runtime's transaction extensions (tip 0, immortal).
pub fn signed(
    seed: &str,
    call: cityzen_runtime::RuntimeCall,
    nonce: cityzen_runtime::Nonce,
) -> cityzen_runtime::UncheckedExtrinsic {
    use cityzen_runtime::{SignedPayload, TxExtension, UncheckedExtrinsic};
    use sp_core::Pair;
    use sp_runtime::traits::IdentifyAccount;
    let pair = sp_core::sr25519::Pair::from_string(seed, None).expect("valid seed");
    let tx_ext: TxExtension = cityzen_runtime::signed_tx_extension(nonce);
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

#[allow(dead_code)]
/// Charlie, the dev chain's research consumer.
pub fn charlie() -> cityzen_runtime::AccountId {
    acc(sp_keyring::Sr25519Keyring::Charlie)
}

#[allow(dead_code)]
/// The platform's account, which takes the city's fee.
pub fn platform() -> cityzen_runtime::AccountId {
    cityzen_runtime::configs::marketplace::PlatformAccount::get()
}

#[allow(dead_code)]
/// `who`'s free balance.
pub fn free(who: &cityzen_runtime::AccountId) -> cityzen_runtime::Balance {
    use frame_support::traits::fungible::Inspect;
    cityzen_runtime::Balances::balance(who)
}
