//! The requests pallet's invariants, checked by `try_state` (try-runtime) and after every unit
//! test.
//!
//! * Held in budgets == the sum of the open requests' `held`, per seeker; a closed request
//!   holds nothing.
//! * An open request is in [`Due`] under its deadline, and nothing else is; its respondents
//!   are its [`Responses`] (none withdrawn), at most `max_owners`, with no duplicates.
//! * A fulfilled request's split accounts for its payment exactly and paid at least
//!   `min_owners`; [`OwnerResponses`] is exactly the set of [`Responses`].
//! * [`RequestCount`] is the highest id, and [`Totals`] counts the closed requests by state.

use crate::{pallet::*, RequestPrice, RequestState};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::{CheckedAdd, CheckedMul, CheckedSub, Zero};

impl<T: Config> Pallet<T> {
    /// Check every invariant (see the module's documentation).
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
        let (mut fulfilled, mut refunded, mut cancelled) = (0u64, 0u64, 0u64);
        let mut paid = BalanceOf::<T>::zero();
        let mut open = BTreeSet::new();
        let count = RequestCount::<T>::get();
        for (id, r) in Requests::<T>::iter() {
            ensure!(id >= 1 && id <= count, "a request id beyond RequestCount");
            let list = Respondents::<T>::get(id);
            let unique: BTreeSet<_> = list.iter().collect();
            ensure!(unique.len() == list.len(), "an owner responded twice");
            ensure!(
                u32::try_from(list.len()).ok() == Some(r.respondents),
                "respondents count differs from the list"
            );
            let answered = Responses::<T>::iter_prefix(id).count();
            ensure!(answered == list.len(), "responses differ from respondents");
            for owner in list.iter() {
                ensure!(
                    Responses::<T>::contains_key(id, owner),
                    "a respondent has no response"
                );
            }
            match r.state {
                RequestState::Open => {
                    ensure!(
                        r.respondents <= r.max_owners,
                        "more respondents than max_owners"
                    );
                    ensure!(
                        r.closed.is_none() && r.split.is_none(),
                        "an open request closed"
                    );
                    ensure!(
                        Due::<T>::contains_key(due_key::<T>(r.deadline, id)),
                        "an open request is not due"
                    );
                    for (_, resp) in Responses::<T>::iter_prefix(id) {
                        ensure!(
                            resp.withdrawn.is_none(),
                            "a withdrawn answer on an open request"
                        );
                    }
                    let budget = Self::budget_of(&r.price, r.max_owners)
                        .map_err(|_| "an open request's budget overflows")?;
                    ensure!(
                        r.held == budget,
                        "an open request holds other than its budget"
                    );
                    let s = held.entry(r.seeker.clone()).or_insert_with(Zero::zero);
                    *s = s.checked_add(&r.held).ok_or("held overflows")?;
                    open.insert(id);
                }
                closed => {
                    held.entry(r.seeker.clone()).or_insert_with(Zero::zero);
                    ensure!(r.held.is_zero(), "a closed request still holds funds");
                    ensure!(r.closed.is_some(), "a closed request without a block");
                    match closed {
                        RequestState::Fulfilled => {
                            fulfilled = fulfilled.saturating_add(1);
                            let s = r.split.ok_or("a fulfilled request without a split")?;
                            ensure!(
                                s.owners == r.respondents,
                                "paid owners differ from respondents"
                            );
                            ensure!(s.owners >= r.min_owners, "fulfilled below k");
                            let amount = match r.price {
                                RequestPrice::PerOwner(p) => p
                                    .checked_mul(&BalanceOf::<T>::from(s.owners))
                                    .ok_or("payment overflows")?,
                                RequestPrice::Total(b) => b,
                            };
                            let parts = s
                                .per_owner
                                .checked_mul(&BalanceOf::<T>::from(s.owners))
                                .and_then(|o| o.checked_add(&s.fee))
                                .and_then(|o| o.checked_add(&s.returned))
                                .ok_or("split overflows")?;
                            ensure!(parts == amount, "a split does not add up to the payment");
                            let spent =
                                amount.checked_sub(&s.returned).ok_or("split underflows")?;
                            paid = paid.checked_add(&spent).ok_or("paid overflows")?;
                        }
                        RequestState::Refunded => refunded = refunded.saturating_add(1),
                        _ => {
                            cancelled = cancelled.saturating_add(1);
                            ensure!(r.respondents == 0, "a cancelled request had respondents");
                        }
                    }
                }
            }
        }
        for key in Due::<T>::iter_keys() {
            let (_, id) = cityzen_primitives::due::split_block_key(&key);
            ensure!(
                open.contains(&id),
                "a due entry for a request that is not open"
            );
        }
        ensure!(
            Due::<T>::iter_keys().count() == open.len(),
            "due entries differ from open requests"
        );
        let reason: T::RuntimeHoldReason = HoldReason::Budget.into();
        for (seeker, amount) in held.iter() {
            ensure!(
                T::Currency::balance_on_hold(&reason, seeker) == *amount,
                "a seeker's hold differs from its open requests"
            );
        }
        let mut indexed = 0usize;
        for (owner, key, ()) in OwnerResponses::<T>::iter() {
            ensure!(
                Responses::<T>::contains_key(u64::from_be_bytes(key), &owner),
                "an owner index entry without a response"
            );
            indexed = indexed.saturating_add(1);
        }
        ensure!(
            indexed == Responses::<T>::iter().count(),
            "a response missing from the owner index"
        );
        let totals = Totals::<T>::get();
        ensure!(totals.fulfilled == fulfilled, "Totals.fulfilled is wrong");
        ensure!(totals.refunded == refunded, "Totals.refunded is wrong");
        ensure!(totals.cancelled == cancelled, "Totals.cancelled is wrong");
        ensure!(totals.paid == paid, "Totals.paid is wrong");
        Ok(())
    }
}
