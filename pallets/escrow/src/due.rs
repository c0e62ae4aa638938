//! The `on_idle` engine: due work (settlements at the end of dispute windows and subscription
//! periods, offer expiries) queued by block in pages ([`DueItems`], [`DueLastPage`]) and done
//! while weight remains. A late item is done in a later block: every item checks that it is
//! due, and none is ever refused for lack of room.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use cityzen_primitives::due::{service_due, Done};
use frame_support::{
    pallet_prelude::*,
    weights::{Weight, WeightMeter},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
    /// Do the due work of past blocks while weight remains; returns the weight used. Each
    /// page's items go through the one [`service_due`] loop.
    pub(crate) fn process_due(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
        let db = T::DbWeight::get();
        // Measured in the runtime with the real revenue split.
        let per_item = T::WeightInfo::on_idle_settle().max(T::WeightInfo::on_idle_expire_offer());
        // A page: its index and items read, both written (or removed).
        let per_page = db.reads_writes(2, 2);
        let mut meter = WeightMeter::with_limit(remaining);
        // The cursor, read and (if it moves) written.
        if meter.try_consume(db.reads_writes(1, 1)).is_err() {
            return Weight::zero();
        }
        let start = DueCursor::<T>::get();
        let mut cursor = start;
        while cursor <= now {
            if !meter.can_consume(per_page.saturating_add(per_item)) {
                break;
            }
            meter.consume(per_page);
            // The last page first: the pages before it stay as they are, and `schedule` keeps
            // appending to whichever page is last.
            let page = DueLastPage::<T>::get(cursor);
            let mut queue = DueItems::<T>::take(cursor, page);
            let mut items = queue.iter().copied();
            let done = service_due(
                &mut meter,
                per_item,
                || items.next(),
                |item| match Self::do_due(item, now) {
                    Ok(()) => Done::Ok(per_item),
                    Err(_) => Done::Failed(per_item, "an item of due work failed"),
                },
            ) as usize;
            if done < queue.len() {
                let rest: Vec<Due> = queue.drain(done..).collect();
                DueItems::<T>::insert(cursor, page, BoundedVec::truncate_from(rest));
                break;
            }
            match page.checked_sub(1) {
                Some(previous) => DueLastPage::<T>::insert(cursor, previous),
                None => {
                    DueLastPage::<T>::remove(cursor);
                    cursor = cursor.saturating_add(1u32.into());
                }
            }
        }
        if cursor != start {
            DueCursor::<T>::put(cursor);
        }
        meter.consumed()
    }

    /// One item of due work; stale items (closed orders, offers gone) are skipped. A failure
    /// rolls the item back (and `service_due` reports it): it never stops the queue.
    fn do_due(item: Due, now: BlockNumberFor<T>) -> DispatchResult {
        frame_support::storage::with_storage_layer(|| -> DispatchResult {
            match item {
                Due::Settle(order) => {
                    let mut o = Self::find_order(order)?;
                    // Periods begun are credited, parts due are paid (a disputed or closed
                    // order waits for its resolution, or is done).
                    if o.state == OrderState::Delivered {
                        Self::advance(order, &mut o)?;
                        Orders::<T>::insert(order, o);
                    }
                }
                Due::ExpireDispute(order) => {
                    let o = Self::find_order(order)?;
                    if o.state == OrderState::Disputed {
                        Self::do_resolve(None, order, crate::FULL_SHARE)?;
                        Self::deposit_event(Event::DisputeExpired { order });
                    }
                }
                Due::ExpireOffer(offer) => {
                    if let Some(o) = Offers::<T>::get(offer) {
                        if now >= o.expires_at {
                            Self::close_offer(offer, o, true)?;
                        }
                    }
                }
            }
            Ok(())
        })
    }
}
