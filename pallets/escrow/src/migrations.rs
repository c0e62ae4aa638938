//! Storage migrations of the escrow pallet.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
    migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};

/// Version 1 → 2: the due queue in pages, so a block's due work is never refused; the
/// deletions-due index and the market totals, built once from the order book.
pub type V1ToV2<T> =
    VersionedMigration<1, 2, v2::PageDueQueue<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

/// The storage of version 1, and the move to version 2.
pub mod v2 {
    use super::*;

    /// Version 1's queue: one bounded list per block (at most `MaxDuePerBlock` items; the same
    /// bound as `MaxDuePerPage` in this runtime, read here as an unbounded list).
    #[frame_support::storage_alias]
    pub(crate) type DueQueue<T: Config> =
        StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<Due>, OptionQuery>;

    /// Moves every block's list of due work to that block's pages, in order.
    pub struct PageDueQueue<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for PageDueQueue<T> {
        fn on_runtime_upgrade() -> Weight {
            let mut reads = 0u64;
            let mut writes = 0u64;
            let page_size = T::MaxDuePerPage::get().max(1) as usize;
            for (at, items) in DueQueue::<T>::drain() {
                reads = reads.saturating_add(1);
                writes = writes.saturating_add(1);
                let mut last = 0u32;
                for (page, chunk) in items.chunks(page_size).enumerate() {
                    let page = u32::try_from(page).unwrap_or(u32::MAX);
                    DueItems::<T>::insert(at, page, BoundedVec::truncate_from(chunk.to_vec()));
                    writes = writes.saturating_add(1);
                    last = page;
                }
                if last > 0 {
                    DueLastPage::<T>::insert(at, last);
                    writes = writes.saturating_add(1);
                }
            }
            let mut totals = MarketTotals::<BalanceOf<T>>::default();
            for (id, o) in Orders::<T>::iter() {
                reads = reads.saturating_add(1);
                totals.value_exchanged = totals.value_exchanged.saturating_add(o.paid);
                if o.delivered_at.is_some() {
                    totals.contracts_established = totals.contracts_established.saturating_add(1);
                }
                if let (Some(due), None) = (o.retention_due, &o.deletion) {
                    DeletionsDue::<T>::insert(deletion_key(due.unique_saturated_into(), id), ());
                    writes = writes.saturating_add(1);
                }
            }
            Totals::<T>::put(totals);
            writes = writes.saturating_add(1);
            T::DbWeight::get().reads_writes(reads, writes)
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            let items: u64 = DueQueue::<T>::iter_values().map(|q| q.len() as u64).sum();
            Ok(items.encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let before = u64::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            let after: u64 = DueItems::<T>::iter_values().map(|q| q.len() as u64).sum();
            ensure!(before == after, "due items lost or added by the migration");
            let overdue_open = Orders::<T>::iter_values()
                .filter(|o| o.retention_due.is_some() && o.deletion.is_none())
                .count();
            ensure!(
                DeletionsDue::<T>::iter_keys().count() == overdue_open,
                "deletions-due index does not match the order book"
            );
            ensure!(
                DueQueue::<T>::iter_keys().next().is_none(),
                "the old due queue is not empty"
            );
            Ok(())
        }
    }
}

/// Version 2 → 3: each buyer's order index keyed by the order id big-endian, so a record of
/// processing reads oldest first from a cursor.
pub type V2ToV3<T> = VersionedMigration<
    2,
    3,
    v3::OrderedBuyerIndex<T>,
    Pallet<T>,
    <T as frame_system::Config>::DbWeight,
>;

/// The storage of version 2, and the move to version 3.
pub mod v3 {
    use super::*;

    /// Version 2's index: the order id under `Twox64Concat` (iterates in hash order).
    #[frame_support::storage_alias]
    pub(crate) type BuyerOrders<T: Config> = StorageDoubleMap<
        Pallet<T>,
        Blake2_128Concat,
        <T as frame_system::Config>::AccountId,
        Twox64Concat,
        OrderId,
        (),
        OptionQuery,
    >;

