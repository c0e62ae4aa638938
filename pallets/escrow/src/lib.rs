//! # Escrow
//!
//! Orders, offers and subscriptions paid through escrow, with delivery, disputes and deletion.
//!
//! A buyer places an order for a product and purpose. At once the chain checks that the buyer
//! holds a valid DataConsumer credential at the product's level of assurance and of a class the
//! product is offered to, that the product is active and offers the purpose, that at least k
//! owners are in the revenue pool of `(product, purpose)` (members are exactly the contributors
//! with live consent for that purpose), and that the price is at most what the buyer signed.
//! The price is **held** from the buyer ([`HoldReason::Escrow`]) and the order keeps a copy of
//! the terms it was placed with.
//!
//! Negotiated products go through offers: `make_offer` holds the amount, the provider accepts
//! (it becomes an order) or counters, the buyer accepts the counter (the hold is adjusted) or
//! withdraws; an expired offer is released (by anyone, or by `on_idle`).
//!
//! The provider delivers before the deadline (a reference encrypted to the buyer's key) and a
//! dispute window starts. The buyer confirms (settles at once), or disputes inside the window;
//! after the window anyone may `settle`, and `on_idle` settles due orders by itself, bounded by
//! the block's spare weight. An Arbiter (credential) or the council resolves a dispute with a
//! share refunded to the buyer and the rest paid. A buyer reclaims an order not delivered in
//! time. Subscriptions give access from delivery for the paid periods; each period is paid when
//! it ends; `cancel_subscription` refunds the periods not started.
//!
//! Payments go through [`RevenueSink`] (platform fee, owners' pool, provider) with
//! `transfer_on_hold` from the buyer's hold: nothing is minted or lost. After the retention
//! period the buyer must `attest_deletion`; [`Pallet::overdue_deletions`] lists those who did
//! not. [`Pallet::access_at`] answers a stream broker. The market runtime API serves both, and
//! the orders themselves.

//!
//! ## Files
//!
//! `lib.rs` is the pallet's declarations (config, storage, events, errors, hooks) and its thin
//! calls: the FRAME macros need them in one
//! module, which is why it is longer than the others. The bodies are in `orders.rs`,
//! `settlement.rs`, `offers.rs`, `due.rs` (the `on_idle` engine), `views.rs` and `invariants.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod due;
mod invariants;
#[cfg(test)]
mod mock;
mod offers;
mod orders;
mod settlement;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use cityzen_primitives::{
    Accreditation, BasisPoints, Loa, Pricing, ProductId, ProductOrders, ProductStatus,
    ProductTerms, Purpose, RevenuePools, RevenueSink, Role, Split, FULL_SHARE,
};
pub use orders::{Sale, TermsOf};
pub use types::*;
pub use views::OrderViewOf;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance, BlockNumber> {
    /// Make `who` an accredited consumer of every class, at the highest level of assurance.
    fn register_consumer(who: &AccountId);
    /// Make `who` an accredited arbiter.
    fn register_arbiter(who: &AccountId);
    /// An active product with `pricing`, offering `purpose`, with enough owners in its pool
    /// for a sale, `funds` of them altruists each giving to its own public-interest fund;
    /// returns it and its provider (funded).
    fn product(
        pricing: Pricing<Balance, BlockNumber>,
        purpose: Purpose,
        funds: u32,
    ) -> (ProductId, AccountId);
}

