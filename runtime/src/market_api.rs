//! The marketplace runtime API's answers: each pallet builds its own views (they are its view
//! functions too); the runtime only composes them and sums the KPIs across pallets.

use alloc::vec::Vec;
use cityzen_market_api::{
    ConsentStatus, Disclosure, Kpis, OrderView, OwnerContribution, ProductView,
};
use cityzen_primitives::{ConsentInspect, ProductId, Purpose, Role};

use crate::{
    AccountId, Balance, BlockNumber, Consent, DataProducts, Escrow, Revenue, Runtime, System,
};

/// A product in the API's shape.
pub type Product = ProductView<AccountId, Balance, BlockNumber>;
/// An order in the API's shape.
pub type Order = OrderView<AccountId, Balance, BlockNumber>;
/// A product an owner contributes to, in the API's shape.
pub type Contribution = OwnerContribution<AccountId, Balance, BlockNumber>;
/// An order that had an owner's data, in the API's shape.
pub type OwnerDisclosure = Disclosure<AccountId, BlockNumber>;

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

/// A page of `consumer`'s record of processing: at most `limit` (capped at [`MAX_PAGE`]),
/// after order `after`, oldest first (read from the buyer's index from the cursor).
pub fn record_of_processing_page(
    consumer: AccountId,
    after: Option<u64>,
    limit: u32,
) -> Vec<Order> {
    Escrow::record_of_processing_page(consumer, after, limit.min(MAX_PAGE))
}

/// A page of the delivered orders past their retention without a deletion attestation: at
/// most `limit` (capped at [`MAX_PAGE`]), after order `after`, by due block then id (read from
/// the deletions-due index, not from the order book).
pub fn overdue_deletions_page(after: Option<u64>, limit: u32) -> Vec<Order> {
    Escrow::overdue_page(System::block_number(), after, limit.min(MAX_PAGE))
        .into_iter()
        .filter_map(Escrow::order_view)
        .collect()
}

/// A page of the products `owner` contributes to (at most `limit`, capped at [`MAX_PAGE`]),
/// after product `after`, by id (read from the owner's index from the cursor): each with its
/// terms, the owner's weight, its consent record and the purposes it is live for.
pub fn owner_contributions(
    owner: AccountId,
    after: Option<ProductId>,
    limit: u32,
) -> Vec<Contribution> {
    DataProducts::owner_products_page(&owner, after, limit.min(MAX_PAGE))
        .into_iter()
        .filter_map(|id| {
            let product = DataProducts::product_view(id)?;
            let weight = pallet_data_products::Contributors::<Runtime>::get(id, &owner)?;
            let live_purposes: Vec<Purpose> = product
                .purposes
                .iter()
                .copied()
                .filter(|p| <Consent as ConsentInspect<AccountId>>::is_live(&owner, id, *p))
                .collect();
            let consent = product
                .purposes
                .first()
                .and_then(|p| Consent::status(&owner, id, *p))
                .map(|mut c| {
                    c.live = !live_purposes.is_empty();
                    c
                });
            Some(OwnerContribution {
                product,
                weight,
                consent,
                live_purposes,
            })
        })
        .collect()
}

/// A page of `owner`'s disclosures (at most `limit`, capped at [`MAX_PAGE`]), after order
/// `after`, oldest first: the orders placed on each pool `(product, purpose)` the owner was
/// ever in, within its stretches of membership (kept by revenue in order ids), read from each
/// pool's order index from the stretch's first id. The work is the owner's pools times the page.
pub fn disclosures(owner: AccountId, after: Option<u64>, limit: u32) -> Vec<OwnerDisclosure> {
    let limit = limit.min(MAX_PAGE);
    let first = after.map_or(0, |a| a.saturating_add(1));
    let mut ids: Vec<u64> = Vec::new();
    for ((product, purpose), stretches) in Revenue::memberships(&owner) {
        let mut taken = 0u32;
        for m in stretches {
            let from = m.from.max(first);
            if m.until.is_some_and(|until| until <= from) || taken >= limit {
                continue;
            }
            let page =
                Escrow::pool_orders(product, purpose, from, m.until, limit.saturating_sub(taken));
            taken = taken.saturating_add(u32::try_from(page.len()).unwrap_or(u32::MAX));
            ids.extend(page);
        }
    }
    ids.sort_unstable();
    ids.truncate(limit as usize);
    ids.into_iter()
        .filter_map(|id| {
            let o = pallet_escrow::Orders::<Runtime>::get(id)?;
            let buyer_class =
                pallet_credentials::Credentials::<Runtime>::get(&o.buyer, Role::DataConsumer)
                    .and_then(|c| c.class);
            Some(Disclosure {
                order_id: id,
                product_id: o.product,
                purpose: o.purpose,
                buyer: o.buyer,
                buyer_class,
                placed: o.placed_at,
                state: o.state,
                retention_due: o.retention_due,
                deletion_attested: o.deletion.map(|(_, at)| at),
            })
        })
        .collect()
}

/// The longest page a paginated read returns.
pub const MAX_PAGE: u32 = 100;

/// The initiative's KPIs, from counters the pallets keep on write: O(1) whatever the size of
/// the market.
pub fn kpis() -> Kpis<Balance> {
    use pallet_credentials::ValidCount;
    let totals = pallet_escrow::Totals::<Runtime>::get();
    let counts = pallet_data_products::Counts::<Runtime>::get();
    let products = pallet_data_products::NextProductId::<Runtime>::get();
    let requests = pallet_requests::Totals::<Runtime>::get();
    Kpis {
        contracts_established: totals.contracts_established,
        orders_placed: pallet_escrow::NextOrderId::<Runtime>::get(),
        value_exchanged: totals.value_exchanged.saturating_add(requests.paid),
        data_volume_bytes: counts.data_volume_bytes,
        data_owners: ValidCount::<Runtime>::get(Role::DataOwner),
        consumers: ValidCount::<Runtime>::get(Role::DataConsumer),
        providers: ValidCount::<Runtime>::get(Role::DataProvider),
        live_consents: pallet_consent::LiveConsentCount::<Runtime>::get(),
        products_listed: u32::try_from(products.saturating_sub(u64::from(counts.retired)))
            .unwrap_or(u32::MAX),
        given_to_funds: pallet_revenue::ToFunds::<Runtime>::get(),
        requests_posted: pallet_requests::RequestCount::<Runtime>::get(),
        requests_fulfilled: requests.fulfilled,
        paid_by_requests: requests.paid,
    }
}
