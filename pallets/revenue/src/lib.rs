//! # Revenue
//!
//! Exact, automatic, O(1) revenue split to the data owners.
//!
//! At settlement escrow calls [`RevenueSink::distribute`]: the platform fee (council-set basis
//! points, never above [`Config::MaxPlatformFee`]) goes to the city's platform account; the
//! product's owners' share of what is left goes to the pool of `(product, purpose)`; the rest
//! goes to the provider. Every unit moves from the buyer's hold with `transfer_on_hold`, so
//! nothing is minted or lost.
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
    BasisPoints, FeelessAllowance, ProductId, Purpose, RevenuePools, RevenueSink, Split, FULL_SHARE,
};
pub use types::*;
pub use weights::WeightInfo;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Reason> {
    /// A hold reason escrow would use, for `distribute`.
    fn hold_reason() -> Reason;
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use alloc::vec::Vec;
    use frame_support::{
        pallet_prelude::*,
        traits::{
            fungible::{Inspect, InspectHold, Mutate, MutateHold},
            tokens::{Fortitude, Precision, Preservation, Restriction},
        },
        PalletId,
    };
    use frame_system::pallet_prelude::*;
    use sp_core::U256;
    use sp_runtime::{
        traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero},
        Permill,
    };

    /// A balance of the runtime's currency.
    pub type BalanceOf<T> =
        <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

    /// The runtime's hold reason (escrow's hold is one of them).
    pub type HoldReasonOf<T> =
        <<T as Config>::Currency as InspectHold<<T as frame_system::Config>::AccountId>>::Reason;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration of the revenue pallet.
    #[pallet::config]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// The currency revenue is paid in.
        type Currency: Mutate<Self::AccountId> + MutateHold<Self::AccountId>;
        /// The pallet's id: its account holds the owners' unclaimed earnings.
        #[pallet::constant]
        type PalletId: Get<PalletId>;
        /// The city's platform account, which receives the platform fee.
        type PlatformAccount: Get<Self::AccountId>;
        /// The highest platform fee governance may set.
        #[pallet::constant]
        type MaxPlatformFee: Get<BasisPoints>;
        /// Sets the platform fee: the council.
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// The fee-less call allowance of data owners (claims are fee-less within it).
        type Allowance: FeelessAllowance<Self::AccountId>;
        /// Most pools an owner can be a member of at once (bounds `claim_all`). The runtime
        /// must make it at least the consents an owner may hold times their purposes.
        #[pallet::constant]
        type MaxPoolsPerOwner: Get<u32>;
        /// Weights of this pallet's calls and trait functions.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
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

    /// Each owner's earnings of pools left and lifetime totals.
    #[pallet::storage]
    pub type OwnerAccounts<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, OwnerAccount<BalanceOf<T>>, ValueQuery>;

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
        /// A sale was divided.
        Distributed {
            /// The product sold.
            product: ProductId,
            /// The purpose it was bought for.
            purpose: Purpose,
            /// The buyer whose hold paid.
            payer: T::AccountId,
            /// The provider.
            provider: T::AccountId,
            /// How it was divided.
            split: Split<BalanceOf<T>>,
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
    }

    /// Errors of the revenue pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// The fee is above `MaxPlatformFee`.
        FeeAboveCap,
        /// The owners' share is above 10 000 basis points.
        ShareAboveFull,
        /// The caller is not a member of this pool.
        NotMember,
        /// There is nothing to claim.
        NothingToClaim,
        /// An amount does not fit (far beyond any real balance).
        Overflow,
        /// The claim is below the minimum balance and the caller's account does not exist yet:
        /// claim again when more has been earned.
        BelowMinimumBalance,
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
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Claim what the caller earned in the pool of `(product, purpose)`. Fee-less for a
        /// member with something to claim, within its allowance.
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::claim(BENCHMARKED_POOL_SIZE))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, product: &ProductId, purpose: &Purpose| -> bool {
            Pallet::<T>::claim_is_feeless(origin, Some((*product, *purpose)))
        })]
        pub fn claim(origin: OriginFor<T>, product: ProductId, purpose: Purpose) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let id = (product, purpose);
            let mut member = Members::<T>::get(id, &who).ok_or(Error::<T>::NotMember)?;
            let mut pool = Pools::<T>::get(id).ok_or(Error::<T>::NotMember)?;
            let settled = Self::settle(&pool, &mut member)?;
            let amount = member.unclaimed;
            ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
            Self::pay(&who, amount)?;
            member.unclaimed = Zero::zero();
            member.claimed = member.claimed.saturating_add(amount);
            pool.released = pool
                .released
                .checked_add(&amount)
                .ok_or(Error::<T>::Overflow)?;
            Members::<T>::insert(id, &who, member);
            Pools::<T>::insert(id, pool);
            OwnerAccounts::<T>::mutate(&who, |a| {
                a.earned = a.earned.saturating_add(settled);
                a.claimed = a.claimed.saturating_add(amount);
            });
            Self::deposit_event(Event::Claimed {
                product,
                purpose,
                who,
                amount,
            });
            Ok(())
        }

        /// Claim everything the caller earned: every pool it is in and the pools it left.
        /// Fee-less for an owner with something to claim, within its allowance.
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::claim_all(T::MaxPoolsPerOwner::get()))]
        #[pallet::feeless_if(|origin: &OriginFor<T>| -> bool {
            Pallet::<T>::claim_is_feeless(origin, None)
        })]
        pub fn claim_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let ids: Vec<PoolId> = OwnerPools::<T>::iter_key_prefix(&who)
                .take(T::MaxPoolsPerOwner::get() as usize)
                .collect();
            let mut account = OwnerAccounts::<T>::get(&who);
            let mut total = account.unclaimed_left;
            let mut settled_total = BalanceOf::<T>::zero();
            for id in ids.iter() {
                let (Some(mut member), Some(mut pool)) =
                    (Members::<T>::get(id, &who), Pools::<T>::get(id))
                else {
                    continue;
                };
                let settled = Self::settle(&pool, &mut member)?;
                settled_total = settled_total.saturating_add(settled);
                let amount = member.unclaimed;
                if amount.is_zero() {
                    Members::<T>::insert(id, &who, member);
                    continue;
                }
                total = total.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
                member.unclaimed = Zero::zero();
                member.claimed = member.claimed.saturating_add(amount);
                pool.released = pool
                    .released
                    .checked_add(&amount)
                    .ok_or(Error::<T>::Overflow)?;
                Members::<T>::insert(id, &who, member);
                Pools::<T>::insert(id, pool);
            }
            ensure!(!total.is_zero(), Error::<T>::NothingToClaim);
            Self::pay(&who, total)?;
            account.unclaimed_left = Zero::zero();
            account.earned = account.earned.saturating_add(settled_total);
            account.claimed = account.claimed.saturating_add(total);
            OwnerAccounts::<T>::insert(&who, account);
            let pools = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            Self::deposit_event(Event::ClaimedAll {
                who,
                amount: total,
                pools,
            });
            Ok(Some(T::WeightInfo::claim_all(pools)).into())
        }

        /// Set the platform fee (governance).
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::set_platform_fee())]
        pub fn set_platform_fee(origin: OriginFor<T>, bps: BasisPoints) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(bps <= T::MaxPlatformFee::get(), Error::<T>::FeeAboveCap);
            PlatformFee::<T>::put(bps);
            Self::deposit_event(Event::PlatformFeeSet { bps });
            Ok(())
        }
    }

    impl<T: Config> Pallet<T> {
        /// The pallet's account, which holds the owners' unclaimed earnings.
        pub fn account_id() -> T::AccountId {
            T::PalletId::get().into_account_truncating()
        }

        fn claim_is_feeless(origin: &OriginFor<T>, pool: Option<PoolId>) -> bool {
            let Ok(frame_system::RawOrigin::Signed(who)) = origin.clone().into() else {
                return false;
            };
            if !T::Allowance::entitled(&who) {
                return false;
            }
            match pool {
                Some(id) => Self::pending_in(id, &who).is_some_and(|p| !p.is_zero()),
                None => !Self::statement(&who).pending.is_zero(),
            }
        }

        fn overflow<X>(_: X) -> Error<T> {
            Error::<T>::Overflow
        }

        fn to_u256(b: BalanceOf<T>) -> Result<U256, Error<T>> {
            let v: u128 = b.try_into().map_err(Self::overflow)?;
            Ok(U256::from(v))
        }

        fn to_balance(v: U256) -> Result<BalanceOf<T>, Error<T>> {
            ensure!(v <= U256::from(u128::MAX), Error::<T>::Overflow);
            BalanceOf::<T>::try_from(v.low_u128()).map_err(Self::overflow)
        }

        fn scale() -> U256 {
            U256::from(SCALE)
        }

        /// What `member` holds beyond its settled units, times SCALE: its fraction plus its
        /// share of the accumulator since its snapshot.
        fn accrued_scaled(
            pool: &Pool<BalanceOf<T>>,
            member: &PoolMember<BalanceOf<T>>,
        ) -> Option<U256> {
            let delta = pool.acc.checked_sub(member.snapshot)?;
            U256::from(member.weight)
                .checked_mul(delta)?
                .checked_add(U256::from(member.fraction))
        }

        /// Move what `member` accrued since its snapshot into whole units (returned) and a
        /// fraction; its snapshot becomes the accumulator.
        fn settle(
            pool: &Pool<BalanceOf<T>>,
            member: &mut PoolMember<BalanceOf<T>>,
        ) -> Result<BalanceOf<T>, Error<T>> {
            let scaled = Self::accrued_scaled(pool, member).ok_or(Error::<T>::Overflow)?;
            let units = scaled
                .checked_div(Self::scale())
                .ok_or(Error::<T>::Overflow)?;
            let fraction = scaled
                .checked_rem(Self::scale())
                .ok_or(Error::<T>::Overflow)?;
            let units = Self::to_balance(units)?;
            member.fraction = fraction.low_u128();
            member.snapshot = pool.acc;
            member.unclaimed = member
                .unclaimed
                .checked_add(&units)
                .ok_or(Error::<T>::Overflow)?;
            member.earned = member.earned.saturating_add(units);
            Ok(units)
        }

        /// What `claim` would pay `who` from pool `id` now, if it is a member.
        pub fn pending_in(id: PoolId, who: &T::AccountId) -> Option<BalanceOf<T>> {
            let mut member = Members::<T>::get(id, who)?;
            let pool = Pools::<T>::get(id)?;
            Self::settle(&pool, &mut member).ok()?;
            Some(member.unclaimed)
        }

        /// `who`'s statement: each live pool (weight, earned, claimed, pending), earnings of
        /// pools left, lifetime totals and what `claim_all` would pay.
        pub fn statement(who: &T::AccountId) -> Statement<BalanceOf<T>> {
            let account = OwnerAccounts::<T>::get(who);
            let mut pools = Vec::new();
            let mut pending = account.unclaimed_left;
            let mut earned = account.earned;
            for id in
                OwnerPools::<T>::iter_key_prefix(who).take(T::MaxPoolsPerOwner::get() as usize)
            {
                let (Some(mut member), Some(pool)) =
                    (Members::<T>::get(id, who), Pools::<T>::get(id))
                else {
                    continue;
                };
                let Ok(settled) = Self::settle(&pool, &mut member) else {
                    continue;
                };
                earned = earned.saturating_add(settled);
                pending = pending.saturating_add(member.unclaimed);
                pools.push(PoolLine {
                    product: id.0,
                    purpose: id.1,
                    weight: member.weight,
                    pool_weight: pool.total_weight,
                    earned: member.earned,
                    claimed: member.claimed,
                    pending: member.unclaimed,
                });
            }
            Statement {
                pools,
                unclaimed_left: account.unclaimed_left,
                earned,
                claimed: account.claimed,
                pending,
            }
        }

        fn pay(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
            ensure!(
                amount >= T::Currency::minimum_balance()
                    || !T::Currency::total_balance(who).is_zero()
                    || frame_system::Pallet::<T>::account_exists(who),
                Error::<T>::BelowMinimumBalance
            );
            T::Currency::transfer(&Self::account_id(), who, amount, Preservation::Preserve)?;
            Ok(())
        }

        /// Add `amount` (already in the pallet account) to pool `id`.
        fn credit_pool(id: PoolId, amount: BalanceOf<T>) -> Result<(), Error<T>> {
            let mut pool = Pools::<T>::get(id).unwrap_or_default();
            pool.revenue = pool
                .revenue
                .checked_add(&amount)
                .ok_or(Error::<T>::Overflow)?;
            // What there is to divide, times SCALE: the amount, plus what waited, minus what
            // the last division credited in advance (less than one unit: see `Pool`).
            let total = Self::to_u256(amount)?
                .checked_mul(Self::scale())
                .and_then(|x| x.checked_add(pool.undistributed))
                .and_then(|x| x.checked_sub(pool.overcredited))
                .ok_or(Error::<T>::Overflow)?;
            if pool.total_weight == 0 {
                pool.undistributed = total;
                pool.overcredited = U256::zero();
            } else {
                // Rounded up, so that a member whose exact share is a whole number of units
                // gets exactly it; the excess is taken from the next distribution.
                let w = U256::from(pool.total_weight);
                let (quotient, remainder) = total.div_mod(w);
                let per_weight = if remainder.is_zero() {
                    quotient
                } else {
                    quotient
                        .checked_add(U256::one())
                        .ok_or(Error::<T>::Overflow)?
                };
                pool.overcredited = per_weight
                    .checked_mul(w)
                    .and_then(|c| c.checked_sub(total))
                    .ok_or(Error::<T>::Overflow)?;
                pool.undistributed = U256::zero();
                pool.acc = pool
                    .acc
                    .checked_add(per_weight)
                    .ok_or(Error::<T>::Overflow)?;
            }
            pool.distributions = pool.distributions.saturating_add(1);
            Pools::<T>::insert(id, pool);
            Ok(())
        }

        /// `who` joins pool `id` with `weight`, or changes to it (settling first). Weight 0
        /// means leaving.
        pub fn do_join(id: PoolId, who: &T::AccountId, weight: u64) -> Result<(), Error<T>> {
            if weight == 0 {
                return Self::do_leave(id, who);
            }
            let mut pool = Pools::<T>::get(id).unwrap_or_default();
            match Members::<T>::get(id, who) {
                Some(mut member) => {
                    let settled = Self::settle(&pool, &mut member)?;
                    pool.total_weight = pool
                        .total_weight
                        .checked_sub(u128::from(member.weight))
                        .and_then(|w| w.checked_add(u128::from(weight)))
                        .filter(|w| *w < MAX_TOTAL_WEIGHT)
                        .ok_or(Error::<T>::Overflow)?;
                    member.weight = weight;
                    Members::<T>::insert(id, who, member);
                    OwnerAccounts::<T>::mutate(who, |a| {
                        a.earned = a.earned.saturating_add(settled)
                    });
                    Self::deposit_event(Event::WeightChanged {
                        product: id.0,
                        purpose: id.1,
                        who: who.clone(),
                        weight,
                    });
                }
                None => {
                    pool.total_weight = pool
                        .total_weight
                        .checked_add(u128::from(weight))
                        .filter(|w| *w < MAX_TOTAL_WEIGHT)
                        .ok_or(Error::<T>::Overflow)?;
                    pool.members = pool.members.checked_add(1).ok_or(Error::<T>::Overflow)?;
                    Members::<T>::insert(
                        id,
                        who,
                        PoolMember {
                            weight,
                            snapshot: pool.acc,
                            ..Default::default()
                        },
                    );
                    OwnerPools::<T>::insert(who, id, ());
                    OwnerPoolCount::<T>::mutate(who, |c| *c = c.saturating_add(1));
                    Self::deposit_event(Event::Joined {
                        product: id.0,
                        purpose: id.1,
                        who: who.clone(),
                        weight,
                    });
                }
            }
            Pools::<T>::insert(id, pool);
            Ok(())
        }

        /// `who` leaves pool `id`: settled, its fraction of a unit goes back to the pool, its
        /// earnings move to its owner account (claimable with `claim_all`).
        pub fn do_leave(id: PoolId, who: &T::AccountId) -> Result<(), Error<T>> {
            let (Some(mut member), Some(mut pool)) =
                (Members::<T>::get(id, who), Pools::<T>::get(id))
            else {
                return Ok(());
            };
            let settled = Self::settle(&pool, &mut member)?;
            pool.undistributed = pool
                .undistributed
                .checked_add(U256::from(member.fraction))
                .ok_or(Error::<T>::Overflow)?;
            pool.total_weight = pool
                .total_weight
                .checked_sub(u128::from(member.weight))
                .ok_or(Error::<T>::Overflow)?;
            pool.members = pool.members.checked_sub(1).ok_or(Error::<T>::Overflow)?;
            pool.released = pool
                .released
                .checked_add(&member.unclaimed)
                .ok_or(Error::<T>::Overflow)?;
            let mut account = OwnerAccounts::<T>::get(who);
            account.unclaimed_left = account
                .unclaimed_left
                .checked_add(&member.unclaimed)
                .ok_or(Error::<T>::Overflow)?;
            account.earned = account.earned.saturating_add(settled);
            OwnerAccounts::<T>::insert(who, account);
            Members::<T>::remove(id, who);
            Pools::<T>::insert(id, pool);
            OwnerPools::<T>::remove(who, id);
            OwnerPoolCount::<T>::mutate_exists(who, |c| {
                *c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
            });
            Self::deposit_event(Event::Left {
                product: id.0,
                purpose: id.1,
                who: who.clone(),
                kept: member.unclaimed,
            });
            Ok(())
        }

        /// Divide and move a sale (see [`RevenueSink::distribute`]).
        pub fn do_distribute(
            payer: &T::AccountId,
            reason: &HoldReasonOf<T>,
            amount: BalanceOf<T>,
            id: PoolId,
            provider: &T::AccountId,
            owners_share: BasisPoints,
        ) -> Result<Split<BalanceOf<T>>, DispatchError> {
            ensure!(owners_share <= FULL_SHARE, Error::<T>::ShareAboveFull);
            let fee_parts = u32::from(PlatformFee::<T>::get()).saturating_mul(100);
            let fee = Permill::from_parts(fee_parts).mul_floor(amount);
            let net = amount.checked_sub(&fee).ok_or(Error::<T>::Overflow)?;
            let share_parts = u32::from(owners_share).saturating_mul(100);
            let owners = Permill::from_parts(share_parts).mul_floor(net);
            let rest = net.checked_sub(&owners).ok_or(Error::<T>::Overflow)?;
            let split = Split {
                fee,
                owners,
                provider: rest,
            };
            frame_support::storage::with_storage_layer(|| -> DispatchResult {
                let pallet = Self::account_id();
                let platform = T::PlatformAccount::get();
                for (to, value) in [(&platform, fee), (&pallet, owners), (provider, rest)] {
                    if !value.is_zero() {
                        T::Currency::transfer_on_hold(
                            reason,
                            payer,
                            to,
                            value,
                            Precision::Exact,
                            Restriction::Free,
                            Fortitude::Polite,
                        )?;
                    }
                }
                if !owners.is_zero() {
                    Self::credit_pool(id, owners)?;
                }
                Ok(())
            })?;
            Self::deposit_event(Event::Distributed {
                product: id.0,
                purpose: id.1,
                payer: payer.clone(),
                provider: provider.clone(),
                split,
            });
            Ok(split)
        }

        /// What the pallet account must hold beyond its minimum balance: every pool's
        /// `revenue - released` plus the owners' earnings of pools left.
        pub fn owed() -> Option<BalanceOf<T>> {
            let mut owed = BalanceOf::<T>::zero();
            for (_, pool) in Pools::<T>::iter() {
                owed = owed.checked_add(&pool.revenue.checked_sub(&pool.released)?)?;
            }
            for (_, account) in OwnerAccounts::<T>::iter() {
                owed = owed.checked_add(&account.unclaimed_left)?;
            }
            Some(owed)
        }

        /// Check the invariants of the pools and the pallet account.
        pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
            use sp_runtime::TryRuntimeError;
            let scale = Self::scale();
            for (id, pool) in Pools::<T>::iter() {
                let mut weight = 0u128;
                let mut count = 0u32;
                let mut held = pool.undistributed;
                for (who, member) in Members::<T>::iter_prefix(id) {
                    ensure!(member.weight > 0, "a member has weight 0");
                    ensure!(
                        OwnerPools::<T>::contains_key(&who, id),
                        "a member is missing from OwnerPools"
                    );
                    ensure!(member.fraction < SCALE, "fraction not below one unit");
                    weight = weight
                        .checked_add(u128::from(member.weight))
                        .ok_or("weight overflow")?;
                    count = count.checked_add(1).ok_or("count overflow")?;
                    let unclaimed = Self::to_u256(member.unclaimed)
                        .ok()
                        .and_then(|u| u.checked_mul(scale))
                        .ok_or("unclaimed overflow")?;
                    let accrued = Self::accrued_scaled(&pool, &member).ok_or("accrued overflow")?;
                    held = held
                        .checked_add(unclaimed)
                        .and_then(|h| h.checked_add(accrued))
                        .ok_or("held overflow")?;
                }
                ensure!(
                    weight == pool.total_weight,
                    "pool total weight != sum of members"
                );
                ensure!(count == pool.members, "pool member count != live members");
                let revenue = Self::to_u256(pool.revenue).map_err(|_| "revenue")?;
                let released = Self::to_u256(pool.released).map_err(|_| "released")?;
                let lhs = revenue
                    .checked_mul(scale)
                    .and_then(|r| r.checked_add(pool.overcredited))
                    .ok_or("revenue overflow")?;
                ensure!(
                    pool.overcredited < scale,
                    "a pool credited a unit or more in advance"
                );
                let rhs = released
                    .checked_mul(scale)
                    .and_then(|r| r.checked_add(held))
                    .ok_or("rhs overflow")?;
                ensure!(
                    lhs == rhs,
                    TryRuntimeError::Other(
                        "pool revenue + overcredited != released + undistributed + members"
                    )
                );
            }
            for (who, count) in OwnerPoolCount::<T>::iter() {
                let listed = u32::try_from(OwnerPools::<T>::iter_key_prefix(&who).count())
                    .map_err(|_| "too many pools")?;
                ensure!(listed == count, "OwnerPoolCount != OwnerPools");
                ensure!(
                    count <= T::MaxPoolsPerOwner::get(),
                    "owner in more than MaxPoolsPerOwner pools"
                );
            }
            for (who, id, ()) in OwnerPools::<T>::iter() {
                ensure!(
                    Members::<T>::contains_key(id, &who),
                    "OwnerPools lists a non-member"
                );
            }
            let owed = Self::owed().ok_or("owed overflow")?;
            let expected = owed
                .checked_add(&T::Currency::minimum_balance())
                .ok_or("expected overflow")?;
            ensure!(
                T::Currency::total_balance(&Self::account_id()) == expected,
                "pallet account != unclaimed + undistributed + minimum balance"
            );
            Ok(())
        }
    }

    impl<T: Config> RevenuePools<T::AccountId> for Pallet<T> {
        fn join(product: ProductId, purpose: Purpose, who: &T::AccountId, weight: u64) {
            if let Err(e) = Self::do_join((product, purpose), who, weight) {
                frame_support::defensive!("revenue pool join failed", e);
            }
        }

        fn leave(product: ProductId, purpose: Purpose, who: &T::AccountId) {
            if let Err(e) = Self::do_leave((product, purpose), who) {
                frame_support::defensive!("revenue pool leave failed", e);
            }
        }

        fn member_count(product: ProductId, purpose: Purpose) -> u32 {
            Pools::<T>::get((product, purpose)).map_or(0, |p| p.members)
        }
    }

    impl<T: Config> RevenueSink<T::AccountId, BalanceOf<T>, HoldReasonOf<T>> for Pallet<T> {
        fn distribute(
            payer: &T::AccountId,
            reason: &HoldReasonOf<T>,
            amount: BalanceOf<T>,
            product: ProductId,
            purpose: Purpose,
            provider: &T::AccountId,
            owners_share: BasisPoints,
        ) -> Result<Split<BalanceOf<T>>, DispatchError> {
            Self::do_distribute(
                payer,
                reason,
                amount,
                (product, purpose),
                provider,
                owners_share,
            )
        }

        fn distribute_weight() -> Weight {
            T::WeightInfo::distribute(BENCHMARKED_POOL_SIZE)
        }
    }
}