    /// Re-keys every entry of the buyers' order index. The old keys are read first, then the
    /// prefix cleared and the new keys written (both versions share the storage prefix).
    pub struct OrderedBuyerIndex<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for OrderedBuyerIndex<T> {
        fn on_runtime_upgrade() -> Weight {
            let old: Vec<(T::AccountId, OrderId)> = BuyerOrders::<T>::iter_keys().collect();
            let n = old.len() as u64;
            let _ = BuyerOrders::<T>::clear(u32::MAX, None);
            for (buyer, id) in old {
                crate::BuyerOrders::<T>::insert(buyer, order_key(id), ());
            }
            T::DbWeight::get().reads_writes(n, n.saturating_mul(2))
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            let mut old: Vec<(T::AccountId, OrderId)> = BuyerOrders::<T>::iter_keys().collect();
            old.sort_by_key(|(_, id)| *id);
            Ok(old.encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let before = Vec::<(T::AccountId, OrderId)>::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            let mut after: Vec<(T::AccountId, OrderId)> = crate::BuyerOrders::<T>::iter_keys()
                .map(|(b, k)| (b, OrderId::from_be_bytes(k)))
                .collect();
            after.sort_by_key(|(_, id)| *id);
            ensure!(
                before == after,
                "buyer index entries lost or added by the migration"
            );
            Ok(())
        }
    }
}

/// Version 3 → 4: the pools' order index ([`crate::PoolOrders`]), built once from the order
/// book, so that an owner's disclosures read the orders of a pool in a range of ids.
pub type V3ToV4<T> = VersionedMigration<
    3,
    4,
    v4::IndexPoolOrders<T>,
    Pallet<T>,
    <T as frame_system::Config>::DbWeight,
>;

/// The move to version 4.
pub mod v4 {
    use super::*;

    /// Writes every order into the index of its pool.
    pub struct IndexPoolOrders<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for IndexPoolOrders<T> {
        fn on_runtime_upgrade() -> Weight {
            let mut n = 0u64;
            for (id, o) in Orders::<T>::iter() {
                crate::PoolOrders::<T>::insert((o.product, o.purpose), order_key(id), ());
                n = n.saturating_add(1);
            }
            T::DbWeight::get().reads_writes(n, n)
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            ensure!(
                crate::PoolOrders::<T>::iter_keys().next().is_none(),
                "the pools' order index exists before the migration"
            );
            Ok((Orders::<T>::iter_keys().count() as u64).encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let orders = u64::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            ensure!(
                crate::PoolOrders::<T>::iter_keys().count() as u64 == orders,
                "the pools' order index does not list every order"
            );
            for (id, o) in Orders::<T>::iter() {
                ensure!(
                    crate::PoolOrders::<T>::contains_key((o.product, o.purpose), order_key(id)),
                    "an order missing from its pool's index"
                );
            }
            Ok(())
        }
    }
}

/// Version 4 → 5: access in O(1) of the buyer's history. [`crate::Access`] keeps only open
/// orders; what closed orders gave is one block per buyer and product
/// ([`crate::AccessUntil`]), the latest end of a settled order's access.
pub type V4ToV5<T> =
    VersionedMigration<4, 5, v5::CloseAccess<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

/// The move to version 5.
pub mod v5 {
    use super::*;

    /// Drops closed orders from the access index, keeping the latest end of access of the
    /// settled ones per buyer and product.
    pub struct CloseAccess<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for CloseAccess<T> {
        fn on_runtime_upgrade() -> Weight {
            let mut reads = 0u64;
            let mut writes = 0u64;
            crate::Access::<T>::translate::<(), _>(|(buyer, product), id, ()| {
                reads = reads.saturating_add(2);
                let order = Orders::<T>::get(id);
                match order {
                    Some(o) if o.state.is_open() => Some(()),
                    Some(o) => {
                        writes = writes.saturating_add(1);
                        if let (OrderState::Settled, Some(until)) = (o.state, o.access_until) {
                            reads = reads.saturating_add(1);
                            writes = writes.saturating_add(1);
                            Pallet::<T>::extend_access((buyer, product), until);
                        }
                        None
                    }
                    None => {
                        writes = writes.saturating_add(1);
                        None
                    }
                }
            });
            T::DbWeight::get().reads_writes(reads, writes)
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            let now = frame_system::Pallet::<T>::block_number();
            let granted: Vec<(T::AccountId, crate::ProductId)> = crate::Access::<T>::iter_keys()
                .map(|(key, _)| key)
                .filter(|(who, product)| Pallet::<T>::access_at(who, *product, now))
                .collect();
            Ok(granted.encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let granted = Vec::<(T::AccountId, crate::ProductId)>::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            let now = frame_system::Pallet::<T>::block_number();
            for (who, product) in granted {
                ensure!(
                    Pallet::<T>::access_at(&who, product, now),
                    "access lost by the migration"
                );
            }
            Pallet::<T>::do_try_state()
        }
    }
}
