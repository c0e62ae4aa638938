//! The revenue pallet's invariants, checked by `try_state` (try-runtime) and after every unit
//! test.
//!
//! * Each pool agrees with its members ([`Pool::check`]): total weight and member count add
//!   up, fractions and the advance are below one unit, and `revenue * SCALE + overcredited ==
//!   released * SCALE + undistributed + Σ members`.
//! * Every member is in [`OwnerPools`], every [`OwnerPools`] entry is a member, and
//!   [`OwnerPoolCount`] counts them, at most `MaxPoolsPerOwner`.
//! * [`MemberHistory`]: each owner's stretches of a pool are in order and do not overlap, only
//!   the last may be open, and it is open exactly while the owner is a member.
//! * The pallet account holds exactly its minimum balance plus every pool's `revenue -
//!   released` plus the owners' earnings of pools left.

use crate::pallet::*;
use alloc::vec::Vec;
use frame_support::{ensure, traits::fungible::Inspect, traits::Get};
use sp_runtime::traits::{CheckedAdd, CheckedSub, Zero};

impl<T: Config> Pallet<T> {
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

    /// Check the invariants above.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        for (id, pool) in Pools::<T>::iter() {
            let mut members = Vec::new();
            for (who, member) in Members::<T>::iter_prefix(id) {
                ensure!(
                    OwnerPools::<T>::contains_key(&who, id),
                    "a member is missing from OwnerPools"
                );
                members.push(member);
            }
            pool.check(members.iter())?;
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
        for (who, id, history) in MemberHistory::<T>::iter() {
            ensure!(!history.is_empty(), "an empty membership history is stored");
            let mut end = 0u64;
            for (i, m) in history.iter().enumerate() {
                ensure!(
                    m.from >= end,
                    "membership stretches overlap or are out of order"
                );
                match m.until {
                    Some(until) => {
                        ensure!(until > m.from, "an empty membership stretch is stored");
                        end = until;
                    }
                    None => ensure!(
                        i.saturating_add(1) == history.len(),
                        "an open membership stretch is not the last"
                    ),
                }
            }
            let open = history.last().is_some_and(|m| m.until.is_none());
            ensure!(
                open == Members::<T>::contains_key(id, &who),
                "an open membership stretch without membership, or the reverse"
            );
        }
        for (id, who, _) in Members::<T>::iter() {
            ensure!(
                MemberHistory::<T>::get(&who, id)
                    .last()
                    .is_some_and(|m| m.until.is_none()),
                "a member without an open membership stretch"
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
