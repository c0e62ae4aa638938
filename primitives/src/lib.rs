//! Types and traits shared between the CityZEN pallets.
//!
//! Pallets know each other only through the small traits here, wired in the runtime.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

pub mod due;
pub mod json;
pub mod market;
#[cfg(feature = "test-utils")]
pub mod mock;
pub mod products;
pub mod requests;
pub mod states;
pub mod traits;
pub use products::*;
pub use traits::*;

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

/// How a sale is divided: the platform fee, then the owners' share of what is left, then the
/// provider's rest (see [`Split::of`]).
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

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> Split<Balance> {
    /// The split of `amount` at `fee_bps` and `owners_share_bps` (each capped at
    /// [`FULL_SHARE`]): `fee = floor(amount × fee)`, `owners = floor((amount − fee) × share)`,
    /// `provider` the rest, so the three add up to `amount` exactly.
    pub fn of(amount: Balance, fee_bps: BasisPoints, owners_share_bps: BasisPoints) -> Self {
        let parts = |bps: BasisPoints| {
            sp_runtime::Permill::from_parts(u32::from(bps.min(FULL_SHARE)).saturating_mul(100))
        };
        let fee = parts(fee_bps).mul_floor(amount);
        let net = amount.saturating_sub(fee);
        let owners = parts(owners_share_bps).mul_floor(net);
        Split {
            fee,
            owners,
            provider: net.saturating_sub(owners),
        }
    }

    /// What the platform and the provider are paid together.
    pub fn paid_parts(&self) -> Balance {
        self.fee.saturating_add(self.provider)
    }

    /// This split's platform and provider parts less `refund_bps` of each (rounded down, so
    /// the refund is at most `refund_bps` of them): `(kept, refunded)`, the owners' part zero.
    pub fn less_refund(&self, refund_bps: BasisPoints) -> (Self, Balance) {
        let r = sp_runtime::Permill::from_parts(
            u32::from(refund_bps.min(FULL_SHARE)).saturating_mul(100),
        );
        let (fee_back, provider_back) = (r.mul_floor(self.fee), r.mul_floor(self.provider));
        (
            Split {
                fee: self.fee.saturating_sub(fee_back),
                owners: Balance::zero(),
                provider: self.provider.saturating_sub(provider_back),
            },
            fee_back.saturating_add(provider_back),
        )
    }
}
