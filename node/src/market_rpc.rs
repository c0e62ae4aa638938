//! The `market_*` JSON-RPC methods: the marketplace runtime API for dApps and auditors.
//!
//! Every method takes an optional block hash as its last parameter ("as of block N"; the best
//! block when omitted). Accounts are SS58 strings, balances and weights decimal strings,
//! hashes 0x-prefixed hex, fields camelCase. Ids (product, order) and offsets are accepted as a
//! JSON number or a decimal string. Unknown ids, bad addresses and unknown or pruned blocks
//! answer a JSON-RPC error with a code and a message that names the cause; the codes each method
//! can answer are listed in `docs/market-rpc.md`.

use std::sync::Arc;

use cityzen_market_api::{
    ConsentStatus, KindView, Kpis, MarketApi, OrderView, ProductView, Statement,
};
use cityzen_primitives::{Pricing, Purpose};
use cityzen_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use jsonrpsee::{
    core::RpcResult,
    proc_macros::rpc,
    types::{ErrorObject, ErrorObjectOwned},
};
use serde::{Deserialize, Deserializer, Serialize};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{
    crypto::{Ss58AddressFormat, Ss58Codec},
    hexdisplay::HexDisplay,
    H256,
};
use sp_runtime::traits::Block as BlockT;

/// The address format of the chain (generic Substrate, 42).
const SS58_FORMAT: u16 = 42;

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
}

/// An id (of a product or an order) or an offset, given as a JSON number (`3`) or a decimal
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

fn ss58(who: &AccountId) -> String {
    who.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_FORMAT))
}

fn hex(h: &H256) -> String {
    format!("0x{}", HexDisplay::from(&h.0))
}

fn bytes(b: &[u8]) -> String {
    format!("0x{}", HexDisplay::from(&b))
}

/// An owner's consent for a product.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentJson {
    /// DPV state: Given, Renewed, Withdrawn, Expired, Invalidated.
    pub state: String,
    /// The purposes consented to.
    pub purposes: Vec<Purpose>,
    /// Expiry block (exclusive).
    pub expires_at: Option<BlockNumber>,
    /// Hash of the consent receipt.
    pub receipt_hash: String,
    /// First given at.
    pub given_at: BlockNumber,
    /// Last changed at.
    pub updated_at: BlockNumber,
    /// Live for the purpose asked about.
    pub live: bool,
}

impl From<ConsentStatus<BlockNumber>> for ConsentJson {
    fn from(c: ConsentStatus<BlockNumber>) -> Self {
        Self {
            state: format!("{:?}", c.state),
            purposes: c.purposes,
            expires_at: c.expires_at,
            receipt_hash: hex(&c.receipt_hash),
            given_at: c.given_at,
            updated_at: c.updated_at,
            live: c.live,
        }
    }
}

/// One pool line of an owner's statement.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolLineJson {
    /// The product.
    pub product_id: u64,
    /// The purpose.
    pub purpose: Purpose,
    /// The owner's weight.
    pub weight: String,
    /// The pool's total weight.
    pub pool_weight: String,
    /// Earned in this pool since joining.
    pub earned: String,
    /// Claimed from this pool since joining.
    pub claimed: String,
    /// Claimable now.
    pub pending: String,
}

/// An owner's earnings statement.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementJson {
    /// The owner.
    pub owner: String,
    /// The pools it is a member of.
    pub pools: Vec<PoolLineJson>,
    /// Earnings of pools left, still to claim.
    pub unclaimed_left: String,
    /// Lifetime earnings.
    pub earned: String,
    /// Lifetime claims.
    pub claimed: String,
    /// Claimable now (`claimAll`).
    pub pending: String,
}

