//! What other pallets see of this one: [`ProductInspect`], [`ConsentListener`] (from
//! consent), [`ProductTerms`] and [`ProductOrders`] (escrow).

use crate::{pallet::*, types::*, ProductId, Purpose};
use cityzen_primitives::{
    ConsentListener, ProductInspect, ProductOrders, ProductTerms, RevenuePools, SaleTerms,
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> ProductInspect for Pallet<T> {
    fn is_active(product: ProductId) -> bool {
        Products::<T>::get(product).is_some_and(|p| p.status == ProductStatus::Active)
    }

    fn offers_purpose(product: ProductId, purpose: Purpose) -> bool {
        Products::<T>::get(product).is_some_and(|p| p.terms.purposes.contains(&purpose))
    }
}

impl<T: Config> ConsentListener<T::AccountId> for Pallet<T> {
    fn consent_started(owner: &T::AccountId, product: ProductId, purpose: Purpose) {
        if let Some(weight) = Contributors::<T>::get(product, owner) {
            T::Pools::join(product, purpose, owner, weight);
        }
    }

    fn consent_ended(owner: &T::AccountId, product: ProductId, purpose: Purpose) {
        if Contributors::<T>::contains_key(product, owner) {
            T::Pools::leave(product, purpose, owner);
        }
    }
}

impl<T: Config> ProductTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
    type MaxPurposes = T::MaxPurposes;

    fn sale_terms(
        product: ProductId,
    ) -> Option<SaleTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>, T::MaxPurposes>> {
        Products::<T>::get(product).map(|p| SaleTerms {
            provider: p.provider,
            status: p.status,
            terms: p.terms,
            version: p.version,
        })
    }
}

impl<T: Config> ProductOrders for Pallet<T> {
    fn order_opened(product: ProductId) {
        Products::<T>::mutate(product, |p| {
            if let Some(p) = p {
                p.open_orders = p.open_orders.saturating_add(1);
            }
        });
    }

    fn order_delivered(product: ProductId) {
        if let Some(ProductKind::Batch { size_bytes, .. }) =
            Products::<T>::get(product).map(|p| p.kind)
        {
            Counts::<T>::mutate(|c| {
                c.data_volume_bytes = c.data_volume_bytes.saturating_add(size_bytes)
            });
        }
    }

    fn order_closed(product: ProductId) {
        Products::<T>::mutate(product, |p| {
            if let Some(p) = p {
                p.open_orders = p.open_orders.saturating_sub(1);
            }
        });
    }
}
