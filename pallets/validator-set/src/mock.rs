//! Test runtime for the validator set.
use crate as pallet_validator_set;
use frame_support::{derive_impl, traits::ValidatorRegistration};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        ValidatorSet: pallet_validator_set,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
}

/// An account that never registered session keys.
pub const NO_KEYS: u64 = 99;

/// Every account but [`NO_KEYS`] has session keys.
pub struct MockRegistry;
impl ValidatorRegistration<u64> for MockRegistry {
    fn is_registered(id: &u64) -> bool {
        *id != NO_KEYS
    }
}

#[derive_impl(pallet_validator_set::config_preludes::TestDefaultConfig)]
impl pallet_validator_set::Config for Test {
    type AddRemoveOrigin = EnsureRoot<u64>;
    type ValidatorRegistration = MockRegistry;
}

/// Builds a test's externalities (block 1; validators 1, 2 and 3 unless told).
pub struct ExtBuilder {
    validators: Vec<u64>,
}

impl Default for ExtBuilder {
    fn default() -> Self {
        Self {
            validators: vec![3, 1, 2],
        }
    }
}

impl ExtBuilder {
    /// Start with these validators (genesis refuses an invalid set).
    pub fn validators(mut self, initial_validators: Vec<u64>) -> Self {
        self.validators = initial_validators;
        self
    }

    /// The externalities, for the benchmark test suite and genesis checks.
    pub fn build(self) -> sp_io::TestExternalities {
        let mut t = frame_system::GenesisConfig::<Test>::default()
            .build_storage()
            .unwrap();
        pallet_validator_set::GenesisConfig::<Test> {
            initial_validators: self.validators,
        }
        .assimilate_storage(&mut t)
        .unwrap();
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| System::set_block_number(1));
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            ValidatorSet::do_try_state().expect("validator-set invariants hold after the test");
        });
    }
}
