//! Pools, members and owner accounts of the revenue pallet.
use cityzen_primitives::{ProductId, Purpose};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::U256;

/// A pool is keyed by the product and the purpose a sale was made for.
pub type PoolId = (ProductId, Purpose);

/// A stretch of an owner's membership of a pool, in order ids: the orders placed on the pool
/// with ids from `from` (inclusive) to `until` (exclusive; still a member if `None`) were placed
/// while the owner was in it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Membership {
    /// The id the next order had when the owner joined.
    pub from: u64,
    /// The id the next order had when the owner left, or `None` while it is a member.
    pub until: Option<u64>,
}

/// The fixed-point scale of the reward-per-weight accumulator: 36 decimal digits.
pub const SCALE: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;

/// The largest pool the benchmarks measure. The code touches the same storage items whatever
/// the pool size; what grows with it is only the depth of the storage trie, so weights are
/// charged as for a pool of this size.
pub const BENCHMARKED_POOL_SIZE: u32 = 1_000;

/// A pool's total weight stays below this (10^30: a million members of weight 10^24 each), so
/// that rounding each division up credits less than one unit in advance.
pub const MAX_TOTAL_WEIGHT: u128 = 1_000_000_000_000_000_000_000_000_000_000;

/// The revenue pool of one `(product, purpose)`.
///
/// `acc` is the reward per unit of weight ever distributed, times [`SCALE`]. A member with
/// weight `w` that joined (or was last settled) when the accumulator was `s` has earned
/// `w * (acc - s) / SCALE` since then. `undistributed` (also times [`SCALE`]) is what could
/// not be divided yet: fractions forfeited by members that left, and everything paid while
/// the pool had no member; `overcredited` is what rounding the last division up credited in
/// advance. Both are settled by the next distribution. Exactly: `revenue * SCALE +
/// overcredited == released * SCALE + undistributed +` what the members hold.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Pool<Balance> {
    /// Sum of the live members' weights.
    pub total_weight: u128,
    /// How many live members.
    pub members: u32,
    /// Reward per unit of weight, times [`SCALE`].
    pub acc: U256,
    /// Not divided yet, times [`SCALE`]; added to the next distribution.
    pub undistributed: U256,
    /// Credited to members in advance by rounding the last division up, times [`SCALE`];
    /// taken from the next distribution. Below one unit.
    pub overcredited: U256,
    /// Everything ever paid into the pool.
    pub revenue: Balance,
    /// Everything that left the pool's books: claims and earnings moved to owners that left.
    pub released: Balance,
    /// How many sales paid into the pool.
    pub distributions: u32,
}

/// A live member of a pool.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PoolMember<Balance> {
    /// The member's weight (e.g. its record count in the product).
    pub weight: u64,
    /// The pool's accumulator when the member was last settled.
    pub snapshot: U256,
    /// The fraction of a unit earned but not yet a whole unit, times [`SCALE`].
    pub fraction: u128,
    /// Whole units earned (settled) and not claimed.
    pub unclaimed: Balance,
    /// Whole units earned in this pool since joining.
    pub earned: Balance,
    /// Units claimed from this pool since joining.
    pub claimed: Balance,
}

/// An owner's earnings over every pool, live or left.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct OwnerAccount<Balance> {
    /// Earnings of pools the owner has left, not claimed yet (claim them with `claim_all`).
    pub unclaimed_left: Balance,
    /// Whole units settled to the owner over its lifetime.
    pub earned: Balance,
    /// Units paid out to the owner over its lifetime.
    pub claimed: Balance,
}

pub use cityzen_primitives::market::{AltruismReport, Beneficiary, FundLine, PoolLine, Statement};

/// An owner's altruistic choice for one pool (data altruism, EU Data Governance Act): its
/// data counts and its consent counts for k, but its share of each sale goes to `to`, never
/// to the owner. `weight` is the weight the owner contributes while it is a member (0 when it
/// is not): its own entry in the pool's accumulator has weight 0.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Altruist<AccountId> {
    /// Where the owner's share goes.
    pub to: Beneficiary<AccountId>,
    /// The owner's contributed weight while a member; 0 when it is not.
    pub weight: u64,
}

/// A public-interest fund the council approved, or one it removed that owners still name.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct FundInfo<Balance> {
    /// On the council's list: owners may choose it, and it is paid.
    pub approved: bool,
    /// Live pool memberships whose share goes to this fund.
    pub altruists: u32,
    /// Everything ever credited to the fund from sales.
    pub received: Balance,
}
