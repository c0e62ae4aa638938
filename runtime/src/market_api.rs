//! The marketplace runtime API's answers. Each pallet builds its own views; the runtime only
//! composes them (a contribution is data-products' product and weight with consent's record;
//! disclosures are revenue's stretches of membership over escrow's pool orders; the KPIs are
//! each KPI pallet's part) and reads no pallet's storage itself.

use alloc::vec::Vec;
use cityzen_market_api::{
    AltruismReport, ConsentStatus, Disclosure, Kpis, OrderId, OrderView, OwnerContribution,
    ProductView, RequestId, RequestView, ResponseView, Statement, MAX_PAGE,
};
use cityzen_primitives::{ProductId, Purpose};

use crate::{
    AccountId, Balance, BlockNumber, Consent, Credentials, DataProducts, DataRequests, Escrow,
    Revenue, System,
};

/// A product in the API's shape.
pub type Product = ProductView<AccountId, Balance, BlockNumber>;
/// An order in the API's shape.
pub type Order = OrderView<AccountId, Balance, BlockNumber>;
/// A product an owner contributes to, in the API's shape.
pub type Contribution = OwnerContribution<AccountId, Balance, BlockNumber>;
/// An order that had an owner's data, in the API's shape.
pub type OwnerDisclosure = Disclosure<AccountId, BlockNumber>;
/// A data request, in the API's shape.
pub type Request = RequestView<AccountId, Balance, BlockNumber>;
/// An owner's answer to a data request, in the API's shape.
pub type Response = ResponseView<AccountId, BlockNumber>;

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

/// `owner`'s earnings statement.
pub fn owner_statement(owner: AccountId) -> Statement<Balance> {
    Revenue::statement(&owner)
}

/// A product, with its pools' member counts.
pub fn product(id: ProductId) -> Option<Product> {
    DataProducts::product_view(id)
}

/// Products by id after product `after`.
pub fn products(after: Option<ProductId>, limit: u32) -> Vec<Product> {
    DataProducts::products_page(after, limit)
}

/// An order.
pub fn order(id: OrderId) -> Option<Order> {
    Escrow::order_view(id)
}

/// A page of `consumer`'s record of processing, oldest first, after order `after`.
pub fn record_of_processing(consumer: AccountId, after: Option<OrderId>, limit: u32) -> Vec<Order> {
    Escrow::record_of_processing(&consumer, after, limit)
}

/// A page of the orders placed on `provider`'s products, oldest first, after order `after`.
pub fn provider_orders(provider: AccountId, after: Option<OrderId>, limit: u32) -> Vec<Order> {
    Escrow::provider_orders(&provider, after, limit)
}

/// A page of the delivered orders past their retention without a deletion attestation, by
/// due block then id (read from the deletions-due index, not from the order book).
pub fn overdue_deletions(after: Option<OrderId>, limit: u32) -> Vec<Order> {
    Escrow::overdue_deletions(after, limit)
}

/// A page of the products `owner` contributes to, by id after product `after` (read from the
/// owner's index from the cursor): each with its terms, the owner's weight, its consent record
/// and the purposes it is live for.
pub fn owner_contributions(
    owner: AccountId,
    after: Option<ProductId>,
    limit: u32,
) -> Vec<Contribution> {
    DataProducts::owner_products_page(&owner, after, limit.min(MAX_PAGE))
        .into_iter()
        .filter_map(|id| {
            let (product, weight) = DataProducts::contribution(id, &owner)?;
            let (consent, live_purposes) =
                Consent::contribution_consent(&owner, id, &product.purposes);
            Some(OwnerContribution {
                product,
                weight,
                consent,
                live_purposes,
            })
        })
        .collect()
}

/// A page of `owner`'s disclosures, oldest first, after sale `after`: the sales delivered on
/// each pool `(product, purpose)` the owner was ever in, within its stretches of membership
/// (kept by revenue in sale numbers), read from each pool's sales from the stretch's first
/// number. Exactly the sales that paid the owner (or its beneficiary): one rule for both
/// (security review S4). The work is the owner's pools times the page.
pub fn disclosures(owner: AccountId, after: Option<u64>, limit: u32) -> Vec<OwnerDisclosure> {
    let limit = limit.min(MAX_PAGE);
    let first = after.map_or(0, |a| a.saturating_add(1));
    let mut sales: Vec<(u64, OrderId)> = Vec::new();
    for (pool, stretches) in Revenue::memberships(&owner) {
        let mut taken = 0u32;
        for m in stretches {
            let from = m.from.max(first);
            if m.until.is_some_and(|until| until <= from) || taken >= limit {
                continue;
            }
            let page = Revenue::pool_sales(pool, from, m.until, limit.saturating_sub(taken));
            taken = taken.saturating_add(u32::try_from(page.len()).unwrap_or(u32::MAX));
            sales.extend(page);
        }
    }
    sales.sort_unstable();
    sales.truncate(limit as usize);
    sales
        .into_iter()
        .filter_map(Escrow::disclosure_view)
        .collect()
}

/// The initiative's KPIs: each KPI pallet adds its part, from counters it keeps on write, so
/// the read is O(1) whatever the size of the market.
pub fn kpis() -> Kpis<Balance> {
    let mut k = Kpis::default();
    Escrow::add_kpis(&mut k);
    DataProducts::add_kpis(&mut k);
    Credentials::add_kpis(&mut k);
    Consent::add_kpis(&mut k);
    Revenue::add_kpis(&mut k);
    DataRequests::add_kpis(&mut k);
    k
}

/// Data altruism: the funds, what sales credited each, and the memberships giving their share
/// to the other owners.
pub fn altruism() -> AltruismReport<AccountId, Balance> {
    Revenue::altruism_report()
}

/// A data request.
pub fn request(id: RequestId) -> Option<Request> {
    DataRequests::request_view(id)
}

/// Data requests by id after request `after`.
pub fn requests(after: Option<RequestId>, limit: u32) -> Vec<Request> {
    DataRequests::requests_page(after, limit)
}

/// The answers to request `id`, in the order given, after the answer of owner `after`.
pub fn request_responses(id: RequestId, after: Option<AccountId>, limit: u32) -> Vec<Response> {
    DataRequests::responses_page(id, after.as_ref(), limit)
}

/// The requests `owner` answered, by id after request `after`.
pub fn owner_requests(owner: AccountId, after: Option<RequestId>, limit: u32) -> Vec<Response> {
    DataRequests::owner_responses_page(&owner, after, limit)
}
