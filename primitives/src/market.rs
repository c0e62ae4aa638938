//! The market's read shapes: one type per answer, built by the pallet that owns the data,
//! returned by the runtime API (SCALE) and by the node's `market_*` JSON-RPC (serde) alike.
//!
//! JSON, as `docs/market-rpc.md` documents it: fields camelCase; accounts SS58 (the
//! `AccountId`'s own serde); balances and pool weights decimal strings; hashes and bytes
//! 0x-prefixed hex; enums by variant name; block numbers and ids JSON numbers.

use crate::{BasisPoints, ConsumerClass, Loa, Pricing, ProductId, ProductStatus, Purpose};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::Serialize;
use sp_core::H256;

use crate::json;

/// The longest page a paged market read returns: every list the marketplace API answers is
/// read `after` a cursor (the last item of the previous page), at most this many at a time.
pub const MAX_PAGE: u32 = 100;

/// An order's id.
pub type OrderId = u64;

pub use crate::states::{ConsentState, OrderState};

/// An owner's consent for a product, and whether it is live for the purpose asked about.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentStatus<BlockNumber> {
    /// DPV state of the record.
    pub state: ConsentState,
    /// The purposes consented to.
    pub purposes: Vec<Purpose>,
    /// Expiry block (exclusive), if any.
    pub expires_at: Option<BlockNumber>,
    /// Hash of the consent receipt.
    #[serde(serialize_with = "json::hash")]
    pub receipt_hash: H256,
    /// When it was first given.
    pub given_at: BlockNumber,
    /// When it last changed.
    pub updated_at: BlockNumber,
    /// Whether it is live for the purpose asked about (given or renewed, not expired, covering
    /// the purpose, the product active).
    pub live: bool,
}

/// What a product sells. In JSON: `kind` ("Batch" or "Stream") with `contentHash`,
/// `sizeBytes` and `streamId` beside it (null where they do not apply).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum KindView {
    /// A dataset.
    Batch {
        /// Its content hash.
        content_hash: H256,
        /// Its size in bytes.
        size_bytes: u64,
    },
    /// A stream.
    Stream {
        /// The stream id.
        stream_id: Vec<u8>,
    },
}

/// A product as dApps see it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display, BlockNumber: Serialize")
)]
pub struct ProductView<AccountId, Balance, BlockNumber> {
    /// Its id.
    pub id: ProductId,
    /// Its provider.
    pub provider: AccountId,
    /// Batch or stream.
    #[serde(flatten, serialize_with = "shapes::kind")]
    pub kind: KindView,
    /// Metadata reference.
    #[serde(serialize_with = "json::bytes")]
    pub metadata: Vec<u8>,
    /// Licence hash.
    #[serde(serialize_with = "json::hash")]
    pub licence_hash: H256,
    /// Purposes it may be bought for.
    pub purposes: Vec<Purpose>,
    /// Consumer classes it is offered to.
    pub classes: Vec<ConsumerClass>,
    /// Pricing model; in JSON `{ model, price | pricePerPeriod & period | floor }`.
    pub pricing: Pricing<Balance, BlockNumber>,
    /// Owners' share in basis points.
    pub owners_share_bps: BasisPoints,
    /// k.
    pub min_owners: u32,
    /// Buyer's level of assurance.
    pub buyer_loa: Loa,
    /// Retention period in blocks.
    pub retention: BlockNumber,
    /// Terms version.
    pub version: u32,
    /// Status.
    pub status: ProductStatus,
    /// Deposit held.
    #[serde(serialize_with = "json::dec")]
    pub deposit: Balance,
    /// Open orders.
    pub open_orders: u32,
    /// Contributors.
    pub contributors: u32,
    /// Listing block.
    pub created_at: BlockNumber,
    /// Members (consenting contributors) of each purpose's pool; in JSON
    /// `[{ purpose, members }]`.
    #[serde(serialize_with = "shapes::pools")]
    pub pools: Vec<(Purpose, u32)>,
}

