//! Data product types shared by the data products pallet and its readers (escrow, the API).

use crate::{ConsumerClass, Loa, ProductId, Purpose};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A 32-byte content hash (dataset content, licence text).
pub type ContentHash = sp_core::H256;

/// Basis points: 10 000 = 100 %.
pub type BasisPoints = u16;

/// 100 % in basis points.
pub const FULL_SHARE: BasisPoints = 10_000;

/// What is sold.
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
#[scale_info(skip_type_params(MaxStreamIdLen))]
pub enum ProductKind<MaxStreamIdLen: Get<u32>> {
    /// A dataset delivered once.
    Batch {
        /// Hash of the dataset's content.
        content_hash: ContentHash,
        /// Size in bytes.
        size_bytes: u64,
    },
    /// A stream on a pub/sub network.
    Stream {
        /// The stream's id on that network.
        stream_id: BoundedVec<u8, MaxStreamIdLen>,
    },
}

/// The three business models of the initiative.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Pricing<Balance, BlockNumber> {
    /// One price for the product.
    Fixed {
        /// The price.
        price: Balance,
    },
    /// A price per period; access runs until the paid periods end.
    Subscription {
        /// Price of one period.
        price_per_period: Balance,
        /// Length of a period, in blocks.
        period: BlockNumber,
    },
    /// Buyers make offers at or above a floor; the provider accepts or counters.
    Negotiated {
        /// The lowest acceptable offer.
        floor: Balance,
    },
}

/// Where a product is in its life.
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
    serde::Serialize,
)]
pub enum ProductStatus {
    /// Listed; orders may be placed.
    Active,
    /// Paused by its provider; no new orders.
    Paused,
    /// Suspended by the council; no new orders.
    Suspended,
    /// Retired by its provider; deposit released; final.
    Retired,
}

/// Terms that the provider may change for future orders (open orders keep theirs).
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
#[scale_info(skip_type_params(MaxPurposes))]
pub struct Terms<Balance, BlockNumber, MaxPurposes: Get<u32>>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Purposes it may be bought for (non-empty, no duplicates).
    pub purposes: BoundedVec<Purpose, MaxPurposes>,
    /// Consumer classes it is offered to (non-empty, no duplicates).
    pub classes: BoundedVec<ConsumerClass, frame_support::traits::ConstU32<4>>,
    /// Business model and price.
    pub pricing: Pricing<Balance, BlockNumber>,
    /// Owners' share of the revenue, in basis points.
    pub owners_share_bps: BasisPoints,
    /// k: no sale unless at least this many owners consent for the bought purpose.
    pub min_owners: u32,
    /// Level of assurance the buyer must hold.
    pub buyer_loa: Loa,
    /// Blocks after delivery by which the buyer must delete the data.
    pub retention: BlockNumber,
}

/// What escrow (and the API) reads about a product. Implemented by the data products pallet.
pub trait ProductTerms<AccountId, Balance, BlockNumber>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Most purposes of a product.
    type MaxPurposes: Get<u32>;
    /// The product's provider, if the product exists.
    fn provider(product: ProductId) -> Option<AccountId>;
    /// The product's current terms and their version, if the product exists. An order keeps
    /// the terms it was placed with.
    fn terms(product: ProductId) -> Option<(Terms<Balance, BlockNumber, Self::MaxPurposes>, u32)>;
    /// The product's status, if it exists.
    fn status(product: ProductId) -> Option<ProductStatus>;
}

/// Product terms for mocks, benchmarks and runtime tests, from one place. Unless told
/// otherwise: the Research-and-development and Statistics purposes, the Research class, half of
/// the revenue to the owners, k = 5, buyers at LoA Substantial.
pub struct TermsBuilder<Balance, BlockNumber, MaxPurposes: Get<u32>>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    terms: Terms<Balance, BlockNumber, MaxPurposes>,
}

impl<Balance, BlockNumber, MaxPurposes: Get<u32>> TermsBuilder<Balance, BlockNumber, MaxPurposes>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Terms with `pricing` and a retention period of `retention` blocks.
    pub fn new(pricing: Pricing<Balance, BlockNumber>, retention: BlockNumber) -> Self {
        Self {
            terms: Terms {
                purposes: BoundedVec::truncate_from(alloc::vec![
                    Purpose::ResearchAndDevelopment,
                    Purpose::Statistics
                ]),
                classes: BoundedVec::truncate_from(alloc::vec![ConsumerClass::Research]),
                pricing,
                owners_share_bps: 5_000,
                min_owners: 5,
                buyer_loa: Loa::Substantial,
                retention,
            },
        }
    }

    /// The purposes it may be bought for (cut to `MaxPurposes`).
    pub fn purposes(mut self, purposes: &[Purpose]) -> Self {
        self.terms.purposes = BoundedVec::truncate_from(purposes.to_vec());
        self
    }

    /// The consumer classes it is offered to (cut to four).
    pub fn classes(mut self, classes: &[ConsumerClass]) -> Self {
        self.terms.classes = BoundedVec::truncate_from(classes.to_vec());
        self
    }

    /// The owners' share, in basis points.
    pub fn owners_share_bps(mut self, bps: BasisPoints) -> Self {
        self.terms.owners_share_bps = bps;
        self
    }

    /// k: the fewest consenting owners a sale needs.
    pub fn min_owners(mut self, k: u32) -> Self {
        self.terms.min_owners = k;
        self
    }

    /// The level of assurance buyers must hold.
    pub fn buyer_loa(mut self, loa: Loa) -> Self {
        self.terms.buyer_loa = loa;
        self
    }

    /// The terms.
    pub fn build(self) -> Terms<Balance, BlockNumber, MaxPurposes> {
        self.terms
    }
}
