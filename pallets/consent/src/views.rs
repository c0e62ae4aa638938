//! Reads for owners' apps and auditors, in the market's read shape
//! ([`cityzen_primitives::market`]).

use crate::{pallet::*, Accreditation, Loa, ProductId, ProductInspect, Purpose, Role};
use alloc::vec::Vec;
use cityzen_primitives::{
    market::{ConsentStatus, Kpis},
    ConsentInspect,
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
    /// `owner`'s consent record for `product`, and whether it is live for `purpose`.
    pub fn status(
        owner: &T::AccountId,
        product: ProductId,
        purpose: Purpose,
    ) -> Option<ConsentStatus<BlockNumberFor<T>>> {
        let record = Consents::<T>::get(owner, product)?;
        Some(ConsentStatus {
            state: record.state,
            purposes: record.purposes.into_inner(),
            expires_at: record.expires_at,
            receipt_hash: record.receipt_hash,
            given_at: record.given_at,
            updated_at: record.updated_at,
            live: <Self as ConsentInspect<T::AccountId>>::is_live(owner, product, purpose),
        })
    }

    /// `owner`'s consent to `product` as its contribution shows it: the record (as for the
    /// product's first purpose, `live` if any purpose is live) and the purposes it is live for.
    pub fn contribution_consent(
        owner: &T::AccountId,
        product: ProductId,
        purposes: &[Purpose],
    ) -> (Option<ConsentStatus<BlockNumberFor<T>>>, Vec<Purpose>) {
        let live: Vec<Purpose> = purposes
            .iter()
            .copied()
            .filter(|p| <Self as ConsentInspect<T::AccountId>>::is_live(owner, product, *p))
            .collect();
        let status = purposes
            .first()
            .and_then(|p| Self::status(owner, product, *p))
            .map(|mut c| {
                c.live = !live.is_empty();
                c
            });
        (status, live)
    }

    /// This pallet's part of the KPIs: the live consent records.
    pub fn add_kpis<Balance>(k: &mut Kpis<Balance>) {
        k.live_consents = LiveConsentCount::<T>::get();
    }
}

/// Whether a consent counts now: read by data-products, escrow and revenue.
impl<T: Config> ConsentInspect<T::AccountId> for Pallet<T> {
    fn is_live(owner: &T::AccountId, product: ProductId, purpose: Purpose) -> bool {
        let now = frame_system::Pallet::<T>::block_number();
        Consents::<T>::get(owner, product).is_some_and(|r| {
            r.state.is_live()
                && r.expires_at.is_none_or(|at| now < at)
                && r.purposes.contains(&purpose)
        }) && T::Products::is_active(product)
            // A lapsed owner's consent stays on record but counts for nothing.
            && T::Accreditation::has(owner, Role::DataOwner, Loa::Low)
    }
}
