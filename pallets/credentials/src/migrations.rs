//! Storage migrations of the credentials pallet.

use crate::pallet::*;
#[cfg(feature = "try-runtime")]
use crate::Role;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
    migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use sp_runtime::traits::{One, Saturating};

/// Version 1 → 2: the valid-credential counts (per role, per issuer, their ends of validity)
/// and the generation → issuer map, built once from the credentials held.
pub type V1ToV2<T> =
    VersionedMigration<1, 2, CountCredentials<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

/// Builds the counts that version 2 keeps on write.
pub struct CountCredentials<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for CountCredentials<T> {
    fn on_runtime_upgrade() -> Weight {
        let mut reads = 0u64;
        let mut writes = 0u64;
        for (issuer, info) in Issuers::<T>::iter() {
            reads = reads.saturating_add(1);
            GenerationIssuer::<T>::insert(info.generation, issuer);
            writes = writes.saturating_add(1);
        }
        let now = frame_system::Pallet::<T>::block_number();
        for (_, role, c) in Credentials::<T>::iter() {
            reads = reads.saturating_add(1);
            if !Pallet::<T>::is_valid(&c, now) {
                continue;
            }
            ValidCount::<T>::mutate(role, |n| *n = n.saturating_add(1));
            IssuerCount::<T>::mutate(&c.issuer, role, |n| *n = n.saturating_add(1));
            if let Some(e) = c.expires_at {
                Expiring::<T>::mutate(
                    e.saturating_add(One::one()),
                    (c.issuer_generation, role),
                    |n| *n = n.saturating_add(1),
                );
            }
            writes = writes.saturating_add(3);
        }
        T::DbWeight::get().reads_writes(reads, writes)
    }

    #[cfg(feature = "try-runtime")]
    fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
        let now = frame_system::Pallet::<T>::block_number();
        let counts: Vec<u32> = Role::ALL
            .iter()
            .map(|r| {
                Credentials::<T>::iter()
                    .filter(|(_, role, c)| role == r && Pallet::<T>::is_valid(c, now))
                    .count() as u32
            })
            .collect();
        Ok(counts.encode())
    }

    #[cfg(feature = "try-runtime")]
    fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
        let before = Vec::<u32>::decode(&mut &state[..])
            .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
        for (role, n) in Role::ALL.iter().zip(before) {
            ensure!(
                ValidCount::<T>::get(role) == n,
                "valid count differs from the credentials"
            );
        }
        Pallet::<T>::do_try_state()
    }
}
