//! The consent registry's invariants, checked by `try_state` (try-runtime) and after every unit
//! test.

use crate::pallet::*;
use frame_support::ensure;

impl<T: Config> Pallet<T> {
    /// Checks the invariants: each owner's live products are exactly its live records (no
    /// duplicates, bounded by the type); the live count matches; every live record with an expiry is queued at that block, in the
    /// future; every queued entry is a live record expiring at that block.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let now = frame_system::Pallet::<T>::block_number();
        let mut live: u32 = 0;
        let mut owners = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
        for (owner, product, record) in Consents::<T>::iter() {
            ensure!(!record.purposes.is_empty(), "consent with no purposes");
            if record.state.is_live() {
                live = live.saturating_add(1);
                let c = owners.entry(owner.clone()).or_default();
                *c = c.saturating_add(1);
                ensure!(
                    LiveProducts::<T>::get(&owner).contains(&product),
                    "live consent not in the owner's live products"
                );
                if let Some(at) = record.expires_at {
                    ensure!(
                        at > now || at >= ExpiryCursor::<T>::get(),
                        "live consent past its expiry and behind the queue"
                    );
                    ensure!(
                        ExpiryQueue::<T>::get(at, record.expiry_page)
                            .contains(&(owner.clone(), product)),
                        "live consent with expiry not queued"
                    );
                }
            }
        }
        ensure!(
            live == LiveConsentCount::<T>::get(),
            "live consent count mismatch"
        );
        for (owner, products) in LiveProducts::<T>::iter() {
            ensure!(!products.is_empty(), "empty live products kept");
            ensure!(
                !cityzen_primitives::has_duplicates(&products),
                "a product twice in an owner's live products"
            );
            ensure!(
                owners.get(&owner).copied().unwrap_or(0) as usize == products.len(),
                "live products of an owner that are not its live records"
            );
        }
        ensure!(
            owners.len() == LiveProducts::<T>::iter().count(),
            "owner with live records but no live products"
        );
        for (at, page, queue) in ExpiryQueue::<T>::iter() {
            ensure!(
                page < ExpiryPages::<T>::get(at),
                "an expiry page beyond its block's count"
            );
            ensure!(!queue.is_empty(), "an empty expiry page is kept");
            for (owner, product) in queue.iter() {
                let record = Consents::<T>::get(owner, product);
                ensure!(
                    record.is_some_and(|r| r.state.is_live() && r.expires_at == Some(at)),
                    "queued expiry of a consent that is not live or expires elsewhere"
                );
            }
        }
        Ok(())
    }
}
