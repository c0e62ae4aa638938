//! The marketplace runtime API: what dApps and auditors read through the node's `market_*`
//! JSON-RPC methods, at any block an archive node keeps.
//!
//! Every answer is computed by the runtime from its own storage, so "as of block N" is simply
//! the API called at block N's state. The answers' types live in
//! [`cityzen_primitives::market`], with their JSON form: this crate depends on primitives only,
//! never on a pallet.

#![cfg_attr(not(feature = "std"), no_std)]
// `decl_runtime_apis!` generates public items without docs.
#![allow(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
pub use cityzen_primitives::market::{
    AltruismReport, Beneficiary, ConsentState, ConsentStatus, Disclosure, FundLine, KindView, Kpis,
    OrderId, OrderState, OrderView, OwnerContribution, PoolLine, ProductView, Statement, MAX_PAGE,
};
pub use cityzen_primitives::requests::{
    DataCategory, RequestId, RequestPrice, RequestSplit, RequestState, RequestView, ResponseView,
};
use cityzen_primitives::{ProductId, Purpose};

sp_api::decl_runtime_apis! {
    /// The marketplace, read-only: the contract of everything the node's `market_*` methods
    /// serve (each method here is one `market_*` method, named in camelCase there). Lists are
    /// paged: at most `limit` items (capped at [`MAX_PAGE`]) after the cursor `after`, the last
    /// item of the previous page (`None` for the first page).
    pub trait MarketApi<AccountId, Balance, BlockNumber>
    where
        AccountId: codec::Codec,
        Balance: codec::Codec,
        BlockNumber: codec::Codec,
    {
        /// `owner`'s consent record for `product`, and whether it is live for `purpose`.
        fn consent_status(owner: AccountId, product: ProductId, purpose: Purpose) -> Option<ConsentStatus<BlockNumber>>;
        /// Whether `account` may access `product`'s data at this block.
        fn has_access(account: AccountId, product: ProductId) -> bool;
        /// `owner`'s earnings statement.
        fn owner_statement(owner: AccountId) -> Statement<Balance>;
        /// A product.
        fn product(id: ProductId) -> Option<ProductView<AccountId, Balance, BlockNumber>>;
        /// Products by id, after product `after`.
        fn products(after: Option<ProductId>, limit: u32) -> Vec<ProductView<AccountId, Balance, BlockNumber>>;
        /// An order.
        fn order(id: OrderId) -> Option<OrderView<AccountId, Balance, BlockNumber>>;
        /// `consumer`'s record of processing, oldest first, after order `after`.
        fn record_of_processing(consumer: AccountId, after: Option<OrderId>, limit: u32) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// The orders placed on `provider`'s products, oldest first, after order `after`.
        fn provider_orders(provider: AccountId, after: Option<OrderId>, limit: u32) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// The delivered orders past their retention without a deletion attestation, by due
        /// block then id, after order `after`.
        fn overdue_deletions(after: Option<OrderId>, limit: u32) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// The initiative's KPIs.
        fn kpis() -> Kpis<Balance>;
        /// The products `owner` contributes to, by id after product `after`, each with the
        /// owner's weight and consent.
        fn owner_contributions(owner: AccountId, after: Option<ProductId>, limit: u32) -> Vec<OwnerContribution<AccountId, Balance, BlockNumber>>;
        /// The sales delivered on products and purposes while `owner` was in their pool (the
        /// sales that paid it), oldest first, after sale number `after`.
        fn disclosures(owner: AccountId, after: Option<u64>, limit: u32) -> Vec<Disclosure<AccountId, BlockNumber>>;
        /// Data altruism: the public-interest funds, what sales credited them, and how many
        /// memberships leave their share to their pools' other owners.
        fn altruism() -> AltruismReport<AccountId, Balance>;
        /// A data request.
        fn request(id: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>>;
        /// Data requests by id, after request `after`.
        fn requests(after: Option<RequestId>, limit: u32) -> Vec<RequestView<AccountId, Balance, BlockNumber>>;
        /// The owners who opted in to request `id`, in the order they answered, after the
        /// answer of owner `after`.
        fn request_responses(id: RequestId, after: Option<AccountId>, limit: u32) -> Vec<ResponseView<AccountId, BlockNumber>>;
        /// The requests `owner` opted in to, by id after request `after`.
        fn owner_requests(owner: AccountId, after: Option<RequestId>, limit: u32) -> Vec<ResponseView<AccountId, BlockNumber>>;
    }
}