/// Defaults for test runtimes: small bounds and short periods, weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{
        derive_impl,
        pallet_prelude::*,
        traits::{ConstU32, ConstU64},
    };

    /// The delivery period of [`TestDefaultConfig`].
    pub const TEST_DELIVERY_PERIOD: u64 = 20;
    /// The dispute window of [`TestDefaultConfig`].
    pub const TEST_DISPUTE_WINDOW: u64 = 5;
    /// Tests: blocks to resolve a dispute.
    pub const TEST_RESOLVE_PERIOD: u64 = 20;

    /// The unit tests' escrow: deliver within 20 blocks, dispute within 5, offers live at
    /// most 100 blocks; 3 open per buyer, 12 periods, 64-byte references, 4 items due per
    /// block.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type DeliveryPeriod = ConstU64<TEST_DELIVERY_PERIOD>;
        type DisputeWindow = ConstU64<TEST_DISPUTE_WINDOW>;
        type ResolvePeriod = ConstU64<TEST_RESOLVE_PERIOD>;
        type MaxOfferLifetime = ConstU64<100>;
        type MaxOpenPerBuyer = ConstU32<3>;
        type MaxPeriods = ConstU32<12>;
        type MaxDeliveryRefLen = ConstU32<64>;
        type MaxDuePerPage = ConstU32<4>;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{
        pallet_prelude::*,
        traits::fungible::{Inspect, Mutate, MutateHold},
    };
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::Zero;

    /// A balance of the runtime's currency.
    pub type BalanceOf<T> =
        <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

    /// An order in the runtime's types.
    pub type OrderOf<T> = Order<
        <T as frame_system::Config>::AccountId,
        BalanceOf<T>,
        BlockNumberFor<T>,
        <T as Config>::MaxDeliveryRefLen,
    >;

    /// An offer in the runtime's types.
    pub type OfferOf<T> =
        Offer<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Why funds are held by this pallet.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// A buyer's payment for an open order or offer.
        Escrow,
    }

    /// Configuration of the escrow pallet. Tests derive the defaults of
    /// [`config_preludes::TestDefaultConfig`] and set only the wiring (`no_default` items).
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The runtime's hold reasons.
        #[pallet::no_default]
        type RuntimeHoldReason: From<HoldReason>;
        /// The currency payments are held in.
        #[pallet::no_default]
        type Currency: Mutate<Self::AccountId>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// Who is an accredited consumer or arbiter.
        #[pallet::no_default]
        type Accreditation: Accreditation<Self::AccountId>;
        /// The products' terms, and where open orders are counted.
        #[pallet::no_default]
        type Products: ProductTerms<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>
            + ProductOrders;
        /// The revenue pools (k is checked against the pool's member count).
        #[pallet::no_default]
        type Pools: RevenuePools<Self::AccountId>;
        /// Where settled payments go.
        #[pallet::no_default]
        type Revenue: RevenueSink<Self::AccountId, BalanceOf<Self>, Self::RuntimeHoldReason>;
        /// Resolves disputes besides accredited arbiters: the council.
        #[pallet::no_default]
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// Blocks the provider has to deliver after an order is placed, unless governance
        /// set [`Params`].
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type DeliveryPeriod: Get<BlockNumberFor<Self>>;
        /// Blocks after delivery in which the buyer may dispute, unless governance set
        /// [`Params`].
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type DisputeWindow: Get<BlockNumberFor<Self>>;
        /// Blocks an arbiter or the council has to resolve a dispute; after them the order is
        /// refunded to the buyer in full (by `on_idle`).
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type ResolvePeriod: Get<BlockNumberFor<Self>>;
        /// The longest an offer may stay open.
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type MaxOfferLifetime: Get<BlockNumberFor<Self>>;
        /// Most open orders and offers of one buyer.
        #[pallet::constant]
        type MaxOpenPerBuyer: Get<u32>;
        /// Most periods bought in one subscription order.
        #[pallet::constant]
        type MaxPeriods: Get<u32>;
        /// Longest delivery reference.
        #[pallet::constant]
        type MaxDeliveryRefLen: Get<u32>;
        /// Items (settlements, offer expiries) per page of a block's due work. A block's work
        /// is not bounded: a full page spills into a new one.
        #[pallet::constant]
        type MaxDuePerPage: Get<u32>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        #[pallet::no_default]
        type BenchmarkHelper: BenchmarkHelper<
            Self::AccountId,
            BalanceOf<Self>,
            BlockNumberFor<Self>,
        >;
    }

    /// The delivery period and dispute window set by governance (else the config's).
    #[pallet::storage]
    pub type Params<T: Config> = StorageValue<_, EscrowParams<BlockNumberFor<T>>>;

    /// Escrow genesis: the delivery period and dispute window, if not the config's.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// The periods; `None` keeps the config's.
        pub params: Option<EscrowParams<BlockNumberFor<T>>>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            if let Some(p) = &self.params {
                assert!(p.is_valid(), "escrow periods must be positive");
                Params::<T>::put(p);
            }
        }
    }

    /// The next order id.
    #[pallet::storage]
    pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

    /// The next offer id.
    #[pallet::storage]
    pub type NextOfferId<T: Config> = StorageValue<_, OfferId, ValueQuery>;

    /// Orders by id (kept after they close: they are the buyers' records of processing).
    #[pallet::storage]
    pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>>;

    /// Open offers by id.
    #[pallet::storage]
    pub type Offers<T: Config> = StorageMap<_, Twox64Concat, OfferId, OfferOf<T>>;

    /// Every order of a buyer (an index of [`Orders`]), keyed by the order id big-endian
    /// ([`OrderKey`]) so a buyer's orders iterate oldest first and page from a cursor.
    #[pallet::storage]
    pub type BuyerOrders<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, OrderKey, ()>;

    /// Every order placed on a provider's products (an index of [`Orders`]), keyed as
    /// [`BuyerOrders`]: what a provider has to deliver and has sold, paged from a cursor.
    #[pallet::storage]
    pub type ProviderOrders<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, OrderKey, ()>;

    /// The open orders of each buyer by product, for access checks: an order leaves when it
    /// closes, so a buyer has at most `MaxOpenPerBuyer` here.
    #[pallet::storage]
    pub type Access<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, (T::AccountId, ProductId), Twox64Concat, OrderId, ()>;

    /// The end (exclusive) of the latest access that a settled order gave each buyer to each
    /// product. A closed order's access never changes, so this one block answers for all of
    /// them.
    #[pallet::storage]
    pub type AccessUntil<T: Config> =
        StorageMap<_, Blake2_128Concat, (T::AccountId, ProductId), BlockNumberFor<T>>;

    /// How many open orders and offers each buyer has.
    #[pallet::storage]
    pub type OpenCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

    /// Work due from a block (settlements, offer expiries), by block and page, done in
    /// `on_idle`; a page holds at most `MaxDuePerPage` items.
    #[pallet::storage]
    pub type DueItems<T: Config> = StorageDoubleMap<
        _,
        Twox64Concat,
        BlockNumberFor<T>,
        Twox64Concat,
        u32,
        BoundedVec<Due, T::MaxDuePerPage>,
        ValueQuery,
    >;

    /// The last page of a block's due work: where new items go, and where `on_idle` takes
    /// from (0, the default, for a block with at most one page).
    #[pallet::storage]
    pub type DueLastPage<T: Config> =
        StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

    /// The first block whose due work `on_idle` has not finished.
    #[pallet::storage]
    pub type DueCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

    /// Delivered orders whose deletion is not attested, keyed by retention due block then
    /// order id, both big-endian, so that the keys iterate in that order: the overdue list
    /// reads from the start up to the current block, never the whole order book.
    #[pallet::storage]
    pub type DeletionsDue<T: Config> = StorageMap<_, Identity, DeletionKey, ()>;

    /// The market's running totals, updated on write so the KPIs read in O(1).
    #[pallet::storage]
    pub type Totals<T: Config> = StorageValue<_, MarketTotals<BalanceOf<T>>, ValueQuery>;

    /// Events of the escrow pallet.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// An order was placed and its price held.
        OrderPlaced {
            /// The order.
            order: OrderId,
            /// The buyer.
            buyer: T::AccountId,
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The price held.
            price: BalanceOf<T>,
        },
        /// The provider delivered.
        Delivered {
            /// The order.
            order: OrderId,
            /// The buyer may dispute until this block.
            dispute_until: BlockNumberFor<T>,
        },
        /// The buyer confirmed the delivery.
        Confirmed {
            /// The order.
            order: OrderId,
        },
        /// The platform's and provider's parts of an order were paid (its owners' share was
        /// credited at delivery: `revenue.SaleCredited`).
        Paid {
            /// The order.
            order: OrderId,
            /// The amount paid.
            amount: BalanceOf<T>,
        },
        /// The order is paid in full.
        Settled {
            /// The order.
            order: OrderId,
        },
        /// The buyer disputed the delivery.
        Disputed {
            /// The order.
            order: OrderId,
            /// Hash of the reason.
            reason: Hash32,
            /// Last block the arbiters and the council have to resolve it; after it, `on_idle`
            /// refunds the buyer in full (until then a resolution still goes through).
            resolve_by: BlockNumberFor<T>,
        },
        /// Nobody resolved a dispute within `ResolvePeriod`: the buyer was refunded in full
        /// (also reported as `Resolved` with the whole amount refunded).
        DisputeExpired {
            /// The order.
            order: OrderId,
        },
        /// A dispute was resolved.
        Resolved {
            /// The order.
            order: OrderId,
            /// Refunded to the buyer.
            refunded: BalanceOf<T>,
            /// Paid through the revenue split.
            paid: BalanceOf<T>,
        },
        /// Held funds were returned to the buyer.
        Refunded {
            /// The order.
            order: OrderId,
            /// The amount.
            amount: BalanceOf<T>,
        },
        /// Fewer than k owners consented when a subscription's period began: it stops; the
        /// periods not begun were refunded, those begun run to their end and are paid.
        SubscriptionStopped {
            /// The order.
            order: OrderId,
            /// Periods kept (begun).
            periods: u32,
            /// Refunded to the buyer.
            refunded: BalanceOf<T>,
        },
        /// A subscription was cancelled: the periods not started were refunded.
        SubscriptionCancelled {
            /// The order.
            order: OrderId,
            /// Periods kept (started).
            periods: u32,
        },
        /// The buyer attested deletion of the data.
        DeletionAttested {
            /// The order.
            order: OrderId,
            /// The proof's hash.
            proof: Hash32,
        },
        /// An offer was made and its amount held.
        OfferMade {
            /// The offer.
            offer: OfferId,
            /// The buyer.
            buyer: T::AccountId,
            /// The product.
            product: ProductId,
            /// The amount.
            amount: BalanceOf<T>,
        },
        /// The provider countered an offer.
        OfferCountered {
            /// The offer.
            offer: OfferId,
            /// The amount asked.
            amount: BalanceOf<T>,
        },
        /// An offer (or its counter) was accepted and became an order.
        OfferAccepted {
            /// The offer.
            offer: OfferId,
            /// The order.
            order: OrderId,
        },
        /// Governance set the delivery period and dispute window.
        ParamsSet {
            /// The new periods.
            params: EscrowParams<BlockNumberFor<T>>,
        },
        /// An offer was withdrawn by the buyer or expired; its hold was released.
        OfferClosed {
            /// The offer.
            offer: OfferId,
            /// Whether it expired (else withdrawn).
            expired: bool,
        },
    }

    /// Errors of the escrow pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// No such product.
        UnknownProduct,
        /// The product's terms changed since the version the buyer saw (`terms_version` of
        /// the order or offer): read the product again and decide under its new terms.
        TermsChanged,
        /// The product's provider no longer holds a valid DataProvider credential: its
        /// products cannot be sold.
        ProviderNotAccredited,
        /// The product is not active (paused, suspended or retired).
        ProductNotActive,
        /// The product does not offer this purpose.
        PurposeNotOffered,
        /// The buyer holds no valid DataConsumer credential at the product's level of assurance.
        NotAccreditedConsumer,
        /// The product is not offered to the buyer's consumer class.
        ClassNotOffered,
        /// Fewer than k owners consent to this purpose: the product cannot be sold, nor an
        /// order delivered, until enough do.
        TooFewOwners,
        /// The price is above the buyer's maximum.
        PriceAboveMax,
        /// A negotiated product is bought with `make_offer`.
        NegotiatedProduct,
        /// The product is not negotiated: buy it with `place_order`.
        NotNegotiated,
        /// Periods must be 1 for a one-off purchase, and 1..=MaxPeriods for a subscription.
        InvalidPeriods,
        /// The provider cannot buy its own product.
        BuyerIsProvider,
        /// The buyer has `MaxOpenPerBuyer` open orders and offers already.
        TooManyOpen,
        /// The buyer cannot pay (held) the amount.
        InsufficientBalance,
        /// No such order.
        UnknownOrder,
        /// No such offer.
        UnknownOffer,
        /// Only the order's (or offer's) buyer may do this.
        NotBuyer,
        /// Only the product's provider may do this.
        NotProvider,
        /// The order was delivered already.
        AlreadyDelivered,
        /// The order has not been delivered.
        NotDelivered,
        /// The delivery deadline has passed: the buyer may reclaim.
        DeliveryDeadlinePassed,
        /// The delivery deadline has not passed yet.
        DeliveryDeadlineNotPassed,
        /// The delivery reference is empty.
        EmptyDeliveryRef,
        /// The dispute window is still open.
        DisputeWindowOpen,
        /// The dispute window has closed.
        DisputeWindowClosed,
        /// The buyer confirmed the delivery: it cannot be disputed.
        AlreadyConfirmed,
        /// The order is under dispute.
        UnderDispute,
        /// The order is not under dispute.
        NotDisputed,
        /// The order is closed (settled, refunded or resolved).
        OrderClosed,
        /// Nothing is due yet (a subscription period has not ended).
        NothingDue,
        /// The order is not a subscription.
        NotSubscription,
        /// The refund share is above 10 000 basis points.
        InvalidShare,
        /// The caller is not an accredited arbiter.
        NotArbiter,
        /// An arbiter cannot resolve an order it is a party to.
        ArbiterIsParty,
        /// An arbiter cannot resolve an order whose pool it gains from (a member, or a fund
        /// the pool's altruists give to).
        ArbiterHasStake,
        /// Deletion was attested already.
        AlreadyAttested,
        /// The offer is below the product's floor.
        BelowFloor,
        /// The offer's expiry is not in the future, or beyond `MaxOfferLifetime`.
        InvalidExpiry,
        /// The offer has expired.
        OfferExpired,
        /// The offer has not expired.
        OfferNotExpired,
        /// The offer has no counter-offer.
        NoCounter,
        /// The counter-offer must differ from the offer.
        SameAmount,
        /// An amount or a block number does not fit.
        Overflow,
        /// Periods must be positive.
        InvalidParams,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
            Self::process_due(now, remaining)
        }

        fn integrity_test() {
            assert!(
                !T::DeliveryPeriod::get().is_zero(),
                "DeliveryPeriod must be positive"
            );
            assert!(
                !T::DisputeWindow::get().is_zero(),
                "DisputeWindow must be positive"
            );
            assert!(
                !T::ResolvePeriod::get().is_zero(),
                "ResolvePeriod must be positive"
            );
            assert!(
                T::MaxOpenPerBuyer::get() >= 1,
                "MaxOpenPerBuyer must be at least 1"
            );
            assert!(T::MaxPeriods::get() >= 1, "MaxPeriods must be at least 1");
            assert!(
                T::MaxDuePerPage::get() >= 1,
                "MaxDuePerPage must be at least 1"
            );
            assert!(
                T::MaxDeliveryRefLen::get() >= 1,
                "MaxDeliveryRefLen must be at least 1"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    /// Calls are thin: each checks its origin and hands over to a `do_*` function in
    /// `orders.rs`, `settlement.rs` or `offers.rs`. Weights are the benchmarked functions of
    /// [`WeightInfo`] named after each call.
    #[pallet::call(weight(<T as Config>::WeightInfo))]
    impl<T: Config> Pallet<T> {
        /// Buy `product` for `purpose` at its listed price (times `periods` for a
        /// subscription; 1 for a one-off purchase), at most `max_price`, under the version of
        /// its terms the buyer saw, `terms_version` (`TermsChanged` if the provider changed
        /// them since). The price is held; the provider must deliver, encrypted to
        /// `buyer_key`, within `DeliveryPeriod`.
        #[pallet::call_index(0)]
        pub fn place_order(
            origin: OriginFor<T>,
            product: ProductId,
            purpose: Purpose,
            max_price: BalanceOf<T>,
            buyer_key: BuyerKey,
            periods: u32,
            terms_version: u32,
        ) -> DispatchResult {
            let buyer = ensure_signed(origin)?;
            Self::do_place_order(
                buyer,
                product,
                purpose,
                max_price,
                buyer_key,
                periods,
                terms_version,
            )
        }

        /// Deliver an order: `delivery_ref` points to the data (or stream credentials)
        /// encrypted to the buyer's key. Only the provider, before the deadline, while at
        /// least k owners consent (`TooFewOwners`). The owners' share is credited now to the
        /// pool's members of this block, at their weights now (the sale's payees and
        /// disclosures); the dispute window starts.
        ///
        /// ## Weight
        /// Charged for a pool listing `MaxFunds` public-interest funds, refunded to the funds
        /// the pool lists.
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::deliver(T::Revenue::max_funds()))]
        pub fn deliver(
            origin: OriginFor<T>,
            order: OrderId,
            delivery_ref: BoundedVec<u8, T::MaxDeliveryRefLen>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let funds = Self::do_deliver(&who, order, delivery_ref)?;
            Ok(Some(T::WeightInfo::deliver(funds)).into())
        }

        /// The buyer confirms the delivery: a one-off order is paid at once; a subscription
        /// pays each period as it ends, from now on without waiting for the dispute window.
        #[pallet::call_index(2)]
        pub fn confirm(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_confirm(&who, order)
        }

        /// Pay what is due on a delivered order once its dispute window has passed (or it was
        /// confirmed): the whole of a one-off order, or the subscription periods that have
        /// ended. Anyone may call it; `on_idle` does it too.
        #[pallet::call_index(3)]
        pub fn settle(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            ensure_signed(origin)?;
            Self::do_settle(order)
        }

        /// The buyer disputes a delivery inside the dispute window, with the hash of its
        /// reason. Nothing more is paid until an arbiter or the council resolves it.
        #[pallet::call_index(4)]
        pub fn dispute(origin: OriginFor<T>, order: OrderId, reason: Hash32) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_dispute(&who, order, reason)
        }

        /// Resolve a dispute: `refund_bps` of the platform's and the provider's parts still
        /// held goes back to the buyer, the rest is paid to them; the owners' share, credited
        /// at delivery, stays the owners'. Access ends. By an accredited arbiter that is not a
        /// party, or by the council.
        #[pallet::call_index(5)]
        pub fn resolve(
            origin: OriginFor<T>,
            order: OrderId,
            refund_bps: BasisPoints,
        ) -> DispatchResult {
            let arbiter = match T::GovernanceOrigin::try_origin(origin) {
                Ok(_) => None,
                Err(origin) => {
                    let who = ensure_signed(origin)?;
                    ensure!(
                        T::Accreditation::has(&who, Role::Arbiter, Loa::Low),
                        Error::<T>::NotArbiter
                    );
                    Some(who)
                }
            };
            Self::do_resolve(arbiter.as_ref(), order, refund_bps)
        }

        /// The buyer takes back the price of an order not delivered by its deadline.
        #[pallet::call_index(6)]
        pub fn reclaim(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_reclaim(&who, order)
        }

        /// The buyer cancels a subscription: the platform's and provider's parts of the
        /// periods not yet started are refunded (the whole price before delivery; the owners'
        /// share of every period was credited at delivery); the current period runs to its end
        /// and is paid.
        #[pallet::call_index(7)]
        pub fn cancel_subscription(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_cancel_subscription(&who, order)
        }

        /// The buyer attests that it deleted the data of a delivered order (proof hash).
        #[pallet::call_index(8)]
        pub fn attest_deletion(
            origin: OriginFor<T>,
            order: OrderId,
            proof: Hash32,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_attest_deletion(&who, order, proof)
        }

        /// Offer `amount` (at least the floor) for a negotiated product, until `expires_at`,
        /// under the version of its terms the buyer saw, `terms_version` (`TermsChanged` if
        /// they changed). The amount is held. The offer (or its counter) becomes an order
        /// only under that same version.
        #[pallet::call_index(9)]
        pub fn make_offer(
            origin: OriginFor<T>,
            product: ProductId,
            purpose: Purpose,
            amount: BalanceOf<T>,
            buyer_key: BuyerKey,
            expires_at: BlockNumberFor<T>,
            terms_version: u32,
        ) -> DispatchResult {
            let buyer = ensure_signed(origin)?;
            Self::do_make_offer(
                buyer,
                product,
                purpose,
                amount,
                buyer_key,
                expires_at,
                terms_version,
            )
        }

        /// The provider accepts an offer at its amount: it becomes an order (checked again as
        /// at placement: active, k owners, the buyer's accreditation).
        #[pallet::call_index(10)]
        pub fn accept_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_accept_offer(&who, offer)
        }

        /// The provider answers an offer with the amount it wants instead.
        #[pallet::call_index(11)]
        pub fn counter_offer(
            origin: OriginFor<T>,
            offer: OfferId,
            amount: BalanceOf<T>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_counter_offer(&who, offer, amount)
        }

        /// The buyer accepts the provider's counter-offer, up to `max_price`: the hold is
        /// adjusted to it and the offer becomes an order.
        #[pallet::call_index(12)]
        pub fn accept_counter(
            origin: OriginFor<T>,
            offer: OfferId,
            max_price: BalanceOf<T>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_accept_counter(&who, offer, max_price)
        }

        /// The buyer withdraws its offer; the hold is released.
        #[pallet::call_index(13)]
        pub fn withdraw_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let o = Self::buyer_offer(&who, offer)?;
            Self::close_offer(offer, o, false)
        }

        /// Release an expired offer (anyone; `on_idle` does it too).
        #[pallet::call_index(14)]
        pub fn expire_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            ensure_signed(origin)?;
            Self::do_expire_offer(offer)
        }

        /// Set the delivery period and dispute window of future orders (governance).
        #[pallet::call_index(15)]
        pub fn set_params(
            origin: OriginFor<T>,
            params: EscrowParams<BlockNumberFor<T>>,
        ) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(params.is_valid(), Error::<T>::InvalidParams);
            Params::<T>::put(params);
            Self::deposit_event(Event::ParamsSet { params });
            Ok(())
        }
    }
}
