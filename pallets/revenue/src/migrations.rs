//! Storage migrations of the revenue pallet.

use crate::{pallet::*, types::*};
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
    migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Version 1 → 2: the owners' membership history ([`crate::MemberHistory`]). Version 1 did not
/// keep when a member joined, so each member's stretch is opened at order 0: its disclosures
/// then list every order of the pool placed before the upgrade (more than it may have been in,
/// never fewer).
pub type V1ToV2<T> =
    VersionedMigration<1, 2, v2::OpenHistory<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;

/// The move to version 2.
pub mod v2 {
    use super::*;

    /// Opens a stretch from order 0 for every member of every pool.
    pub struct OpenHistory<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for OpenHistory<T> {
        fn on_runtime_upgrade() -> Weight {
            let mut n = 0u64;
            for (id, who, _) in Members::<T>::iter() {
                let open = Membership {
                    from: 0,
                    until: None,
                };
                MemberHistory::<T>::insert(&who, id, BoundedVec::truncate_from(alloc::vec![open]));
                n = n.saturating_add(1);
            }
            T::DbWeight::get().reads_writes(n, n)
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            ensure!(
                MemberHistory::<T>::iter_keys().next().is_none(),
                "a membership history exists before the migration"
            );
            Ok((Members::<T>::iter_keys().count() as u64).encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let members = u64::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            ensure!(
                MemberHistory::<T>::iter_keys().count() as u64 == members,
                "not every member has a membership history"
            );
            Ok(())
        }
    }
}
