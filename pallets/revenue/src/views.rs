//! Reads for owners' apps: what a claim would pay, and an owner's statement.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
    /// Every pool `who` was ever in, with its stretches of membership in sale numbers, oldest
    /// first (pools in storage order).
    pub fn memberships(who: &T::AccountId) -> Vec<(PoolId, Vec<Membership>)> {
        MemberHistory::<T>::iter_prefix(who)
            .map(|(id, history)| (id, history.into_inner()))
            .collect()
    }

    /// What `claim` would pay `who` from pool `id` now, if it is a member.
    pub fn pending_in(id: PoolId, who: &T::AccountId) -> Option<BalanceOf<T>> {
        let mut member = Members::<T>::get(id, who)?;
        let pool = Pools::<T>::get(id)?;
        member.accrue(&pool).ok()?;
        Some(member.unclaimed)
    }

    /// `who`'s statement: each live pool (weight, earned, claimed, pending), earnings of
    /// pools left, lifetime totals and what `claim_all` would pay.
    pub fn statement(who: &T::AccountId) -> Statement<BalanceOf<T>> {
        let account = OwnerAccounts::<T>::get(who);
        let mut pools = Vec::new();
        let mut pending = account.unclaimed_left;
        let mut earned = account.earned;
        for id in OwnerPools::<T>::iter_key_prefix(who).take(T::MaxPoolsPerOwner::get() as usize) {
            let (Some(mut member), Some(pool)) = (Members::<T>::get(id, who), Pools::<T>::get(id))
            else {
                continue;
            };
            let Ok(accrued) = member.accrue(&pool) else {
                continue;
            };
            earned = earned.saturating_add(accrued);
            pending = pending.saturating_add(member.unclaimed);
            pools.push(PoolLine {
                product_id: id.0,
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

    /// This pallet's part of the KPIs: what altruistic owners gave to public-interest funds.
    pub fn add_kpis(k: &mut cityzen_primitives::market::Kpis<BalanceOf<T>>) {
        k.given_to_funds = ToFunds::<T>::get();
    }
}
