//! Pools: members joining, changing weight and leaving; dividing a sale; claims. Storage in,
//! [`crate::accumulator`] for the arithmetic, storage out. The trait impls other pallets call
//! ([`RevenuePools`], [`RevenueSink`]) are here too.

use crate::{pallet::*, types::*, BasisPoints, ProductId, Purpose, RevenuePools, FULL_SHARE};
use alloc::vec::Vec;
use frame_support::{
    ensure,
    pallet_prelude::*,
    traits::{
        fungible::{Inspect, Mutate, MutateHold},
        tokens::{Fortitude, Precision, Preservation, Restriction},
    },
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
    traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero},
    Permill,
};

impl<T: Config> Pallet<T> {
    /// Credits `amount` in `who`'s owner account (claimed with `claim_all`): a fund's part of a
    /// sale and an owner's part of a request are credited so.
    pub(crate) fn credit_account(who: &T::AccountId, amount: BalanceOf<T>) -> Result<(), Error<T>> {
        OwnerAccounts::<T>::try_mutate(who, |a| {
            a.unclaimed_left = a
                .unclaimed_left
                .checked_add(&amount)
                .ok_or(Error::<T>::Overflow)?;
            a.earned = a.earned.saturating_add(amount);
            Ok(())
        })
    }

    /// Moves each `(to, value)` of `parts` (but those of zero) from `payer`'s hold under
    /// `reason`, exactly: a sale's split and a request's payout both pay this way.
    pub(crate) fn pay_from_hold(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        parts: &[(&T::AccountId, BalanceOf<T>)],
    ) -> DispatchResult {
        for (to, value) in parts {
            if !value.is_zero() {
                T::Currency::transfer_on_hold(
                    reason,
                    payer,
                    to,
                    *value,
                    Precision::Exact,
                    Restriction::Free,
                    Fortitude::Polite,
                )?;
            }
        }
        Ok(())
    }

    /// The platform fee on `amount` at the council-set rate, rounded down.
    pub fn platform_fee(amount: BalanceOf<T>) -> BalanceOf<T> {
        Self::platform_fee_at(amount, PlatformFee::<T>::get())
    }

    /// The platform fee on `amount` at `bps` basis points, rounded down.
    pub fn platform_fee_at(amount: BalanceOf<T>, bps: BasisPoints) -> BalanceOf<T> {
        let fee_parts = u32::from(bps.min(FULL_SHARE)).saturating_mul(100);
        Permill::from_parts(fee_parts).mul_floor(amount)
    }

    /// The pallet's account, which holds the owners' unclaimed earnings.
    pub fn account_id() -> T::AccountId {
        T::PalletId::get().into_account_truncating()
    }

    /// A claim is fee-less for an owner with something to claim in `pool`, or, for
    /// `claim_all` (`None`), for an owner in some pool or with earnings of pools left: a
    /// cheap test (two reads), whatever the owner's credential (an owner whose credential
    /// lapsed keeps what it earned). Security review S5, S11.
    pub(crate) fn claim_is_feeless(origin: &OriginFor<T>, pool: Option<PoolId>) -> bool {
        let Ok(frame_system::RawOrigin::Signed(who)) = origin.clone().into() else {
            return false;
        };
        match pool {
            Some(id) => Self::pending_in(id, &who).is_some_and(|p| !p.is_zero()),
            None => {
                OwnerPoolCount::<T>::get(&who) > 0
                    || !OwnerAccounts::<T>::get(&who).unclaimed_left.is_zero()
            }
        }
    }

    /// Accrue `who` in pool `id` and take its unclaimed units off the pool's books (both
    /// written back). Returns (units accrued now, units taken), or `None` if it is not a
    /// member.
    fn collect(
        id: PoolId,
        who: &T::AccountId,
    ) -> Result<Option<(BalanceOf<T>, BalanceOf<T>)>, Error<T>> {
        let (Some(mut member), Some(mut pool)) = (Members::<T>::get(id, who), Pools::<T>::get(id))
        else {
            return Ok(None);
        };
        let accrued = member.accrue(&pool)?;
        let taken = pool.take_unclaimed(&mut member)?;
        Members::<T>::insert(id, who, member);
        if !taken.is_zero() {
            Pools::<T>::insert(id, pool);
        }
        Ok(Some((accrued, taken)))
    }

