//! The pallet's invariants (`try_state`).

use crate::{pallet::*, Role};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
    /// Checks the pallet's invariants: every sweep index and owner expiry entry has its
    /// DataOwner credential, no lapsed owner holds a valid one; every DataOwner credential's subject is kept alive,
    /// and every account kept alive holds a sufficient reference; every issuer's generation is below the next one; every
    /// consumer credential has a class and no other has one; the valid counts per role are
    /// the credentials counted; every generation listed is its issuer's current one.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let next = NextIssuerGeneration::<T>::get();
        for (_, info) in Issuers::<T>::iter() {
            ensure!(
                info.generation < next,
                "issuer generation not below the next one"
            );
            ensure!(
                !info.roles.is_empty() && info.roles.is_valid(),
                "issuer with bad roles"
            );
        }
        let mut valid = alloc::collections::BTreeMap::<Role, u32>::new();
        for (subject, role, c) in Credentials::<T>::iter() {
            if Self::counted(&c, role) {
                let n = valid.entry(role).or_default();
                *n = n.saturating_add(1);
            }
            ensure!(
                (role == Role::DataConsumer) == c.class.is_some(),
                "consumer class on the wrong credential"
            );
            if role == Role::DataOwner {
                ensure!(
                    KeptAlive::<T>::contains_key(&subject),
                    "data owner not kept alive"
                );
            }
        }
        for role in Role::ALL {
            ensure!(
                ValidCount::<T>::get(role) == valid.get(&role).copied().unwrap_or(0),
                "valid credential count out of step"
            );
        }
        for subject in KeptAlive::<T>::iter_keys() {
            ensure!(
                frame_system::Pallet::<T>::sufficients(&subject) >= 1,
                "kept-alive account without a sufficient reference"
            );
        }
        for (generation, who, ()) in IssuedOwners::<T>::iter() {
            ensure!(
                Credentials::<T>::get(&who, Role::DataOwner)
                    .is_some_and(|c| c.issuer_generation == generation),
                "sweep index entry without its DataOwner credential"
            );
        }
        // Booked changes: expiries and the revocations, renunciations and re-issues of the
        // block before; each is evaluated when reached, so any entry is allowed.
        let mut booked = alloc::collections::BTreeSet::new();
        for (end, owners) in OwnerExpiries::<T>::iter() {
            ensure!(
                end >= LapseCursor::<T>::get(),
                "an owner expiry list behind the cursor"
            );
            booked.extend(owners);
        }
        for who in Lapsed::<T>::iter_keys() {
            ensure!(
                Self::valid_credential(&who, Role::DataOwner).is_none() || booked.contains(&who),
                "a lapsed owner with a valid credential and no restoration booked"
            );
        }
        for (generation, issuer) in GenerationIssuer::<T>::iter() {
            ensure!(
                Issuers::<T>::get(&issuer).is_some_and(|i| i.generation == generation),
                "generation of an issuer not approved"
            );
        }
        Ok(())
    }
}
