//! The pallets benchmarked in this runtime, and the setup they need from it.

use crate::{
    AccountId, Balances, Runtime, RuntimeOrigin, Session, SessionKeys, EXISTENTIAL_DEPOSIT,
};
use codec::Encode;
use frame_support::traits::fungible::Mutate;

frame_benchmarking::define_benchmarks!(
    [frame_system, SystemBench::<Runtime>]
    [pallet_validator_set, ValidatorSet]
    [pallet_council_root, CouncilRoot]
    [pallet_credentials, Credentials]
);

/// Gives a benchmark's candidate validator an account and real session keys.
pub struct ValidatorSetHelper;
impl pallet_validator_set::BenchmarkHelper<AccountId> for ValidatorSetHelper {
    fn register_session_keys(who: &AccountId) {
        let _ = Balances::set_balance(who, EXISTENTIAL_DEPOSIT.saturating_mul(1000));
        let generated = SessionKeys::generate(&who.encode(), None);
        let _ = Session::set_keys(
            RuntimeOrigin::signed(who.clone()),
            generated.keys,
            generated.proof.encode(),
        );
    }
}
