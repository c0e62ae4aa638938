//! # Data products
//!
//! Listings of datasets and streams. An accredited DataProvider registers a product with its
//! kind (Batch: content hash and size; Stream: stream id), metadata reference, licence hash and
//! [`Terms`]: purposes, consumer classes, pricing (Fixed, Subscription, Negotiated), the owners'
//! share of revenue, k (the minimum number of consenting owners before any sale), the buyer's
//! level of assurance and the retention period. A deposit is held (fungible hold) while listed.
//!
//! Providers add contributing owners with weights (e.g. record counts). An owner earns from a
//! product only while it is a contributor **and** its consent for the bought purpose is live:
//! whichever comes second puts it into the revenue pool of `(product, purpose)`, either going
//! away takes it out, through [`cityzen_primitives::RevenuePools`]. The consent pallet tells this
//! pallet about consent through [`cityzen_primitives::ConsentListener`].
//!
//! Other pallets read products through [`cityzen_primitives::ProductInspect`] and
//! [`cityzen_primitives::ProductTerms`]; escrow reports open orders through
//! [`cityzen_primitives::ProductOrders`].

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impls;
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use cityzen_primitives::{
    Accreditation, ConsentInspect, ConsentListener, ConsumerClass, Loa, ProductId, ProductInspect,
    ProductOrders, ProductTerms, Purpose, RevenuePools, Role,
};
pub use types::*;
pub use views::ProductViewOf;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
    /// Make `who` an accredited data provider.
    fn register_provider(who: &AccountId);
    /// Make `who` a data owner whose consent to every purpose of `product` is live (so that
    /// making it a contributor joins the product's pools: the worst case of the contributor
    /// calls).
    fn give_consent(product: ProductId, who: &AccountId);
}

