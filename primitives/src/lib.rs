//! Types and traits shared between the CityZEN pallets.
//!
//! Pallets know each other only through the small traits here, wired in the runtime.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// The chain's SS58 address prefix (generic Substrate, 42): the runtime's `SS58Prefix`, the
/// chain spec's `ss58Format` and the addresses the node's JSON-RPC writes.
pub const SS58_PREFIX: u16 = 42;

/// What an accredited account may do on the marketplace.
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
pub enum Role {
    /// A citizen whose data is sold; onboarded by the city.
    DataOwner,
    /// An organisation that lists data products.
    DataProvider,
    /// An organisation that buys data products.
    DataConsumer,
    /// Decides disputes between buyers and providers.
    Arbiter,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 4] = [
        Role::DataOwner,
        Role::DataProvider,
        Role::DataConsumer,
        Role::Arbiter,
    ];

    /// The role's bit in a [`RoleSet`].
    pub const fn bit(self) -> u8 {
        match self {
            Role::DataOwner => 1,
            Role::DataProvider => 2,
            Role::DataConsumer => 4,
            Role::Arbiter => 8,
        }
    }
}

/// A set of roles, as a bit set.
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
    Serialize,
    Deserialize,
)]
pub struct RoleSet(pub u8);

impl RoleSet {
    /// The set of the given roles.
    pub fn from_roles(roles: &[Role]) -> Self {
        RoleSet(roles.iter().fold(0, |acc, r| acc | r.bit()))
    }
    /// Whether `role` is in the set.
    pub fn contains(&self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }
    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
    /// Whether the set only has bits of known roles.
    pub fn is_valid(&self) -> bool {
        self.0 & !0b1111 == 0
    }
}

/// eIDAS level of assurance of an identity. Ordered: `Low < Substantial < High`.
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
pub enum Loa {
    /// Limited confidence in the claimed identity.
    Low,
    /// Substantial confidence.
    Substantial,
    /// High confidence.
    High,
}

/// The class of a data consumer; products can restrict which classes may buy.
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
pub enum ConsumerClass {
    /// Public administrations.
    PublicSector,
    /// Universities and research institutes.
    Research,
    /// Companies.
    Commercial,
    /// Associations and foundations.
    NonProfit,
}

/// Who holds which accreditation. Implemented by the credentials pallet; used by every other one.
pub trait Accreditation<AccountId> {
    /// Whether `who` holds a valid credential for `role` at `min_loa` or above: issued by an
    /// issuer that is still approved, not expired, not revoked.
    fn has(who: &AccountId, role: Role, min_loa: Loa) -> bool;
    /// The class of `who`'s valid DataConsumer credential, if it has one.
    fn consumer_class(who: &AccountId) -> Option<ConsumerClass>;
}

/// A per-account allowance of fee-less calls (e.g. consent calls of registered data owners).
pub trait FeelessAllowance<AccountId> {
    /// Whether `who` is entitled to fee-less calls at all (a data owner with a valid
    /// credential). Read-only: the pallets' `feeless_if` conditions use it. How many fee-less
    /// calls `who` may make per period is counted and enforced by the credentials pallet's
    /// transaction extension, before dispatch, so a call counts whether it succeeds or fails.
    fn entitled(who: &AccountId) -> bool;
}

/// Told when a data owner's standing changes: its DataOwner credential lapsed (revoked,
/// renounced, expired, or its issuer removed) or it holds one again. A lapsed owner's consents
/// stay on record and can be withdrawn, but stop counting: the owner leaves every revenue pool
/// (it counts for no k and earns nothing more, and keeps what it earned) until it is restored.
/// The runtime wires it to the consent pallet. Each call returns the weight it used.
pub trait OwnerStanding<AccountId> {
    /// `who`'s credential lapsed: its live consents stop counting.
    fn lapsed(who: &AccountId) -> frame_support::weights::Weight;
    /// `who` holds a valid credential again: its live consents count again.
    fn restored(who: &AccountId) -> frame_support::weights::Weight;
    /// What either call would use for `who` now (one read to find out).
    fn weight_of(who: &AccountId) -> frame_support::weights::Weight;
    /// The most either call can use, for one owner.
    fn max_weight() -> frame_support::weights::Weight;
}