/// An order as dApps and auditors see it (a line of a buyer's record of processing).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display, BlockNumber: Serialize")
)]
pub struct OrderView<AccountId, Balance, BlockNumber> {
    /// Its id.
    pub id: OrderId,
    /// The buyer (controller of the processing).
    pub buyer: AccountId,
    /// The provider.
    pub provider: AccountId,
    /// The product.
    pub product_id: ProductId,
    /// The purpose of the processing.
    pub purpose: Purpose,
    /// Terms version it was placed with.
    pub terms_version: u32,
    /// Subscription periods bought (0 for a one-off order).
    pub periods: u32,
    /// Price paid into escrow.
    #[serde(serialize_with = "json::dec")]
    pub price: Balance,
    /// Still held in escrow.
    #[serde(serialize_with = "json::dec")]
    pub held: Balance,
    /// Paid out through the revenue split.
    #[serde(serialize_with = "json::dec")]
    pub paid: Balance,
    /// Placed at.
    pub placed: BlockNumber,
    /// Delivery deadline.
    pub deliver_by: BlockNumber,
    /// Delivered at.
    pub delivered: Option<BlockNumber>,
    /// The delivery reference.
    #[serde(serialize_with = "json::opt_bytes")]
    pub delivery_ref: Option<Vec<u8>>,
    /// End of the dispute window.
    pub dispute_until: Option<BlockNumber>,
    /// Access ends at.
    pub access_until: Option<BlockNumber>,
    /// Deletion due at.
    pub retention_due: Option<BlockNumber>,
    /// Deletion attestation: proof hash and block; in JSON `deletionAttested` (the block)
    /// and `deletionProof` (the hash).
    #[serde(flatten, serialize_with = "shapes::deletion")]
    pub deletion: Option<(H256, BlockNumber)>,
    /// Refund share of a resolved dispute.
    pub refund_bps: Option<BasisPoints>,
    /// State.
    pub state: OrderState,
}

/// A product an owner contributes to, with the owner's consent to it (what the owner is asked to
/// consent to): an answer of `market_ownerContributions`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display, BlockNumber: Serialize")
)]
pub struct OwnerContribution<AccountId, Balance, BlockNumber> {
    /// The product: purposes, classes, k, pricing and the rest of its terms.
    pub product: ProductView<AccountId, Balance, BlockNumber>,
    /// The owner's contributor weight.
    #[serde(serialize_with = "json::dec")]
    pub weight: u64,
    /// The owner's consent record for the product, if any; its `live` is whether it is live
    /// for at least one purpose.
    pub consent: Option<ConsentStatus<BlockNumber>>,
    /// The product's purposes the owner's consent is live for now (its revenue pools).
    pub live_purposes: Vec<Purpose>,
}

/// A sale that had data an owner contributed to: delivered on a product and purpose while the
/// owner was in that pool (its consent for the purpose live in the block of delivery), and so
/// paid to it (or to its beneficiary). An answer of `market_disclosures`
/// (GDPR Art. 15(1)(c): the recipients of the owner's data).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, BlockNumber: Serialize")
)]
pub struct Disclosure<AccountId, BlockNumber> {
    /// The sale's number: sales are numbered in the order they were delivered, and an
    /// owner's disclosures are paged by it.
    pub sale: u64,
    /// The order.
    pub order_id: OrderId,
    /// The product.
    pub product_id: ProductId,
    /// The purpose the data was bought for.
    pub purpose: Purpose,
    /// The buyer (the recipient, controller of its processing).
    pub buyer: AccountId,
    /// The class of the buyer's consumer credential at the block asked about (none if it has
    /// none any more).
    pub buyer_class: Option<ConsumerClass>,
    /// When the order was placed.
    pub placed: BlockNumber,
    /// When it was delivered: the block whose pool was paid, and whose members are disclosed.
    pub delivered: BlockNumber,
    /// The order's state.
    pub state: OrderState,
    /// When the buyer must delete the data (once delivered).
    pub retention_due: Option<BlockNumber>,
    /// When the buyer attested deletion, if it did.
    pub deletion_attested: Option<BlockNumber>,
}

/// One line of an owner's statement.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "Balance: core::fmt::Display")
)]
pub struct PoolLine<Balance> {
    /// The product.
    pub product_id: ProductId,
    /// The purpose.
    pub purpose: Purpose,
    /// The owner's weight in the pool.
    #[serde(serialize_with = "json::dec")]
    pub weight: u64,
    /// The pool's total weight.
    #[serde(serialize_with = "json::dec")]
    pub pool_weight: u128,
    /// Whole units earned in the pool since joining (settled or pending).
    #[serde(serialize_with = "json::dec")]
    pub earned: Balance,
    /// Units claimed from the pool since joining.
    #[serde(serialize_with = "json::dec")]
    pub claimed: Balance,
    /// What `claim(product, purpose)` would pay now.
    #[serde(serialize_with = "json::dec")]
    pub pending: Balance,
}

/// An owner's statement: each live pool, earnings of pools left, and lifetime totals.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "Balance: core::fmt::Display")
)]
pub struct Statement<Balance> {
    /// The pools the owner is a member of.
    pub pools: Vec<PoolLine<Balance>>,
    /// Earnings of pools left, still to claim.
    #[serde(serialize_with = "json::dec")]
    pub unclaimed_left: Balance,
    /// Lifetime earnings (settled and pending).
    #[serde(serialize_with = "json::dec")]
    pub earned: Balance,
    /// Lifetime claims.
    #[serde(serialize_with = "json::dec")]
    pub claimed: Balance,
    /// What `claim_all` would pay now.
    #[serde(serialize_with = "json::dec")]
    pub pending: Balance,
}