/// Defaults for test runtimes: a deposit of [`TEST_PRODUCT_DEPOSIT`], 8 purposes, 64-byte metadata, 32-byte stream ids, 5 contributors, 3 per call; weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{
        derive_impl,
        pallet_prelude::*,
        traits::{ConstU32, ConstU64},
    };

    /// The product deposit of [`TestDefaultConfig`].
    pub const TEST_PRODUCT_DEPOSIT: u64 = 100;

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type ProductDeposit = ConstU64<TEST_PRODUCT_DEPOSIT>;
        type MaxPurposes = ConstU32<8>;
        type MaxMetadataLen = ConstU32<64>;
        type MaxStreamIdLen = ConstU32<32>;
        type MaxContributors = ConstU32<5>;
        type MaxContributorBatch = ConstU32<3>;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{
        pallet_prelude::*,
        traits::{
            fungible::{Inspect, Mutate, MutateHold},
            tokens::Precision,
        },
    };
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::Zero;

    /// A balance of the runtime's currency.
    pub type BalanceOf<T> =
        <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

    /// A product in the runtime's types.
    pub type ProductOf<T> = Product<
        <T as frame_system::Config>::AccountId,
        BalanceOf<T>,
        BlockNumberFor<T>,
        <T as Config>::MaxPurposes,
        <T as Config>::MaxMetadataLen,
        <T as Config>::MaxStreamIdLen,
    >;

    /// Terms in the runtime's types.
    pub type TermsOf<T> = Terms<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::MaxPurposes>;

    /// A product kind in the runtime's types.
    pub type KindOf<T> = ProductKind<<T as Config>::MaxStreamIdLen>;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Why funds are held by this pallet.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// The deposit of a listed product.
        ProductDeposit,
    }

    /// Configuration of the data products pallet.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The runtime's hold reasons.
        #[pallet::no_default]
        type RuntimeHoldReason: From<HoldReason>;
        /// The currency deposits are held in.
        #[pallet::no_default]
        type Currency: Mutate<Self::AccountId>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// Who may list products.
        #[pallet::no_default]
        type Accreditation: Accreditation<Self::AccountId>;
        /// Whose consent is live.
        #[pallet::no_default]
        type Consent: ConsentInspect<Self::AccountId>;
        /// The revenue pools contributors join and leave.
        #[pallet::no_default]
        type Pools: RevenuePools<Self::AccountId>;
        /// Suspends products and sets the market parameters: the council.
        #[pallet::no_default]
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// Deposit held from the provider while a product is listed.
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type ProductDeposit: Get<BalanceOf<Self>>;
        /// Most purposes a product offers.
        #[pallet::constant]
        type MaxPurposes: Get<u32>;
        /// Longest metadata reference.
        #[pallet::constant]
        type MaxMetadataLen: Get<u32>;
        /// Longest stream id.
        #[pallet::constant]
        type MaxStreamIdLen: Get<u32>;
        /// Most contributors of one product.
        #[pallet::constant]
        type MaxContributors: Get<u32>;
        /// Most contributors added in one call.
        #[pallet::constant]
        type MaxContributorBatch: Get<u32>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        #[pallet::no_default]
        type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
    }

    /// The id the next product gets.
    #[pallet::storage]
    pub type NextProductId<T: Config> = StorageValue<_, ProductId, ValueQuery>;

    /// Running counts for the KPIs, updated on write: products retired, bytes delivered.
    #[pallet::storage]
    pub type Counts<T: Config> = StorageValue<_, ProductCounts, ValueQuery>;

    /// Products by id. Retired products stay for audit.
    #[pallet::storage]
    pub type Products<T: Config> = StorageMap<_, Twox64Concat, ProductId, ProductOf<T>>;

    /// Contributors of a product and their weights.
    #[pallet::storage]
    pub type Contributors<T: Config> =
        StorageDoubleMap<_, Twox64Concat, ProductId, Blake2_128Concat, T::AccountId, u64>;

    /// The products each owner contributes to (an index of [`Contributors`]), keyed by the
    /// product id big-endian ([`ProductKey`]) so an owner's products iterate by id and page
    /// from a cursor.
    #[pallet::storage]
    pub type OwnerProducts<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, ProductKey, ()>;

    /// Market parameters set by the council.
    #[pallet::storage]
    pub type Params<T: Config> = StorageValue<_, MarketParams, ValueQuery>;

    /// Market parameters: the floors every product's terms must respect.
    #[derive(
        Clone,
        Copy,
        PartialEq,
        Eq,
        Debug,
        Default,
        Encode,
        Decode,
        DecodeWithMemTracking,
        MaxEncodedLen,
        TypeInfo,
        serde::Serialize,
        serde::Deserialize,
    )]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct MarketParams {
        /// The smallest k a product may set.
        pub min_owners: u32,
        /// The smallest owners' share a product may set, in basis points.
        pub min_owners_share_bps: BasisPoints,
    }

    /// Genesis: the market parameters.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// The initial market parameters.
        pub params: MarketParams,
        #[serde(skip)]
        #[allow(missing_docs)]
        pub _config: core::marker::PhantomData<T>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            assert!(
                self.params.min_owners_share_bps <= FULL_SHARE,
                "owners' share above 100 %"
            );
            Params::<T>::put(self.params);
        }
    }

    /// Events of the data products pallet.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A product was listed.
        ProductRegistered {
            /// Its id.
            product: ProductId,
            /// Its provider.
            provider: T::AccountId,
            /// The deposit held.
            deposit: BalanceOf<T>,
        },
        /// A product's terms changed (for future orders).
        ProductUpdated {
            /// The product.
            product: ProductId,
            /// Its new version.
            version: u32,
        },
        /// A product's status changed.
        StatusChanged {
            /// The product.
            product: ProductId,
            /// Its new status.
            status: ProductStatus,
        },
        /// An owner contributes to a product with a weight (new or changed).
        ContributorSet {
            /// The product.
            product: ProductId,
            /// The owner.
            owner: T::AccountId,
            /// Its weight.
            weight: u64,
        },
        /// An owner no longer contributes to a product.
        ContributorRemoved {
            /// The product.
            product: ProductId,
            /// The owner.
            owner: T::AccountId,
        },
        /// The council changed the market parameters.
        MarketParamsSet {
            /// The new parameters.
            params: MarketParams,
        },
    }

    /// Errors of the data products pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// The caller holds no valid DataProvider credential.
        NotAccreditedProvider,
        /// The caller is not the product's provider.
        NotProductProvider,
        /// No product with this id.
        UnknownProduct,
        /// A product needs at least one purpose.
        NoPurposes,
        /// A purpose appears twice.
        DuplicatePurpose,
        /// A product must be offered to at least one consumer class.
        NoConsumerClasses,
        /// A consumer class appears twice.
        DuplicateConsumerClass,
        /// The owners' share is below the council's minimum.
        ShareBelowMinimum,
        /// The owners' share is above 100 % (10 000 basis points).
        ShareAboveMaximum,
        /// k (minimum consenting owners) is below the council's minimum.
        KBelowMinimum,
        /// A price (or floor) of zero.
        ZeroPrice,
        /// A subscription period of zero blocks.
        ZeroPeriod,
        /// A batch dataset of zero bytes, or an empty stream id.
        EmptyContent,
        /// The product would have more than `MaxContributors` contributors.
        TooManyContributors,
        /// A contributor's weight must be positive.
        ZeroWeight,
        /// The owner is already a contributor (use `set_contributor_weight`).
        AlreadyContributor,
        /// The owner is not a contributor of the product.
        UnknownContributor,
        /// The product has open orders: it cannot be retired yet (the deposit stays held).
        HasOpenOrders,
        /// The provider cannot pay the deposit.
        InsufficientBalance,
        /// The product is retired.
        ProductRetired,
        /// The product is not active.
        NotActive,
        /// The product is not paused.
        NotPaused,
        /// The product is not suspended.
        NotSuspended,
        /// The purposes of a listed product cannot change (owners consented to them).
        PurposesImmutable,
        /// New terms may only be narrower for the owners than the ones they consented to:
        /// the same or fewer buyer classes, k no lower, buyers' level of assurance no lower,
        /// retention no longer, owners' share no lower. List a new product for wider terms.
        TermsWidened,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn integrity_test() {
            assert!(T::MaxPurposes::get() >= 1, "MaxPurposes must be at least 1");
            assert!(
                T::MaxContributorBatch::get() >= 1,
                "MaxContributorBatch must be at least 1"
            );
            assert!(
                T::MaxContributorBatch::get() <= T::MaxContributors::get(),
                "MaxContributorBatch must not exceed MaxContributors"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call(weight(<T as Config>::WeightInfo))]
    impl<T: Config> Pallet<T> {
        /// List a product (by an accredited DataProvider). Holds `ProductDeposit`.
        #[pallet::call_index(0)]
        pub fn register_product(
            origin: OriginFor<T>,
            kind: KindOf<T>,
            metadata: BoundedVec<u8, T::MaxMetadataLen>,
            licence_hash: ContentHash,
            terms: TermsOf<T>,
        ) -> DispatchResult {
            let provider = ensure_signed(origin)?;
            Self::do_register_product(provider, kind, metadata, licence_hash, terms)
        }

        /// Change the terms of a product for future orders; its version increases. Open orders
        /// keep the terms they were placed with. The purposes cannot change: owners consented
        /// to these (register a new product to offer other purposes).
        #[pallet::call_index(1)]
        pub fn update_product(
            origin: OriginFor<T>,
            product: ProductId,
            terms: TermsOf<T>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut p = Self::provider_product(&who, product)?;
            ensure!(
                p.status != ProductStatus::Retired,
                Error::<T>::ProductRetired
            );
            ensure!(
                terms.purposes == p.terms.purposes,
                Error::<T>::PurposesImmutable
            );
            Self::check_terms(&terms)?;
            ensure!(Self::no_wider(&p.terms, &terms), Error::<T>::TermsWidened);
            p.terms = terms;
            p.version = p.version.saturating_add(1);
            let version = p.version;
            Products::<T>::insert(product, p);
            Self::deposit_event(Event::ProductUpdated { product, version });
            Ok(())
        }

        /// Pause an active product (no new orders).
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::set_status())]
        pub fn pause(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let p = Self::provider_product(&who, product)?;
            Self::move_status(product, p, ProductStatus::Active, ProductStatus::Paused)
        }

        /// Resume a paused product.
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::set_status())]
        pub fn resume(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let p = Self::provider_product(&who, product)?;
            Self::move_status(product, p, ProductStatus::Paused, ProductStatus::Active)
        }

        /// Retire a product: no new orders, deposit released. Refused while orders are open.
        #[pallet::call_index(4)]
        pub fn retire(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut p = Self::provider_product(&who, product)?;
            ensure!(
                p.status != ProductStatus::Retired,
                Error::<T>::ProductRetired
            );
            ensure!(p.open_orders == 0, Error::<T>::HasOpenOrders);
            T::Currency::release(
                &HoldReason::ProductDeposit.into(),
                &p.provider,
                p.deposit,
                Precision::BestEffort,
            )?;
            p.deposit = Zero::zero();
            Self::set_status(product, p, ProductStatus::Retired);
            Counts::<T>::mutate(|c| c.retired = c.retired.saturating_add(1));
            Ok(())
        }

        /// Suspend a product (council motion): no new orders until unsuspended.
        #[pallet::call_index(5)]
        #[pallet::weight(T::WeightInfo::set_status())]
        pub fn suspend(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            let p = Products::<T>::get(product).ok_or(Error::<T>::UnknownProduct)?;
            ensure!(
                p.status != ProductStatus::Retired,
                Error::<T>::ProductRetired
            );
            Self::set_status(product, p, ProductStatus::Suspended);
            Ok(())
        }

        /// Lift a suspension (council motion): the product is active again.
        #[pallet::call_index(6)]
        #[pallet::weight(T::WeightInfo::set_status())]
        pub fn unsuspend(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            let p = Products::<T>::get(product).ok_or(Error::<T>::UnknownProduct)?;
            Self::move_status(product, p, ProductStatus::Suspended, ProductStatus::Active)
        }

        /// Add contributing owners with their weights (by the provider), in one bounded batch.
        /// Charged as if every one of them consented to every purpose (a pool joined each);
        /// the pools not joined are refunded.
        #[pallet::call_index(7)]
        #[pallet::weight(T::WeightInfo::add_contributors(contributors.len() as u32))]
        pub fn add_contributors(
            origin: OriginFor<T>,
            product: ProductId,
            contributors: BoundedVec<(T::AccountId, u64), T::MaxContributorBatch>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let n = u32::try_from(contributors.len()).unwrap_or(u32::MAX);
            let joined = Self::do_add_contributors(&who, product, contributors)?;
            Ok(Some(Self::add_contributors_weight(n, joined)).into())
        }

        /// Change a contributor's weight (by the provider).
        #[pallet::call_index(8)]
        pub fn set_contributor_weight(
            origin: OriginFor<T>,
            product: ProductId,
            owner: T::AccountId,
            weight: u64,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let p = Self::provider_product(&who, product)?;
            ensure!(weight > 0, Error::<T>::ZeroWeight);
            ensure!(
                Contributors::<T>::contains_key(product, &owner),
                Error::<T>::UnknownContributor
            );
            Contributors::<T>::insert(product, &owner, weight);
            let _joined = Self::join_live_pools(product, &p, &owner, weight);
            Self::deposit_event(Event::ContributorSet {
                product,
                owner,
                weight,
            });
            Ok(())
        }

        /// Remove a contributor (by the provider): it leaves the product's pools at once; what
        /// it earned stays claimable.
        #[pallet::call_index(9)]
        pub fn remove_contributor(
            origin: OriginFor<T>,
            product: ProductId,
            owner: T::AccountId,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let mut p = Self::provider_product(&who, product)?;
            Contributors::<T>::take(product, &owner).ok_or(Error::<T>::UnknownContributor)?;
            OwnerProducts::<T>::remove(&owner, product_key(product));
            for purpose in p.terms.purposes.iter() {
                T::Pools::leave(product, *purpose, &owner);
            }
            p.contributors = p.contributors.saturating_sub(1);
            Products::<T>::insert(product, p);
            Self::deposit_event(Event::ContributorRemoved { product, owner });
            Ok(())
        }

        /// Set the market parameters (council motion). Applies to products registered or
        /// updated from now on.
        #[pallet::call_index(10)]
        pub fn set_market_params(origin: OriginFor<T>, params: MarketParams) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(
                params.min_owners_share_bps <= FULL_SHARE,
                Error::<T>::ShareAboveMaximum
            );
            Params::<T>::put(params);
            Self::deposit_event(Event::MarketParamsSet { params });
            Ok(())
        }
    }
}
