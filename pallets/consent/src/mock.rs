//! Test runtime for the consent registry, with small mocks of the traits it uses.
use crate as pallet_consent;
pub use cityzen_primitives::mock::{MockAccreditation, MockAllowance};
use cityzen_primitives::{ConsentListener, Loa, ProductId, ProductInspect, Purpose, Role};
use frame_support::derive_impl;
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Consent: pallet_consent,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
}

/// The one account that is not a registered data owner.
pub const FIRST_NON_OWNER: u64 = 100;
/// An active product offering Research, Statistics and PublicBenefit.
pub const PRODUCT: ProductId = 1;
/// A second active product offering every purpose.
pub const PRODUCT2: ProductId = 2;
/// A product that exists but is paused.
pub const PAUSED: ProductId = 3;
/// A fourth active product offering every purpose.
pub const PRODUCT4: ProductId = 4;

thread_local! {
    static PRODUCTS: RefCell<BTreeMap<ProductId, (bool, Vec<Purpose>)>> = RefCell::new(BTreeMap::from([
        (PRODUCT, (true, vec![Purpose::ResearchAndDevelopment, Purpose::Statistics, Purpose::PublicBenefit])),
        (PRODUCT2, (true, all_purposes())),
        (PAUSED, (false, all_purposes())),
        (PRODUCT4, (true, all_purposes())),
    ]));
    /// `(owner, product, purpose, started)` in the order the listener was told.
    pub static LISTENED: RefCell<Vec<(u64, ProductId, Purpose, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Every purpose.
pub fn all_purposes() -> Vec<Purpose> {
    Purpose::ALL.to_vec()
}

/// Pause or resume a mock product.
pub fn set_active(product: ProductId, active: bool) {
    PRODUCTS.with(|p| {
        if let Some(entry) = p.borrow_mut().get_mut(&product) {
            entry.0 = active;
        }
    });
}

/// Take what the listener was told so far.
pub fn take_listened() -> Vec<(u64, ProductId, Purpose, bool)> {
    LISTENED.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Makes `who`'s credential lapse (`true`) or valid again.
pub fn set_lapsed(who: u64, lapsed: bool) {
    MockAccreditation::deny(who, Role::DataOwner, lapsed);
}

/// Products from the thread-local table.
pub struct MockProducts;
impl ProductInspect for MockProducts {
    fn is_active(product: ProductId) -> bool {
        PRODUCTS.with(|p| p.borrow().get(&product).is_some_and(|e| e.0))
    }
    fn offers_purpose(product: ProductId, purpose: Purpose) -> bool {
        PRODUCTS.with(|p| {
            p.borrow()
                .get(&product)
                .is_some_and(|e| e.1.contains(&purpose))
        })
    }
}

/// Records what it is told.
pub struct MockListener;
impl ConsentListener<u64> for MockListener {
    fn consent_started(owner: &u64, product: ProductId, purpose: Purpose) {
        LISTENED.with(|l| l.borrow_mut().push((*owner, product, purpose, true)));
    }
    fn consent_ended(owner: &u64, product: ProductId, purpose: Purpose) {
        LISTENED.with(|l| l.borrow_mut().push((*owner, product, purpose, false)));
    }
}

#[cfg(feature = "runtime-benchmarks")]
/// Benchmark setup for the mock.
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockBenchmarkHelper {
    fn register_owner(_who: &u64) {}
    /// A new active product offering every purpose, from id 1000 on.
    fn active_product() -> ProductId {
        PRODUCTS.with(|p| {
            let mut p = p.borrow_mut();
            let id = p.keys().max().copied().unwrap_or(0).max(999) + 1;
            p.insert(id, (true, all_purposes()));
            id
        })
    }
    fn add_contributor(_product: ProductId, _who: &u64) {}
}

#[derive_impl(pallet_consent::config_preludes::TestDefaultConfig)]
impl pallet_consent::Config for Test {
    type Accreditation = MockAccreditation;
    type Allowance = MockAllowance;
    type Products = MockProducts;
    type Listener = MockListener;
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
        let t = frame_system::GenesisConfig::<Test>::default()
            .build_storage()
            .unwrap();
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| System::set_block_number(self.block));
        // Every account but FIRST_NON_OWNER is a data owner (so entitled to fee-less calls).
        MockAccreditation::reset();
        MockAccreditation::grant_everyone(Role::DataOwner, Loa::High);
        MockAccreditation::deny(FIRST_NON_OWNER, Role::DataOwner, true);
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            Consent::do_try_state().expect("consent invariants hold after the test");
        });
    }
}
