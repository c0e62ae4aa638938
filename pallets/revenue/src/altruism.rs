//! Data altruism (EU Data Governance Act): an owner may give its share of a pool's sales to a
//! council-approved public-interest fund, or leave it to the pool's other owners, and still
//! count for k.
//!
//! An altruistic member stays in the pool (it counts for k and its membership history is kept)
//! with weight 0 in the accumulator, so it earns nothing. Its contributed weight is kept in
//! [`Altruism`]; for a fund it is added to the fund's weight in the pool ([`PoolFunds`]). A
//! sale divides the owners' share over the paid members' weight plus the approved funds'
//! weights: each fund is credited `owners * fund weight / total` rounded down, in its owner
//! account (claimable with `claim_all`), and the rest goes through the accumulator to the paid
//! members. Nothing is minted or lost; each fund is at most one unit short of its exact share
//! and that unit stays with the paid members. With no paid member the funds share everything
//! (the first fund gets the units rounding left over).

use crate::{pallet::*, types::*, Beneficiary, FeelessAllowance};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::OriginFor;
use sp_core::U256;
use sp_runtime::traits::{CheckedAdd, CheckedSub, Saturating, Zero};

impl<T: Config> Pallet<T> {
    /// Whether the signer of `origin` is entitled to fee-less calls.
    /// `set_beneficiary`'s fee-less test: an entitled owner who is a member of the pool or
    /// has a choice there already (security review S10: no free entries for any pool).
    pub(crate) fn may_choose(origin: &OriginFor<T>, id: PoolId) -> bool {
        match origin.clone().into() {
            Ok(frame_system::RawOrigin::Signed(who)) => {
                T::Allowance::entitled(&who)
                    && (Members::<T>::contains_key(id, &who)
                        || Altruism::<T>::contains_key(id, &who))
            }
            _ => false,
        }
    }

    pub(crate) fn do_approve_fund(fund: T::AccountId) -> DispatchResult {
        let count = FundCount::<T>::get();
        let info = match Funds::<T>::get(&fund) {
            Some(info) if info.approved => return Err(Error::<T>::FundAlreadyApproved.into()),
            // Its pools' lists may have dropped it since: it comes back once no one names it.
            Some(_) => return Err(Error::<T>::FundStillNamed.into()),
            None => FundInfo {
                approved: true,
                ..Default::default()
            },
        };
        ensure!(count < T::MaxFunds::get(), Error::<T>::TooManyFunds);
        Funds::<T>::insert(&fund, info);
        FundCount::<T>::put(count.saturating_add(1));
        Self::deposit_event(Event::FundApproved { fund });
        Ok(())
    }

    pub(crate) fn do_remove_fund(fund: T::AccountId) -> DispatchResult {
        let mut info = Funds::<T>::get(&fund)
            .filter(|i| i.approved)
            .ok_or(Error::<T>::UnknownFund)?;
        info.approved = false;
        // Its place is free at once (security review I3): owners who still name it keep
        // their entry until they choose again or leave, and sales no longer credit it.
        FundCount::<T>::mutate(|c| *c = c.saturating_sub(1));
        Self::store_fund(&fund, info);
        Self::deposit_event(Event::FundRemoved { fund });
        Ok(())
    }

    /// Write a fund's entry back; a removed fund that no live membership names is forgotten.
    fn store_fund(fund: &T::AccountId, info: FundInfo<BalanceOf<T>>) {
        if !info.approved && info.altruists == 0 {
            Funds::<T>::remove(fund);
        } else {
            Funds::<T>::insert(fund, info);
        }
    }

    /// Whether `fund` is approved now.
    fn approved(fund: &T::AccountId) -> bool {
        Funds::<T>::get(fund).is_some_and(|i| i.approved)
    }

    /// A member with `weight` now gives its share of pool `id` to `to`.
    pub(crate) fn attach(
        id: PoolId,
        to: &Beneficiary<T::AccountId>,
        weight: u64,
    ) -> Result<(), Error<T>> {
        match to {
            Beneficiary::OtherOwners => ToOtherOwners::<T>::mutate(|c| *c = c.saturating_add(1)),
            Beneficiary::Fund(fund) => {
                let mut info = Funds::<T>::get(fund).ok_or(Error::<T>::UnknownFund)?;
                PoolFunds::<T>::try_mutate(id, |list| -> Result<(), Error<T>> {
                    // Removed funds make room: a sale no longer credits them anyway.
                    list.retain(|(f, _)| f == fund || Self::approved(f));
                    match list.iter_mut().find(|(f, _)| f == fund) {
                        Some(entry) => {
                            entry.1 = entry
                                .1
                                .checked_add(u128::from(weight))
                                .ok_or(Error::<T>::Overflow)?;
                        }
                        None => list
                            .try_push((fund.clone(), u128::from(weight)))
                            .map_err(|_| Error::<T>::TooManyFunds)?,
                    }
                    Ok(())
                })?;
                info.altruists = info.altruists.saturating_add(1);
                Funds::<T>::insert(fund, info);
            }
        }
        Ok(())
    }

