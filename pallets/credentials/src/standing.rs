//! A data owner's standing: when its DataOwner credential lapses (revoked, renounced, expired,
//! issuer removed) the runtime's [`OwnerStanding`] is told, once, and the owner's consents stop
//! counting (it leaves every revenue pool, with its earnings); when it holds a credential
//! again, they count again.
//!
//! The calls only book the change; `on_initialize` tells it, before any transaction: a
//! revocation, renunciation or new credential in the next block, an expiry in the first block
//! the credential is no longer valid in, a removed issuer's owners from the block after the
//! removal. Each block's list ([`OwnerExpiries`]) holds at most
//! [`Config::MaxOwnerLapsesPerBlock`] owners, and `on_initialize` spends at most
//! [`Config::LapseWeightPerBlock`]: what does not fit waits for the next block, oldest first.
//! Each entry is evaluated when it is reached (a valid credential and lapsed: restored; none
//! and not lapsed: lapsed; otherwise nothing), so a change undone in the meantime does nothing.

use crate::{pallet::*, CredentialOf, OwnerStanding, Role, WeightInfo};
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
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

    /// Removes `subject`'s credential for `role`; for a DataOwner one, books its lapse for the
    /// next block (unless it lapsed already).
    pub(crate) fn end_credential(subject: &T::AccountId, role: Role) -> DispatchResult {
        Self::remove_credential(subject, role);
        if role == Role::DataOwner && !Lapsed::<T>::contains_key(subject) {
            Self::book_standing(subject)?;
        }
        Ok(())
    }

    /// Books a change of `who`'s standing for `on_initialize` of the next block.
    pub(crate) fn book_standing(who: &T::AccountId) -> DispatchResult {
        let next = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
        OwnerExpiries::<T>::try_mutate(next, |list| {
            if list.contains(who) {
                return Ok(());
            }
            list.try_push(who.clone())
        })
        .map_err(|_| Error::<T>::StandingChangesFull.into())
    }

    /// Books `who`'s DataOwner credential valid up to `expiry` in the list of the block
    /// after it.
    pub(crate) fn schedule_owner_expiry(
        who: &T::AccountId,
        expiry: BlockNumberFor<T>,
    ) -> DispatchResult {
        OwnerExpiries::<T>::try_mutate(expiry.saturating_add(One::one()), |list| {
            if list.contains(who) {
                return Ok(());
            }
            list.try_push(who.clone())
        })
        .map_err(|_| Error::<T>::ExpiryBlockFull.into())
    }

    /// Tells `who`'s standing as it is now: a lapse if it holds no valid DataOwner credential
    /// and was not told so, a restoration if it holds one and was told it lapsed.
    fn evaluate(who: &T::AccountId) {
        let valid = Self::valid_credential(who, Role::DataOwner).is_some();
        let lapsed = Lapsed::<T>::contains_key(who);
        if !valid && !lapsed {
            if let Some(c) = Credentials::<T>::get(who, Role::DataOwner) {
                IssuedOwners::<T>::remove(c.issuer_generation, who);
            }
            Self::lapse(who);
        } else if valid && lapsed {
            Self::restore(who);
        }
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

    /// What telling `who`'s lapse costs in `on_initialize`: the listener's part and this
    /// pallet's per-owner bookkeeping.
    fn lapse_cost(who: &T::AccountId) -> Weight {
        per_owner::<T::WeightInfo>().saturating_add(T::OwnerStanding::weight_of(who))
    }

    /// [`Self::lapse_cost`] for an owner swept from a removed issuer.
    fn sweep_cost(who: &T::AccountId) -> Weight {
        per_swept::<T::WeightInfo>().saturating_add(T::OwnerStanding::weight_of(who))
    }

    /// `on_initialize`: tells the standing of every owner booked for `now` or before (from the
    /// oldest list not yet done), then sweeps removed issuers' owners, all within
    /// [`Config::LapseWeightPerBlock`]; what does not fit waits for the next block.
    pub(crate) fn tell_lapses(now: BlockNumberFor<T>) -> Weight {
        Self::tell_lapses_within(now, T::LapseWeightPerBlock::get())
    }

    /// [`Self::tell_lapses`] within `limit` (the benchmark measures it without one).
    pub(crate) fn tell_lapses_within(now: BlockNumberFor<T>, limit: Weight) -> Weight {
        let mut meter = WeightMeter::with_limit(limit);
        meter.consume(T::WeightInfo::lapse_expired(0));
        let step = T::DbWeight::get().reads_writes(1, 1);
        let mut at = LapseCursor::<T>::get();
        'lists: while at <= now {
            if meter.try_consume(step).is_err() {
                break;
            }
            let mut list = OwnerExpiries::<T>::get(at);
            let had = list.len();
            while let Some(who) = list.first().cloned() {
                if meter.try_consume(Self::lapse_cost(&who)).is_err() {
                    if list.len() < had {
                        OwnerExpiries::<T>::insert(at, list);
                    }
                    break 'lists;
                }
                Self::evaluate(&who);
                list.remove(0);
            }
            if had > 0 {
                OwnerExpiries::<T>::remove(at);
            }
            at = at.saturating_add(One::one());
        }
        LapseCursor::<T>::put(at);
        Self::sweep(&mut meter);
        meter.consumed()
    }

    /// Tells the lapse of removed issuers' owners, oldest removal first, while `meter` holds.
    fn sweep(meter: &mut WeightMeter) {
        let mut sweeps = Sweeps::<T>::get();
        let mut changed = false;
        while let Some(&generation) = sweeps.first() {
            let mut done = true;
            for who in IssuedOwners::<T>::iter_key_prefix(generation) {
                if meter.try_consume(Self::sweep_cost(&who)).is_err() {
                    done = false;
                    break;
                }
                IssuedOwners::<T>::remove(generation, &who);
                Self::evaluate(&who);
            }
            if !done {
                break;
            }
            sweeps.remove(0);
            changed = true;
        }
        if changed {
            Sweeps::<T>::put(sweeps);
        }
    }
}

/// This pallet's own bookkeeping per expired owner told in `on_initialize` (measured: the
/// slope of `lapse_expired`, with owners that hold no consent).
fn per_owner<W: WeightInfo>() -> Weight {
    W::lapse_expired(1).saturating_sub(W::lapse_expired(0))
}

/// The same per owner swept from a removed issuer (the slope of `lapse_swept`).
fn per_swept<W: WeightInfo>() -> Weight {
    W::lapse_swept(1).saturating_sub(W::lapse_swept(0))
}

/// A lapse budget that holds `owners` owners whose listener weighs `listener` each, beside the
/// hook's fixed part and one expiry list read and written (`list`): what
/// [`Config::LapseWeightPerBlock`] must hold at least for one.
pub fn lapse_budget_for<W: WeightInfo>(owners: u64, listener: Weight, list: Weight) -> Weight {
    W::lapse_expired(0).saturating_add(list).saturating_add(
        per_owner::<W>()
            .max(per_swept::<W>())
            .saturating_add(listener)
            .saturating_mul(owners),
    )
}