impl<AccountId> OwnerStanding<AccountId> for () {
    fn lapsed(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn restored(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn weight_of(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn max_weight() -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
}

/// `InvalidTransaction::Custom` code of a fee-less call refused because its sender has used
/// every free call of the current period and cannot pay the fee.
pub const FREE_CALLS_EXHAUSTED: u8 = 1;

/// Whether `items` holds the same value twice.
pub fn has_duplicates<T: Ord + Clone>(items: &[T]) -> bool {
    let mut sorted = items.to_vec();
    sorted.sort();
    sorted.windows(2).any(|w| matches!(w, [a, b] if a == b))
}

/// Identifier of a data product.
pub type ProductId = u64;

/// Purposes data may be used for: a fixed list of W3C Data Privacy Vocabulary (DPV) purpose
/// codes. The codec indices are fixed, so new purposes can be appended in a runtime upgrade.
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
pub enum Purpose {
    /// `dpv:ServiceProvision`: providing a service the data subject asked for.
    #[codec(index = 0)]
    ServiceProvision,
    /// `dpv:ResearchAndDevelopment`.
    #[codec(index = 1)]
    ResearchAndDevelopment,
    /// `dpv:PublicBenefit`: for the public good.
    #[codec(index = 2)]
    PublicBenefit,
    /// `dpv:Personalisation`.
    #[codec(index = 3)]
    Personalisation,
    /// `dpv:Marketing`.
    #[codec(index = 4)]
    Marketing,
    /// `dpv:Statistics`: aggregate statistics.
    #[codec(index = 5)]
    Statistics,
    /// `dpv:CommercialResearch`.
    #[codec(index = 6)]
    CommercialResearch,
    /// `dpv:Optimisation` (of services, e.g. mobility).
    #[codec(index = 7)]
    Optimisation,
}

impl Purpose {
    /// Every purpose, in index order.
    pub const ALL: [Purpose; 8] = [
        Purpose::ServiceProvision,
        Purpose::ResearchAndDevelopment,
        Purpose::PublicBenefit,
        Purpose::Personalisation,
        Purpose::Marketing,
        Purpose::Statistics,
        Purpose::CommercialResearch,
        Purpose::Optimisation,
    ];
}

/// What other pallets may ask about data products. Implemented by the data-products pallet.
pub trait ProductInspect {
    /// Whether the product exists, is listed and active (not paused, retired or suspended).
    fn is_active(product: ProductId) -> bool;
    /// Whether the product offers `purpose`.
    fn offers_purpose(product: ProductId, purpose: Purpose) -> bool;
}

/// What other pallets may ask about consent. Implemented by the consent pallet.
pub trait ConsentInspect<AccountId> {
    /// Whether `owner`'s consent for `(product, purpose)` is live at this block: given or
    /// renewed, not withdrawn, not expired, and the product is active.
    fn is_live(owner: &AccountId, product: ProductId, purpose: Purpose) -> bool;
}

/// Told when an owner's consent for a product starts or stops covering purposes, in the same
/// block. The runtime wires it to the data products (which know contributors and their weights)
/// and from there to the revenue pools.
pub trait ConsentListener<AccountId> {
    /// `owner` now consents to `product` for `purpose`.
    fn consent_started(owner: &AccountId, product: ProductId, purpose: Purpose);
    /// `owner` no longer consents to `product` for `purpose`.
    fn consent_ended(owner: &AccountId, product: ProductId, purpose: Purpose);
}

impl<AccountId> ConsentListener<AccountId> for () {
    fn consent_started(_: &AccountId, _: ProductId, _: Purpose) {}
    fn consent_ended(_: &AccountId, _: ProductId, _: Purpose) {}
}

/// Revenue pools of `(product, purpose)`: who earns from a sale, with which weight. Implemented
/// by the revenue pallet; every operation is O(1) whatever the pool size.
pub trait RevenuePools<AccountId> {
    /// `who` joins the pool with `weight`, or changes to `weight` if it is a member already.
    fn join(product: ProductId, purpose: Purpose, who: &AccountId, weight: u64);
    /// `who` leaves the pool (nothing happens if it is not a member). Earnings stay claimable.
    fn leave(product: ProductId, purpose: Purpose, who: &AccountId);
    /// How many members the pool has.
    fn member_count(product: ProductId, purpose: Purpose) -> u32;
    /// Whether `who` gains from the pool's sales: a member, or a fund its altruists give to.
    fn has_stake(product: ProductId, purpose: Purpose, who: &AccountId) -> bool;
}

/// The order book's clock, read by the revenue pallet when an owner joins or leaves a pool:
/// the id the next order will get. Ids only grow, so an owner's time in a pool is a range of
/// order ids, and the orders placed on the pool in that range are the ones its data was in.
pub trait OrderClock {
    /// The id the next order gets.
    fn next_order_id() -> u64;
}

/// No order book: every owner's time in a pool starts and ends at order 0.
impl OrderClock for () {
    fn next_order_id() -> u64 {
        0
    }
}

/// How a sale was divided by [`RevenueSink::distribute`].
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
)]
pub struct Split<Balance> {
    /// The platform fee, paid to the city's platform account.
    pub fee: Balance,
    /// The owners' share, paid into the revenue pool of `(product, purpose)`.
    pub owners: Balance,
    /// The rest, paid to the provider.
    pub provider: Balance,
}

/// Where escrow sends the money of a settled sale. Implemented by the revenue pallet.
pub trait RevenueSink<AccountId, Balance, Reason> {
    /// Move `amount`, held from `payer` under `reason`, to the platform (`fee` basis points of
    /// it), the pool of `(product, purpose)` (`owners_share` of what is left after the fee) and
    /// `provider` (the rest). Nothing is minted or burnt: either all of it moves or nothing
    /// does.
    #[allow(clippy::too_many_arguments)]
    fn distribute(
        payer: &AccountId,
        reason: &Reason,
        amount: Balance,
        product: ProductId,
        purpose: Purpose,
        provider: &AccountId,
        owners_share: BasisPoints,
        fee: BasisPoints,
    ) -> Result<Split<Balance>, sp_runtime::DispatchError>;
    /// The platform fee now, in basis points: what an order placed now will pay.
    fn fee_bps() -> BasisPoints;
    /// The most [`Self::distribute`] may cost, for the caller's weight.
    fn distribute_weight() -> frame_support::weights::Weight;
}

/// Lets escrow tell the data products how many orders are open, so that a product with open
/// orders cannot be retired.
pub trait ProductOrders {
    /// An order for `product` was placed.
    fn order_opened(product: ProductId);
    /// An order for `product` was delivered (counted for the data-volume KPI).
    fn order_delivered(product: ProductId);
    /// An order for `product` was settled, refunded or resolved.
    fn order_closed(product: ProductId);
}

/// No revenue pools: for a runtime without a revenue pallet, where nothing is sold yet.
impl<AccountId> RevenuePools<AccountId> for () {
    fn join(_: ProductId, _: Purpose, _: &AccountId, _: u64) {}
    fn leave(_: ProductId, _: Purpose, _: &AccountId) {}
    fn member_count(_: ProductId, _: Purpose) -> u32 {
        0
    }
    fn has_stake(_: ProductId, _: Purpose, _: &AccountId) -> bool {
        false
    }
}

pub mod market;
pub mod products;
pub mod requests;
pub use products::*;
