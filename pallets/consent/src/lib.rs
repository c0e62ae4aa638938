//! # Consent
//!
//! The GDPR consent registry. A registered data owner gives consent for **one data product** and
//! a bounded, non-empty set of **purposes** (W3C DPV codes) that the product offers, optionally
//! until an expiry block, together with the hash of the consent receipt its app keeps (Kantara
//! Consent Receipt / ISO/IEC TS 27560).
//!
//! - One record per `(owner, product)`, with a state after W3C DPV: `Given`, `Renewed`,
//!   `Withdrawn`, `Expired` (and `Invalidated`, reported by [`Pallet::effective_state`] while the
//!   product is not active). Withdrawn and expired records stay readable for audit.
//! - **Withdrawal is as easy as giving** (GDPR Art. 7(3)): one call, charged the same weight as
//!   giving, effective in the same block: the [`Config::Listener`] takes the owner out of the
//!   product's revenue pools at once; what it already earned stays claimable there.
//! - **Expiry**: a consent never counts from its expiry block on (`is_live` compares the block).
//!   Every consent with an expiry is put in its block's queue, in pages of
//!   [`Config::MaxExpiriesPerBlock`] entries, and `on_initialize` ends up to that many per block
//!   before any transaction (the owner leaves its pools), oldest first, with its weight
//!   accounted: in the block it is due unless more expire in one block than a page holds, the
//!   rest in the next blocks. No expiry block is ever full (security review I4).
//! - A consent is live only while its product is active, checked lazily when asked.
//! - Giving and renewing are fee-less for registered data owners within their allowance (see
//!   `pallet-credentials`). Withdrawing is fee-less for whoever holds the live record, with or
//!   without a valid credential, and is never held back by the allowance; a withdrawal with
//!   nothing to withdraw is not fee-less. An owner holds at most
//!   [`Config::MaxConsentsPerOwner`] **live** consents; withdrawn and expired records stay
//!   for audit and do not count.
//!
//! Other pallets use only [`cityzen_primitives::ConsentInspect`].

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod consents;
mod expiry;
mod invariants;
#[cfg(test)]
mod mock;
mod standing;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use cityzen_primitives::{
    Accreditation, ConsentInspect, ConsentListener, FeelessAllowance, Loa, ProductId,
    ProductInspect, Purpose, Role,
};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
    /// Make `who` a registered data owner.
    fn register_owner(who: &AccountId);
    /// An active product offering every purpose (a new one at each call).
    fn active_product() -> ProductId;
    /// Make `who` a contributor of `product`, so that its consent joins (and its withdrawal
    /// leaves) the product's revenue pool of each purpose: the worst case of every consent call.
    fn add_contributor(product: ProductId, who: &AccountId);
}