    /// A member with `weight` no longer gives its share of pool `id` to `to`.
    pub(crate) fn detach(
        id: PoolId,
        to: &Beneficiary<T::AccountId>,
        weight: u64,
    ) -> Result<(), Error<T>> {
        match to {
            Beneficiary::OtherOwners => ToOtherOwners::<T>::mutate(|c| *c = c.saturating_sub(1)),
            Beneficiary::Fund(fund) => {
                Self::refund_weight(id, fund, weight, 0)?;
                if let Some(mut info) = Funds::<T>::get(fund) {
                    info.altruists = info.altruists.saturating_sub(1);
                    Self::store_fund(fund, info);
                }
            }
        }
        Ok(())
    }

    /// Change a fund's weight in pool `id` from an altruist's `old` weight to `new`.
    pub(crate) fn refund_weight(
        id: PoolId,
        fund: &T::AccountId,
        old: u64,
        new: u64,
    ) -> Result<(), Error<T>> {
        PoolFunds::<T>::try_mutate_exists(id, |entry| -> Result<(), Error<T>> {
            // A removed fund's place in a pool's list may have gone to an approved one.
            let removed = !Self::approved(fund);
            let Some(list) = entry else {
                return if removed {
                    Ok(())
                } else {
                    Err(Error::<T>::UnknownFund)
                };
            };
            let Some(pos) = list.iter().position(|(f, _)| f == fund) else {
                return if removed {
                    Ok(())
                } else {
                    Err(Error::<T>::UnknownFund)
                };
            };
            let slot = list.get_mut(pos).ok_or(Error::<T>::UnknownFund)?;
            slot.1 = slot
                .1
                .checked_sub(u128::from(old))
                .and_then(|w| w.checked_add(u128::from(new)))
                .ok_or(Error::<T>::Overflow)?;
            if slot.1 == 0 {
                list.remove(pos);
            }
            if list.is_empty() {
                *entry = None;
            }
            Ok(())
        })
    }

    /// The caller's choice of where its share of pool `id` goes (see `set_beneficiary`).
    pub(crate) fn do_set_beneficiary(
        id: PoolId,
        who: T::AccountId,
        to: Option<Beneficiary<T::AccountId>>,
    ) -> DispatchResult {
        if let Some(Beneficiary::Fund(fund)) = &to {
            ensure!(fund != &who, Error::<T>::OwnFund);
            ensure!(
                Funds::<T>::get(fund).is_some_and(|i| i.approved),
                Error::<T>::UnknownFund
            );
        }
        let current = Altruism::<T>::get(id, &who);
        ensure!(
            current.is_some() || Members::<T>::contains_key(id, &who),
            Error::<T>::NotMember
        );
        ensure!(
            current.as_ref().map(|a| &a.to) != to.as_ref(),
            Error::<T>::BeneficiaryUnchanged
        );
        let (weight, member) = match Members::<T>::get(id, &who) {
            Some(mut member) => {
                let mut pool = Pools::<T>::get(id).unwrap_or_default();
                let weight = match &current {
                    Some(a) => {
                        Self::detach(id, &a.to, a.weight)?;
                        a.weight
                    }
                    None => {
                        let weight = member.weight;
                        let accrued = pool.reweight(&mut member, 0).map_err(Error::<T>::from)?;
                        Self::book_earned(&who, accrued);
                        weight
                    }
                };
                match &to {
                    Some(b) => Self::attach(id, b, weight)?,
                    None => {
                        let accrued = pool
                            .reweight(&mut member, weight)
                            .map_err(Error::<T>::from)?;
                        Self::book_earned(&who, accrued);
                    }
                }
                Pools::<T>::insert(id, pool);
                Members::<T>::insert(id, &who, member);
                (weight, true)
            }
            None => (0, false),
        };
        match &to {
            Some(b) => Altruism::<T>::insert(
                id,
                &who,
                Altruist {
                    to: b.clone(),
                    weight: if member { weight } else { 0 },
                },
            ),
            None => Altruism::<T>::remove(id, &who),
        }
        Self::deposit_event(Event::BeneficiarySet {
            product: id.0,
            purpose: id.1,
            who,
            to,
        });
        Ok(())
    }

