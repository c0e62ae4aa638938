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
//! not. [`Pallet::has_access`] answers a stream broker.

#![cfg_attr(not(feature = "std"), no_std)]
// `expect_used` is not denied: FRAME's macros expand to `expect` calls at our spans.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::panic,
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing
    )
)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use cityzen_primitives::{
    Accreditation, BasisPoints, Loa, Pricing, ProductId, ProductOrders, ProductStatus,
    ProductTerms, Purpose, RevenuePools, RevenueSink, Role, FULL_SHARE,
};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance, BlockNumber> {
    /// Make `who` an accredited consumer of every class, at the highest level of assurance.
    fn register_consumer(who: &AccountId);
    /// Make `who` an accredited arbiter.
    fn register_arbiter(who: &AccountId);
    /// An active product with `pricing`, offering `purpose`, with enough owners in its pool
    /// for a sale; returns it and its provider (funded).
    fn product(pricing: Pricing<Balance, BlockNumber>, purpose: Purpose) -> (ProductId, AccountId);
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use alloc::vec::Vec;
    use frame_support::{
        pallet_prelude::*,
        traits::{
            fungible::{Inspect, Mutate, MutateHold},
            tokens::Precision,
        },
    };
    use frame_system::pallet_prelude::*;
    use sp_runtime::{
        traits::{CheckedMul, CheckedSub, Saturating, Zero},
        Permill,
    };

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

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Why funds are held by this pallet.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// A buyer's payment for an open order or offer.
        Escrow,
    }

    /// Configuration of the escrow pallet.
    #[pallet::config]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The runtime's hold reasons.
        type RuntimeHoldReason: From<HoldReason>;
        /// The currency payments are held in.
        type Currency: Mutate<Self::AccountId>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// Who is an accredited consumer or arbiter.
        type Accreditation: Accreditation<Self::AccountId>;
        /// The products' terms, and where open orders are counted.
        type Products: ProductTerms<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>
            + ProductOrders;
        /// The revenue pools (k is checked against the pool's member count).
        type Pools: RevenuePools<Self::AccountId>;
        /// Where settled payments go.
        type Revenue: RevenueSink<Self::AccountId, BalanceOf<Self>, Self::RuntimeHoldReason>;
        /// Resolves disputes besides accredited arbiters: the council.
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// Blocks the provider has to deliver after an order is placed, unless governance
        /// set [`Params`].
        #[pallet::constant]
        type DeliveryPeriod: Get<BlockNumberFor<Self>>;
        /// Blocks after delivery in which the buyer may dispute, unless governance set
        /// [`Params`].
        #[pallet::constant]
        type DisputeWindow: Get<BlockNumberFor<Self>>;
        /// The longest an offer may stay open.
        #[pallet::constant]
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
        /// Most items due in one block (settlements, offer expiries).
        #[pallet::constant]
        type MaxDuePerBlock: Get<u32>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
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

    /// Every order of a buyer (an index of [`Orders`]).
    #[pallet::storage]
    pub type BuyerOrders<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, ()>;

    /// Orders by buyer and product, for access checks.
    #[pallet::storage]
    pub type Access<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, (T::AccountId, ProductId), Twox64Concat, OrderId, ()>;

    /// How many open orders and offers each buyer has.
    #[pallet::storage]
    pub type OpenCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

    /// Work due from a block: settlements and offer expiries, done in `on_idle`.
    #[pallet::storage]
    pub type DueQueue<T: Config> = StorageMap<
        _,
        Twox64Concat,
        BlockNumberFor<T>,
        BoundedVec<Due, T::MaxDuePerBlock>,
        ValueQuery,
    >;

    /// The first block whose due work `on_idle` has not finished.
    #[pallet::storage]
    pub type DueCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

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
        /// Held funds were paid through the revenue split.
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
        /// The product is not active (paused, suspended or retired).
        ProductNotActive,
        /// The product does not offer this purpose.
        PurposeNotOffered,
        /// The buyer holds no valid DataConsumer credential at the product's level of assurance.
        NotAccreditedConsumer,
        /// The product is not offered to the buyer's consumer class.
        ClassNotOffered,
        /// Fewer than k owners consent to this purpose.
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
        /// Too much work is due in the target block already.
        DueQueueFull,
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
                T::MaxOpenPerBuyer::get() >= 1,
                "MaxOpenPerBuyer must be at least 1"
            );
            assert!(T::MaxPeriods::get() >= 1, "MaxPeriods must be at least 1");
            assert!(
                T::MaxDuePerBlock::get() >= 1,
                "MaxDuePerBlock must be at least 1"
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

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Buy `product` for `purpose` at its listed price (times `periods` for a
        /// subscription; 1 for a one-off purchase), at most `max_price`. The price is held;
        /// the provider must deliver, encrypted to `buyer_key`, within `DeliveryPeriod`.
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::place_order())]
        pub fn place_order(
            origin: OriginFor<T>,
            product: ProductId,
            purpose: Purpose,
            max_price: BalanceOf<T>,
            buyer_key: BuyerKey,
            periods: u32,
        ) -> DispatchResult {
            let buyer = ensure_signed(origin)?;
            let (terms, version, provider) = Self::check_sale(&buyer, product, purpose)?;
            let (kind, price) = match terms.pricing {
                Pricing::Fixed { price } => {
                    ensure!(periods == 1, Error::<T>::InvalidPeriods);
                    (OrderKind::OneOff, price)
                }
                Pricing::Subscription {
                    price_per_period,
                    period,
                } => {
                    ensure!(
                        (1..=T::MaxPeriods::get()).contains(&periods),
                        Error::<T>::InvalidPeriods
                    );
                    let price = price_per_period
                        .checked_mul(&periods.into())
                        .ok_or(Error::<T>::Overflow)?;
                    (
                        OrderKind::Subscription {
                            price_per_period,
                            period,
                            periods,
                            released: 0,
                        },
                        price,
                    )
                }
                Pricing::Negotiated { .. } => return Err(Error::<T>::NegotiatedProduct.into()),
            };
            ensure!(price <= max_price, Error::<T>::PriceAboveMax);
            Self::open(&buyer)?;
            Self::hold(&buyer, price)?;
            Self::create_order(
                buyer,
                provider,
                product,
                purpose,
                version,
                terms.owners_share_bps,
                terms.retention,
                kind,
                price,
                buyer_key,
            )?;
            Ok(())
        }

        /// Deliver an order: `delivery_ref` points to the data (or stream credentials)
        /// encrypted to the buyer's key. Only the provider, before the deadline. The dispute
        /// window starts.
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::deliver())]
        pub fn deliver(
            origin: OriginFor<T>,
            order: OrderId,
            delivery_ref: BoundedVec<u8, T::MaxDeliveryRefLen>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.provider == who, Error::<T>::NotProvider);
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state == OrderState::Placed, Error::<T>::AlreadyDelivered);
            let now = Self::now();
            ensure!(now <= o.deliver_by, Error::<T>::DeliveryDeadlinePassed);
            ensure!(!delivery_ref.is_empty(), Error::<T>::EmptyDeliveryRef);
            let dispute_until = now.saturating_add(Self::params().dispute_window);
            let access_until = match &o.kind {
                OrderKind::OneOff => now.saturating_add(o.retention),
                OrderKind::Subscription {
                    period, periods, ..
                } => now.saturating_add(period.saturating_mul((*periods).into())),
            };
            o.delivered_at = Some(now);
            o.delivery_ref = Some(delivery_ref);
            o.dispute_until = Some(dispute_until);
            o.access_until = Some(access_until);
            o.retention_due = Some(Self::retention_due(&o, access_until));
            o.state = OrderState::Delivered;
            Self::schedule(dispute_until, Due::Settle(order))?;
            o.next_settle = Some(dispute_until);
            Orders::<T>::insert(order, o);
            Self::deposit_event(Event::Delivered {
                order,
                dispute_until,
            });
            Ok(())
        }

        /// The buyer confirms the delivery: a one-off order is paid at once; a subscription
        /// pays each period as it ends, from now on without waiting for the dispute window.
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::confirm())]
        pub fn confirm(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state != OrderState::Placed, Error::<T>::NotDelivered);
            ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
            ensure!(!o.confirmed, Error::<T>::AlreadyConfirmed);
            o.confirmed = true;
            Self::deposit_event(Event::Confirmed { order });
            Self::pay_due(order, &mut o)?;
            Orders::<T>::insert(order, o);
            Ok(())
        }

        /// Pay what is due on a delivered order once its dispute window has passed (or it was
        /// confirmed): the whole of a one-off order, or the subscription periods that have
        /// ended. Anyone may call it; `on_idle` does it too.
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::settle())]
        pub fn settle(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state != OrderState::Placed, Error::<T>::NotDelivered);
            ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
            ensure!(
                o.confirmed || o.dispute_until.is_some_and(|d| Self::now() >= d),
                Error::<T>::DisputeWindowOpen
            );
            let before = o.held;
            Self::pay_due(order, &mut o)?;
            ensure!(o.held != before, Error::<T>::NothingDue);
            Orders::<T>::insert(order, o);
            Ok(())
        }

        /// The buyer disputes a delivery inside the dispute window, with the hash of its
        /// reason. Nothing more is paid until an arbiter or the council resolves it.
        #[pallet::call_index(4)]
        #[pallet::weight(T::WeightInfo::dispute())]
        pub fn dispute(origin: OriginFor<T>, order: OrderId, reason: Hash32) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state != OrderState::Placed, Error::<T>::NotDelivered);
            ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
            ensure!(!o.confirmed, Error::<T>::AlreadyConfirmed);
            ensure!(
                o.dispute_until.is_some_and(|d| Self::now() < d),
                Error::<T>::DisputeWindowClosed
            );
            o.state = OrderState::Disputed;
            o.dispute_reason = Some(reason);
            Orders::<T>::insert(order, o);
            Self::deposit_event(Event::Disputed { order, reason });
            Ok(())
        }

        /// Resolve a dispute: `refund_bps` of what is held goes back to the buyer, the rest is
        /// paid through the revenue split; access ends. By an accredited arbiter that is not
        /// a party, or by the council.
        #[pallet::call_index(5)]
        #[pallet::weight(T::WeightInfo::resolve())]
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
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            if let Some(a) = &arbiter {
                ensure!(
                    *a != o.buyer && *a != o.provider,
                    Error::<T>::ArbiterIsParty
                );
            }
            ensure!(o.state == OrderState::Disputed, Error::<T>::NotDisputed);
            ensure!(refund_bps <= FULL_SHARE, Error::<T>::InvalidShare);
            let refunded =
                Permill::from_parts(u32::from(refund_bps).saturating_mul(100)).mul_floor(o.held);
            let paid = o.held.checked_sub(&refunded).ok_or(Error::<T>::Overflow)?;
            Self::release(&o.buyer, refunded)?;
            if !paid.is_zero() {
                Self::pay(order, &mut o, paid)?;
            }
            o.held = Zero::zero();
            o.refund_bps = Some(refund_bps);
            o.access_until = Some(Self::now());
            o.retention_due = Some(Self::retention_due(&o, Self::now()));
            Self::close(order, &mut o, OrderState::Resolved);
            Orders::<T>::insert(order, o);
            Self::deposit_event(Event::Resolved {
                order,
                refunded,
                paid,
            });
            Ok(())
        }

        /// The buyer takes back the price of an order not delivered by its deadline.
        #[pallet::call_index(6)]
        #[pallet::weight(T::WeightInfo::reclaim())]
        pub fn reclaim(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state == OrderState::Placed, Error::<T>::AlreadyDelivered);
            ensure!(
                Self::now() > o.deliver_by,
                Error::<T>::DeliveryDeadlineNotPassed
            );
            let amount = o.held;
            Self::release(&o.buyer, amount)?;
            o.held = Zero::zero();
            Self::close(order, &mut o, OrderState::Refunded);
            Orders::<T>::insert(order, o);
            Self::deposit_event(Event::Refunded { order, amount });
            Ok(())
        }

        /// The buyer cancels a subscription: the periods not yet started are refunded (all of
        /// them before delivery); the current period runs to its end and is paid.
        #[pallet::call_index(7)]
        #[pallet::weight(T::WeightInfo::cancel_subscription())]
        pub fn cancel_subscription(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(o.state.is_open(), Error::<T>::OrderClosed);
            ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
            let OrderKind::Subscription {
                price_per_period,
                period,
                periods,
                released,
            } = o.kind.clone()
            else {
                return Err(Error::<T>::NotSubscription.into());
            };
            let started = match o.delivered_at {
                None => 0,
                Some(at) => Self::periods_ended(at, period)
                    .saturating_add(1)
                    .min(periods),
            };
            let refund = price_per_period
                .checked_mul(&periods.saturating_sub(started).into())
                .ok_or(Error::<T>::Overflow)?;
            Self::release(&o.buyer, refund)?;
            o.held = o.held.checked_sub(&refund).ok_or(Error::<T>::Overflow)?;
            o.kind = OrderKind::Subscription {
                price_per_period,
                period,
                periods: started,
                released,
            };
            if let Some(at) = o.delivered_at {
                let until = at.saturating_add(period.saturating_mul(started.into()));
                o.access_until = Some(until);
                o.retention_due = Some(Self::retention_due(&o, until));
            }
            Self::deposit_event(Event::SubscriptionCancelled {
                order,
                periods: started,
            });
            if !refund.is_zero() {
                Self::deposit_event(Event::Refunded {
                    order,
                    amount: refund,
                });
            }
            if started == 0 {
                Self::close(order, &mut o, OrderState::Refunded);
            } else if released >= started {
                Self::close(order, &mut o, OrderState::Settled);
            }
            Orders::<T>::insert(order, o);
            Ok(())
        }

        /// The buyer attests that it deleted the data of a delivered order (proof hash).
        #[pallet::call_index(8)]
        #[pallet::weight(T::WeightInfo::attest_deletion())]
        pub fn attest_deletion(
            origin: OriginFor<T>,
            order: OrderId,
            proof: Hash32,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(o.delivered_at.is_some(), Error::<T>::NotDelivered);
            ensure!(o.deletion.is_none(), Error::<T>::AlreadyAttested);
            o.deletion = Some((proof, Self::now()));
            Orders::<T>::insert(order, o);
            Self::deposit_event(Event::DeletionAttested { order, proof });
            Ok(())
        }

        /// Offer `amount` (at least the floor) for a negotiated product, until `expires_at`.
        /// The amount is held.
        #[pallet::call_index(9)]
        #[pallet::weight(T::WeightInfo::make_offer())]
        pub fn make_offer(
            origin: OriginFor<T>,
            product: ProductId,
            purpose: Purpose,
            amount: BalanceOf<T>,
            buyer_key: BuyerKey,
            expires_at: BlockNumberFor<T>,
        ) -> DispatchResult {
            let buyer = ensure_signed(origin)?;
            let (terms, _, _) = Self::check_sale(&buyer, product, purpose)?;
            let Pricing::Negotiated { floor } = terms.pricing else {
                return Err(Error::<T>::NotNegotiated.into());
            };
            ensure!(amount >= floor, Error::<T>::BelowFloor);
            let now = Self::now();
            ensure!(
                expires_at > now && expires_at <= now.saturating_add(T::MaxOfferLifetime::get()),
                Error::<T>::InvalidExpiry
            );
            Self::open(&buyer)?;
            Self::hold(&buyer, amount)?;
            let offer = NextOfferId::<T>::get();
            NextOfferId::<T>::put(offer.checked_add(1).ok_or(Error::<T>::Overflow)?);
            Self::schedule(expires_at, Due::ExpireOffer(offer))?;
            Offers::<T>::insert(
                offer,
                Offer {
                    buyer: buyer.clone(),
                    product,
                    purpose,
                    amount,
                    counter: None,
                    buyer_key,
                    expires_at,
                },
            );
            Self::deposit_event(Event::OfferMade {
                offer,
                buyer,
                product,
                amount,
            });
            Ok(())
        }

        /// The provider accepts an offer at its amount: it becomes an order (checked again as
        /// at placement: active, k owners, the buyer's accreditation).
        #[pallet::call_index(10)]
        #[pallet::weight(T::WeightInfo::accept_offer())]
        pub fn accept_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
            ensure!(
                T::Products::provider(o.product).as_ref() == Some(&who),
                Error::<T>::NotProvider
            );
            ensure!(Self::now() < o.expires_at, Error::<T>::OfferExpired);
            Self::offer_to_order(offer, o.clone(), o.amount)
        }

        /// The provider answers an offer with the amount it wants instead.
        #[pallet::call_index(11)]
        #[pallet::weight(T::WeightInfo::counter_offer())]
        pub fn counter_offer(
            origin: OriginFor<T>,
            offer: OfferId,
            amount: BalanceOf<T>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
            ensure!(
                T::Products::provider(o.product).as_ref() == Some(&who),
                Error::<T>::NotProvider
            );
            ensure!(Self::now() < o.expires_at, Error::<T>::OfferExpired);
            ensure!(amount != o.amount, Error::<T>::SameAmount);
            o.counter = Some(amount);
            Offers::<T>::insert(offer, o);
            Self::deposit_event(Event::OfferCountered { offer, amount });
            Ok(())
        }

        /// The buyer accepts the provider's counter-offer, up to `max_price`: the hold is
        /// adjusted to it and the offer becomes an order.
        #[pallet::call_index(12)]
        #[pallet::weight(T::WeightInfo::accept_counter())]
        pub fn accept_counter(
            origin: OriginFor<T>,
            offer: OfferId,
            max_price: BalanceOf<T>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            ensure!(Self::now() < o.expires_at, Error::<T>::OfferExpired);
            let counter = o.counter.ok_or(Error::<T>::NoCounter)?;
            ensure!(counter <= max_price, Error::<T>::PriceAboveMax);
            if counter > o.amount {
                Self::hold(&who, counter.saturating_sub(o.amount))?;
            } else {
                Self::release(&who, o.amount.saturating_sub(counter))?;
            }
            Self::offer_to_order(offer, o, counter)
        }

        /// The buyer withdraws its offer; the hold is released.
        #[pallet::call_index(13)]
        #[pallet::weight(T::WeightInfo::withdraw_offer())]
        pub fn withdraw_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
            ensure!(o.buyer == who, Error::<T>::NotBuyer);
            Self::close_offer(offer, o, false)
        }

        /// Release an expired offer (anyone; `on_idle` does it too).
        #[pallet::call_index(14)]
        #[pallet::weight(T::WeightInfo::expire_offer())]
        pub fn expire_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
            ensure_signed(origin)?;
            let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
            ensure!(Self::now() >= o.expires_at, Error::<T>::OfferNotExpired);
            Self::close_offer(offer, o, true)
        }

        /// Set the delivery period and dispute window of future orders (governance).
        #[pallet::call_index(15)]
        #[pallet::weight(T::WeightInfo::set_params())]
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

    impl<T: Config> Pallet<T> {
        fn now() -> BlockNumberFor<T> {
            frame_system::Pallet::<T>::block_number()
        }

        /// The delivery period and dispute window in force.
        pub fn params() -> EscrowParams<BlockNumberFor<T>> {
            Params::<T>::get().unwrap_or(EscrowParams {
                delivery_period: T::DeliveryPeriod::get(),
                dispute_window: T::DisputeWindow::get(),
            })
        }

        /// Every check of a sale but the price: product, purpose, buyer, k.
        #[allow(clippy::type_complexity)]
        fn check_sale(
            buyer: &T::AccountId,
            product: ProductId,
            purpose: Purpose,
        ) -> Result<
            (
                cityzen_primitives::Terms<
                    BalanceOf<T>,
                    BlockNumberFor<T>,
                    <T::Products as ProductTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>>::MaxPurposes,
                >,
                u32,
                T::AccountId,
            ),
            DispatchError,
        >{
            let (terms, version) = T::Products::terms(product).ok_or(Error::<T>::UnknownProduct)?;
            let provider = T::Products::provider(product).ok_or(Error::<T>::UnknownProduct)?;
            ensure!(
                T::Products::status(product) == Some(ProductStatus::Active),
                Error::<T>::ProductNotActive
            );
            ensure!(
                terms.purposes.contains(&purpose),
                Error::<T>::PurposeNotOffered
            );
            ensure!(*buyer != provider, Error::<T>::BuyerIsProvider);
            ensure!(
                T::Accreditation::has(buyer, Role::DataConsumer, terms.buyer_loa),
                Error::<T>::NotAccreditedConsumer
            );
            let class =
                T::Accreditation::consumer_class(buyer).ok_or(Error::<T>::ClassNotOffered)?;
            ensure!(terms.classes.contains(&class), Error::<T>::ClassNotOffered);
            ensure!(
                T::Pools::member_count(product, purpose) >= terms.min_owners,
                Error::<T>::TooFewOwners
            );
            Ok((terms, version, provider))
        }

        fn open(buyer: &T::AccountId) -> DispatchResult {
            OpenCount::<T>::try_mutate(buyer, |c| {
                ensure!(*c < T::MaxOpenPerBuyer::get(), Error::<T>::TooManyOpen);
                *c = c.saturating_add(1);
                Ok(())
            })
        }

        fn opened_closed(buyer: &T::AccountId) {
            OpenCount::<T>::mutate_exists(buyer, |c| {
                *c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
            });
        }

        fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
            T::Currency::hold(&HoldReason::Escrow.into(), who, amount)
                .map_err(|_| Error::<T>::InsufficientBalance.into())
        }

        fn release(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
            if amount.is_zero() {
                return Ok(());
            }
            T::Currency::release(&HoldReason::Escrow.into(), who, amount, Precision::Exact)?;
            Ok(())
        }

        fn retention_due(o: &OrderOf<T>, access_until: BlockNumberFor<T>) -> BlockNumberFor<T> {
            match o.kind {
                // A one-off order's access lasts the retention period itself.
                OrderKind::OneOff => access_until,
                OrderKind::Subscription { .. } => access_until.saturating_add(o.retention),
            }
        }

        /// Whole periods ended since `delivered_at`.
        fn periods_ended(delivered_at: BlockNumberFor<T>, period: BlockNumberFor<T>) -> u32 {
            if period.is_zero() {
                return u32::MAX;
            }
            let elapsed = Self::now().saturating_sub(delivered_at);
            let n = elapsed.checked_div(&period).unwrap_or_default();
            n.try_into().unwrap_or(u32::MAX)
        }

        fn schedule(at: BlockNumberFor<T>, item: Due) -> DispatchResult {
            DueQueue::<T>::try_mutate(at, |q| q.try_push(item))
                .map_err(|_| Error::<T>::DueQueueFull.into())
        }

        #[allow(clippy::too_many_arguments)]
        fn create_order(
            buyer: T::AccountId,
            provider: T::AccountId,
            product: ProductId,
            purpose: Purpose,
            terms_version: u32,
            owners_share_bps: BasisPoints,
            retention: BlockNumberFor<T>,
            kind: OrderKind<BalanceOf<T>, BlockNumberFor<T>>,
            price: BalanceOf<T>,
            buyer_key: BuyerKey,
        ) -> Result<OrderId, DispatchError> {
            let order = NextOrderId::<T>::get();
            NextOrderId::<T>::put(order.checked_add(1).ok_or(Error::<T>::Overflow)?);
            let now = Self::now();
            Orders::<T>::insert(
                order,
                Order {
                    buyer: buyer.clone(),
                    provider,
                    product,
                    purpose,
                    terms_version,
                    owners_share_bps,
                    retention,
                    kind,
                    price,
                    held: price,
                    paid: Zero::zero(),
                    buyer_key,
                    placed_at: now,
                    deliver_by: now.saturating_add(Self::params().delivery_period),
                    delivered_at: None,
                    delivery_ref: None,
                    dispute_until: None,
                    confirmed: false,
                    dispute_reason: None,
                    refund_bps: None,
                    access_until: None,
                    retention_due: None,
                    deletion: None,
                    next_settle: None,
                    state: OrderState::Placed,
                },
            );
            BuyerOrders::<T>::insert(&buyer, order, ());
            Access::<T>::insert((buyer.clone(), product), order, ());
            T::Products::order_opened(product);
            Self::deposit_event(Event::OrderPlaced {
                order,
                buyer,
                product,
                purpose,
                price,
            });
            Ok(order)
        }

        fn offer_to_order(offer: OfferId, o: OfferOf<T>, price: BalanceOf<T>) -> DispatchResult {
            let (terms, version, provider) = Self::check_sale(&o.buyer, o.product, o.purpose)?;
            let order = Self::create_order(
                o.buyer,
                provider,
                o.product,
                o.purpose,
                version,
                terms.owners_share_bps,
                terms.retention,
                OrderKind::OneOff,
                price,
                o.buyer_key,
            )?;
            Offers::<T>::remove(offer);
            Self::deposit_event(Event::OfferAccepted { offer, order });
            Ok(())
        }

        fn close_offer(offer: OfferId, o: OfferOf<T>, expired: bool) -> DispatchResult {
            Self::release(&o.buyer, o.amount)?;
            Offers::<T>::remove(offer);
            Self::opened_closed(&o.buyer);
            Self::deposit_event(Event::OfferClosed { offer, expired });
            Ok(())
        }

        /// Close an order in a final state.
        fn close(order: OrderId, o: &mut OrderOf<T>, state: OrderState) {
            o.state = state;
            Self::opened_closed(&o.buyer);
            T::Products::order_closed(o.product);
            if state == OrderState::Settled {
                Self::deposit_event(Event::Settled { order });
            }
        }

        /// Pay `amount` of the order's hold through the revenue split.
        fn pay(order: OrderId, o: &mut OrderOf<T>, amount: BalanceOf<T>) -> DispatchResult {
            T::Revenue::distribute(
                &o.buyer,
                &HoldReason::Escrow.into(),
                amount,
                o.product,
                o.purpose,
                &o.provider,
                o.owners_share_bps,
            )?;
            o.paid = o.paid.saturating_add(amount);
            Self::deposit_event(Event::Paid { order, amount });
            Ok(())
        }

        /// Pay what is due on a delivered order whose window passed or that was confirmed.
        /// A subscription's next period end is scheduled.
        fn pay_due(order: OrderId, o: &mut OrderOf<T>) -> DispatchResult {
            match o.kind.clone() {
                OrderKind::OneOff => {
                    let amount = o.held;
                    Self::pay(order, o, amount)?;
                    o.held = Zero::zero();
                    Self::close(order, o, OrderState::Settled);
                }
                OrderKind::Subscription {
                    price_per_period,
                    period,
                    periods,
                    released,
                } => {
                    let at = o.delivered_at.ok_or(Error::<T>::NotDelivered)?;
                    let ended = Self::periods_ended(at, period).min(periods);
                    let due = ended.saturating_sub(released);
                    if due > 0 {
                        let amount = price_per_period
                            .checked_mul(&due.into())
                            .ok_or(Error::<T>::Overflow)?;
                        Self::pay(order, o, amount)?;
                        o.held = o.held.checked_sub(&amount).ok_or(Error::<T>::Overflow)?;
                        o.kind = OrderKind::Subscription {
                            price_per_period,
                            period,
                            periods,
                            released: ended,
                        };
                    }
                    if ended >= periods {
                        Self::close(order, o, OrderState::Settled);
                    } else {
                        let next = at
                            .saturating_add(period.saturating_mul(ended.saturating_add(1).into()));
                        if o.next_settle != Some(next) {
                            // A full queue only delays the automatic payment: `settle` works.
                            if Self::schedule(next, Due::Settle(order)).is_ok() {
                                o.next_settle = Some(next);
                            }
                        }
                    }
                }
            }
            Ok(())
        }

        /// Do the due work of past blocks while weight remains; returns the weight used.
        pub(crate) fn process_due(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
            let db = T::DbWeight::get();
            // Measured in the runtime with the real revenue split.
            let per_item =
                T::WeightInfo::on_idle_settle().max(T::WeightInfo::on_idle_expire_offer());
            let per_block = db.reads_writes(1, 2);
            let mut used = db.reads(1);
            if remaining.any_lt(used) {
                return Weight::zero();
            }
            let start = DueCursor::<T>::get();
            let mut cursor = start;
            while cursor <= now {
                if remaining.any_lt(used.saturating_add(per_block).saturating_add(per_item)) {
                    break;
                }
                used = used.saturating_add(per_block);
                let mut queue = DueQueue::<T>::take(cursor);
                let mut done = 0usize;
                for item in queue.iter() {
                    if remaining.any_lt(used.saturating_add(per_item)) {
                        break;
                    }
                    used = used.saturating_add(per_item);
                    Self::do_due(*item, now);
                    done = done.saturating_add(1);
                }
                if done < queue.len() {
                    let rest: Vec<Due> = queue.drain(done..).collect();
                    DueQueue::<T>::insert(cursor, BoundedVec::truncate_from(rest));
                    break;
                }
                cursor = cursor.saturating_add(1u32.into());
            }
            if cursor != start {
                DueCursor::<T>::put(cursor);
                used = used.saturating_add(db.writes(1));
            }
            used
        }

        /// One item of due work; stale items (closed orders, offers gone) are skipped.
        fn do_due(item: Due, now: BlockNumberFor<T>) {
            let _ = frame_support::storage::with_storage_layer(|| -> DispatchResult {
                match item {
                    Due::Settle(order) => {
                        let mut o = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
                        let settleable = matches!(o.state, OrderState::Delivered)
                            && (o.confirmed || o.dispute_until.is_some_and(|d| now >= d));
                        if settleable {
                            Self::pay_due(order, &mut o)?;
                            Orders::<T>::insert(order, o);
                        }
                    }
                    Due::ExpireOffer(offer) => {
                        if let Some(o) = Offers::<T>::get(offer) {
                            if now >= o.expires_at {
                                Self::close_offer(offer, o, true)?;
                            }
                        }
                    }
                }
                Ok(())
            });
        }

        /// Whether `who` may access `product`'s data at block `at`: it bought it, the order
        /// was delivered, and `at` is within the paid access (one-off: until the retention
        /// period ends; subscription: the periods paid for). A dispute resolved ends access.
        pub fn has_access(who: &T::AccountId, product: ProductId, at: BlockNumberFor<T>) -> bool {
            Access::<T>::iter_key_prefix((who.clone(), product)).any(|id| {
                Orders::<T>::get(id).is_some_and(|o| {
                    matches!(
                        o.state,
                        OrderState::Delivered | OrderState::Disputed | OrderState::Settled
                    ) && o.delivered_at.is_some_and(|d| d <= at)
                        && o.access_until.is_some_and(|u| at < u)
                })
            })
        }

        /// Delivered orders whose retention period has passed at `at` without a deletion
        /// attestation, for auditors.
        pub fn overdue_deletions(at: BlockNumberFor<T>) -> Vec<OrderId> {
            Orders::<T>::iter()
                .filter(|(_, o)| {
                    o.deletion.is_none() && o.retention_due.is_some_and(|due| due <= at)
                })
                .map(|(id, _)| id)
                .collect()
        }

        /// Check: what is held under the escrow reason for each buyer equals the amounts of
        /// its open orders and offers; open counts match.
        pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
            use alloc::collections::btree_map::BTreeMap;
            use frame_support::traits::fungible::InspectHold;
            let mut held: BTreeMap<T::AccountId, (BalanceOf<T>, u32)> = BTreeMap::new();
            for (_, o) in Orders::<T>::iter() {
                if o.state.is_open() {
                    let e = held.entry(o.buyer.clone()).or_default();
                    e.0 = e.0.checked_add(&o.held).ok_or("held overflow")?;
                    e.1 = e.1.saturating_add(1);
                } else {
                    ensure!(o.held.is_zero(), "a closed order still holds funds");
                }
            }
            for (_, o) in Offers::<T>::iter() {
                let e = held.entry(o.buyer.clone()).or_default();
                e.0 = e.0.checked_add(&o.amount).ok_or("held overflow")?;
                e.1 = e.1.saturating_add(1);
            }
            let reason: T::RuntimeHoldReason = HoldReason::Escrow.into();
            for (buyer, (amount, count)) in held.iter() {
                ensure!(
                    T::Currency::balance_on_hold(&reason, buyer) == *amount,
                    "held in escrow != open orders and offers of a buyer"
                );
                ensure!(
                    OpenCount::<T>::get(buyer) == *count,
                    "OpenCount != open orders and offers"
                );
            }
            for (buyer, count) in OpenCount::<T>::iter() {
                ensure!(
                    held.get(&buyer).map(|e| e.1) == Some(count),
                    "OpenCount of a buyer without open orders"
                );
            }
            for who in frame_system::Account::<T>::iter_keys() {
                if !held.contains_key(&who) {
                    ensure!(
                        T::Currency::balance_on_hold(&reason, &who).is_zero(),
                        "funds held in escrow without an open order or offer"
                    );
                }
            }
            Ok(())
        }
    }
}
