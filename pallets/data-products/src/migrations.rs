//! Storage migrations of the data products pallet. (Version 1 → 2 reads other pallets' storage
//! too and is the runtime's: `cityzen_runtime::migrations::DataProductsV1ToV2`.)

use crate::{pallet::*, types::product_key};
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
    migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Version 2 → 3: the owners' index of products ([`crate::OwnerProducts`]), built once from
/// the contributors.
pub type V2ToV3<T> = VersionedMigration<
    2,
    3,
    v3::IndexOwnerProducts<T>,
    Pallet<T>,
    <T as frame_system::Config>::DbWeight,
>;

/// The move to version 3.
pub mod v3 {
    use super::*;

    /// Writes every contributor into the owners' index.
    pub struct IndexOwnerProducts<T>(core::marker::PhantomData<T>);

    impl<T: Config> UncheckedOnRuntimeUpgrade for IndexOwnerProducts<T> {
        fn on_runtime_upgrade() -> Weight {
            let mut n = 0u64;
            for (product, owner, _) in Contributors::<T>::iter() {
                OwnerProducts::<T>::insert(owner, product_key(product), ());
                n = n.saturating_add(1);
            }
            T::DbWeight::get().reads_writes(n, n)
        }

        #[cfg(feature = "try-runtime")]
        fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
            ensure!(
                OwnerProducts::<T>::iter_keys().next().is_none(),
                "the owners' index exists before the migration"
            );
            Ok((Contributors::<T>::iter_keys().count() as u64).encode())
        }

        #[cfg(feature = "try-runtime")]
        fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
            let contributors = u64::decode(&mut &state[..])
                .map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
            ensure!(
                OwnerProducts::<T>::iter_keys().count() as u64 == contributors,
                "the owners' index does not list every contributor"
            );
            Ok(())
        }
    }
}
