//! The `on_idle` engine: due work (settlements at the end of dispute windows and subscription
//! periods, offer expiries) queued by block in pages ([`DueItems`], [`DueLastPage`]) and done
//! while weight remains. A late item is done in a later block: every item checks that it is
//! due, and none is ever refused for lack of room.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
    /// Do the due work of past blocks while weight remains; returns the weight used.
    pub(crate) fn process_due(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
        let db = T::DbWeight::get();
        // Measured in the runtime with the real revenue split.
        let per_item = T::WeightInfo::on_idle_settle().max(T::WeightInfo::on_idle_expire_offer());
        // A page: its index and items read, both written (or removed).
        let per_page = db.reads_writes(2, 2);
        let mut used = db.reads(1);
        if remaining.any_lt(used) {
            return Weight::zero();
        }
        let start = DueCursor::<T>::get();
        let mut cursor = start;
        while cursor <= now {
            if remaining.any_lt(used.saturating_add(per_page).saturating_add(per_item)) {
                break;
            }
            used = used.saturating_add(per_page);
            // The last page first: the pages before it stay as they are, and `schedule` keeps
            // appending to whichever page is last.
            let page = DueLastPage::<T>::get(cursor);
            let mut queue = DueItems::<T>::take(cursor, page);
            let mut done = 0usize;
            for item in queue.iter() {
                if remaining.any_lt(used.saturating_add(per_item)) {
                    break;
                }
                used = used.saturating_add(per_item);
                Self::do_due(*item, now);
                done = done.saturating_add(1);
            }
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
            used = used.saturating_add(db.writes(1));
        }
        used
    }

    /// One item of due work; stale items (closed orders, offers gone) are skipped.
    fn do_due(item: Due, now: BlockNumberFor<T>) {
        let _ = frame_support::storage::with_storage_layer(|| -> DispatchResult {
            match item {
                Due::Settle(order) => {
                    let mut o = Self::find_order(order)?;
                    let settleable = matches!(o.state, OrderState::Delivered)
                        && (o.confirmed || o.dispute_until.is_some_and(|d| now >= d));
                    if settleable {
                        Self::pay_due(order, &mut o)?;
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
        });
    }
}
