//! The marketplace runtime API's answers, built from the pallets' storage.

use alloc::vec::Vec;
use cityzen_market_api::{ConsentStatus, KindView, Kpis, OrderView, ProductView};
use cityzen_primitives::{
    Accreditation, ConsentInspect, Loa, ProductId, ProductKind, ProductStatus, Purpose,
    RevenuePools, Role,
};

use crate::{AccountId, Balance, BlockNumber, Credentials, Runtime, System};

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
    let record = pallet_consent::Consents::<Runtime>::get(&owner, product)?;
    Some(ConsentStatus {
        state: record.state,
        purposes: record.purposes.into_inner(),
        expires_at: record.expires_at,
        receipt_hash: record.receipt_hash,
        given_at: record.given_at,
        updated_at: record.updated_at,
        live: <crate::Consent as ConsentInspect<AccountId>>::is_live(&owner, product, purpose),
    })
}

/// Whether `account` may access `product` at this block.
pub fn has_access(account: AccountId, product: ProductId) -> bool {
    pallet_escrow::Pallet::<Runtime>::has_access(&account, product, System::block_number())
}

/// A product, with its pools' member counts.
pub fn product(id: ProductId) -> Option<Product> {
    pallet_data_products::Products::<Runtime>::get(id).map(|p| view_product(id, p))
}

fn view_product(id: ProductId, p: pallet_data_products::ProductOf<Runtime>) -> Product {
    let kind = match p.kind {
        ProductKind::Batch {
            content_hash,
            size_bytes,
        } => KindView::Batch {
            content_hash,
            size_bytes,
        },
        ProductKind::Stream { stream_id } => KindView::Stream {
            stream_id: stream_id.into_inner(),
        },
    };
    let pool_members = p
        .terms
        .purposes
        .iter()
        .map(|purpose| {
            (
                *purpose,
                <crate::Revenue as RevenuePools<AccountId>>::member_count(id, *purpose),
            )
        })
        .collect();
    ProductView {
        id,
        provider: p.provider,
        kind,
        metadata: p.metadata.into_inner(),
        licence_hash: p.licence_hash,
        purposes: p.terms.purposes.into_inner(),
        classes: p.terms.classes.into_inner(),
        pricing: p.terms.pricing,
        owners_share_bps: p.terms.owners_share_bps,
        min_owners: p.terms.min_owners,
        buyer_loa: p.terms.buyer_loa,
        retention: p.terms.retention,
        version: p.version,
        status: p.status,
        deposit: p.deposit,
        open_orders: p.open_orders,
        contributors: p.contributors,
        created_at: p.created_at,
        pool_members,
    }
}

/// Products with ids from `offset`, at most `limit` (capped at 100).
pub fn products(offset: u64, limit: u32) -> Vec<Product> {
    let next = pallet_data_products::NextProductId::<Runtime>::get();
    (offset..next)
        .filter_map(product)
        .take(limit.min(100) as usize)
        .collect()
}

/// An order.
pub fn order(id: u64) -> Option<Order> {
    pallet_escrow::Orders::<Runtime>::get(id).map(|o| view_order(id, o))
}

fn view_order(id: u64, o: pallet_escrow::OrderOf<Runtime>) -> Order {
    let periods = match o.kind {
        pallet_escrow::OrderKind::OneOff => 0,
        pallet_escrow::OrderKind::Subscription { periods, .. } => periods,
    };
    OrderView {
        id,
        buyer: o.buyer,
        provider: o.provider,
        product: o.product,
        purpose: o.purpose,
        terms_version: o.terms_version,
        periods,
        price: o.price,
        held: o.held,
        paid: o.paid,
        placed_at: o.placed_at,
        deliver_by: o.deliver_by,
        delivered_at: o.delivered_at,
        delivery_ref: o.delivery_ref.map(|r| r.into_inner()),
        dispute_until: o.dispute_until,
        access_until: o.access_until,
        retention_due: o.retention_due,
        deletion: o.deletion,
        refund_bps: o.refund_bps,
        state: o.state,
    }
}

/// Every order of `consumer`, oldest first.
pub fn record_of_processing(consumer: AccountId) -> Vec<Order> {
    let mut ids: Vec<u64> =
        pallet_escrow::BuyerOrders::<Runtime>::iter_key_prefix(&consumer).collect();
    ids.sort_unstable();
    ids.into_iter().filter_map(order).collect()
}

/// Delivered orders past their retention without a deletion attestation, oldest first.
pub fn overdue_deletions() -> Vec<Order> {
    let mut ids = pallet_escrow::Pallet::<Runtime>::overdue_deletions(System::block_number());
    ids.sort_unstable();
    ids.into_iter().filter_map(order).collect()
}

/// The initiative's KPIs, counted over the whole state (an off-chain query).
pub fn kpis() -> Kpis<Balance> {
    let mut k = Kpis::<Balance>::default();
    for (_, o) in pallet_escrow::Orders::<Runtime>::iter() {
        k.orders = k.orders.saturating_add(1);
        k.value_exchanged = k.value_exchanged.saturating_add(o.paid);
        if o.delivered_at.is_some() {
            k.contracts = k.contracts.saturating_add(1);
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
