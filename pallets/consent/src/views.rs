//! Reads for owners' apps and auditors, in the market's read shape
//! ([`cityzen_primitives::market`]).

use crate::{pallet::*, ProductId, Purpose};
use cityzen_primitives::{market::ConsentStatus, ConsentInspect};
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
}
