//! Closing a request at its deadline: fulfilled (k owners or more: each paid its equal part)
//! or refunded; and the `on_idle` engine that closes the due ones.

use crate::{pallet::*, CreditOwners, RequestId, RequestPrice, RequestState, WeightInfo};
use cityzen_primitives::due::{block_key, service_due, split_block_key, Done};
use frame_support::weights::WeightMeter;
use frame_support::{
    pallet_prelude::*,
    traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
    /// Close request `id` at or after its deadline; returns how many owners were paid.
    pub(crate) fn do_close(id: RequestId, now: BlockNumberFor<T>) -> Result<u32, DispatchError> {
        let mut r = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
        ensure!(r.state == RequestState::Open, Error::<T>::NotOpen);
        ensure!(now >= r.deadline, Error::<T>::DeadlineNotReached);
        let reason: T::RuntimeHoldReason = HoldReason::Budget.into();
        let owners = Respondents::<T>::get(id);
        let n = u32::try_from(owners.len()).map_err(|_| Error::<T>::Overflow)?;
        let paid = frame_support::storage::with_storage_layer(|| -> Result<u32, DispatchError> {
            let mut totals = Totals::<T>::get();
            if n >= r.min_owners {
                let amount = match r.price {
                    RequestPrice::PerOwner(p) => p
                        .checked_mul(&BalanceOf::<T>::from(n))
                        .ok_or(Error::<T>::Overflow)?,
                    RequestPrice::Total(b) => b,
                };
                let split = T::Payout::credit_equally(&r.seeker, &reason, amount, &owners)?;
                let spent = amount
                    .checked_sub(&split.returned)
                    .ok_or(Error::<T>::Overflow)?;
                let back = r.held.checked_sub(&spent).ok_or(Error::<T>::Overflow)?;
                if !back.is_zero() {
                    T::Currency::release(&reason, &r.seeker, back, Precision::Exact)?;
                }
                totals.fulfilled = totals.fulfilled.saturating_add(1);
                totals.paid = totals.paid.saturating_add(spent);
                totals.fees = totals.fees.saturating_add(split.fee);
                r.state = RequestState::Fulfilled;
                r.split = Some(split);
                Self::deposit_event(Event::RequestFulfilled {
                    id,
                    fee: split.fee,
                    per_owner: split.per_owner,
                    owners: n,
                    returned: back,
                });
            } else {
                if !r.held.is_zero() {
                    T::Currency::release(&reason, &r.seeker, r.held, Precision::Exact)?;
                }
                totals.refunded = totals.refunded.saturating_add(1);
                r.state = RequestState::Refunded;
                Self::deposit_event(Event::RequestRefunded {
                    id,
                    respondents: n,
                    refunded: r.held,
                });
            }
            Totals::<T>::put(totals);
            Due::<T>::remove(due_key::<T>(r.deadline, id));
            let paid = if r.state == RequestState::Fulfilled {
                n
            } else {
                0
            };
            r.held = Zero::zero();
            r.closed = Some(now);
            Requests::<T>::insert(id, r);
            Ok(paid)
        })?;
        Ok(paid)
    }

    /// Close the requests whose deadline has come, earliest first, while `limit` has room
    /// for closing the largest one (one [`service_due`] loop).
    pub(crate) fn close_due(now: BlockNumberFor<T>, limit: Weight) -> Weight {
        let read = T::DbWeight::get().reads(1);
        let worst = T::WeightInfo::close(T::MaxRespondents::get()).saturating_add(read);
        let mut meter = WeightMeter::with_limit(limit);
        // The read that finds the first due request, or none.
        if meter.try_consume(read).is_err() {
            return Weight::zero();
        }
        let now_key: u64 = now.unique_saturated_into();
        service_due(
            &mut meter,
            worst,
            || {
                Due::<T>::iter_keys()
                    .next()
                    .map(|k| split_block_key(&k))
                    .filter(|(deadline, _)| *deadline <= now_key)
            },
            |(deadline, id)| match Self::do_close(id, now) {
                Ok(paid) => Done::Ok(T::WeightInfo::close(paid).saturating_add(read)),
                Err(_) => {
                    // Never block the queue: the request stays open for `close`.
                    Due::<T>::remove(block_key(deadline, id));
                    Done::Failed(
                        T::WeightInfo::close(0).saturating_add(read),
                        "a due request could not be closed",
                    )
                }
            },
        );
        meter.consumed()
    }
}
