//! # Revenue
//!
//! Exact, automatic, O(1) revenue split to the data owners. The pallet has three jobs: the
//! split of every sale and the owners' pools ([`RevenueSink`], [`RevenuePools`]; `pools.rs`),
//! data altruism (an owner's share to a council-approved fund or to the other owners;
//! `altruism.rs`), and the equal payouts of fulfilled data requests ([`CreditOwners`];
//! `payouts.rs`). Owners claim all of it the same way (`claim`, `claim_all`).
//!
//! A sale is paid in two steps ([`RevenueSink`], `sales.rs`; security review S4). When the
//! order is delivered, escrow calls [`RevenueSink::credit_sale`]: the owners' share moves into
//! the pool of `(product, purpose)` and is divided among its members of that block, at their
//! weights then, and the sale is numbered and recorded for their disclosures. At settlement
//! [`RevenueSink::pay_parts`] pays the platform fee (council-set basis points, never above
//! [`Config::MaxPlatformFee`], copied into the order when placed) to the city's platform
//! account and the rest to the provider. Every unit moves from the buyer's hold with
//! `transfer_on_hold`, so nothing is minted or lost.
//!
//! Pools use the reward-per-weight accumulator (Batog, Boca, Johnson 2018, "Scalable Reward
//! Distribution on the Ethereum Blockchain"; the lifetime-earnings counter of Streamr Data
//! Unions): a distribution adds `amount / total_weight` to the pool's accumulator, a member has
//! earned `weight * (accumulator - its snapshot)`. Distribute, join, leave, change of weight and
//! claim read and write a fixed number of storage items, whatever the pool size. A member is
//! settled before any change of its weight, and a newcomer's snapshot is the accumulator when it
//! joined, so it earns nothing from earlier sales. Revenue paid while a pool has no member, the
//! remainder of each division, and the fractions members forfeit when they leave are kept in the
//! pool's `undistributed` amount and added to its next distribution.
//!
//! The accumulator is fixed point with 36 decimal digits ([`SCALE`]) in 256-bit integers with
//! checked arithmetic. Each division is rounded up, so that an owner whose exact share is a
//! whole number of units gets exactly it; the excess (`overcredited`, less than one unit since
//! a pool's total weight stays below [`MAX_TOTAL_WEIGHT`]) is taken from the next distribution,
//! and claims never exceed what the pool received. Exactly, for every pool:
//! `revenue * SCALE + overcredited == released * SCALE + undistributed + Σ members (unclaimed *
//! SCALE + fraction + weight * (acc - snapshot))`, and the pallet account holds the minimum balance plus
//! every pool's `revenue - released` plus the earnings of pools that owners have left. Both are
//! checked in `try_state`.
//!
//! Members join and leave through [`RevenuePools`], called by the data products pallet when an
//! owner is a contributor with live consent for the purpose (and when either stops). Leaving
//! keeps what the owner earned: it moves to the owner's account here and `claim_all` pays it.

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

pub mod accumulator;
mod altruism;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod invariants;
#[cfg(test)]
mod mock;
mod payouts;
mod pools;
pub mod sales;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use accumulator::Overflow;
pub use cityzen_primitives::{
    BasisPoints, CreditOwners, FeelessAllowance, ProductId, Purpose, RevenuePools, RevenueSink,
    Split, FULL_SHARE,
};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Reason> {
    /// A hold reason escrow would use, for `distribute`.
    fn hold_reason() -> Reason;
}

