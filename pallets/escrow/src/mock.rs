//! Test runtime for escrow, with small mocks of the traits it uses.
use crate as pallet_escrow;
pub use cityzen_primitives::mock::MockAccreditation;
use cityzen_primitives::{
    ConsumerClass, Loa, Pricing, ProductId, ProductOrders, ProductStatus, ProductTerms, Purpose,
    RevenuePools, RevenueSink, Role, Terms, TermsBuilder,
};
use frame_support::{
    derive_impl,
    traits::{
        fungible::MutateHold,
        tokens::{Fortitude, Precision, Restriction},
        ConstU32,
    },
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        Escrow: pallet_escrow,
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

/// A research consumer with funds (LoA Substantial).
pub const BUYER: u64 = 1;
/// A commercial consumer with funds (LoA High).
pub const BUYER2: u64 = 2;
/// The provider of every mock product.
pub const PROVIDER: u64 = 3;
/// An accredited arbiter.
pub const ARBITER: u64 = 4;
/// An accredited arbiter that is also a member of every pool (has a stake in every sale).
pub const OWNER_ARBITER: u64 = 14;
/// Not accredited, with funds.
pub const STRANGER: u64 = 5;
/// A research consumer without funds.
pub const POOR: u64 = 6;
/// The platform account of the mock revenue split.
pub const PLATFORM: u64 = 90;
/// The owners' pool account of the mock revenue split.
pub const POOL: u64 = 91;

/// A fixed-price product (price 1 000, k = 3, Research and Statistics, Research class).
pub const FIXED: ProductId = 1;
/// A subscription product (100 per period of 10 blocks).
pub const SUB: ProductId = 2;
/// A negotiated product (floor 500).
pub const NEGO: ProductId = 3;
/// A paused product.
pub const PAUSED: ProductId = 4;
/// A product that needs LoA High from its buyers.
pub const HIGH: ProductId = 5;

/// The delivery period.
pub const DELIVERY: u64 = pallet_escrow::config_preludes::TEST_DELIVERY_PERIOD;
/// The dispute window.
pub const WINDOW: u64 = pallet_escrow::config_preludes::TEST_DISPUTE_WINDOW;
/// The retention period of the mock products.
pub const RETENTION: u64 = 50;

type MockTerms = Terms<u64, u64, ConstU32<8>>;

thread_local! {
    static PRODUCTS: RefCell<BTreeMap<ProductId, (MockTerms, u32, ProductStatus)>> = RefCell::new(products());
    /// Members per pool.
    pub static MEMBERS: RefCell<BTreeMap<(ProductId, Purpose), u32>> = const { RefCell::new(BTreeMap::new()) };
    /// Open orders per product, as the data products pallet counts them.
    pub static OPEN: RefCell<BTreeMap<ProductId, i64>> = const { RefCell::new(BTreeMap::new()) };
    /// Every distribution: (payer, amount, product, purpose, provider, share).
    pub static PAID: RefCell<Vec<(u64, u64, ProductId, Purpose, u64, u64)>> = const { RefCell::new(Vec::new()) };
    pub static CREDITED: RefCell<Vec<(u64, u64, ProductId, Purpose, u64)>> = const { RefCell::new(Vec::new()) };
}

fn terms(pricing: Pricing<u64, u64>, loa: Loa) -> MockTerms {
    TermsBuilder::new(pricing, RETENTION)
        .classes(&[ConsumerClass::Research, ConsumerClass::Commercial])
        .owners_share_bps(3_000)
        .min_owners(3)
        .buyer_loa(loa)
        .build()
}

fn products() -> BTreeMap<ProductId, (MockTerms, u32, ProductStatus)> {
    use ProductStatus::*;
    BTreeMap::from([
        (
            FIXED,
            (terms(Pricing::Fixed { price: 1_000 }, Loa::Low), 1, Active),
        ),
        (
            SUB,
            (
                terms(
                    Pricing::Subscription {
                        price_per_period: 100,
                        period: 10,
                    },
                    Loa::Low,
                ),
                1,
                Active,
            ),
        ),
        (
            NEGO,
            (
                terms(Pricing::Negotiated { floor: 500 }, Loa::Low),
                1,
                Active,
            ),
        ),
        (
            PAUSED,
            (terms(Pricing::Fixed { price: 1_000 }, Loa::Low), 1, Paused),
        ),
        (
            HIGH,
            (terms(Pricing::Fixed { price: 1_000 }, Loa::High), 1, Active),
        ),
    ])
}

/// Set a mock product's status.
pub fn set_status(product: ProductId, status: ProductStatus) {
    PRODUCTS.with(|p| {
        if let Some(e) = p.borrow_mut().get_mut(&product) {
            e.2 = status;
        }
    });
}

/// Replace a mock product's terms (and version).
pub fn set_terms(product: ProductId, terms: MockTerms, version: u32) {
    PRODUCTS.with(|p| {
        if let Some(e) = p.borrow_mut().get_mut(&product) {
            e.0 = terms;
            e.1 = version;
        }
    });
}

/// Set how many members a pool has.
pub fn set_members(product: ProductId, purpose: Purpose, n: u32) {
    MEMBERS.with(|m| m.borrow_mut().insert((product, purpose), n));
}

/// Open orders the product was told about.
pub fn open_orders(product: ProductId) -> i64 {
    OPEN.with(|o| o.borrow().get(&product).copied().unwrap_or(0))
}

/// Products from the thread-local table; PROVIDER provides all of them.
pub struct MockProducts;
impl ProductTerms<u64, u64, u64> for MockProducts {
    type MaxPurposes = ConstU32<8>;
    fn sale_terms(
        product: ProductId,
    ) -> Option<cityzen_primitives::SaleTerms<u64, u64, u64, Self::MaxPurposes>> {
        PRODUCTS.with(|p| {
            p.borrow()
                .get(&product)
                .map(|e| cityzen_primitives::SaleTerms {
                    provider: PROVIDER,
                    status: e.2,
                    terms: e.0.clone(),
                    version: e.1,
                })
        })
    }
}
impl ProductOrders for MockProducts {
    fn order_opened(product: ProductId) {
        OPEN.with(|o| *o.borrow_mut().entry(product).or_default() += 1);
    }
    fn order_delivered(_product: ProductId) {}
    fn order_closed(product: ProductId) {
        OPEN.with(|o| *o.borrow_mut().entry(product).or_default() -= 1);
    }
}

/// BUYER (Research, Substantial), BUYER2 (Commercial, High), POOR (Research, Low) are
/// consumers; ARBITER and OWNER_ARBITER are arbiters; PROVIDER is an accredited provider.
fn accredit() {
    MockAccreditation::reset();
    let consumer =
        |who, loa, class| MockAccreditation::grant_with(who, Role::DataConsumer, loa, Some(class));
    consumer(BUYER, Loa::Substantial, ConsumerClass::Research);
    consumer(BUYER2, Loa::High, ConsumerClass::Commercial);
    consumer(POOR, Loa::Low, ConsumerClass::Research);
    MockAccreditation::grant(ARBITER, Role::Arbiter);
    MockAccreditation::grant(OWNER_ARBITER, Role::Arbiter);
    MockAccreditation::grant(PROVIDER, Role::DataProvider);
}

/// Revokes PROVIDER's DataProvider credential (`true`), or gives it back.
pub fn revoke_provider(revoked: bool) {
    MockAccreditation::deny(PROVIDER, Role::DataProvider, revoked);
}

/// Pool sizes from the thread-local map (3 members by default).
pub struct MockPools;
impl RevenuePools<u64> for MockPools {
    fn join(_: ProductId, _: Purpose, _: &u64, _: u64) {}
    fn leave(_: ProductId, _: Purpose, _: &u64) {}
    fn member_count(product: ProductId, purpose: Purpose) -> u32 {
        MEMBERS.with(|m| m.borrow().get(&(product, purpose)).copied().unwrap_or(3))
    }
    /// [`OWNER_ARBITER`] is a member of every pool.
    fn has_stake(_: ProductId, _: Purpose, who: &u64) -> bool {
        *who == OWNER_ARBITER
    }
}

/// The owners' share credited to POOL at delivery, the fee to PLATFORM and the rest to the
/// provider at settlement, all moved from the hold; each step logged.
pub struct MockRevenue;
impl RevenueSink<u64, u64, RuntimeHoldReason> for MockRevenue {
    fn credit_sale(
        payer: &u64,
        reason: &RuntimeHoldReason,
        owners: u64,
        product: ProductId,
        purpose: Purpose,
        order: u64,
    ) -> Result<(u64, u32), sp_runtime::DispatchError> {
        move_held(reason, payer, &[(POOL, owners)])?;
        let sale = CREDITED.with(|p| {
            let mut p = p.borrow_mut();
            p.push((*payer, owners, product, purpose, order));
            p.len() as u64 - 1
        });
        Ok((sale, 0))
    }
    fn pay_parts(
        payer: &u64,
        reason: &RuntimeHoldReason,
        product: ProductId,
        purpose: Purpose,
        provider: &u64,
        fee: u64,
        to_provider: u64,
    ) -> sp_runtime::DispatchResult {
        move_held(reason, payer, &[(PLATFORM, fee), (*provider, to_provider)])?;
        PAID.with(|p| {
            p.borrow_mut()
                .push((*payer, fee + to_provider, product, purpose, *provider, fee))
        });
        Ok(())
    }
    /// 10 %, unless a test set [`FEE_BPS`].
    fn fee_bps() -> u16 {
        FEE_BPS.with(|f| *f.borrow())
    }
    fn max_funds() -> u32 {
        8
    }
}

fn move_held(
    reason: &RuntimeHoldReason,
    payer: &u64,
    parts: &[(u64, u64)],
) -> sp_runtime::DispatchResult {
    frame_support::storage::with_storage_layer(|| {
        for (to, v) in parts {
            if *v > 0 {
                Balances::transfer_on_hold(
                    reason,
                    payer,
                    to,
                    *v,
                    Precision::Exact,
                    Restriction::Free,
                    Fortitude::Polite,
                )?;
            }
        }
        Ok(())
    })
}

std::thread_local! {
    /// The mock's platform fee, in basis points.
    pub static FEE_BPS: core::cell::RefCell<u16> = const { core::cell::RefCell::new(1_000) };
}

/// Payments of platform and provider parts so far: (payer, fee + provider part, product,
/// purpose, provider, fee).
pub fn paid() -> Vec<(u64, u64, ProductId, Purpose, u64, u64)> {
    PAID.with(|p| p.borrow().clone())
}

/// Owners' shares credited so far, by sale number: (payer, amount, product, purpose, order).
pub fn credited() -> Vec<(u64, u64, ProductId, Purpose, u64)> {
    CREDITED.with(|p| p.borrow().clone())
}

#[cfg(feature = "runtime-benchmarks")]
/// Benchmark setup for the mock.
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, u64, u64> for MockBenchmarkHelper {
    fn register_consumer(who: &u64) {
        MockAccreditation::grant(*who, Role::DataConsumer);
    }
    fn register_arbiter(who: &u64) {
        MockAccreditation::grant(*who, Role::Arbiter);
    }
    fn product(pricing: Pricing<u64, u64>, _: Purpose, _: u32) -> (ProductId, u64) {
        let id = match pricing {
            Pricing::Fixed { .. } => FIXED,
            Pricing::Subscription { .. } => SUB,
            Pricing::Negotiated { .. } => NEGO,
        };
        set_terms(id, terms(pricing, Loa::Low), 1);
        (id, PROVIDER)
    }
}

#[derive_impl(pallet_escrow::config_preludes::TestDefaultConfig)]
impl pallet_escrow::Config for Test {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = MockAccreditation;
    type Products = MockProducts;
    type Pools = MockPools;
    type Revenue = MockRevenue;
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
            .expect("system genesis");
        pallet_balances::GenesisConfig::<Test> {
            balances: vec![
                (BUYER, 100_000),
                (BUYER2, 100_000),
                (PROVIDER, 10),
                (ARBITER, 10),
                (STRANGER, 100_000),
                (POOR, 10),
                (PLATFORM, 1),
                (POOL, 1),
            ],
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .expect("balances genesis");
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| {
            System::set_block_number(self.block);
            PRODUCTS.with(|p| *p.borrow_mut() = products());
            MEMBERS.with(|m| m.borrow_mut().clear());
            OPEN.with(|o| o.borrow_mut().clear());
            PAID.with(|p| p.borrow_mut().clear());
            CREDITED.with(|p| p.borrow_mut().clear());
            FEE_BPS.with(|f| *f.borrow_mut() = 1_000);
            accredit();
        });
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            Escrow::do_try_state().expect("escrow invariants hold after the test");
        });
    }
}