    /// Add units settled to `who` to its lifetime earnings.
    pub(crate) fn book_earned(who: &T::AccountId, accrued: BalanceOf<T>) {
        if !accrued.is_zero() {
            OwnerAccounts::<T>::mutate(who, |a| a.earned = a.earned.saturating_add(accrued));
        }
    }

    /// The approved funds' part of `owners` (just paid into pool `id`, whose paid members
    /// weigh `paid_weight`): each is credited to its fund's owner account; returns the sum and
    /// how many funds the pool lists (the work done, for the weight).
    pub(crate) fn credit_funds(
        id: PoolId,
        paid_weight: u128,
        owners: BalanceOf<T>,
    ) -> Result<(BalanceOf<T>, u32), DispatchError> {
        let list = PoolFunds::<T>::get(id);
        let listed = u32::try_from(list.len()).unwrap_or(u32::MAX);
        if list.is_empty() {
            return Ok((Zero::zero(), 0));
        }
        let funds: Vec<(T::AccountId, u128, FundInfo<BalanceOf<T>>)> = list
            .into_iter()
            .filter_map(|(f, w)| {
                let info = Funds::<T>::get(&f).filter(|i| i.approved)?;
                Some((f, w, info))
            })
            .collect();
        let funds_weight = funds
            .iter()
            .try_fold(0u128, |acc, (_, w, _)| acc.checked_add(*w))
            .ok_or(Error::<T>::Overflow)?;
        if funds_weight == 0 {
            return Ok((Zero::zero(), listed));
        }
        let total = U256::from(paid_weight).saturating_add(U256::from(funds_weight));
        let amount = crate::accumulator::to_u256(owners).map_err(Error::<T>::from)?;
        let mut parts = Vec::with_capacity(funds.len());
        let mut given = BalanceOf::<T>::zero();
        for (fund, weight, info) in funds {
            let exact = amount
                .checked_mul(U256::from(weight))
                .ok_or(Error::<T>::Overflow)?
                .checked_div(total)
                .ok_or(Error::<T>::Overflow)?;
            let part: BalanceOf<T> =
                crate::accumulator::to_balance(exact).map_err(Error::<T>::from)?;
            given = given.checked_add(&part).ok_or(Error::<T>::Overflow)?;
            parts.push((fund, part, info));
        }
        // No paid member: the funds share everything, the first one the units left over.
        if paid_weight == 0 {
            let left = owners.checked_sub(&given).ok_or(Error::<T>::Overflow)?;
            if let Some(first) = parts.first_mut() {
                first.1 = first.1.checked_add(&left).ok_or(Error::<T>::Overflow)?;
                given = owners;
            }
        }
        for (fund, part, mut info) in parts {
            if part.is_zero() {
                continue;
            }
            Self::credit_account(&fund, part)?;
            info.received = info.received.saturating_add(part);
            Funds::<T>::insert(&fund, info);
            Self::deposit_event(Event::FundCredited {
                product: id.0,
                purpose: id.1,
                fund,
                amount: part,
            });
        }
        ToFunds::<T>::mutate(|t| *t = t.saturating_add(given));
        Ok((given, listed))
    }

    /// The funds and what sales credited them (the `altruism` view).
    pub fn altruism_report() -> AltruismReport<T::AccountId, BalanceOf<T>> {
        // Every approved fund (at most `MaxFunds`), then removed ones still named, as many
        // again at most: a bounded answer that never leaves an approved fund out.
        let max = T::MaxFunds::get() as usize;
        let (mut approved, mut removed) = (Vec::new(), Vec::new());
        for (fund, info) in Funds::<T>::iter() {
            let line = FundLine {
                unclaimed: OwnerAccounts::<T>::get(&fund).unclaimed_left,
                fund,
                approved: info.approved,
                altruists: info.altruists,
                received: info.received,
            };
            if info.approved {
                approved.push(line);
            } else if removed.len() < max {
                removed.push(line);
            }
            if approved.len() >= max && removed.len() >= max {
                break;
            }
        }
        approved.append(&mut removed);
        let funds = approved;
        AltruismReport {
            to_funds: ToFunds::<T>::get(),
            to_other_owners: ToOtherOwners::<T>::get(),
            funds,
        }
    }
}