    /// Pay `who` what was collected (`taken`, including `from_left` of pools left) and book
    /// it in its owner account with the units `accrued`.
    fn pay_collected(
        who: &T::AccountId,
        taken: BalanceOf<T>,
        accrued: BalanceOf<T>,
        from_left: BalanceOf<T>,
    ) -> DispatchResult {
        ensure!(!taken.is_zero(), Error::<T>::NothingToClaim);
        Self::pay(who, taken)?;
        OwnerAccounts::<T>::try_mutate(who, |a| -> DispatchResult {
            a.unclaimed_left = a
                .unclaimed_left
                .checked_sub(&from_left)
                .ok_or(Error::<T>::Overflow)?;
            a.earned = a.earned.saturating_add(accrued);
            a.claimed = a.claimed.saturating_add(taken);
            Ok(())
        })
    }

    pub(crate) fn do_claim(who: T::AccountId, id: PoolId) -> DispatchResult {
        let (accrued, amount) = Self::collect(id, &who)?.ok_or(Error::<T>::NotMember)?;
        Self::pay_collected(&who, amount, accrued, Zero::zero())?;
        Self::deposit_event(Event::Claimed {
            product: id.0,
            purpose: id.1,
            who,
            amount,
        });
        Ok(())
    }

    /// Claim every pool of `who` and its earnings of pools left; returns the pools visited.
    pub(crate) fn do_claim_all(who: T::AccountId) -> Result<u32, DispatchError> {
        let ids: Vec<PoolId> = OwnerPools::<T>::iter_key_prefix(&who)
            .take(T::MaxPoolsPerOwner::get() as usize)
            .collect();
        let from_left = OwnerAccounts::<T>::get(&who).unclaimed_left;
        let mut total = from_left;
        let mut accrued_total = BalanceOf::<T>::zero();
        for id in ids.iter() {
            if let Some((accrued, taken)) = Self::collect(*id, &who)? {
                accrued_total = accrued_total.saturating_add(accrued);
                total = total.checked_add(&taken).ok_or(Error::<T>::Overflow)?;
            }
        }
        Self::pay_collected(&who, total, accrued_total, from_left)?;
        let pools = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        Self::deposit_event(Event::ClaimedAll {
            who,
            amount: total,
            pools,
        });
        Ok(pools)
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

    /// `who` joins pool `id` with `weight`, or changes to it (accruing first). Weight 0
    /// means leaving. An altruist (see [`crate::altruism`]) joins with weight 0 in the
    /// accumulator and its weight goes to its beneficiary.
    pub fn do_join(id: PoolId, who: &T::AccountId, weight: u64) -> Result<(), Error<T>> {
        if weight == 0 {
            return Self::do_leave(id, who);
        }
        let mut pool = Pools::<T>::get(id).unwrap_or_default();
        let altruist = Altruism::<T>::get(id, who);
        match Members::<T>::get(id, who) {
            Some(mut member) => {
                match altruist {
                    Some(mut a) => {
                        if let Beneficiary::Fund(fund) = &a.to {
                            Self::refund_weight(id, fund, a.weight, weight)?;
                        }
                        a.weight = weight;
                        Altruism::<T>::insert(id, who, a);
                    }
                    None => {
                        let accrued = pool.reweight(&mut member, weight)?;
                        Members::<T>::insert(id, who, member);
                        Self::book_earned(who, accrued);
                    }
                }
                Self::deposit_event(Event::WeightChanged {
                    product: id.0,
                    purpose: id.1,
                    who: who.clone(),
                    weight,
                });
            }
            None => {
                let member = match altruist {
                    Some(mut a) => {
                        // A fund taken off the list since: the share stays with the others.
                        if let Beneficiary::Fund(fund) = &a.to {
                            if !Funds::<T>::get(fund).is_some_and(|i| i.approved) {
                                a.to = Beneficiary::OtherOwners;
                                Self::deposit_event(Event::BeneficiarySet {
                                    product: id.0,
                                    purpose: id.1,
                                    who: who.clone(),
                                    to: Some(Beneficiary::OtherOwners),
                                });
                            }
                        }
                        Self::attach(id, &a.to, weight)?;
                        a.weight = weight;
                        Altruism::<T>::insert(id, who, a);
                        pool.admit(0)?
                    }
                    None => pool.admit(weight)?,
                };
                Members::<T>::insert(id, who, member);
                Self::record_joined(id, who);
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

    /// `who` leaves pool `id`: accrued, its fraction of a unit goes back to the pool, its
    /// earnings move to its owner account (claimable with `claim_all`).
    pub fn do_leave(id: PoolId, who: &T::AccountId) -> Result<(), Error<T>> {
        let (Some(member), Some(mut pool)) = (Members::<T>::get(id, who), Pools::<T>::get(id))
        else {
            return Ok(());
        };
        let (accrued, kept) = pool.dismiss(member)?;
        let mut account = OwnerAccounts::<T>::get(who);
        account.unclaimed_left = account
            .unclaimed_left
            .checked_add(&kept)
            .ok_or(Error::<T>::Overflow)?;
        account.earned = account.earned.saturating_add(accrued);
        OwnerAccounts::<T>::insert(who, account);
        Members::<T>::remove(id, who);
        Pools::<T>::insert(id, pool);
        if let Some(mut a) = Altruism::<T>::get(id, who) {
            Self::detach(id, &a.to, a.weight)?;
            a.weight = 0;
            Altruism::<T>::insert(id, who, a);
        }
        Self::record_left(id, who);
        OwnerPools::<T>::remove(who, id);
        OwnerPoolCount::<T>::mutate_exists(who, |c| {
            *c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
        });
        Self::deposit_event(Event::Left {
            product: id.0,
            purpose: id.1,
            who: who.clone(),
            kept,
        });
        Ok(())
    }

    /// Open a stretch of `who`'s membership of pool `id` at the next sale's number. A stretch
    /// that ended at that same number (left and joined again with no sale between) is
    /// reopened; when the history is full, its two oldest stretches are merged first.
    fn record_joined(id: PoolId, who: &T::AccountId) {
        let now = SaleCount::<T>::get();
        MemberHistory::<T>::mutate(who, id, |history| {
            if let Some(last) = history.last_mut() {
                if last.until == Some(now) || last.until.is_none() {
                    last.until = None;
                    return;
                }
            }
            if history.is_full() && history.len() >= 2 {
                let second = history.remove(1);
                if let Some(first) = history.get_mut(0) {
                    first.until = second.until;
                }
            }
            if history
                .try_push(Membership {
                    from: now,
                    until: None,
                })
                .is_err()
            {
                frame_support::defensive!("membership history full after merging");
            }
        });
    }

    /// Close `who`'s open stretch of pool `id` at the next sale's number; a stretch in which
    /// no sale was delivered is dropped.
    fn record_left(id: PoolId, who: &T::AccountId) {
        let now = SaleCount::<T>::get();
        MemberHistory::<T>::mutate_exists(who, id, |entry| {
            let Some(history) = entry else { return };
            let Some(last) = history.last_mut() else {
                return;
            };
            if last.until.is_some() {
                frame_support::defensive!("a member left with no open stretch");
                return;
            }
            if last.from >= now {
                history.pop();
            } else {
                last.until = Some(now);
            }
            if history.is_empty() {
                *entry = None;
            }
        });
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

    fn has_stake(product: ProductId, purpose: Purpose, who: &T::AccountId) -> bool {
        let id = (product, purpose);
        Members::<T>::contains_key(id, who)
            || PoolFunds::<T>::get(id).iter().any(|(fund, _)| fund == who)
    }
}
