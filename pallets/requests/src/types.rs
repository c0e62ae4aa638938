//! Requests, responses and totals of the requests pallet.
use crate::pallet::BalanceOf;
use cityzen_primitives::{
    requests::{Categories, RequestPrice, RequestSplit, RequestState, RequestView, ResponseView},
    ConsumerClass, Loa, Purpose,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// The key of a request in an owner's index: its id, big-endian.
pub type RequestKey = [u8; 8];

/// The key of an open request in the due queue: deadline then id, both big-endian.
pub type DueKey = cityzen_primitives::due::BlockKey;

/// What a seeker posts.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct NewRequest<Balance, BlockNumber> {
    /// What the data will be used for.
    pub purpose: Purpose,
    /// The categories of personal data asked for (at least one, no duplicates).
    pub categories: Categories,
    /// Hash of the request's full terms (the text the owners' apps show them).
    pub terms_hash: H256,
    /// Owners needed at the deadline (k), at least the chain's `MinOwners`.
    pub min_owners: u32,
    /// Most owners who may opt in, at most the chain's `MaxRespondents`.
    pub max_owners: u32,
    /// The level of assurance an owner's DataOwner credential needs.
    pub owner_loa: Loa,
    /// What the seeker pays.
    pub price: RequestPrice<Balance>,
    /// The first block at which owners can no longer opt in.
    pub deadline: BlockNumber,
    /// How long after closing the seeker may keep the data, in blocks.
    pub retention: BlockNumber,
}

/// [`NewRequest`] of a runtime.
pub type NewRequestOf<T> = NewRequest<BalanceOf<T>, BlockNumberFor<T>>;

/// A request as stored.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Request<AccountId, Balance, BlockNumber> {
    /// The data seeker.
    pub seeker: AccountId,
    /// The seeker's consumer class when it posted.
    pub seeker_class: ConsumerClass,
    /// The purpose.
    pub purpose: Purpose,
    /// The categories of data.
    pub categories: Categories,
    /// Hash of the full terms.
    pub terms_hash: H256,
    /// k.
    pub min_owners: u32,
    /// Most owners.
    pub max_owners: u32,
    /// The owners' level of assurance.
    pub owner_loa: Loa,
    /// The price.
    pub price: RequestPrice<Balance>,
    /// Held from the seeker now (0 once closed).
    pub held: Balance,
    /// When posted.
    pub posted: BlockNumber,
    /// The deadline.
    pub deadline: BlockNumber,
    /// The retention, in blocks after closing.
    pub retention: BlockNumber,
    /// The state.
    pub state: RequestState,
    /// Owners who opted in (while open) or were paid (fulfilled).
    pub respondents: u32,
    /// When closed.
    pub closed: Option<BlockNumber>,
    /// The seeker's deletion attestation: the evidence's hash and the block.
    pub deletion: Option<(H256, BlockNumber)>,
    /// How the payment was divided (fulfilled).
    pub split: Option<RequestSplit<Balance>>,
}

/// [`Request`] of a runtime.
pub type RequestOf<T> =
    Request<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// An owner's answer to a request.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Response<BlockNumber> {
    /// When the owner opted in.
    pub at: BlockNumber,
    /// Hash of the owner's consent receipt for the request.
    pub receipt_hash: H256,
    /// When the owner withdrew after the request closed.
    pub withdrawn: Option<BlockNumber>,
}

/// Totals over every closed request.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct RequestTotals<Balance> {
    /// Requests fulfilled.
    pub fulfilled: u64,
    /// Requests refunded (k not reached).
    pub refunded: u64,
    /// Requests cancelled by their seekers.
    pub cancelled: u64,
    /// Paid by seekers: platform fees and owners' credits.
    pub paid: Balance,
    /// Of which platform fees.
    pub fees: Balance,
}

/// [`RequestView`] of a runtime.
pub type RequestViewOf<T> =
    RequestView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// [`ResponseView`] of a runtime.
pub type ResponseViewOf<T> =
    ResponseView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
