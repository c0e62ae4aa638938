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
//! * Altruism: a member has weight 0 in the accumulator exactly when it is an altruist, and an
//!   altruist's recorded weight is non-zero exactly while it is a member; each pool's fund
//!   weights are the sums of its live altruists' weights per fund, every fund named by a live
//!   altruist is in [`Funds`], whose counts of altruists, of approved funds ([`FundCount`], at
//!   most `MaxFunds`) and [`ToOtherOwners`] add up; a removed fund is kept only while named;
//!   funds never received more than [`ToFunds`].
//! * The pallet account holds exactly its minimum balance plus every pool's `revenue -
//!   released` plus the owners' earnings of pools left.

use crate::{pallet::*, Beneficiary, PoolId};
use alloc::{collections::BTreeMap, vec::Vec};
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

    /// The altruism invariants (see the module's documentation).
    fn check_altruism() -> Result<(), sp_runtime::TryRuntimeError> {
        for (id, who, member) in Members::<T>::iter() {
            let altruist = Altruism::<T>::get(id, &who);
            ensure!(
                (member.weight == 0) == altruist.is_some(),
                "a member has weight 0 without being an altruist, or the reverse"
            );
        }
        let mut weights: BTreeMap<(PoolId, T::AccountId), u128> = BTreeMap::new();
        let mut named: BTreeMap<T::AccountId, u32> = BTreeMap::new();
        let mut others = 0u32;
        for (id, who, a) in Altruism::<T>::iter() {
            ensure!(
                (a.weight > 0) == Members::<T>::contains_key(id, &who),
                "an altruist's weight is set while not a member, or the reverse"
            );
            if a.weight == 0 {
                continue;
            }
            match a.to {
                Beneficiary::OtherOwners => others = others.saturating_add(1),
                Beneficiary::Fund(fund) => {
                    let w = weights.entry((id, fund.clone())).or_default();
                    *w = w.saturating_add(u128::from(a.weight));
                    let n = named.entry(fund).or_default();
                    *n = n.saturating_add(1);
                }
            }
        }
        ensure!(
            others == ToOtherOwners::<T>::get(),
            "ToOtherOwners != altruists giving to other owners"
        );
        let mut listed = 0usize;
        let approved = |f: &T::AccountId| Funds::<T>::get(f).is_some_and(|i| i.approved);
        for (id, list) in PoolFunds::<T>::iter() {
            ensure!(!list.is_empty(), "an empty fund list is stored");
            for (fund, w) in list.iter() {
                ensure!(*w > 0, "a fund with weight 0 is listed in a pool");
                ensure!(
                    Funds::<T>::contains_key(fund),
                    "a pool lists a fund that is not kept"
                );
                // A removed fund's entry may be stale or gone (its place went to another).
                if approved(fund) {
                    ensure!(
                        weights.get(&(id, fund.clone())).copied() == Some(*w),
                        "a pool's fund weight != its altruists' weights"
                    );
                    listed = listed.saturating_add(1);
                }
            }
        }
        ensure!(
            listed == weights.keys().filter(|(_, f)| approved(f)).count(),
            "an altruist's approved fund is missing from its pool's list"
        );
        let mut count = 0u32;
        let mut received = BalanceOf::<T>::zero();
        for (fund, info) in Funds::<T>::iter() {
            if info.approved {
                count = count.saturating_add(1);
            }
            ensure!(
                info.altruists == named.get(&fund).copied().unwrap_or(0),
                "a fund's count of altruists is wrong"
            );
            ensure!(
                info.approved || info.altruists > 0,
                "a removed fund no one names is kept"
            );
            received = received
                .checked_add(&info.received)
                .ok_or("received overflow")?;
        }
        for fund in named.keys() {
            ensure!(
                Funds::<T>::contains_key(fund),
                "an altruist names a fund that is not kept"
            );
        }
        ensure!(
            count == FundCount::<T>::get(),
            "FundCount != approved funds"
        );
        ensure!(
            count <= T::MaxFunds::get(),
            "more than MaxFunds approved funds"
        );
        ensure!(
            received <= ToFunds::<T>::get(),
            "funds received more than ToFunds"
        );
        Ok(())
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
        let sales = SaleCount::<T>::get();
        for (who, id, history) in MemberHistory::<T>::iter() {
            ensure!(!history.is_empty(), "an empty membership history is stored");
            // Stretches are in sale numbers: none starts or ends after the next sale.
            ensure!(
                history
                    .iter()
                    .all(|m| m.from <= sales && m.until.is_none_or(|u| u <= sales)),
                "a membership stretch past the next sale's number"
            );
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
        Self::check_altruism()?;
        Self::check_sales()?;
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
