//! Test runtime for the data products pallet, with small mocks of the traits it uses.
use crate as pallet_data_products;
pub use cityzen_primitives::mock::MockAccreditation;
use cityzen_primitives::{ConsentInspect, Loa, ProductId, Purpose, RevenuePools, Role};
use frame_support::derive_impl;
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        DataProducts: pallet_data_products,
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

/// An accredited provider with funds.
pub const PROVIDER: u64 = 1;
/// A second accredited provider with funds.
pub const PROVIDER2: u64 = 2;
/// An accredited provider without funds.
pub const POOR_PROVIDER: u64 = 3;
/// Not accredited.
pub const STRANGER: u64 = 9;
/// The deposit.
pub const DEPOSIT: u64 = pallet_data_products::config_preludes::TEST_PRODUCT_DEPOSIT;

thread_local! {
    /// `(owner, product, purpose)` whose consent is live.
    pub static LIVE: RefCell<BTreeSet<(u64, ProductId, Purpose)>> = const { RefCell::new(BTreeSet::new()) };
    /// Pool members by `(product, purpose)`.
    pub static POOLS: RefCell<BTreeMap<(ProductId, Purpose), BTreeMap<u64, u64>>> = const { RefCell::new(BTreeMap::new()) };
}

/// Make `owner`'s consent for `(product, purpose)` live (or not), as the consent pallet would,
/// and tell the pallet, as the consent pallet's listener does.
pub fn set_consent(owner: u64, product: ProductId, purpose: Purpose, live: bool) {
    use cityzen_primitives::ConsentListener;
    LIVE.with(|l| {
        if live {
            l.borrow_mut().insert((owner, product, purpose));
        } else {
            l.borrow_mut().remove(&(owner, product, purpose));
        }
    });
    if live {
        DataProducts::consent_started(&owner, product, purpose);
    } else {
        DataProducts::consent_ended(&owner, product, purpose);
    }
}

/// Members of a pool with their weights.
pub fn pool(product: ProductId, purpose: Purpose) -> Vec<(u64, u64)> {
    POOLS.with(|p| {
        p.borrow()
            .get(&(product, purpose))
            .map(|m| m.iter().map(|(a, w)| (*a, *w)).collect())
            .unwrap_or_default()
    })
}

/// Consent from the thread-local set.
pub struct MockConsent;
impl ConsentInspect<u64> for MockConsent {
    fn is_live(owner: &u64, product: ProductId, purpose: Purpose) -> bool {
        LIVE.with(|l| l.borrow().contains(&(*owner, product, purpose)))
    }
}

/// Pools in a thread-local map.
pub struct MockPools;
impl RevenuePools<u64> for MockPools {
    fn join(product: ProductId, purpose: Purpose, who: &u64, weight: u64) {
        POOLS.with(|p| {
            p.borrow_mut()
                .entry((product, purpose))
                .or_default()
                .insert(*who, weight);
        });
    }
    fn leave(product: ProductId, purpose: Purpose, who: &u64) {
        POOLS.with(|p| {
            if let Some(m) = p.borrow_mut().get_mut(&(product, purpose)) {
                m.remove(who);
            }
        });
    }
    fn has_stake(product: ProductId, purpose: Purpose, who: &u64) -> bool {
        pool(product, purpose).iter().any(|(w, _)| w == who)
    }
    fn member_count(product: ProductId, purpose: Purpose) -> u32 {
        pool(product, purpose).len() as u32
    }
}

#[cfg(feature = "runtime-benchmarks")]
/// Benchmark setup for the mock: every account is accredited already; fund it.
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockBenchmarkHelper {
    fn register_provider(who: &u64) {
        use frame_support::traits::fungible::Mutate;
        let _ = Balances::set_balance(who, 1_000_000);
    }
    fn give_consent(product: ProductId, who: &u64) {
        for purpose in Purpose::ALL {
            LIVE.with(|l| l.borrow_mut().insert((*who, product, purpose)));
        }
    }
}

#[derive_impl(pallet_data_products::config_preludes::TestDefaultConfig)]
impl pallet_data_products::Config for Test {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = MockAccreditation;
    type Consent = MockConsent;
    type Pools = MockPools;
    type GovernanceOrigin = EnsureRoot<u64>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = MockBenchmarkHelper;
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
            .unwrap();
        pallet_balances::GenesisConfig::<Test> {
            balances: vec![(PROVIDER, 1_000), (PROVIDER2, 1_000), (POOR_PROVIDER, 50)],
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .unwrap();
        pallet_data_products::GenesisConfig::<Test> {
            params: crate::MarketParams {
                min_owners: 3,
                min_owners_share_bps: 2_000,
            },
            _config: Default::default(),
        }
        .assimilate_storage(&mut t)
        .unwrap();
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| System::set_block_number(self.block));
        // Every account but STRANGER is an accredited provider.
        MockAccreditation::reset();
        MockAccreditation::grant_everyone(Role::DataProvider, Loa::High);
        MockAccreditation::deny(STRANGER, Role::DataProvider, true);
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            DataProducts::do_try_state().expect("data-products invariants hold after the test");
        });
    }
}
