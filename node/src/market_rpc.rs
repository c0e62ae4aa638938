//! The `market_*` JSON-RPC methods: the marketplace runtime API for dApps and auditors.
//!
//! Every method takes an optional block hash `at` as its last parameter ("as of block N"; the
//! best block when omitted); paged methods take `after` (the last item of the previous page)
//! and `limit` (default and most [`MAX_PAGE`]) before it. Accounts are SS58 strings, balances and weights decimal strings,
//! hashes 0x-prefixed hex, fields camelCase. Ids (product, order, request) are accepted as a
//! JSON number or a decimal string. Unknown ids, bad addresses and unknown or pruned blocks
//! answer a JSON-RPC error with a code and a message that names the cause; the codes each method
//! can answer are listed in `docs/market-rpc.md`.

use std::sync::Arc;

use cityzen_market_api::{AltruismReport, ConsentStatus, Kpis, MarketApi, Statement, MAX_PAGE};
use cityzen_primitives::Purpose;
use cityzen_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use jsonrpsee::{
    core::RpcResult,
    proc_macros::rpc,
    types::{ErrorObject, ErrorObjectOwned},
};
use serde::{Deserialize, Deserializer, Serialize};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;
use sp_runtime::traits::Block as BlockT;

/// JSON-RPC error codes of the `market` namespace.
pub mod codes {
    /// A parameter is not a valid SS58 address.
    pub const INVALID_ADDRESS: i32 = 1000;
    /// The block hash is not known to this node, or its state was pruned.
    pub const UNKNOWN_BLOCK: i32 = 1001;
    /// No product with this id.
    pub const UNKNOWN_PRODUCT: i32 = 1002;
    /// No order with this id.
    pub const UNKNOWN_ORDER: i32 = 1003;
    /// The owner has no consent record for this product.
    pub const NO_CONSENT: i32 = 1004;
    /// The runtime call failed (e.g. the runtime at that block has no marketplace API).
    pub const RUNTIME: i32 = 1005;
    /// No data request with this id.
    pub const UNKNOWN_REQUEST: i32 = 1007;
}

/// An id (of a product, an order or a request), given as a JSON number (`3`) or a decimal
/// string (`"3"`): JavaScript dApps pass large integers as strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Id(pub u64);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an unsigned 64-bit integer, as a JSON number or a decimal string")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Id, E> {
                u64::try_from(v)
                    .map(Id)
                    .map_err(|_| E::custom(format!("{v} is negative")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Id, E> {
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format!("{v:?} is not a decimal integer")));
                }
                v.parse::<u64>()
                    .map(Id)
                    .map_err(|_| E::custom(format!("{v:?} does not fit in 64 bits")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A page's cursor and length: `after` as an id, `limit` defaulting to and capped at
/// [`MAX_PAGE`].
fn page(after: Option<Id>, limit: Option<u32>) -> (Option<u64>, u32) {
    (
        after.map(|Id(id)| id),
        limit.unwrap_or(MAX_PAGE).min(MAX_PAGE),
    )
}

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
    ErrorObject::owned(code, message.into(), None::<()>)
}

fn account(address: &str) -> RpcResult<AccountId> {
    AccountId::from_ss58check(address).map_err(|e| {
        error(
            codes::INVALID_ADDRESS,
            format!("invalid SS58 address {address:?}: {e:?}"),
        )
    })
}

/// An owner's earnings statement, with the owner it is for (the runtime API's
/// [`Statement`] does not repeat it).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerStatement {
    /// The owner.
    pub owner: AccountId,
    /// Its statement.
    #[serde(flatten)]
    pub statement: Statement<Balance>,
}

/// The answers' types in the runtime's types (one definition: the runtime's).
pub use cityzen_runtime::market_api::{
    Contribution, Order, OwnerDisclosure, Product, Request, Response,
};

/// The `market` namespace.
#[rpc(server, namespace = "market")]
pub trait MarketRpcApi<BlockHash> {
    /// `owner`'s consent for `productId`, and whether it is live for `purpose`.
    #[method(name = "consentStatus")]
    fn consent_status(
        &self,
        owner: String,
        product_id: Id,
        purpose: Purpose,
        at: Option<BlockHash>,
    ) -> RpcResult<ConsentStatus<BlockNumber>>;

