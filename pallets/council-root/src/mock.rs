//! Test runtime for the council root.
use crate as pallet_council_root;
use frame_support::{derive_impl, ord_parameter_types};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        CouncilRoot: pallet_council_root,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
}

ord_parameter_types! {
    /// Stands for "a council motion" in these tests.
    pub const Council: u64 = 1;
}

#[derive_impl(pallet_council_root::config_preludes::TestDefaultConfig)]
impl pallet_council_root::Config for Test {
    type RuntimeCall = RuntimeCall;
    type RootOrigin = EnsureSignedBy<Council, u64>;
}

/// Fresh externalities at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
    let t = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap();
    let mut ext = sp_io::TestExternalities::new(t);
    ext.execute_with(|| System::set_block_number(1));
    ext
}
