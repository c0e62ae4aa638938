//! The marketplace runtime API: what dApps and auditors read through the node's `market_*`
//! JSON-RPC methods, at any block an archive node keeps.
//!
//! Every answer is computed by the runtime from its own storage, so "as of block N" is simply
//! the API called at block N's state.

#![cfg_attr(not(feature = "std"), no_std)]
// `decl_runtime_apis!` generates public items without docs.
#![allow(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use cityzen_primitives::{
    BasisPoints, ConsumerClass, Loa, Pricing, ProductId, ProductStatus, Purpose,
};
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

pub use pallet_consent::ConsentState;
pub use pallet_escrow::{OrderId, OrderState};
pub use pallet_revenue::{PoolLine, Statement};

/// An owner's consent for a product, and whether it is live for the purpose asked about.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ConsentStatus<BlockNumber> {
    /// DPV state of the record.
    pub state: ConsentState,
    /// The purposes consented to.
    pub purposes: Vec<Purpose>,
    /// Expiry block (exclusive), if any.
    pub expires_at: Option<BlockNumber>,
    /// Hash of the consent receipt.
    pub receipt_hash: H256,
    /// When it was first given.
    pub given_at: BlockNumber,
    /// When it last changed.
    pub updated_at: BlockNumber,
    /// Whether it is live for the purpose asked about (given or renewed, not expired, covering
    /// the purpose, the product active).
    pub live: bool,
}

/// What a product sells.
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
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ProductView<AccountId, Balance, BlockNumber> {
    /// Its id.
    pub id: ProductId,
    /// Its provider.
    pub provider: AccountId,
    /// Batch or stream.
    pub kind: KindView,
    /// Metadata reference.
    pub metadata: Vec<u8>,
    /// Licence hash.
    pub licence_hash: H256,
    /// Purposes it may be bought for.
    pub purposes: Vec<Purpose>,
    /// Consumer classes it is offered to.
    pub classes: Vec<ConsumerClass>,
    /// Pricing model.
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
    pub deposit: Balance,
    /// Open orders.
    pub open_orders: u32,
    /// Contributors.
    pub contributors: u32,
    /// Listing block.
    pub created_at: BlockNumber,
    /// Members (consenting contributors) of each purpose's pool.
    pub pool_members: Vec<(Purpose, u32)>,
}

/// An order as dApps and auditors see it (a line of a buyer's record of processing).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct OrderView<AccountId, Balance, BlockNumber> {
    /// Its id.
    pub id: OrderId,
    /// The buyer (controller of the processing).
    pub buyer: AccountId,
    /// The provider.
    pub provider: AccountId,
    /// The product.
    pub product: ProductId,
    /// The purpose of the processing.
    pub purpose: Purpose,
    /// Terms version it was placed with.
    pub terms_version: u32,
    /// Subscription periods bought (0 for a one-off order).
    pub periods: u32,
    /// Price paid into escrow.
    pub price: Balance,
    /// Still held in escrow.
    pub held: Balance,
    /// Paid out through the revenue split.
    pub paid: Balance,
    /// Placed at.
    pub placed_at: BlockNumber,
    /// Delivery deadline.
    pub deliver_by: BlockNumber,
    /// Delivered at.
    pub delivered_at: Option<BlockNumber>,
    /// The delivery reference.
    pub delivery_ref: Option<Vec<u8>>,
    /// End of the dispute window.
    pub dispute_until: Option<BlockNumber>,
    /// Access ends at.
    pub access_until: Option<BlockNumber>,
    /// Deletion due at.
    pub retention_due: Option<BlockNumber>,
    /// Deletion attestation: proof hash and block.
    pub deletion: Option<(H256, BlockNumber)>,
    /// Refund share of a resolved dispute.
    pub refund_bps: Option<BasisPoints>,
    /// State.
    pub state: OrderState,
}

/// The initiative's key performance indicators.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, TypeInfo)]
pub struct Kpis<Balance> {
    /// Contracts established: orders delivered.
    pub contracts: u64,
    /// Orders placed (any state).
    pub orders: u64,
    /// Value exchanged: everything paid out of escrow through the revenue split.
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
}

sp_api::decl_runtime_apis! {
    /// The marketplace, read-only.
    #[api_version(1)]
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
        /// Every order of `consumer` (GDPR Art. 30 record of processing).
        fn record_of_processing(consumer: AccountId) -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// A product.
        fn product(id: ProductId) -> Option<ProductView<AccountId, Balance, BlockNumber>>;
        /// Products by id, from `offset`, at most `limit`.
        fn products(offset: u64, limit: u32) -> Vec<ProductView<AccountId, Balance, BlockNumber>>;
        /// An order.
        fn order(id: OrderId) -> Option<OrderView<AccountId, Balance, BlockNumber>>;
        /// Delivered orders past their retention without a deletion attestation.
        fn overdue_deletions() -> Vec<OrderView<AccountId, Balance, BlockNumber>>;
        /// The initiative's KPIs.
        fn kpis() -> Kpis<Balance>;
    }
}
