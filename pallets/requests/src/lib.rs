//! # Requests
//!
//! Data requests: a data seeker asks, owners answer.
//!
//! A seeker (an accredited consumer: a city department, a researcher) posts a request: the
//! purpose, the categories of personal data it wants (W3C DPV), the hash of its full terms,
//! the number of owners it needs (`min_owners`, its k) and the most it takes (`max_owners`),
//! the level of assurance an owner's credential needs, the price (per owner, or a total
//! budget), the deadline and how long it may keep the data. The whole budget is **held** from
//! the seeker at once ([`HoldReason::Budget`]).
//!
//! Registered data owners opt in with the hash of their consent receipt for the request
//! (`respond`) and may take it back (`withdraw_response`); both are fee-less for data owners
//! within their allowance, as consent calls are. Withdrawing while the request is open removes
//! the owner from it; withdrawing after it was fulfilled is recorded, and the seeker must stop
//! processing that owner's data (GDPR Art. 7(3)).
//!
//! At the deadline (in `on_idle` of the first block with room, or by anyone's `close`):
//! - if at least `min_owners` had opted in, the payment (price × owners, or the total budget)
//!   goes through the revenue pallet's [`CreditOwners`]: the platform fee at the rate sales
//!   pay, the rest divided equally among those owners, each credited in its owner account and
//!   claimed with `revenue.claim_all`; the units the equal division leaves and any unused
//!   budget go back to the seeker. `fee + per_owner × owners + returned` is the payment
//!   exactly. The seeker then has access to those owners' data for the purpose until the
//!   retention ends, and attests deletion with `attest_deletion`;
//! - otherwise the budget goes back in full and no one's data is used.
//!
//! A seeker may cancel a request no owner has opted in to. Requests, responses and their
//! outcome stay readable for audit.

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod closing;
mod invariants;
#[cfg(test)]
mod mock;
mod requests;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use cityzen_primitives::{
    requests::{
        DataCategory, RequestId, RequestPrice, RequestSplit, RequestState, RequestView,
        ResponseView,
    },
    Accreditation, CreditOwners, FeelessAllowance, Loa, Purpose, Role,
};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
    /// Make `who` an accredited data consumer (the research class, LoA High).
    fn register_seeker(who: &AccountId);
    /// Make `who` a registered data owner (LoA High).
    fn register_owner(who: &AccountId);
}

