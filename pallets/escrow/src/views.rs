//! Reads for dApps, stream brokers and auditors (through the market runtime API).

use crate::{pallet::*, types::*, ProductId};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
    /// The delivery period and dispute window in force.
    pub fn params() -> EscrowParams<BlockNumberFor<T>> {
        Params::<T>::get().unwrap_or(EscrowParams {
            delivery_period: T::DeliveryPeriod::get(),
            dispute_window: T::DisputeWindow::get(),
        })
    }

    /// Whether `who` may access `product`'s data at block `at`: it bought it, the order
    /// was delivered, and `at` is within the paid access (one-off: until the retention
    /// period ends; subscription: the periods paid for). A dispute resolved ends access.
    pub fn has_access(who: &T::AccountId, product: ProductId, at: BlockNumberFor<T>) -> bool {
        Access::<T>::iter_key_prefix((who.clone(), product)).any(|id| {
            Orders::<T>::get(id).is_some_and(|o| {
                matches!(
                    o.state,
                    OrderState::Delivered | OrderState::Disputed | OrderState::Settled
                ) && o.delivered_at.is_some_and(|d| d <= at)
                    && o.access_until.is_some_and(|u| at < u)
            })
        })
    }

    /// Delivered orders whose retention period has passed at `at` without a deletion
    /// attestation, for auditors.
    pub fn overdue_deletions(at: BlockNumberFor<T>) -> Vec<OrderId> {
        Orders::<T>::iter()
            .filter(|(_, o)| o.deletion.is_none() && o.retention_due.is_some_and(|due| due <= at))
            .map(|(id, _)| id)
            .collect()
    }
}
