//! Types of the data products pallet.

pub use cityzen_primitives::{
    BasisPoints, ContentHash, Pricing, ProductKind, ProductStatus, Terms, FULL_SHARE,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A listed data product.
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
#[scale_info(skip_type_params(MaxPurposes, MaxMetadataLen, MaxStreamIdLen))]
pub struct Product<
    AccountId,
    Balance,
    BlockNumber,
    MaxPurposes: Get<u32>,
    MaxMetadataLen: Get<u32>,
    MaxStreamIdLen: Get<u32>,
> where
    AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// The accredited provider that listed it.
    pub provider: AccountId,
    /// Batch dataset or stream.
    pub kind: ProductKind<MaxStreamIdLen>,
    /// Reference to the metadata (URI or content id).
    pub metadata: BoundedVec<u8, MaxMetadataLen>,
    /// Hash of the licence.
    pub licence_hash: ContentHash,
    /// The current terms.
    pub terms: Terms<Balance, BlockNumber, MaxPurposes>,
    /// Increases with every update of the terms.
    pub version: u32,
    /// Life-cycle status.
    pub status: ProductStatus,
    /// Deposit held from the provider while listed.
    pub deposit: Balance,
    /// Orders placed and not yet closed.
    pub open_orders: u32,
    /// Owners contributing data.
    pub contributors: u32,
    /// Block it was registered in.
    pub created_at: BlockNumber,
}

/// Running counts of the products, kept for the KPIs.
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
pub struct ProductCounts {
    /// Products retired (the others, of `NextProductId`, are listed).
    pub retired: u32,
    /// Bytes of batch products delivered, one product's size per delivered order.
    pub data_volume_bytes: u64,
}

/// The owner-index key of a product: its id big-endian, so keys sort by id.
pub type ProductKey = [u8; 8];

/// The owner-index key of `product`.
pub fn product_key(product: crate::ProductId) -> ProductKey {
    product.to_be_bytes()
}
