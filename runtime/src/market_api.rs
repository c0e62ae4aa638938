//! The marketplace runtime API's answers: each pallet builds its own views (they are its view
//! functions too); the runtime only composes them and sums the KPIs across pallets.

use alloc::vec::Vec;
use cityzen_market_api::{ConsentStatus, Kpis, OrderView, ProductView};
use cityzen_primitives::{
    Accreditation, Loa, ProductId, ProductKind, ProductStatus, Purpose, Role,
};

use crate::{
    AccountId, Balance, BlockNumber, Consent, Credentials, DataProducts, Escrow, Runtime, System,
};

/// A product in the API's shape.
pub type Product = ProductView<AccountId, Balance, BlockNumber>;
/// An order in the API's shape.
pub type Order = OrderView<AccountId, Balance, BlockNumber>;

/// `owner`'s consent for `product`, live for `purpose` or not.
pub fn consent_status(
    owner: AccountId,
    product: ProductId,
    purpose: Purpose,
) -> Option<ConsentStatus<BlockNumber>> {
    Consent::status(&owner, product, purpose)
}

/// Whether `account` may access `product` at this block.
pub fn has_access(account: AccountId, product: ProductId) -> bool {
    Escrow::access_at(&account, product, System::block_number())
}

/// A product, with its pools' member counts.
pub fn product(id: ProductId) -> Option<Product> {
    DataProducts::product_view(id)
}

/// Products with ids from `offset`, at most `limit` (capped at 100).
pub fn products(offset: u64, limit: u32) -> Vec<Product> {
    DataProducts::product_views(offset, limit)
}

/// An order.
pub fn order(id: u64) -> Option<Order> {
    Escrow::order_view(id)
}

/// Every order of `consumer`, oldest first.
pub fn record_of_processing(consumer: AccountId) -> Vec<Order> {
    Escrow::orders_of(&consumer)
}

/// Delivered orders past their retention without a deletion attestation, oldest first.
pub fn overdue_deletions() -> Vec<Order> {
    Escrow::overdue_at(System::block_number())
        .into_iter()
        .filter_map(Escrow::order_view)
        .collect()
}

/// The initiative's KPIs, counted over the whole state (an off-chain query).
pub fn kpis() -> Kpis<Balance> {
    let mut k = Kpis::<Balance>::default();
    for (_, o) in pallet_escrow::Orders::<Runtime>::iter() {
        k.orders_placed = k.orders_placed.saturating_add(1);
        k.value_exchanged = k.value_exchanged.saturating_add(o.paid);
        if o.delivered_at.is_some() {
            k.contracts_established = k.contracts_established.saturating_add(1);
            if let Some(p) = pallet_data_products::Products::<Runtime>::get(o.product) {
                if let ProductKind::Batch { size_bytes, .. } = p.kind {
                    k.data_volume_bytes = k.data_volume_bytes.saturating_add(size_bytes);
                }
            }
        }
    }
    for (who, role) in pallet_credentials::Credentials::<Runtime>::iter_keys() {
        if !<Credentials as Accreditation<AccountId>>::has(&who, role, Loa::Low) {
            continue;
        }
        let counter = match role {
            Role::DataOwner => &mut k.data_owners,
            Role::DataConsumer => &mut k.consumers,
            Role::DataProvider => &mut k.providers,
            _ => continue,
        };
        *counter = counter.saturating_add(1);
    }
    k.live_consents = pallet_consent::LiveConsentCount::<Runtime>::get();
    k.products_listed = pallet_data_products::Products::<Runtime>::iter_values()
        .filter(|p| p.status != ProductStatus::Retired)
        .count() as u32;
    k
}
