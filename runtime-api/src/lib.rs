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
    KpisV4, KpisV5, OrderId, OrderState, OrderView, OwnerContribution, PoolLine, ProductView,
    Statement,
};
pub use cityzen_primitives::requests::{
    DataCategory, RequestId, RequestPrice, RequestSplit, RequestState, RequestView, ResponseView,
};
use cityzen_primitives::{ProductId, Purpose};

sp_api::decl_runtime_apis! {
    /// The marketplace, read-only. Version 2 added `overdue_deletions_page`, version 3
    /// `record_of_processing_page`, version 4 `owner_contributions` and `disclosures`, version 5
    /// `altruism` and the KPIs' `given_to_funds`, version 6 the data requests (`request`,
    /// `requests`, `request_responses`, `owner_requests`) and their KPIs. Version 7 removed
    /// the unpaged `record_of_processing` and `overdue_deletions`: no method returns an
    /// unbounded list.
    #[api_version(7)]
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
        /// Products by id, from `offset`, at most `limit`.
        fn products(offset: u64, limit: u32) -> Vec<ProductView<AccountId, Balance, BlockNumber>>;
        /// An order.
        fn order(id: OrderId) -> Option<OrderView<AccountId, Balance, BlockNumber>>;
        /// The initiative's KPIs (version 5 added `given_to_funds`, version 6 the requests').
        fn kpis() -> Kpis<Balance>;
        /// The KPIs of version 5.
        #[changed_in(6)]
        fn kpis() -> KpisV5<Balance>;
        /// The KPIs before version 5.
        #[changed_in(5)]
        fn kpis() -> KpisV4<Balance>;
        /// A page of the overdue deletions (at most `limit`, capped at 100), after order
        /// `after`, by due block then id. Since version 2: check the runtime's version first.
        fn overdue_deletions_page(after: Option<OrderId>, limit: u32) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// A page of `consumer`'s record of processing (at most `limit`, capped at 100),
        /// after order `after`, oldest first. Since version 3: check the runtime's version first.
        fn record_of_processing_page(consumer: AccountId, after: Option<OrderId>, limit: u32) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// A page of the products `owner` contributes to (at most `limit`, capped at 100),
        /// after product `after`, by id, each with the owner's weight and consent. Since
        /// version 4.
        fn owner_contributions(owner: AccountId, after: Option<ProductId>, limit: u32) -> Vec<OwnerContribution<AccountId, Balance, BlockNumber>>;
        /// A page of the orders placed on products and purposes while `owner` was in their
        /// pool (at most `limit`, capped at 100), after order `after`, oldest first. Since
        /// version 4.
        fn disclosures(owner: AccountId, after: Option<OrderId>, limit: u32) -> Vec<Disclosure<AccountId, BlockNumber>>;
        /// Data altruism: the public-interest funds, what sales credited them, and how many
        /// memberships leave their share to their pools' other owners. Since version 5.
        fn altruism() -> AltruismReport<AccountId, Balance>;
        /// A data request. Since version 6.
        fn request(id: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>>;
        /// Data requests by id after `after`, at most `limit` (capped at 100). Since version 6.
        fn requests(after: Option<RequestId>, limit: u32) -> Vec<RequestView<AccountId, Balance, BlockNumber>>;
        /// The owners who opted in to request `id`, in order, from position `offset`, at most
        /// `limit` (capped at 100). Since version 6.
        fn request_responses(id: RequestId, offset: u32, limit: u32) -> Vec<ResponseView<AccountId, BlockNumber>>;
        /// The requests `owner` opted in to, by id after `after`, at most `limit` (capped at
        /// 100). Since version 6.
        fn owner_requests(owner: AccountId, after: Option<RequestId>, limit: u32) -> Vec<ResponseView<AccountId, BlockNumber>>;
    }
}
