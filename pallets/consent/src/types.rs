//! Types of the consent registry.

use cityzen_primitives::Purpose;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// Hash of the consent receipt the owner's app keeps (Kantara / ISO/IEC TS 27560 fields).
pub type ReceiptHash = sp_core::H256;

pub use cityzen_primitives::market::ConsentState;

/// One owner's consent for one product.
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
// The no-bound derives repeat the bounds on `BlockNumber` in their where clauses.
#[allow(clippy::multiple_bound_locations)]
pub struct ConsentRecord<
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
    MaxPurposes: Get<u32>,
> {
    /// Purposes consented to (non-empty, no duplicates, all offered by the product).
    pub purposes: BoundedVec<Purpose, MaxPurposes>,
    /// Current state.
    pub state: ConsentState,
    /// The block from which the consent no longer holds, if it expires.
    pub expires_at: Option<BlockNumber>,
    /// The page of that block's expiry queue that holds it (0 if it does not expire).
    pub expiry_page: u32,
    /// Hash of the latest consent receipt.
    pub receipt_hash: ReceiptHash,
    /// Block the consent was (last) given in.
    pub given_at: BlockNumber,
    /// Block of the last change.
    pub updated_at: BlockNumber,
}

/// A consent record in the runtime's types.
pub type ConsentRecordOf<T> = ConsentRecord<
    frame_system::pallet_prelude::BlockNumberFor<T>,
    <T as crate::Config>::MaxPurposes,
>;