/// Defaults for test runtimes: up to 8 purposes, 3 consents per owner, 2 expiries per block; weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{derive_impl, pallet_prelude::*, traits::ConstU32};

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type MaxPurposes = ConstU32<8>;
        type MaxConsentsPerOwner = ConstU32<3>;
        type MaxExpiriesPerBlock = ConstU32<2>;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{dispatch::WithPostDispatchInfo, pallet_prelude::*};
    use frame_system::pallet_prelude::*;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration of the consent registry.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// Who is a registered data owner.
        #[pallet::no_default]
        type Accreditation: Accreditation<Self::AccountId>;
        /// The fee-less call allowance of data owners.
        #[pallet::no_default]
        type Allowance: FeelessAllowance<Self::AccountId>;
        /// The data products.
        #[pallet::no_default]
        type Products: ProductInspect;
        /// Told when consent for a purpose starts or ends (wired to products and revenue pools).
        #[pallet::no_default]
        type Listener: ConsentListener<Self::AccountId>;
        /// Most purposes in one consent.
        #[pallet::constant]
        type MaxPurposes: Get<u32>;
        /// Most live consents one owner holds (withdrawn and expired records do not count).
        #[pallet::constant]
        type MaxConsentsPerOwner: Get<u32>;
        /// Most consents that may expire in one block.
        #[pallet::constant]
        type MaxExpiriesPerBlock: Get<u32>;
        /// Weights of this pallet's calls and hooks.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        #[pallet::no_default]
        type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
    }

    /// Consent records by owner and product.
    #[pallet::storage]
    pub type Consents<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        Blake2_128Concat,
        ProductId,
        ConsentRecordOf<T>,
    >;

    /// The products each owner's live consents are for (state `Given` or `Renewed`): what
    /// `withdraw_all` withdraws, read in one go, and what its fee-less check reads.
    #[pallet::storage]
    pub type LiveProducts<T: Config> = StorageMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        BoundedVec<ProductId, T::MaxConsentsPerOwner>,
        ValueQuery,
    >;

    /// Consents due to expire, by the block in which they expire and page.
    #[pallet::storage]
    pub type ExpiryQueue<T: Config> = StorageDoubleMap<
        _,
        Twox64Concat,
        BlockNumberFor<T>,
        Twox64Concat,
        u32,
        BoundedVec<(T::AccountId, ProductId), T::MaxExpiriesPerBlock>,
        ValueQuery,
    >;

    /// How many pages of a block's expiry queue were opened (the next page's index).
    #[pallet::storage]
    pub type ExpiryPages<T: Config> =
        StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

    /// The oldest block whose expiry queue is not done yet.
    #[pallet::storage]
    pub type ExpiryCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

    /// How many records are in state `Given` or `Renewed` (a KPI).
    #[pallet::storage]
    pub type LiveConsentCount<T: Config> = StorageValue<_, u32, ValueQuery>;

    /// Events of the consent registry. Each carries every field of the change.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// Consent was given.
        ConsentGiven {
            /// The data owner.
            owner: T::AccountId,
            /// The product.
            product: ProductId,
            /// The purposes consented to.
            purposes: BoundedVec<Purpose, T::MaxPurposes>,
            /// The block from which it no longer holds, if any.
            expires_at: Option<BlockNumberFor<T>>,
            /// Hash of the consent receipt the owner's app keeps.
            receipt_hash: ReceiptHash,
        },
        /// Consent was renewed with new purposes and/or expiry.
        ConsentRenewed {
            /// The data owner.
            owner: T::AccountId,
            /// The product.
            product: ProductId,
            /// The purposes now consented to.
            purposes: BoundedVec<Purpose, T::MaxPurposes>,
            /// The new expiry block, if any.
            expires_at: Option<BlockNumberFor<T>>,
            /// Hash of the new consent receipt.
            receipt_hash: ReceiptHash,
        },
        /// Consent was withdrawn.
        ConsentWithdrawn {
            /// The data owner.
            owner: T::AccountId,
            /// The product.
            product: ProductId,
        },
        /// Consent expired.
        ConsentExpired {
            /// The data owner.
            owner: T::AccountId,
            /// The product.
            product: ProductId,
        },
        /// `withdraw_all` withdrew `count` consents.
        AllWithdrawn {
            /// The data owner.
            owner: T::AccountId,
            /// How many live consents were withdrawn.
            count: u32,
        },
    }

    /// Errors of the consent registry.
    #[pallet::error]
    pub enum Error<T> {
        /// The caller is not a registered data owner (no valid DataOwner credential).
        NotDataOwner,
        /// The product is unknown, or not active (paused, retired, suspended).
        ProductNotActive,
        /// The product does not offer one of these purposes.
        PurposeNotOffered,
        /// At least one purpose is needed.
        NoPurposes,
        /// A purpose appears twice.
        DuplicatePurpose,
        /// The expiry block is not in the future.
        ExpiryNotInFuture,
        /// Consent for this product is already live: use `renew_consent`.
        AlreadyGiven,
        /// There is no live consent for this product to renew.
        NothingToRenew,
        /// There is no live consent for this product to withdraw.
        NothingToWithdraw,
        /// The owner holds `MaxConsentsPerOwner` live consents already (withdraw one first).
        TooManyConsents,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_initialize(now: BlockNumberFor<T>) -> Weight {
            Self::process_expiries(now)
        }

        fn integrity_test() {
            assert!(T::MaxPurposes::get() >= 1, "MaxPurposes must be at least 1");
            assert!(
                T::MaxConsentsPerOwner::get() >= 1,
                "MaxConsentsPerOwner must be at least 1"
            );
            assert!(
                T::MaxExpiriesPerBlock::get() >= 1,
                "MaxExpiriesPerBlock must be at least 1"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Give consent for `product` and `purposes`, until `expires_at` (exclusive) if given,
        /// with the hash of the consent receipt. Fee-less for data owners within their allowance.
        #[pallet::call_index(0)]
        #[pallet::weight(Pallet::<T>::give_weight(T::MaxPurposes::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _p: &ProductId, _ps: &BoundedVec<Purpose, T::MaxPurposes>, _e: &Option<BlockNumberFor<T>>, _r: &ReceiptHash| -> bool {
			Pallet::<T>::is_feeless(origin)
		})]
        pub fn give_consent(
            origin: OriginFor<T>,
            product: ProductId,
            purposes: BoundedVec<Purpose, T::MaxPurposes>,
            expires_at: Option<BlockNumberFor<T>>,
            receipt_hash: ReceiptHash,
        ) -> DispatchResultWithPostInfo {
            let owner = ensure_signed(origin)?;
            // A refusal comes before any pool is joined or left: charged as one purpose.
            Self::do_give_consent(owner, product, purposes, expires_at, receipt_hash)
                .map_err(|e| e.error.with_weight(Self::give_weight(1)))
        }

        /// Renew live consent for `product` with new `purposes` and/or `expires_at`, and a new
        /// receipt hash. Purposes dropped stop at once; purposes added start at once.
        #[pallet::call_index(1)]
        #[pallet::weight(Pallet::<T>::renew_weight(T::MaxPurposes::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _p: &ProductId, _ps: &BoundedVec<Purpose, T::MaxPurposes>, _e: &Option<BlockNumberFor<T>>, _r: &ReceiptHash| -> bool {
			Pallet::<T>::is_feeless(origin)
		})]
        pub fn renew_consent(
            origin: OriginFor<T>,
            product: ProductId,
            purposes: BoundedVec<Purpose, T::MaxPurposes>,
            expires_at: Option<BlockNumberFor<T>>,
            receipt_hash: ReceiptHash,
        ) -> DispatchResultWithPostInfo {
            let owner = ensure_signed(origin)?;
            // A refusal comes before any pool is joined or left: charged as one purpose.
            Self::do_renew_consent(owner, product, purposes, expires_at, receipt_hash)
                .map_err(|e| e.error.with_weight(Self::renew_weight(1)))
        }

        /// Withdraw consent for `product`, effective in this block. Charged as a withdrawal of
        /// every purpose and refunded to the purposes withdrawn. Fee-less for whoever holds the live record, even if its DataOwner
        /// credential is no longer valid, and never held back by the allowance.
        #[pallet::call_index(2)]
        #[pallet::weight(Pallet::<T>::withdraw_weight(T::MaxPurposes::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, p: &ProductId| -> bool {
			Pallet::<T>::holds_live(origin, Some(*p))
		})]
        pub fn withdraw_consent(
            origin: OriginFor<T>,
            product: ProductId,
        ) -> DispatchResultWithPostInfo {
            let owner = ensure_signed(origin)?;
            // A refusal comes before any pool is joined or left: charged as one purpose.
            Self::do_withdraw_consent(&owner, product)
                .map_err(|e| e.error.with_weight(Self::withdraw_weight(1)))
        }

        /// Withdraw every live consent of the caller: the one-click opt-out. Fee-less for an
        /// owner with a live consent, as `withdraw_consent`. Charged for the consents it
        /// withdrew (one read when there is none).
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::withdraw_all(T::MaxConsentsPerOwner::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>| -> bool {
			Pallet::<T>::holds_live(origin, None)
		})]
        pub fn withdraw_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
            let owner = ensure_signed(origin)?;
            let count = Self::do_withdraw_all(&owner)
                .map_err(|e| e.with_weight(T::WeightInfo::withdraw_all(0)))?;
            Ok(Some(T::WeightInfo::withdraw_all(count)).into())
        }
    }
}
