//! Test runtime for the revenue pallet: balances with an "escrow" hold reason and a mock
//! fee-less allowance.
use crate as pallet_revenue;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    derive_impl, parameter_types,
    traits::{fungible::Mutate, fungible::MutateHold, VariantCount},
    PalletId,
};
use frame_system::EnsureRoot;
use scale_info::TypeInfo;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        Revenue: pallet_revenue,
    }
);

/// The hold reason escrow would use.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
pub enum TestHold {
    /// A buyer's payment in escrow.
    Escrow,
}
impl VariantCount for TestHold {
    const VARIANT_COUNT: u32 = 1;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type AccountStore = System;
    type RuntimeHoldReason = TestHold;
    type ExistentialDeposit = ExistentialDeposit;
}

/// A buyer with funds.
pub const BUYER: u64 = 1;
/// A provider.
pub const PROVIDER: u64 = 2;
/// The city's platform account.
pub const PLATFORM: u64 = 3;
/// The minimum balance.
pub const ED: u64 = 10;

pub use cityzen_primitives::mock::{MockAccreditation, MockAllowance};

/// Every account is a data owner, so entitled to fee-less calls, but those `unentitle`d.
pub fn accredit() {
    MockAccreditation::reset();
    MockAccreditation::grant_everyone(
        cityzen_primitives::Role::DataOwner,
        cityzen_primitives::Loa::High,
    );
}

/// `who` is no longer entitled to fee-less calls.
pub fn unentitle(who: u64) {
    MockAllowance::deny(who, true);
}

#[cfg(feature = "runtime-benchmarks")]
/// Benchmark setup for the mock.
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<TestHold> for MockBenchmarkHelper {
    fn hold_reason() -> TestHold {
        TestHold::Escrow
    }
}

parameter_types! {
    pub const ExistentialDeposit: u64 = ED;
    pub const RevenuePalletId: PalletId = PalletId(*b"cz/revnu");
    pub const PlatformAccount: u64 = PLATFORM;
}

#[derive_impl(pallet_revenue::config_preludes::TestDefaultConfig)]
impl pallet_revenue::Config for Test {
    type Currency = Balances;
    type PalletId = RevenuePalletId;
    type PlatformAccount = PlatformAccount;
    type GovernanceOrigin = EnsureRoot<u64>;
    type Allowance = MockAllowance;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = MockBenchmarkHelper;
}

/// Hold `amount` from `who` under the escrow reason, as escrow would (funding it first).
pub fn hold(who: u64, amount: u64) {
    let free = Balances::free_balance(who);
    assert!(Balances::set_balance(&who, free + amount) >= amount);
    Balances::hold(&TestHold::Escrow, &who, amount).expect("hold");
}

/// Builds a test's externalities: the mock's genesis, at block 1.
pub struct ExtBuilder {
    /// The block tests start at.
    block: u64,
}

impl Default for ExtBuilder {
    fn default() -> Self {
        Self { block: 1 }
    }
}

impl ExtBuilder {
    /// The externalities, for tests that must break the invariants on purpose and for the
    /// benchmark test suite.
    pub fn build(self) -> sp_io::TestExternalities {
        let mut t = frame_system::GenesisConfig::<Test>::default()
            .build_storage()
            .expect("system genesis");
        pallet_balances::GenesisConfig::<Test> {
            balances: vec![(BUYER, 1_000_000), (PROVIDER, 100)],
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .expect("balances genesis");
        pallet_revenue::GenesisConfig::<Test> {
            platform_fee: 500,
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .expect("revenue genesis");
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| {
            System::set_block_number(self.block);
            accredit();
        });
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            Revenue::do_try_state().expect("revenue invariants hold after the test");
        });
    }
}