impl StatementJson {
    fn new(owner: &AccountId, s: Statement<Balance>) -> Self {
        Self {
            owner: ss58(owner),
            pools: s
                .pools
                .into_iter()
                .map(|l| PoolLineJson {
                    product_id: l.product,
                    purpose: l.purpose,
                    weight: l.weight.to_string(),
                    pool_weight: l.pool_weight.to_string(),
                    earned: l.earned.to_string(),
                    claimed: l.claimed.to_string(),
                    pending: l.pending.to_string(),
                })
                .collect(),
            unclaimed_left: s.unclaimed_left.to_string(),
            earned: s.earned.to_string(),
            claimed: s.claimed.to_string(),
            pending: s.pending.to_string(),
        }
    }
}

/// A product's pricing.
#[derive(Clone, Serialize)]
#[serde(tag = "model")]
pub enum PricingJson {
    /// One price.
    Fixed {
        /// The price.
        price: String,
    },
    /// A price per period.
    #[serde(rename_all = "camelCase")]
    Subscription {
        /// Price of a period.
        price_per_period: String,
        /// Period in blocks.
        period: BlockNumber,
    },
    /// Offers at or above a floor.
    Negotiated {
        /// The floor.
        floor: String,
    },
}

/// A product.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductJson {
    /// Id.
    pub id: u64,
    /// Provider.
    pub provider: String,
    /// "Batch" or "Stream".
    pub kind: String,
    /// Dataset content hash (Batch).
    pub content_hash: Option<String>,
    /// Dataset size in bytes (Batch).
    pub size_bytes: Option<u64>,
    /// Stream id, hex (Stream).
    pub stream_id: Option<String>,
    /// Metadata reference, hex.
    pub metadata: String,
    /// Licence hash.
    pub licence_hash: String,
    /// Purposes.
    pub purposes: Vec<Purpose>,
    /// Consumer classes.
    pub classes: Vec<cityzen_primitives::ConsumerClass>,
    /// Pricing.
    pub pricing: PricingJson,
    /// Owners' share, basis points.
    pub owners_share_bps: u16,
    /// k.
    pub min_owners: u32,
    /// Buyer's level of assurance.
    pub buyer_loa: String,
    /// Retention in blocks.
    pub retention: BlockNumber,
    /// Terms version.
    pub version: u32,
    /// Status.
    pub status: String,
    /// Deposit held.
    pub deposit: String,
    /// Open orders.
    pub open_orders: u32,
    /// Contributors.
    pub contributors: u32,
    /// Listed at.
    pub created_at: BlockNumber,
    /// Consenting contributors per purpose: `{ purpose, members }`.
    pub pools: Vec<PoolSizeJson>,
}

/// The size of one purpose's pool.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolSizeJson {
    /// The purpose.
    pub purpose: Purpose,
    /// Members (contributors with live consent).
    pub members: u32,
}

impl From<ProductView<AccountId, Balance, BlockNumber>> for ProductJson {
    fn from(p: ProductView<AccountId, Balance, BlockNumber>) -> Self {
        let (kind, content_hash, size_bytes, stream_id) = match p.kind {
            KindView::Batch {
                content_hash,
                size_bytes,
            } => ("Batch", Some(hex(&content_hash)), Some(size_bytes), None),
            KindView::Stream { stream_id } => ("Stream", None, None, Some(bytes(&stream_id))),
        };
        Self {
            id: p.id,
            provider: ss58(&p.provider),
            kind: kind.into(),
            content_hash,
            size_bytes,
            stream_id,
            metadata: bytes(&p.metadata),
            licence_hash: hex(&p.licence_hash),
            purposes: p.purposes,
            classes: p.classes,
            pricing: match p.pricing {
                Pricing::Fixed { price } => PricingJson::Fixed {
                    price: price.to_string(),
                },
                Pricing::Subscription {
                    price_per_period,
                    period,
                } => PricingJson::Subscription {
                    price_per_period: price_per_period.to_string(),
                    period,
                },
                Pricing::Negotiated { floor } => PricingJson::Negotiated {
                    floor: floor.to_string(),
                },
            },
            owners_share_bps: p.owners_share_bps,
            min_owners: p.min_owners,
            buyer_loa: format!("{:?}", p.buyer_loa),
            retention: p.retention,
            version: p.version,
            status: format!("{:?}", p.status),
            deposit: p.deposit.to_string(),
            open_orders: p.open_orders,
            contributors: p.contributors,
            created_at: p.created_at,
            pools: p
                .pool_members
                .into_iter()
                .map(|(purpose, members)| PoolSizeJson { purpose, members })
                .collect(),
        }
    }
}

