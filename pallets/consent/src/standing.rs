//! What a data owner's standing does to its consents ([`OwnerStanding`], told by the
//! credentials pallet): when its credential lapses, its live records stay (and can be
//! withdrawn) but stop counting: every purpose of every live record ends for the listener, so
//! the owner leaves its revenue pools with its earnings. Restored, they start again.

use crate::{pallet::*, ConsentListener, WeightInfo};
use cityzen_primitives::OwnerStanding;
use frame_support::{pallet_prelude::*, traits::Get};

impl<T: Config> Pallet<T> {
    /// Tells the listener that every purpose of `who`'s live records starts (`start`) or
    /// ends; the weight of the live records there were.
    fn tell(who: &T::AccountId, start: bool) -> Weight {
        let products = LiveProducts::<T>::get(who);
        for product in products.iter() {
            let Some(record) = Consents::<T>::get(who, product) else {
                continue;
            };
            for p in record.purposes.iter() {
                if start {
                    T::Listener::consent_started(who, *product, *p);
                } else {
                    T::Listener::consent_ended(who, *product, *p);
                }
            }
        }
        Self::standing_weight(products.len() as u32)
    }

    /// Either direction for `c` live records (the heavier of the two benchmarks).
    fn standing_weight(c: u32) -> Weight {
        T::WeightInfo::owner_lapsed(c).max(T::WeightInfo::owner_restored(c))
    }
}

impl<T: Config> OwnerStanding<T::AccountId> for Pallet<T> {
    fn lapsed(who: &T::AccountId) -> Weight {
        Self::tell(who, false)
    }

    fn restored(who: &T::AccountId) -> Weight {
        Self::tell(who, true)
    }

    fn weight_of(who: &T::AccountId) -> Weight {
        let live = LiveProducts::<T>::decode_len(who).unwrap_or(0) as u32;
        Self::standing_weight(live).saturating_add(T::DbWeight::get().reads(1))
    }

    fn max_weight() -> Weight {
        Self::standing_weight(T::MaxConsentsPerOwner::get())
    }
}
