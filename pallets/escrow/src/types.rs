//! Orders, offers and the settlement queue of the escrow pallet.
use cityzen_primitives::{BasisPoints, ProductId, Purpose};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

pub use cityzen_primitives::market::{OrderId, OrderState};
/// An offer's id.
pub type OfferId = u64;
/// The buyer's public encryption key (e.g. X25519): the provider encrypts the delivery to it.
pub type BuyerKey = [u8; 32];
/// A 32-byte hash (dispute reason, deletion proof).
pub type Hash32 = sp_core::H256;

/// What was bought: once, or a number of periods of a subscription.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum OrderKind<Balance, BlockNumber> {
    /// A fixed-price or negotiated purchase, settled in one payment.
    OneOff,
    /// A subscription: the owners' share of every period is credited at delivery; each
    /// period's platform and provider parts are paid when it ends.
    Subscription {
        /// Price of one period.
        price_per_period: Balance,
        /// Length of a period, in blocks.
        period: BlockNumber,
        /// Periods bought (reduced by a cancellation to the periods started).
        periods: u32,
        /// Periods whose owners' share was credited (begun) so far.
        begun: u32,
        /// Periods whose platform and provider parts were paid so far.
        released: u32,
    },
}

/// An order: the terms it was placed with, what is held, and its history.
#[derive(
    CloneNoBound,
    PartialEqNoBound,
    EqNoBound,
    DebugNoBound,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
#[scale_info(skip_type_params(MaxRefLen))]
pub struct Order<AccountId, Balance, BlockNumber, MaxRefLen: Get<u32>>
where
    AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// The buyer.
    pub buyer: AccountId,
    /// The provider (from the product, when the order was placed).
    pub provider: AccountId,
    /// The product.
    pub product: ProductId,
    /// The purpose it was bought for.
    pub purpose: Purpose,
    /// The version of the product's terms the order was placed with.
    pub terms_version: u32,
    /// The owners' share of the terms.
    pub owners_share_bps: BasisPoints,
    /// k of the terms: delivery is refused while fewer owners consent (security review S4).
    pub min_owners: u32,
    /// The platform fee when the order was placed, in basis points: what its payments pay,
    /// whatever the council sets later (security review I2).
    pub fee_bps: BasisPoints,
    /// The retention period of the terms.
    pub retention: BlockNumber,
    /// One-off or subscription.
    pub kind: OrderKind<Balance, BlockNumber>,
    /// The total price paid into escrow.
    pub price: Balance,
    /// What escrow still holds for this order.
    pub held: Balance,
    /// What was paid out of escrow so far: the owners' share credited at delivery and the
    /// platform's and provider's parts paid since.
    pub paid: Balance,
    /// The owners' share credited to the pool's members at delivery (sale `sale`).
    pub credited: Balance,
    /// The sale's number, once delivered: the pool's members of that block were paid.
    pub sale: Option<u64>,
    /// The key the delivery must be encrypted to.
    pub buyer_key: BuyerKey,
    /// When it was placed.
    pub placed_at: BlockNumber,
    /// Deliver by this block (inclusive), or the buyer may reclaim.
    pub deliver_by: BlockNumber,
    /// When it was delivered.
    pub delivered_at: Option<BlockNumber>,
    /// The delivery: a reference to the data or stream credentials, encrypted to `buyer_key`.
    pub delivery_ref: Option<BoundedVec<u8, MaxRefLen>>,
    /// The buyer may dispute until this block (exclusive).
    pub dispute_until: Option<BlockNumber>,
    /// Whether the buyer confirmed the delivery.
    pub confirmed: bool,
    /// The hash of the buyer's reason for a dispute.
    pub dispute_reason: Option<Hash32>,
    /// The share refunded to the buyer when a dispute was resolved.
    pub refund_bps: Option<BasisPoints>,
    /// Access to the data ends at this block (exclusive).
    pub access_until: Option<BlockNumber>,
    /// The buyer must attest deletion once this block is reached.
    pub retention_due: Option<BlockNumber>,
    /// The buyer's deletion attestation: proof hash and block.
    pub deletion: Option<(Hash32, BlockNumber)>,
    /// The block of the next automatic payment already queued, if any.
    pub next_settle: Option<BlockNumber>,
    /// The state.
    pub state: OrderState,
}

/// An offer for a negotiated product.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Offer<AccountId, Balance, BlockNumber> {
    /// The buyer.
    pub buyer: AccountId,
    /// The product.
    pub product: ProductId,
    /// The purpose.
    pub purpose: Purpose,
    /// The amount offered (and held).
    pub amount: Balance,
    /// The provider's counter-offer, if any.
    pub counter: Option<Balance>,
    /// The key the delivery must be encrypted to.
    pub buyer_key: BuyerKey,
    /// The offer lapses at this block; its hold is then released.
    pub expires_at: BlockNumber,
    /// The version of the product's terms the buyer made it under: it becomes an order only
    /// under the same version.
    pub terms_version: u32,
}

/// Work for `on_idle`, by the block from which it is due.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
pub enum Due {
    /// Settle an order (end of its dispute window, or end of a subscription period).
    Settle(OrderId),
    /// Release an expired offer.
    ExpireOffer(OfferId),
    /// Refund a dispute nobody resolved within `ResolvePeriod`.
    ExpireDispute(OrderId),
}

/// How long providers have to deliver and buyers to dispute (set by governance).
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Default,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscrowParams<BlockNumber> {
    /// Blocks the provider has to deliver after an order is placed.
    pub delivery_period: BlockNumber,
    /// Blocks after delivery in which the buyer may dispute.
    pub dispute_window: BlockNumber,
}

impl<BlockNumber: sp_runtime::traits::Zero> EscrowParams<BlockNumber> {
    /// Both periods are positive.
    pub fn is_valid(&self) -> bool {
        !self.delivery_period.is_zero() && !self.dispute_window.is_zero()
    }
}

/// A key of a buyer's order index: the order id big-endian, so that a buyer's orders iterate
/// oldest first and a page can start after any of them.
pub type OrderKey = [u8; 8];

/// The order-index key of `order`.
pub fn order_key(order: OrderId) -> OrderKey {
    order.to_be_bytes()
}

/// A key of the deletions-due index: the retention due block and the order id
/// ([`BlockKey`](cityzen_primitives::due::BlockKey)), so that keys sort by due block, then id.
pub type DeletionKey = cityzen_primitives::due::BlockKey;

pub use cityzen_primitives::due::{
    block_key as deletion_key, split_block_key as parse_deletion_key,
};

/// Running totals of the market, kept for the KPIs.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
pub struct MarketTotals<Balance> {
    /// Orders delivered (contracts established).
    pub contracts_established: u64,
    /// Paid to providers, owners and the platform, in all.
    pub value_exchanged: Balance,
}
