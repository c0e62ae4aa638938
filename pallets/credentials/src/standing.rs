//! A data owner's standing: when its DataOwner credential lapses (revoked, renounced, expired,
//! issuer removed) the runtime's [`OwnerStanding`] is told, once, and the owner's consents stop
//! counting (it leaves every revenue pool, with its earnings); when it holds a credential
//! again, they count again.
//!
//! Revocation and renunciation tell it in the same call, charged to the caller. Expiry tells it
//! in `on_initialize` of the first block the credential is no longer valid in (at most
//! [`Config::MaxOwnerLapsesPerBlock`] owners may expire in one block). A removed issuer's
//! owners are swept by `on_initialize`, `MaxOwnerLapsesPerBlock` per block, from the block
//! after the removal.

use crate::{pallet::*, CredentialOf, OwnerStanding, Role, WeightInfo};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
    /// The most telling one owner's lapse or restoration can cost: the listener's worst case
    /// and this pallet's flag.
    pub fn max_lapse_weight() -> Weight {
        T::OwnerStanding::max_weight().saturating_add(T::DbWeight::get().reads_writes(1, 1))
    }

    /// `who` lapsed: tells the listener unless it was told already. The weight used.
    pub(crate) fn lapse(who: &T::AccountId) -> Weight {
        let flag = T::DbWeight::get().reads_writes(1, 1);
        if Lapsed::<T>::contains_key(who) {
            return T::DbWeight::get().reads(1);
        }
        Lapsed::<T>::insert(who, ());
        Self::deposit_event(Event::OwnerLapsed { owner: who.clone() });
        T::OwnerStanding::lapsed(who).saturating_add(flag)
    }

    /// `who` holds a valid DataOwner credential again: tells the listener if it had lapsed.
    pub(crate) fn restore(who: &T::AccountId) -> Weight {
        if Lapsed::<T>::take(who).is_none() {
            return T::DbWeight::get().reads(1);
        }
        Self::deposit_event(Event::OwnerRestored { owner: who.clone() });
        T::OwnerStanding::restored(who).saturating_add(T::DbWeight::get().reads_writes(1, 1))
    }

    /// Removes `subject`'s credential for `role` and, for a DataOwner one, tells its lapse.
    pub(crate) fn end_credential(subject: &T::AccountId, role: Role) -> Weight {
        Self::remove_credential(subject, role);
        if role == Role::DataOwner {
            Self::lapse(subject)
        } else {
            Weight::zero()
        }
    }

    /// Books `who`'s DataOwner credential valid up to `expiry` in the expiry list of the block
    /// after it.
    pub(crate) fn schedule_owner_expiry(
        who: &T::AccountId,
        expiry: BlockNumberFor<T>,
    ) -> DispatchResult {
        OwnerExpiries::<T>::try_mutate(expiry.saturating_add(One::one()), |list| {
            list.try_push(who.clone())
        })
        .map_err(|_| Error::<T>::ExpiryBlockFull.into())
    }

    /// Takes a DataOwner credential that is going away out of the sweep index and the
    /// expiry list.
    pub(crate) fn forget_owner(who: &T::AccountId, c: &CredentialOf<T>) {
        IssuedOwners::<T>::remove(c.issuer_generation, who);
        if let Some(expiry) = c.expires_at {
            OwnerExpiries::<T>::mutate_exists(expiry.saturating_add(One::one()), |list| {
                if let Some(l) = list {
                    l.retain(|o| o != who);
                    if l.is_empty() {
                        *list = None;
                    }
                }
            });
        }
    }

    /// `on_initialize`: tells the lapse of every owner whose credential stops being valid at
    /// `now`, then sweeps removed issuers' owners, at most `MaxOwnerLapsesPerBlock` of each.
    pub(crate) fn tell_lapses(now: BlockNumberFor<T>) -> Weight {
        let mut meter = WeightMeter::new();
        let expiring = OwnerExpiries::<T>::take(now);
        meter.consume(T::WeightInfo::on_initialize_lapses(
            expiring.len() as u32,
            0,
        ));
        for who in expiring.iter() {
            if let Some(c) = Credentials::<T>::get(who, Role::DataOwner) {
                IssuedOwners::<T>::remove(c.issuer_generation, who);
            }
            meter.consume(Self::lapse(who));
        }
        let mut sweeps = Sweeps::<T>::get();
        let Some(&generation) = sweeps.first() else {
            return meter.consumed();
        };
        let max = T::MaxOwnerLapsesPerBlock::get() as usize;
        let batch: Vec<T::AccountId> = IssuedOwners::<T>::iter_key_prefix(generation)
            .take(max)
            .collect();
        meter.consume(T::WeightInfo::on_initialize_lapses(0, batch.len() as u32));
        if batch.len() < max {
            // The generation is done once this batch is.
            sweeps.remove(0);
            Sweeps::<T>::put(sweeps);
        }
        for who in batch.iter() {
            IssuedOwners::<T>::remove(generation, who);
            meter.consume(Self::lapse(who));
        }
        meter.consumed()
    }
}
