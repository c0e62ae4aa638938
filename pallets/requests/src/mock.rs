//! Test runtime for requests, with small mocks of the traits it uses.
use crate as pallet_requests;
pub use cityzen_primitives::mock::{MockAccreditation, MockAllowance};
use cityzen_primitives::{requests::RequestSplit, ConsumerClass, CreditOwners, Loa, Role};
use frame_support::{
    derive_impl,
    traits::{
        fungible::MutateHold,
        tokens::{Fortitude, Precision, Restriction},
        ConstU64,
    },
};
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        DataRequests: pallet_requests,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type AccountStore = System;
    type RuntimeHoldReason = RuntimeHoldReason;
}

/// A research consumer with funds.
pub const SEEKER: u64 = 1;
/// A public-sector consumer with funds.
pub const CITY: u64 = 2;
/// Not accredited, with funds.
pub const STRANGER: u64 = 5;
/// A research consumer with almost no funds.
pub const POOR: u64 = 6;
/// Registered data owners at LoA Substantial: 10 to 19.
pub const OWNERS: [u64; 10] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
/// A registered data owner at LoA Low only.
pub const LOW_OWNER: u64 = 20;
/// The platform account of the mock payout (10 % fee).
pub const PLATFORM: u64 = 90;
/// The smallest price per owner.
pub const MIN_PER_OWNER: u64 = 10;

thread_local! {
    /// What each owner was credited by the mock payout.
    pub static CREDITED: RefCell<BTreeMap<u64, u64>> = const { RefCell::new(BTreeMap::new()) };
}

/// What `owner` was credited by fulfilled requests.
pub fn credited(owner: u64) -> u64 {
    CREDITED.with(|c| c.borrow().get(&owner).copied().unwrap_or(0))
}

/// SEEKER (Research, also a data owner), CITY (PublicSector) and POOR (Research) are
/// consumers; OWNERS are data owners at LoA Substantial, LOW_OWNER at LoA Low.
fn accredit() {
    MockAccreditation::reset();
    let consumer =
        |who, class| MockAccreditation::grant_with(who, Role::DataConsumer, Loa::High, Some(class));
    consumer(SEEKER, ConsumerClass::Research);
    consumer(CITY, ConsumerClass::PublicSector);
    consumer(POOR, ConsumerClass::Research);
    for o in OWNERS {
        MockAccreditation::grant_with(o, Role::DataOwner, Loa::Substantial, None);
    }
    MockAccreditation::grant_with(LOW_OWNER, Role::DataOwner, Loa::Low, None);
    // A seeker that is also a registered owner, to test `OwnRequest`.
    MockAccreditation::grant(SEEKER, Role::DataOwner);
}

/// A 10 % fee to [`PLATFORM`], the rest divided equally and paid to each owner's free
/// balance; the leftover stays held.
pub struct MockPayout;
impl CreditOwners<u64, u64, RuntimeHoldReason> for MockPayout {
    fn credit_equally(
        payer: &u64,
        reason: &RuntimeHoldReason,
        amount: u64,
        owners: &[u64],
    ) -> Result<RequestSplit<u64>, sp_runtime::DispatchError> {
        let n = owners.len() as u64;
        let fee = amount / 10;
        let per_owner = (amount - fee) / n;
        let returned = amount - fee - per_owner * n;
        let moves = core::iter::once((PLATFORM, fee)).chain(owners.iter().map(|o| (*o, per_owner)));
        for (to, v) in moves {
            Balances::transfer_on_hold(
                reason,
                payer,
                &to,
                v,
                Precision::Exact,
                Restriction::Free,
                Fortitude::Polite,
            )?;
        }
        CREDITED.with(|c| {
            for o in owners {
                *c.borrow_mut().entry(*o).or_default() += per_owner;
            }
        });
        Ok(RequestSplit {
            fee,
            per_owner,
            owners: n as u32,
            returned,
        })
    }
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockBenchmarkHelper {
    fn register_seeker(who: &u64) {
        MockAccreditation::grant(*who, Role::DataConsumer);
    }
    fn register_owner(who: &u64) {
        MockAccreditation::grant(*who, Role::DataOwner);
    }
}

#[derive_impl(pallet_requests::config_preludes::TestDefaultConfig)]
impl pallet_requests::Config for Test {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = MockAccreditation;
    type Allowance = MockAllowance;
    type Payout = MockPayout;
    type MinPerOwner = ConstU64<MIN_PER_OWNER>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = MockBenchmarkHelper;
}

pub struct ExtBuilder;

impl ExtBuilder {
    pub fn build() -> sp_io::TestExternalities {
        let mut t = frame_system::GenesisConfig::<Test>::default()
            .build_storage()
            .expect("system genesis");
        let mut balances = vec![
            (SEEKER, 100_000),
            (CITY, 100_000),
            (STRANGER, 100_000),
            (POOR, 15),
            (PLATFORM, 1),
        ];
        balances.extend(OWNERS.iter().map(|o| (*o, 1)));
        balances.push((LOW_OWNER, 1));
        pallet_balances::GenesisConfig::<Test> {
            balances,
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .expect("balances genesis");
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| {
            System::set_block_number(1);
            accredit();
            CREDITED.with(|c| c.borrow_mut().clear());
        });
        ext
    }

    /// Run `test`, then check the pallet's invariants.
    pub fn build_and_execute(test: impl FnOnce()) {
        Self::build().execute_with(|| {
            test();
            DataRequests::do_try_state().expect("requests invariants hold after the test");
        });
    }
}

/// The benchmarks' externalities: the mock's, with nobody's balance set.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
    ExtBuilder::build()
}