/// Where an altruistic owner's share of a pool's sales goes.
#[derive(
    Clone,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
    Serialize,
)]
#[serde(bound(serialize = "AccountId: Serialize"))]
pub enum Beneficiary<AccountId> {
    /// A public-interest fund on the council's list.
    Fund(AccountId),
    /// The pool's other owners: the owner's weight earns nothing, so theirs earns more.
    OtherOwners,
}

/// One public-interest fund in [`AltruismReport`].
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display")
)]
pub struct FundLine<AccountId, Balance> {
    /// The fund's account.
    pub fund: AccountId,
    /// On the council's list (a removed fund is listed while owners still name it).
    pub approved: bool,
    /// Live pool memberships whose share goes to the fund.
    pub altruists: u32,
    /// Everything ever credited to the fund from sales.
    #[serde(serialize_with = "json::dec")]
    pub received: Balance,
    /// Credited and not claimed yet (`claim_all` by the fund pays it).
    #[serde(serialize_with = "json::dec")]
    pub unclaimed: Balance,
}

/// Data altruism across the chain: the public-interest funds and what sales gave them.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display")
)]
pub struct AltruismReport<AccountId, Balance> {
    /// Everything ever credited to funds from sales.
    #[serde(serialize_with = "json::dec")]
    pub to_funds: Balance,
    /// Live pool memberships whose share goes to the pool's other owners.
    pub to_other_owners: u32,
    /// The funds, approved or still named.
    pub funds: Vec<FundLine<AccountId, Balance>>,
}

/// The initiative's key performance indicators.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "Balance: core::fmt::Display")
)]
pub struct Kpis<Balance> {
    /// Contracts established: orders delivered.
    pub contracts_established: u64,
    /// Orders placed (any state).
    pub orders_placed: u64,
    /// Value exchanged: everything paid out of escrow through the revenue split.
    #[serde(serialize_with = "json::dec")]
    pub value_exchanged: Balance,
    /// Bytes of datasets delivered (stream volume is not on chain).
    pub data_volume_bytes: u64,
    /// Accounts holding a valid DataOwner credential.
    pub data_owners: u32,
    /// Accounts holding a valid DataConsumer credential.
    pub consumers: u32,
    /// Accounts holding a valid DataProvider credential.
    pub providers: u32,
    /// Live consent records.
    pub live_consents: u32,
    /// Products listed (not retired).
    pub products_listed: u32,
    /// Value given to public-interest funds by altruistic owners (data altruism).
    #[serde(serialize_with = "json::dec")]
    pub given_to_funds: Balance,
    /// Data requests posted by seekers (any state).
    pub requests_posted: u64,
    /// Data requests fulfilled (k owners opted in by the deadline, and were paid).
    pub requests_fulfilled: u64,
    /// Paid by seekers for fulfilled requests (fee and owners' part; also in `value_exchanged`).
    #[serde(serialize_with = "json::dec")]
    pub paid_by_requests: Balance,
}

/// The flattened JSON shapes of the views above (`serialize_with`).
mod shapes {
    use super::*;
    use serde::{ser::SerializeMap, ser::SerializeSeq, Serializer};

    /// A product's kind as `kind`, `contentHash`, `sizeBytes` and `streamId` (flattened).
    pub fn kind<S: Serializer>(k: &KindView, s: S) -> Result<S::Ok, S::Error> {
        let (kind, hash, size, stream) = match k {
            KindView::Batch {
                content_hash,
                size_bytes,
            } => ("Batch", Some(content_hash), Some(size_bytes), None),
            KindView::Stream { stream_id } => ("Stream", None, None, Some(json::Bytes(stream_id))),
        };
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("kind", kind)?;
        m.serialize_entry("contentHash", &hash)?;
        m.serialize_entry("sizeBytes", &size)?;
        m.serialize_entry("streamId", &stream)?;
        m.end()
    }

    /// Pool sizes as `[{ purpose, members }]`.
    pub fn pools<S: Serializer>(p: &[(Purpose, u32)], s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Pool<'a> {
            purpose: &'a Purpose,
            members: &'a u32,
        }
        let mut seq = s.serialize_seq(Some(p.len()))?;
        for (purpose, members) in p {
            seq.serialize_element(&Pool { purpose, members })?;
        }
        seq.end()
    }

    /// A deletion attestation as `deletionAttested` (block) and `deletionProof` (hash), both null
    /// when there is none (flattened).
    pub fn deletion<S: Serializer, N: Serialize>(
        d: &Option<(H256, N)>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("deletionAttested", &d.as_ref().map(|(_, at)| at))?;
        m.serialize_entry("deletionProof", &d.as_ref().map(|(proof, _)| proof))?;
        m.end()
    }
}

#[cfg(test)]
mod tests;
