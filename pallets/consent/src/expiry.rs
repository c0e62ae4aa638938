//! Expiry: each consent with an expiry waits in its block's queue, in pages, and
//! `on_initialize` ends the due ones, oldest first, within a bounded number per block.

use crate::{pallet::*, types::*, ProductId, WeightInfo};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
    /// Queues the expiry of `owner`'s consent for `product` at block `at`: in the last page
    /// of that block, or a new page when it is full. The page.
    pub(crate) fn schedule_expiry(
        owner: &T::AccountId,
        product: ProductId,
        at: BlockNumberFor<T>,
    ) -> u32 {
        let pages = ExpiryPages::<T>::get(at);
        if let Some(last) = pages.checked_sub(1) {
            let pushed =
                ExpiryQueue::<T>::try_mutate(at, last, |q| q.try_push((owner.clone(), product)));
            if pushed.is_ok() {
                return last;
            }
        }
        ExpiryQueue::<T>::insert(
            at,
            pages,
            BoundedVec::truncate_from(alloc::vec![(owner.clone(), product)]),
        );
        ExpiryPages::<T>::insert(at, pages.saturating_add(1));
        pages
    }

    pub(crate) fn unschedule_expiry(
        owner: &T::AccountId,
        product: ProductId,
        at: BlockNumberFor<T>,
        page: u32,
    ) {
        ExpiryQueue::<T>::mutate_exists(at, page, |q| {
            if let Some(queue) = q {
                queue.retain(|(o, p)| !(o == owner && *p == product));
                if queue.is_empty() {
                    *q = None;
                }
            }
        });
    }

    /// `on_initialize`: ends the consents due at `now` or before and not ended yet, at
    /// most `MaxExpiriesPerBlock` of them, oldest block first; the weight used.
    pub(crate) fn process_expiries(now: BlockNumberFor<T>) -> Weight {
        let max = T::MaxExpiriesPerBlock::get();
        let mut done: u32 = 0;
        // Blocks visited (one read each, at most 64 empty ones per block) and pages written.
        let mut blocks: u64 = 0;
        let mut writes: u64 = 0;
        let mut at = ExpiryCursor::<T>::get();
        let start = at;
        'blocks: while at <= now && blocks < 64 {
            blocks = blocks.saturating_add(1);
            if ExpiryPages::<T>::get(at) > 0 {
                let pages: alloc::vec::Vec<(
                    u32,
                    BoundedVec<(T::AccountId, ProductId), T::MaxExpiriesPerBlock>,
                )> = ExpiryQueue::<T>::iter_prefix(at).collect();
                for (page, mut queue) in pages {
                    let room = max.saturating_sub(done) as usize;
                    let take = room.min(queue.len());
                    for (owner, product) in queue.iter().take(take) {
                        Self::expire(owner, *product, at);
                    }
                    done = done.saturating_add(take as u32);
                    writes = writes.saturating_add(1);
                    if take < queue.len() {
                        queue.drain(..take);
                        ExpiryQueue::<T>::insert(at, page, queue);
                        break 'blocks;
                    }
                    ExpiryQueue::<T>::remove(at, page);
                }
                ExpiryPages::<T>::remove(at);
                writes = writes.saturating_add(1);
            }
            at = at.saturating_add(One::one());
        }
        if at != start {
            ExpiryCursor::<T>::put(at);
            writes = writes.saturating_add(1);
        }
        T::WeightInfo::on_initialize_expiries(done)
            .saturating_add(T::DbWeight::get().reads_writes(blocks, writes))
    }

    /// Ends `owner`'s consent for `product` if it is live and expires at block `at`.
    pub(crate) fn expire(owner: &T::AccountId, product: ProductId, at: BlockNumberFor<T>) {
        let Some(mut record) = Consents::<T>::get(owner, product) else {
            return;
        };
        if record.state.is_live() && record.expires_at == Some(at) {
            Self::end(owner, product, &mut record, ConsentState::Expired);
            Self::deposit_event(Event::ConsentExpired {
                owner: owner.clone(),
                product,
            });
        }
    }
}