    /// Whether `account` may access `productId`'s data at that block.
    #[method(name = "hasAccess")]
    fn has_access(&self, account: String, product_id: Id, at: Option<BlockHash>)
        -> RpcResult<bool>;

    /// `owner`'s earnings statement.
    #[method(name = "ownerStatement")]
    fn owner_statement(&self, owner: String, at: Option<BlockHash>) -> RpcResult<OwnerStatement>;

    /// `consumer`'s orders, its GDPR Art. 30 record of processing, oldest first: a page of at
    /// most `limit` (default and most 100), after order `after`.
    #[method(name = "recordOfProcessing")]
    fn record_of_processing(
        &self,
        consumer: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Order>>;

    /// The orders placed on `provider`'s products, oldest first (what it has to deliver, and
    /// has sold): a page of at most `limit` (default and most 100), after order `after`.
    #[method(name = "providerOrders")]
    fn provider_orders(
        &self,
        provider: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Order>>;

    /// A product.
    #[method(name = "product")]
    fn product(&self, product_id: Id, at: Option<BlockHash>) -> RpcResult<Product>;

    /// Products by id: a page of at most `limit` (default and most 100), after product
    /// `after`.
    #[method(name = "products")]
    fn products(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Product>>;

    /// An order.
    #[method(name = "order")]
    fn order(&self, order_id: Id, at: Option<BlockHash>) -> RpcResult<Order>;

    /// Delivered orders past their retention without a deletion attestation, by due block
    /// then id: a page of at most `limit` (default and most 100), after order `after`.
    #[method(name = "overdueDeletions")]
    fn overdue_deletions(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Order>>;

    /// The initiative's KPIs.
    #[method(name = "kpis")]
    fn kpis(&self, at: Option<BlockHash>) -> RpcResult<Kpis<Balance>>;

    /// The products `owner` contributes to, by id, each with its terms, the owner's weight and
    /// consent: a page of at most `limit` (default and most 100), after product `after`.
    #[method(name = "ownerContributions")]
    fn owner_contributions(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Contribution>>;

    /// Who has had `owner`'s data (GDPR Art. 15(1)(c)): the sales delivered on products and
    /// purposes while the owner was in their pool (the sales that paid it), oldest first: a
    /// page of at most `limit` (default and most 100), after sale number `after`.
    #[method(name = "disclosures")]
    fn disclosures(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<OwnerDisclosure>>;

    /// Data altruism: the public-interest funds (approved, or removed and still named), what
    /// sales credited each, and how many memberships leave their share to the other owners.
    #[method(name = "altruism")]
    fn altruism(&self, at: Option<BlockHash>) -> RpcResult<AltruismReport<AccountId, Balance>>;

    /// A data request: its terms, budget, state, respondents and, once closed, its split.
    #[method(name = "request")]
    fn request(&self, request_id: Id, at: Option<BlockHash>) -> RpcResult<Request>;

    /// Data requests by id: a page of at most `limit` (default and most 100), after request
    /// `after`.
    #[method(name = "requests")]
    fn requests(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Request>>;

    /// The owners who opted in to request `requestId`, in the order they answered: a page of
    /// at most `limit` (default and most 100), after the answer of owner `after`.
    #[method(name = "requestResponses")]
    fn request_responses(
        &self,
        request_id: Id,
        after: Option<String>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Response>>;

    /// The requests `owner` answered (including withdrawn answers), by request id: a page of
    /// at most `limit` (default and most 100), after request `after`.
    #[method(name = "ownerRequests")]
    fn owner_requests(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<Response>>;
}

/// The `market` RPC handler.
pub struct Market<C> {
    client: Arc<C>,
}

impl<C> Market<C> {
    /// A handler reading through `client`.
    pub fn new(client: Arc<C>) -> Self {
        Self { client }
    }
}

type Hash = <Block as BlockT>::Hash;

impl<C> Market<C>
where
    C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
    C::Api: MarketApi<Block, AccountId, Balance, BlockNumber>,
{
    /// The block to read: `at`, or the best block. The block must be known and its state
    /// available (not pruned), and its runtime must have the marketplace API.
    fn block(&self, at: Option<Hash>) -> RpcResult<Hash> {
        let hash = match at {
            None => self.client.info().best_hash,
            Some(hash) => match self.client.header(hash) {
                Ok(Some(_)) => hash,
                _ => {
                    return Err(error(
                        codes::UNKNOWN_BLOCK,
                        format!("unknown block {hash:?}: not imported by this node"),
                    ))
                }
            },
        };
        // Reading the runtime version needs the block's state: it fails when it was pruned.
        match self
            .client
            .runtime_api()
            .api_version::<dyn MarketApi<Block, AccountId, Balance, BlockNumber>>(hash)
        {
            Ok(Some(_)) => Ok(hash),
            Ok(None) => Err(error(
                codes::RUNTIME,
                format!("the runtime at block {hash:?} has no marketplace API"),
            )),
            Err(e) => Err(error(
                codes::UNKNOWN_BLOCK,
                format!("the state of block {hash:?} is not available (pruned?): {e}"),
            )),
        }
    }

    /// Fails with [`codes::UNKNOWN_PRODUCT`] unless `product` exists at block `hash`.
    fn known_product(&self, hash: Hash, product: u64) -> RpcResult<()> {
        let found = self
            .client
            .runtime_api()
            .product(hash, product)
            .map_err(|e| error(codes::RUNTIME, format!("runtime call failed: {e}")))?;
        found
            .map(|_| ())
            .ok_or_else(|| error(codes::UNKNOWN_PRODUCT, format!("unknown product {product}")))
    }

    fn call<R>(
        &self,
        at: Option<Hash>,
        f: impl FnOnce(&C::Api, Hash) -> Result<R, sp_api::ApiError>,
    ) -> RpcResult<R> {
        let hash = self.block(at)?;
        self.call_at(hash, f)
    }

    fn call_at<R>(
        &self,
        hash: Hash,
        f: impl FnOnce(&C::Api, Hash) -> Result<R, sp_api::ApiError>,
    ) -> RpcResult<R> {
        let api = self.client.runtime_api();
        f(&api, hash).map_err(|e| error(codes::RUNTIME, format!("runtime call failed: {e}")))
    }
}

impl<C> MarketRpcApiServer<Hash> for Market<C>
where
    C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
    C::Api: MarketApi<Block, AccountId, Balance, BlockNumber>,
{
    fn consent_status(
        &self,
        owner: String,
        product_id: Id,
        purpose: Purpose,
        at: Option<Hash>,
    ) -> RpcResult<ConsentStatus<BlockNumber>> {
        let Id(product_id) = product_id;
        let who = account(&owner)?;
        let hash = self.block(at)?;
        self.known_product(hash, product_id)?;
        self.call_at(hash, |api, h| {
            api.consent_status(h, who, product_id, purpose)
        })?
        .ok_or_else(|| {
            error(
                codes::NO_CONSENT,
                format!("{owner} has no consent record for product {product_id}"),
            )
        })
    }

    fn has_access(&self, account_id: String, product_id: Id, at: Option<Hash>) -> RpcResult<bool> {
        let Id(product_id) = product_id;
        let who = account(&account_id)?;
        let hash = self.block(at)?;
        self.known_product(hash, product_id)?;
        self.call_at(hash, |api, h| api.has_access(h, who, product_id))
    }

    fn owner_statement(&self, owner: String, at: Option<Hash>) -> RpcResult<OwnerStatement> {
        let who = account(&owner)?;
        let statement = self.call(at, |api, h| api.owner_statement(h, who.clone()))?;
        Ok(OwnerStatement {
            owner: who,
            statement,
        })
    }

    fn record_of_processing(
        &self,
        consumer: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Order>> {
        let who = account(&consumer)?;
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| {
            api.record_of_processing(h, who, after, limit)
        })
    }

    fn provider_orders(
        &self,
        provider: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Order>> {
        let who = account(&provider)?;
        let (after, limit) = page(after, limit);
        self.call(at, |api, h| api.provider_orders(h, who, after, limit))
    }

    fn product(&self, product_id: Id, at: Option<Hash>) -> RpcResult<Product> {
        let Id(product_id) = product_id;
        self.call(at, |api, h| api.product(h, product_id))?
            .ok_or_else(|| {
                error(
                    codes::UNKNOWN_PRODUCT,
                    format!("unknown product {product_id}"),
                )
            })
    }

    fn products(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Product>> {
        let (after, limit) = page(after, limit);
        self.call(at, |api, h| api.products(h, after, limit))
    }

    fn order(&self, order_id: Id, at: Option<Hash>) -> RpcResult<Order> {
        let Id(order_id) = order_id;
        self.call(at, |api, h| api.order(h, order_id))?
            .ok_or_else(|| error(codes::UNKNOWN_ORDER, format!("unknown order {order_id}")))
    }

    fn overdue_deletions(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Order>> {
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| api.overdue_deletions(h, after, limit))
    }

    fn kpis(&self, at: Option<Hash>) -> RpcResult<Kpis<Balance>> {
        self.call(at, |api, h| api.kpis(h))
    }

    fn owner_contributions(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Contribution>> {
        let who = account(&owner)?;
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| api.owner_contributions(h, who, after, limit))
    }

    fn disclosures(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<OwnerDisclosure>> {
        let who = account(&owner)?;
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| api.disclosures(h, who, after, limit))
    }

    fn altruism(&self, at: Option<Hash>) -> RpcResult<AltruismReport<AccountId, Balance>> {
        let hash = self.block(at)?;
        self.call_at(hash, |api, h| api.altruism(h))
    }

    fn request(&self, request_id: Id, at: Option<Hash>) -> RpcResult<Request> {
        let Id(id) = request_id;
        let hash = self.block(at)?;
        self.call_at(hash, |api, h| api.request(h, id))?
            .ok_or_else(|| error(codes::UNKNOWN_REQUEST, format!("unknown request {id}")))
    }

    fn requests(
        &self,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Request>> {
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| api.requests(h, after, limit))
    }

    fn request_responses(
        &self,
        request_id: Id,
        after: Option<String>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Response>> {
        let Id(id) = request_id;
        let hash = self.block(at)?;
        let known = self.call_at(hash, |api, h| api.request(h, id))?;
        if known.is_none() {
            return Err(error(
                codes::UNKNOWN_REQUEST,
                format!("unknown request {id}"),
            ));
        }
        let after = after.as_deref().map(account).transpose()?;
        let limit = limit.unwrap_or(MAX_PAGE).min(MAX_PAGE);
        self.call_at(hash, |api, h| api.request_responses(h, id, after, limit))
    }

    fn owner_requests(
        &self,
        owner: String,
        after: Option<Id>,
        limit: Option<u32>,
        at: Option<Hash>,
    ) -> RpcResult<Vec<Response>> {
        let who = account(&owner)?;
        let hash = self.block(at)?;
        let (after, limit) = page(after, limit);
        self.call_at(hash, |api, h| api.owner_requests(h, who, after, limit))
    }
}

#[cfg(test)]
mod tests {
    use super::Id;

    fn id(json: &str) -> Result<Id, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn ids_are_numbers_or_decimal_strings() {
        assert_eq!(id("3").unwrap(), Id(3));
        assert_eq!(id("\"3\"").unwrap(), Id(3));
        assert_eq!(id("\"18446744073709551615\"").unwrap(), Id(u64::MAX));
        assert_eq!(id("18446744073709551615").unwrap(), Id(u64::MAX));
        for bad in [
            "-1",
            "\"-1\"",
            "\"\"",
            "\" 3\"",
            "\"0x3\"",
            "\"3.0\"",
            "3.5",
            "\"18446744073709551616\"",
            "null",
            "true",
        ] {
            assert!(id(bad).is_err(), "{bad} must be refused");
        }
    }
}