/// An order: a line of a buyer's record of processing (GDPR Art. 30).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderJson {
    /// Id.
    pub id: u64,
    /// Buyer (the controller of the processing).
    pub buyer: String,
    /// Provider.
    pub provider: String,
    /// Product.
    pub product_id: u64,
    /// Purpose of the processing.
    pub purpose: Purpose,
    /// Terms version.
    pub terms_version: u32,
    /// Subscription periods (0: one-off).
    pub periods: u32,
    /// Price paid into escrow.
    pub price: String,
    /// Still held.
    pub held: String,
    /// Paid out through the revenue split.
    pub paid: String,
    /// Placed at.
    pub placed: BlockNumber,
    /// Delivery deadline.
    pub deliver_by: BlockNumber,
    /// Delivered at.
    pub delivered: Option<BlockNumber>,
    /// Delivery reference, hex.
    pub delivery_ref: Option<String>,
    /// End of the dispute window.
    pub dispute_until: Option<BlockNumber>,
    /// Access ends at.
    pub access_until: Option<BlockNumber>,
    /// Deletion due at.
    pub retention_due: Option<BlockNumber>,
    /// Deletion attested at.
    pub deletion_attested: Option<BlockNumber>,
    /// Hash of the deletion proof.
    pub deletion_proof: Option<String>,
    /// Refund share of a resolved dispute.
    pub refund_bps: Option<u16>,
    /// State: Placed, Delivered, Disputed, Settled, Refunded, Resolved.
    pub state: String,
}

impl From<OrderView<AccountId, Balance, BlockNumber>> for OrderJson {
    fn from(o: OrderView<AccountId, Balance, BlockNumber>) -> Self {
        Self {
            id: o.id,
            buyer: ss58(&o.buyer),
            provider: ss58(&o.provider),
            product_id: o.product,
            purpose: o.purpose,
            terms_version: o.terms_version,
            periods: o.periods,
            price: o.price.to_string(),
            held: o.held.to_string(),
            paid: o.paid.to_string(),
            placed: o.placed_at,
            deliver_by: o.deliver_by,
            delivered: o.delivered_at,
            delivery_ref: o.delivery_ref.as_deref().map(bytes),
            dispute_until: o.dispute_until,
            access_until: o.access_until,
            retention_due: o.retention_due,
            deletion_attested: o.deletion.map(|d| d.1),
            deletion_proof: o.deletion.map(|d| hex(&d.0)),
            refund_bps: o.refund_bps,
            state: format!("{:?}", o.state),
        }
    }
}

/// The initiative's KPIs.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpisJson {
    /// Contracts established: orders delivered.
    pub contracts_established: u64,
    /// Orders placed.
    pub orders_placed: u64,
    /// Value exchanged (paid out of escrow).
    pub value_exchanged: String,
    /// Bytes of datasets delivered.
    pub data_volume_bytes: u64,
    /// Data owners (valid credential).
    pub data_owners: u32,
    /// Consumers (valid credential).
    pub consumers: u32,
    /// Providers (valid credential).
    pub providers: u32,
    /// Live consents.
    pub live_consents: u32,
    /// Products listed (not retired).
    pub products_listed: u32,
}

