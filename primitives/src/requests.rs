//! Data requests: a data seeker asks owners for data, with a held budget, and the owners who
//! opt in are paid through the platform's split (or the seeker is refunded in full).
//!
//! The types here are shared by the requests pallet, the revenue pallet (which pays the owners),
//! the runtime API and the node's `market_*` JSON-RPC.

use crate::{json, ConsumerClass, Loa, Purpose};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// A data request's id: 1, 2, 3, … in the order they were posted.
pub type RequestId = u64;

/// Most categories in one request: duplicates are refused, so room for every category there
/// is and for categories appended later.
pub const MAX_CATEGORIES: u32 = 16;

/// The categories of data a request asks for.
pub type Categories =
    frame_support::BoundedVec<DataCategory, frame_support::traits::ConstU32<MAX_CATEGORIES>>;

/// Categories of personal data a request asks for: a fixed list of W3C DPV personal data
/// categories (`dpv-pd`). The codec indices are fixed, so categories can be appended.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
    Serialize,
    Deserialize,
)]
pub enum DataCategory {
    /// `pd:Location`: where the owner is or was.
    #[codec(index = 0)]
    Location,
    /// `pd:TravelHistory`: trips, modes of transport.
    #[codec(index = 1)]
    Travel,
    /// `pd:UtilityConsumption` (energy, water).
    #[codec(index = 2)]
    EnergyUse,
    /// `pd:HealthRecord` and other health data (a special category, GDPR Art. 9).
    #[codec(index = 3)]
    Health,
    /// `pd:Financial`.
    #[codec(index = 4)]
    Financial,
    /// `pd:Demographic` (age band, household, district).
    #[codec(index = 5)]
    Demographic,
    /// `pd:Behavioural` (use of services, preferences).
    #[codec(index = 6)]
    Behavioural,
    /// `pd:Opinion`: survey answers.
    #[codec(index = 7)]
    Opinion,
    /// Readings of sensors the owner runs (air quality, noise) at its home.
    #[codec(index = 8)]
    SensorReadings,
}

/// What a seeker pays. In JSON: `{"perOwner": "5000"}` or `{"total": "100000"}`.
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
    Serialize,
)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "Balance: core::fmt::Display")
)]
pub enum RequestPrice<Balance> {
    /// This much for each owner who opted in (before the platform fee); the budget held is
    /// this times the request's `max_owners`, and what is not used goes back to the seeker.
    #[serde(serialize_with = "json::dec")]
    PerOwner(Balance),
    /// This budget, divided equally among the owners who opted in (after the platform fee).
    #[serde(serialize_with = "json::dec")]
    Total(Balance),
}

/// Where a request is in its life.
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
    Serialize,
)]
pub enum RequestState {
    /// Owners may opt in until the deadline.
    Open,
    /// At the deadline at least `min_owners` had opted in: they were paid, and the seeker has
    /// access to their data for the purpose until the retention ends (final).
    Fulfilled,
    /// At the deadline fewer than `min_owners` had opted in: the budget went back in full (final).
    Refunded,
    /// The seeker withdrew the request before anyone opted in: the budget went back (final).
    Cancelled,
}

/// How a fulfilled request's payment was divided: `fee + per_owner * owners + returned`
/// is the payment, exactly.
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
    Serialize,
)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "Balance: core::fmt::Display")
)]
pub struct RequestSplit<Balance> {
    /// The platform fee, paid to the city's platform account.
    #[serde(serialize_with = "json::dec")]
    pub fee: Balance,
    /// What each owner who opted in was credited (claimable with `revenue.claimAll`).
    #[serde(serialize_with = "json::dec")]
    pub per_owner: Balance,
    /// How many owners were paid.
    pub owners: u32,
    /// The units the equal division left over, given back to the seeker.
    #[serde(serialize_with = "json::dec")]
    pub returned: Balance,
}

/// A data request, as `market_request` and `market_requests` return it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, Balance: core::fmt::Display, BlockNumber: Serialize")
)]
pub struct RequestView<AccountId, Balance, BlockNumber> {
    /// The request's id.
    pub id: RequestId,
    /// The data seeker (an accredited consumer: the controller of the processing).
    pub seeker: AccountId,
    /// The seeker's consumer class when it posted.
    pub seeker_class: ConsumerClass,
    /// What the data will be used for.
    pub purpose: Purpose,
    /// The categories of personal data asked for.
    pub categories: Vec<DataCategory>,
    /// Hash of the request's full terms (the text the owners' apps show).
    #[serde(serialize_with = "json::hash")]
    pub terms_hash: H256,
    /// Owners needed at the deadline (k), or the budget goes back.
    pub min_owners: u32,
    /// Most owners who may opt in.
    pub max_owners: u32,
    /// The level of assurance an owner's DataOwner credential needs.
    pub owner_loa: Loa,
    /// What the seeker pays.
    pub price: RequestPrice<Balance>,
    /// What is held from the seeker now (0 once closed).
    #[serde(serialize_with = "json::dec")]
    pub held: Balance,
    /// When it was posted.
    pub posted: BlockNumber,
    /// The first block at which owners can no longer opt in and the request is closed.
    pub deadline: BlockNumber,
    /// How long after closing the seeker may keep the data.
    pub retention: BlockNumber,
    /// Where it is in its life.
    pub state: RequestState,
    /// Owners who opted in (while open) or were paid (once fulfilled).
    pub respondents: u32,
    /// When it was closed, if it was.
    pub closed: Option<BlockNumber>,
    /// When the seeker must have deleted the data (once fulfilled).
    pub retention_due: Option<BlockNumber>,
    /// When the seeker attested deletion, if it did.
    pub deletion_attested: Option<BlockNumber>,
    /// The division of the payment (once fulfilled).
    pub split: Option<RequestSplit<Balance>>,
}

/// An owner's answer to a request, as `market_requestResponses` and `market_ownerRequests`
/// return it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "AccountId: Serialize, BlockNumber: Serialize")
)]
pub struct ResponseView<AccountId, BlockNumber> {
    /// The request.
    pub request_id: RequestId,
    /// The owner.
    pub owner: AccountId,
    /// When the owner opted in.
    pub at: BlockNumber,
    /// Hash of the owner's consent receipt for the request.
    #[serde(serialize_with = "json::hash")]
    pub receipt_hash: H256,
    /// When the owner withdrew its consent after the request was closed (the seeker must stop
    /// processing its data), if it did. Withdrawing while open removes the response instead.
    pub withdrawn: Option<BlockNumber>,
}