/// Defaults for test runtimes: a platform fee of at most 10 %, 4 pools per owner; weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{
        derive_impl,
        pallet_prelude::*,
        traits::{ConstU16, ConstU32},
    };

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type MaxPlatformFee = ConstU16<1_000>;
        type MaxPoolsPerOwner = ConstU32<4>;
        type MaxMemberships = ConstU32<4>;
        type MaxFunds = ConstU32<3>;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{
        dispatch::WithPostDispatchInfo,
        pallet_prelude::*,
        traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
        PalletId,
    };
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::Saturating;

    /// A balance of the runtime's currency.
    pub type BalanceOf<T> =
        <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

    /// The runtime's hold reason (escrow's hold is one of them).
    pub type HoldReasonOf<T> =
        <<T as Config>::Currency as InspectHold<<T as frame_system::Config>::AccountId>>::Reason;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration of the revenue pallet.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The currency revenue is paid in.
        #[pallet::no_default]
        type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId>;
        /// The pallet's id: its account holds the owners' unclaimed earnings.
        #[pallet::constant]
        #[pallet::no_default]
        type PalletId: Get<PalletId>;
        /// The city's platform account, which receives the platform fee.
        #[pallet::no_default]
        type PlatformAccount: Get<Self::AccountId>;
        /// The highest platform fee governance may set.
        #[pallet::constant]
        type MaxPlatformFee: Get<BasisPoints>;
        /// Sets the platform fee: the council.
        #[pallet::no_default]
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// The fee-less call allowance of data owners (claims are fee-less within it).
        #[pallet::no_default]
        type Allowance: FeelessAllowance<Self::AccountId>;
        /// Most pools an owner can be a member of at once (bounds `claim_all`). The runtime
        /// must make it at least the consents an owner may hold times their purposes.
        #[pallet::constant]
        type MaxPoolsPerOwner: Get<u32>;
        /// Most stretches of membership kept per owner and pool (at least 2). When an owner
        /// joins once more than this, its two oldest stretches are merged into one that spans
        /// both: its record of who had its data may then list sales delivered while it was out
        /// between them, never leave one out.
        #[pallet::constant]
        type MaxMemberships: Get<u32>;
        /// Most approved public-interest funds at once: bounds each pool's list of funds and
        /// so the work of a sale. A removed fund frees its place at once, whoever still names
        /// it (security review I3).
        #[pallet::constant]
        type MaxFunds: Get<u32>;
        /// Weights of this pallet's calls and trait functions.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        #[pallet::no_default]
        type BenchmarkHelper: BenchmarkHelper<HoldReasonOf<Self>>;
    }

    /// The platform fee, in basis points of each sale.
    #[pallet::storage]
    pub type PlatformFee<T: Config> = StorageValue<_, BasisPoints, ValueQuery>;

    /// The pools, by `(product, purpose)`.
    #[pallet::storage]
    pub type Pools<T: Config> = StorageMap<_, Blake2_128Concat, PoolId, Pool<BalanceOf<T>>>;

    /// Live members of each pool.
    #[pallet::storage]
    pub type Members<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        PoolId,
        Blake2_128Concat,
        T::AccountId,
        PoolMember<BalanceOf<T>>,
    >;

    /// The pools each owner is a member of (an index of [`Members`]).
    #[pallet::storage]
    pub type OwnerPools<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, PoolId, ()>;

    /// How many pools each owner is a member of.
    #[pallet::storage]
    pub type OwnerPoolCount<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

    /// Each owner's stretches of membership of every pool it was ever in, oldest first, in
    /// sale numbers: what its disclosures (who has had its data) are read from.
    #[pallet::storage]
    pub type MemberHistory<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        Blake2_128Concat,
        PoolId,
        BoundedVec<Membership, T::MaxMemberships>,
        ValueQuery,
    >;

    /// How many sales were ever credited: the next sale's number.
    #[pallet::storage]
    pub type SaleCount<T: Config> = StorageValue<_, u64, ValueQuery>;

    /// Every sale credited to each pool, by pool and sale number (big-endian, so a pool's
    /// sales iterate in order): the order and the owners' share it credited. An owner's
    /// disclosures are the sales of its pools within its stretches of membership.
    #[pallet::storage]
    pub type PoolSales<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        PoolId,
        Identity,
        sales::SaleKey,
        (u64, BalanceOf<T>),
    >;

    /// Each owner's earnings of pools left and lifetime totals.
    #[pallet::storage]
    pub type OwnerAccounts<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, OwnerAccount<BalanceOf<T>>, ValueQuery>;

    /// The public-interest funds altruistic owners may give their share to: approved by the
    /// governance origin, or removed and still named by some owner's live membership.
    #[pallet::storage]
    pub type Funds<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, FundInfo<BalanceOf<T>>>;

    /// How many entries [`Funds`] has (at most `MaxFunds`).
    #[pallet::storage]
    pub type FundCount<T: Config> = StorageValue<_, u32, ValueQuery>;

    /// Owners' altruistic choices, by pool and owner. No entry: the owner is paid.
    #[pallet::storage]
    pub type Altruism<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        PoolId,
        Blake2_128Concat,
        T::AccountId,
        Altruist<T::AccountId>,
    >;

    /// The weight each fund holds in a pool: the sum of the weights of the pool's live
    /// members whose share goes to it. A sale gives each approved fund `weight / (pool
    /// weight + funds' weights)` of the owners' share.
    #[pallet::storage]
    pub type PoolFunds<T: Config> = StorageMap<
        _,
        Blake2_128Concat,
        PoolId,
        BoundedVec<(T::AccountId, u128), T::MaxFunds>,
        ValueQuery,
    >;

    /// Everything ever credited to owners by fulfilled data requests.
    #[pallet::storage]
    pub type RequestPayouts<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

    /// Everything ever credited to funds from sales.
    #[pallet::storage]
    pub type ToFunds<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

    /// Live pool memberships whose share goes to the pool's other owners.
    #[pallet::storage]
    pub type ToOtherOwners<T: Config> = StorageValue<_, u32, ValueQuery>;

    /// Revenue pallet genesis: the platform fee. The pallet and platform accounts are given the
    /// minimum balance, so that any amount can be paid into them.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// The platform fee in basis points.
        pub platform_fee: BasisPoints,
        /// Ties the config to the runtime.
        #[serde(skip)]
        pub _config: core::marker::PhantomData<T>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        fn build(&self) {
            assert!(
                self.platform_fee <= T::MaxPlatformFee::get(),
                "platform fee above MaxPlatformFee"
            );
            PlatformFee::<T>::put(self.platform_fee);
            for who in [Pallet::<T>::account_id(), T::PlatformAccount::get()] {
                let ed = T::Currency::minimum_balance();
                let have = T::Currency::balance(&who);
                if have < ed {
                    let _ = T::Currency::mint_into(&who, ed.saturating_sub(have));
                }
            }
        }
    }

    /// Events of the revenue pallet.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A delivered sale's owners' share was credited to the pool's members of that block
        /// (and its funds).
        SaleCredited {
            /// The product sold.
            product: ProductId,
            /// The purpose it was bought for.
            purpose: Purpose,
            /// The order.
            order: u64,
            /// The sale's number (disclosures are paged by it).
            sale: u64,
            /// The buyer whose hold paid.
            payer: T::AccountId,
            /// The owners' share credited.
            amount: BalanceOf<T>,
        },
        /// A payment of a sale went to the platform and the provider (its owners' share was
        /// credited at delivery, `SaleCredited`).
        Distributed {
            /// The product sold.
            product: ProductId,
            /// The purpose it was bought for.
            purpose: Purpose,
            /// The buyer whose hold paid.
            payer: T::AccountId,
            /// The provider.
            provider: T::AccountId,
            /// The platform fee paid.
            fee: BalanceOf<T>,
            /// Paid to the provider.
            to_provider: BalanceOf<T>,
        },
        /// An owner joined a pool.
        Joined {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The owner.
            who: T::AccountId,
            /// Its weight.
            weight: u64,
        },
        /// A member's weight changed (its earnings so far were settled first).
        WeightChanged {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The owner.
            who: T::AccountId,
            /// The new weight.
            weight: u64,
        },
        /// An owner left a pool; what it earned there stays claimable.
        Left {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The owner.
            who: T::AccountId,
            /// Earnings kept, claimable with `claim_all`.
            kept: BalanceOf<T>,
        },
        /// An owner claimed its earnings from one pool.
        Claimed {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The owner.
            who: T::AccountId,
            /// Paid.
            amount: BalanceOf<T>,
        },
        /// An owner claimed everything it had earned.
        ClaimedAll {
            /// The owner.
            who: T::AccountId,
            /// Paid.
            amount: BalanceOf<T>,
            /// Pools it is a member of (earnings of pools left are included).
            pools: u32,
        },
        /// The platform fee was set.
        PlatformFeeSet {
            /// Basis points.
            bps: BasisPoints,
        },
        /// A sale credited a public-interest fund with its altruists' share (claimable by the
        /// fund with `claim_all`).
        FundCredited {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The fund.
            fund: T::AccountId,
            /// Credited.
            amount: BalanceOf<T>,
        },
        /// An owner chose where its share of a pool goes (`None`: to itself, paid).
        BeneficiarySet {
            /// The product.
            product: ProductId,
            /// The purpose.
            purpose: Purpose,
            /// The owner.
            who: T::AccountId,
            /// Where its share goes from now on; `None`: to the owner.
            to: Option<Beneficiary<T::AccountId>>,
        },
        /// The governance origin approved a public-interest fund.
        FundApproved {
            /// The fund.
            fund: T::AccountId,
        },
        /// The governance origin removed a fund from the list: no new choices, no more
        /// credits (its altruists' share stays with their pools' other owners).
        FundRemoved {
            /// The fund.
            fund: T::AccountId,
        },
        /// A fulfilled data request paid its owners: each was credited `split.per_owner` in
        /// its owner account (claimable with `claim_all`), the platform got `split.fee`.
        OwnersPaid {
            /// The seeker whose hold paid.
            payer: T::AccountId,
            /// How it was divided.
            split: cityzen_primitives::requests::RequestSplit<BalanceOf<T>>,
        },
    }

    /// Errors of the revenue pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// The fee is above `MaxPlatformFee`.
        FeeAboveCap,
        /// The caller is not a member of this pool.
        NotMember,
        /// There is nothing to claim.
        NothingToClaim,
        /// An amount does not fit (far beyond any real balance).
        Overflow,
        /// The claim is below the minimum balance and the caller's account does not exist yet:
        /// claim again when more has been earned.
        BelowMinimumBalance,
        /// The fund is not on the council's list of public-interest funds.
        UnknownFund,
        /// The fund is on the list already.
        FundAlreadyApproved,
        /// The fund was removed and owners still name it: it can be approved again once
        /// none does (or approve another account).
        FundStillNamed,
        /// `MaxFunds` funds are listed or still named by owners: remove one first (a removed
        /// fund leaves the list once no owner names it).
        TooManyFunds,
        /// An owner cannot name itself as its fund: an altruistic share never goes to the
        /// owner.
        OwnFund,
        /// The owner's share of this pool goes there already.
        BeneficiaryUnchanged,
        /// A data request cannot pay an empty list of owners.
        NoOwnersToPay,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn integrity_test() {
            assert!(
                T::MaxPlatformFee::get() <= FULL_SHARE,
                "MaxPlatformFee must be at most 10 000 basis points"
            );
            assert!(
                T::MaxPoolsPerOwner::get() >= 1,
                "MaxPoolsPerOwner must be at least 1"
            );
            assert!(T::MaxFunds::get() >= 1, "MaxFunds must be at least 1");
            assert!(
                T::MaxMemberships::get() >= 2,
                "MaxMemberships must be at least 2 (an old stretch and the current one)"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    /// Calls are thin: each checks its origin and hands over to `pools.rs` (claims) or
    /// `altruism.rs` (beneficiaries and funds); `set_platform_fee` is one checked write. Weights
    /// are the benchmarked functions of [`WeightInfo`].
    #[pallet::call(weight(<T as Config>::WeightInfo))]
    impl<T: Config> Pallet<T> {
        /// Claim what the caller earned in the pool of `(product, purpose)`. Fee-less for a
        /// member with something to claim, within its allowance, credential or not.
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::claim(BENCHMARKED_POOL_SIZE))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, product: &ProductId, purpose: &Purpose| -> bool {
            Pallet::<T>::claim_is_feeless(origin, Some((*product, *purpose)))
        })]
        pub fn claim(origin: OriginFor<T>, product: ProductId, purpose: Purpose) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_claim(who, (product, purpose))
        }

        /// Claim everything the caller earned: every pool it is in and the pools it left.
        /// Fee-less, within its allowance, for an owner in some pool or with earnings of pools
        /// left, credential or not.
        ///
        /// ## Complexity
        /// O(P) in the pools the caller is a member of (at most `MaxPoolsPerOwner`); the
        /// weight charged is refunded down to the pools actually visited, also when there was
        /// nothing to claim.
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::claim_all(T::MaxPoolsPerOwner::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>| -> bool {
            Pallet::<T>::claim_is_feeless(origin, None)
        })]
        pub fn claim_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let visited = OwnerPoolCount::<T>::get(&who).min(T::MaxPoolsPerOwner::get());
            let pools = Self::do_claim_all(who)
                .map_err(|e| e.with_weight(T::WeightInfo::claim_all(visited)))?;
            Ok(Some(T::WeightInfo::claim_all(pools)).into())
        }

        /// Set the platform fee (governance).
        #[pallet::call_index(2)]
        pub fn set_platform_fee(origin: OriginFor<T>, bps: BasisPoints) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(bps <= T::MaxPlatformFee::get(), Error::<T>::FeeAboveCap);
            PlatformFee::<T>::put(bps);
            Self::deposit_event(Event::PlatformFeeSet { bps });
            Ok(())
        }

        /// Choose where the caller's share of the pool of `(product, purpose)` goes: `None`
        /// to itself (paid), `Some(Fund(f))` to an approved public-interest fund,
        /// `Some(OtherOwners)` to the pool's other owners. The caller's data and consent
        /// still count for k. Takes effect at once: what it earned so far stays its own, the
        /// next sale follows the new choice. The choice is made as a member of the pool
        /// (`NotMember` otherwise) and is kept when the owner leaves, when it may still be
        /// changed. Fee-less for an entitled owner who may make it.
        #[pallet::call_index(3)]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _product: &ProductId, _purpose: &Purpose,
            _to: &Option<Beneficiary<T::AccountId>>| -> bool {
            Pallet::<T>::may_choose(origin, (*_product, *_purpose))
        })]
        pub fn set_beneficiary(
            origin: OriginFor<T>,
            product: ProductId,
            purpose: Purpose,
            to: Option<Beneficiary<T::AccountId>>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_set_beneficiary((product, purpose), who, to)
        }

        /// Put a public-interest fund on the list owners may give their share to
        /// (governance). Its account must be able to receive (`claim_all` pays it).
        #[pallet::call_index(4)]
        pub fn approve_fund(origin: OriginFor<T>, fund: T::AccountId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::do_approve_fund(fund)
        }

        /// Take a fund off the list (governance): owners can no longer choose it and sales
        /// no longer credit it; the share of owners who named it stays with their pools'
        /// other owners until they choose again. What it was credited stays claimable.
        #[pallet::call_index(5)]
        pub fn remove_fund(origin: OriginFor<T>, fund: T::AccountId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::do_remove_fund(fund)
        }
    }

    /// Reads, callable without a transaction (`RuntimeViewFunction`), that the market
    /// runtime API does not serve.
    #[pallet::view_functions]
    impl<T: Config> Pallet<T> {
        /// Where `owner`'s share of the pool of `(product, purpose)` goes; `None`: to the
        /// owner.
        pub fn beneficiary_of(
            owner: T::AccountId,
            product: ProductId,
            purpose: Purpose,
        ) -> Option<Beneficiary<T::AccountId>> {
            Altruism::<T>::get((product, purpose), owner).map(|a| a.to)
        }
    }

    impl<T: Config> From<Overflow> for Error<T> {
        fn from(_: Overflow) -> Self {
            Error::<T>::Overflow
        }
    }
}