impl From<Kpis<Balance>> for KpisJson {
    fn from(k: Kpis<Balance>) -> Self {
        Self {
            contracts_established: k.contracts,
            orders_placed: k.orders,
            value_exchanged: k.value_exchanged.to_string(),
            data_volume_bytes: k.data_volume_bytes,
            data_owners: k.data_owners,
            consumers: k.consumers,
            providers: k.providers,
            live_consents: k.live_consents,
            products_listed: k.products_listed,
        }
    }
}

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
    ) -> RpcResult<ConsentJson>;

    /// Whether `account` may access `productId`'s data at that block.
    #[method(name = "hasAccess")]
    fn has_access(&self, account: String, product_id: Id, at: Option<BlockHash>)
        -> RpcResult<bool>;

    /// `owner`'s earnings statement.
    #[method(name = "ownerStatement")]
    fn owner_statement(&self, owner: String, at: Option<BlockHash>) -> RpcResult<StatementJson>;

    /// Every order of `consumer`: its GDPR Art. 30 record of processing.
    #[method(name = "recordOfProcessing")]
    fn record_of_processing(
        &self,
        consumer: String,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<OrderJson>>;

    /// A product.
    #[method(name = "product")]
    fn product(&self, product_id: Id, at: Option<BlockHash>) -> RpcResult<ProductJson>;

    /// Products by id from `offset`, at most `limit` (at most 100).
    #[method(name = "products")]
    fn products(
        &self,
        offset: Id,
        limit: u32,
        at: Option<BlockHash>,
    ) -> RpcResult<Vec<ProductJson>>;

    /// An order.
    #[method(name = "order")]
    fn order(&self, order_id: Id, at: Option<BlockHash>) -> RpcResult<OrderJson>;

    /// Delivered orders past their retention without a deletion attestation.
    #[method(name = "overdueDeletions")]
    fn overdue_deletions(&self, at: Option<BlockHash>) -> RpcResult<Vec<OrderJson>>;

    /// The initiative's KPIs.
    #[method(name = "kpis")]
    fn kpis(&self, at: Option<BlockHash>) -> RpcResult<KpisJson>;
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
    ) -> RpcResult<ConsentJson> {
        let Id(product_id) = product_id;
        let who = account(&owner)?;
        let hash = self.block(at)?;
        self.known_product(hash, product_id)?;
        self.call_at(hash, |api, h| {
            api.consent_status(h, who, product_id, purpose)
        })?
        .map(Into::into)
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

    fn owner_statement(&self, owner: String, at: Option<Hash>) -> RpcResult<StatementJson> {
        let who = account(&owner)?;
        let s = self.call(at, |api, h| api.owner_statement(h, who.clone()))?;
        Ok(StatementJson::new(&who, s))
    }

    fn record_of_processing(
        &self,
        consumer: String,
        at: Option<Hash>,
    ) -> RpcResult<Vec<OrderJson>> {
        let who = account(&consumer)?;
        let orders = self.call(at, |api, h| api.record_of_processing(h, who))?;
        Ok(orders.into_iter().map(Into::into).collect())
    }

    fn product(&self, product_id: Id, at: Option<Hash>) -> RpcResult<ProductJson> {
        let Id(product_id) = product_id;
        self.call(at, |api, h| api.product(h, product_id))?
            .map(Into::into)
            .ok_or_else(|| {
                error(
                    codes::UNKNOWN_PRODUCT,
                    format!("unknown product {product_id}"),
                )
            })
    }

    fn products(&self, offset: Id, limit: u32, at: Option<Hash>) -> RpcResult<Vec<ProductJson>> {
        let Id(offset) = offset;
        let products = self.call(at, |api, h| api.products(h, offset, limit))?;
        Ok(products.into_iter().map(Into::into).collect())
    }

    fn order(&self, order_id: Id, at: Option<Hash>) -> RpcResult<OrderJson> {
        let Id(order_id) = order_id;
        self.call(at, |api, h| api.order(h, order_id))?
            .map(Into::into)
            .ok_or_else(|| error(codes::UNKNOWN_ORDER, format!("unknown order {order_id}")))
    }

    fn overdue_deletions(&self, at: Option<Hash>) -> RpcResult<Vec<OrderJson>> {
        let orders = self.call(at, |api, h| api.overdue_deletions(h))?;
        Ok(orders.into_iter().map(Into::into).collect())
    }

    fn kpis(&self, at: Option<Hash>) -> RpcResult<KpisJson> {
        Ok(self.call(at, |api, h| api.kpis(h))?.into())
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