/// Defaults for test runtimes: 5 respondents, k at least 2; weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{
        derive_impl,
        pallet_prelude::*,
        traits::{ConstU32, ConstU64},
    };

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type MaxRespondents = ConstU32<5>;
        type MinOwners = ConstU32<2>;
        type MaxLifetime = ConstU64<100>;
        type MaxRetention = ConstU64<1_000>;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{
        dispatch::WithPostDispatchInfo,
        pallet_prelude::*,
        traits::fungible::{Inspect, Mutate, MutateHold},
    };
    use frame_system::pallet_prelude::*;
    use sp_core::H256;
    use sp_runtime::traits::{UniqueSaturatedInto, Zero};

    /// A balance of the runtime's currency.
    pub type BalanceOf<T> =
        <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Why this pallet holds funds.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// A seeker's budget for an open data request.
        Budget,
    }

    /// Configuration of the requests pallet.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The runtime's hold reason.
        #[pallet::no_default_bounds]
        #[pallet::no_default]
        type RuntimeHoldReason: From<HoldReason>;
        /// The currency budgets are held in.
        #[pallet::no_default]
        type Currency: Mutate<Self::AccountId>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// Who is an accredited consumer, and which owners are registered at which level.
        #[pallet::no_default]
        type Accreditation: Accreditation<Self::AccountId>;
        /// The fee-less call allowance of data owners.
        #[pallet::no_default]
        type Allowance: FeelessAllowance<Self::AccountId>;
        /// Pays the owners of a fulfilled request (the revenue pallet).
        #[pallet::no_default]
        type Payout: CreditOwners<Self::AccountId, BalanceOf<Self>, Self::RuntimeHoldReason>;
        /// The smallest price per owner (or budget per owner of a total): so that every owner
        /// paid gets something after the platform fee.
        #[pallet::no_default]
        #[pallet::constant]
        type MinPerOwner: Get<BalanceOf<Self>>;
        /// Most owners one request may take (`max_owners`); bounds the work of closing it.
        #[pallet::constant]
        type MaxRespondents: Get<u32>;
        /// The smallest k (`min_owners`) a request may ask for.
        #[pallet::constant]
        type MinOwners: Get<u32>;
        /// The longest time, in blocks, from posting to the deadline.
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type MaxLifetime: Get<BlockNumberFor<Self>>;
        /// The longest retention, in blocks, a request may ask for.
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type MaxRetention: Get<BlockNumberFor<Self>>;
        /// Weights of this pallet's calls and hooks.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        #[pallet::no_default]
        type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
    }

    /// How many requests were ever posted; the last one's id.
    #[pallet::storage]
    pub type RequestCount<T: Config> = StorageValue<_, RequestId, ValueQuery>;

    /// Requests by id, in every state.
    #[pallet::storage]
    pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

    /// The owners who opted in to a request, in the order they did (while open), or who were
    /// paid (once fulfilled).
    #[pallet::storage]
    pub type Respondents<T: Config> = StorageMap<
        _,
        Twox64Concat,
        RequestId,
        BoundedVec<T::AccountId, T::MaxRespondents>,
        ValueQuery,
    >;

    /// Each owner's answer to a request.
    #[pallet::storage]
    pub type Responses<T: Config> = StorageDoubleMap<
        _,
        Twox64Concat,
        RequestId,
        Blake2_128Concat,
        T::AccountId,
        Response<BlockNumberFor<T>>,
    >;

    /// The requests each owner answered, by id (big-endian, so they come in order).
    #[pallet::storage]
    pub type OwnerResponses<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, RequestKey, ()>;

    /// Open requests by deadline then id (both big-endian, so the earliest comes first).
    #[pallet::storage]
    pub type Due<T: Config> = StorageMap<_, Identity, DueKey, ()>;

    /// Totals over every request closed.
    #[pallet::storage]
    pub type Totals<T: Config> = StorageValue<_, RequestTotals<BalanceOf<T>>, ValueQuery>;

    /// Events of the requests pallet.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A seeker posted a request; `budget` is held from it.
        RequestPosted {
            /// The request.
            id: RequestId,
            /// The seeker.
            seeker: T::AccountId,
            /// The purpose.
            purpose: Purpose,
            /// Owners needed (k).
            min_owners: u32,
            /// The budget held.
            budget: BalanceOf<T>,
            /// The deadline.
            deadline: BlockNumberFor<T>,
        },
        /// An owner opted in.
        Responded {
            /// The request.
            id: RequestId,
            /// The owner.
            owner: T::AccountId,
            /// Hash of the owner's consent receipt for the request.
            receipt_hash: H256,
        },
        /// An owner took its answer back: removed while open, recorded after closing.
        ResponseWithdrawn {
            /// The request.
            id: RequestId,
            /// The owner.
            owner: T::AccountId,
        },
        /// At the deadline k was reached: the owners were paid.
        RequestFulfilled {
            /// The request.
            id: RequestId,
            /// The platform fee.
            fee: BalanceOf<T>,
            /// What each owner was credited.
            per_owner: BalanceOf<T>,
            /// How many owners were paid.
            owners: u32,
            /// What went back to the seeker (unused budget and the division's leftover).
            returned: BalanceOf<T>,
        },
        /// At the deadline k was not reached: the budget went back in full.
        RequestRefunded {
            /// The request.
            id: RequestId,
            /// How many owners had opted in.
            respondents: u32,
            /// The budget given back.
            refunded: BalanceOf<T>,
        },
        /// The seeker cancelled a request no one had opted in to.
        RequestCancelled {
            /// The request.
            id: RequestId,
            /// The budget given back.
            refunded: BalanceOf<T>,
        },
        /// The seeker attested that it deleted the data of a fulfilled request.
        DeletionAttested {
            /// The request.
            id: RequestId,
            /// Hash of the seeker's deletion evidence.
            proof: H256,
        },
    }

    /// Errors of the requests pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// The caller is not an accredited data consumer (no valid DataConsumer credential
        /// with a class).
        NotAConsumer,
        /// No request has this id.
        UnknownRequest,
        /// At least one category of data is needed.
        NoCategories,
        /// A category appears twice.
        DuplicateCategory,
        /// `min_owners` is below the chain's minimum k (`MinOwners`).
        KBelowMinimum,
        /// `max_owners` is below `min_owners`.
        MaxBelowMin,
        /// `max_owners` is above `MaxRespondents`.
        TooManyOwners,
        /// The price per owner (or the total divided by `max_owners`) is below `MinPerOwner`.
        BudgetTooSmall,
        /// The price times `max_owners` does not fit a balance.
        BudgetOverflow,
        /// The seeker cannot hold the budget (free balance too low).
        InsufficientFunds,
        /// The deadline is not after this block.
        DeadlineNotInFuture,
        /// The deadline is more than `MaxLifetime` blocks away.
        DeadlineTooFar,
        /// A retention of 0 blocks: the seeker could not use the data at all.
        ZeroRetention,
        /// The retention is longer than `MaxRetention` blocks.
        RetentionTooLong,
        /// The request is closed (fulfilled, refunded or cancelled).
        NotOpen,
        /// The deadline has passed: no more answers; the request is being closed.
        DeadlinePassed,
        /// The caller is not a registered data owner at the level of assurance the request
        /// needs.
        NotDataOwner,
        /// A seeker cannot answer its own request.
        OwnRequest,
        /// This owner has already opted in to the request.
        AlreadyResponded,
        /// `max_owners` owners have already opted in.
        RequestFull,
        /// This owner has not opted in to the request.
        NotResponded,
        /// This owner's answer is already withdrawn.
        AlreadyWithdrawn,
        /// Only the seeker may do this.
        NotSeeker,
        /// The deadline has not been reached yet.
        DeadlineNotReached,
        /// Owners have opted in: the request runs to its deadline.
        HasRespondents,
        /// The request was not fulfilled: there is no data to delete.
        NotFulfilled,
        /// Deletion was already attested.
        AlreadyAttested,
        /// Arithmetic overflow.
        Overflow,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_idle(now: BlockNumberFor<T>, limit: Weight) -> Weight {
            Self::close_due(now, limit)
        }

        fn integrity_test() {
            assert!(T::MinOwners::get() >= 1, "MinOwners must be at least 1");
            assert!(
                T::MaxRespondents::get() >= T::MinOwners::get(),
                "MaxRespondents must be at least MinOwners"
            );
            assert!(
                !T::MaxLifetime::get().is_zero(),
                "MaxLifetime must be at least 1"
            );
            assert!(
                !T::MaxRetention::get().is_zero(),
                "MaxRetention must be at least 1"
            );
            assert!(
                !T::MinPerOwner::get().is_zero(),
                "MinPerOwner must be at least 1"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call(weight(<T as Config>::WeightInfo))]
    impl<T: Config> Pallet<T> {
        /// Post a data request (an accredited consumer). The budget (`price` per owner times
        /// `max_owners`, or the total) is held at once.
        #[pallet::call_index(0)]
        pub fn post_request(origin: OriginFor<T>, terms: NewRequestOf<T>) -> DispatchResult {
            let seeker = ensure_signed(origin)?;
            Self::do_post(seeker, terms)
        }

        /// Opt in to request `id` with the hash of the consent receipt for it (a registered
        /// data owner at the request's level of assurance). Fee-less within the allowance.
        #[pallet::call_index(1)]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _id: &RequestId, _r: &H256| -> bool {
            Pallet::<T>::is_entitled(origin)
        })]
        pub fn respond(origin: OriginFor<T>, id: RequestId, receipt_hash: H256) -> DispatchResult {
            let owner = ensure_signed(origin)?;
            Self::do_respond(owner, id, receipt_hash)
        }

        /// Take back an answer to request `id`: while open the owner is removed from it; once
        /// closed the withdrawal is recorded (the seeker must stop processing the owner's
        /// data). Fee-less for an owner with an answer not yet withdrawn, with or without a
        /// valid credential, and never held back by the allowance.
        #[pallet::call_index(2)]
        #[pallet::feeless_if(|origin: &OriginFor<T>, id: &RequestId| -> bool {
            Pallet::<T>::has_live_response(origin, *id)
        })]
        pub fn withdraw_response(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
            let owner = ensure_signed(origin)?;
            Self::do_withdraw(owner, id)
        }

        /// Close request `id` once its deadline is reached (anyone): pay its owners if k was
        /// reached, else refund the seeker. `on_idle` does the same when a block has room.
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::close(T::MaxRespondents::get()))]
        pub fn close(origin: OriginFor<T>, id: RequestId) -> DispatchResultWithPostInfo {
            ensure_signed(origin)?;
            let now = frame_system::Pallet::<T>::block_number();
            let paid =
                Self::do_close(id, now).map_err(|e| e.with_weight(T::WeightInfo::close(0)))?;
            Ok(Some(T::WeightInfo::close(paid)).into())
        }

        /// Cancel request `id` (its seeker), while no owner has opted in; the budget goes back.
        #[pallet::call_index(4)]
        pub fn cancel(origin: OriginFor<T>, id: RequestId) -> DispatchResult {
            let seeker = ensure_signed(origin)?;
            Self::do_cancel(seeker, id)
        }

        /// Attest that the data of fulfilled request `id` was deleted (its seeker), with the
        /// hash of the evidence.
        #[pallet::call_index(5)]
        pub fn attest_deletion(origin: OriginFor<T>, id: RequestId, proof: H256) -> DispatchResult {
            let seeker = ensure_signed(origin)?;
            Self::do_attest(seeker, id, proof)
        }
    }

    /// Read-only views, callable without a transaction, that the market runtime API does not
    /// serve.
    #[pallet::view_functions]
    impl<T: Config> Pallet<T> {
        /// `owner`'s answer to request `id`.
        pub fn response(id: RequestId, owner: T::AccountId) -> Option<ResponseViewOf<T>> {
            Self::response_view(id, &owner)
        }
    }

    /// The key of request `id` in [`OwnerResponses`].
    pub fn request_key(id: RequestId) -> RequestKey {
        id.to_be_bytes()
    }

    /// The key of request `id` due at `deadline` in [`Due`].
    pub fn due_key<T: Config>(deadline: BlockNumberFor<T>, id: RequestId) -> DueKey {
        cityzen_primitives::due::block_key(deadline.unique_saturated_into(), id)
    }
}
