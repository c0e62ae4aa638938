//! The consortium council: members (managed by membership), motions (collective), and the one
//! bridge from a council motion to root (council-root). There is no sudo.

use frame_support::{
    parameter_types,
    traits::{ConstU32, EitherOfDiverse},
    weights::Weight,
};
use frame_system::EnsureRoot;

use super::RuntimeBlockWeights;
use crate::{
    AccountId, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS,
};

/// The council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// A motion passed by more than half of the council.
pub type CouncilMajority = EitherOfDiverse<
    EnsureRoot<AccountId>,
    pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;

/// A motion passed by at least two thirds of the council: needed to act as root.
pub type CouncilSuperMajority =
    pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

/// Root, or a motion of at least two thirds of the council: what changes the council itself,
/// the validator set and the authorised nodes. Every path to root (a council that could change
/// its own members by a simple majority could make that majority two thirds of a smaller
/// council) needs the same two thirds.
pub type CouncilTwoThirds = EitherOfDiverse<EnsureRoot<AccountId>, CouncilSuperMajority>;

/// Members who do not vote are never counted as ayes (nor as nays) when a motion is closed
/// after its duration, whatever the prime votes: a motion passes only on the votes cast.
pub struct AbstentionsDoNotCount;
impl pallet_collective::DefaultVote for AbstentionsDoNotCount {
    fn default_vote(
        _prime_vote: Option<bool>,
        _yes_votes: pallet_collective::MemberCount,
        _no_votes: pallet_collective::MemberCount,
        _len: pallet_collective::MemberCount,
    ) -> bool {
        false
    }
}

/// The largest council.
pub const COUNCIL_MAX_MEMBERS: u32 = 32;

parameter_types! {
    /// A motion is open for votes for three days at most.
    pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
    /// A motion may use at most half a block's weight.
    pub MaxProposalWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(2);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
    type RuntimeOrigin = RuntimeOrigin;
    type Proposal = RuntimeCall;
    type RuntimeEvent = RuntimeEvent;
    type MotionDuration = CouncilMotionDuration;
    type MaxProposals = ConstU32<100>;
    type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
    type DefaultVote = AbstentionsDoNotCount;
    type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
    // Members are managed by `CouncilMembership`; `set_members` is only reachable as root.
    type SetMembersOrigin = EnsureRoot<AccountId>;
    type MaxProposalWeight = MaxProposalWeight;
    type DisapproveOrigin = EnsureRoot<AccountId>;
    type KillOrigin = EnsureRoot<AccountId>;
    type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type AddOrigin = CouncilTwoThirds;
    type RemoveOrigin = CouncilTwoThirds;
    type SwapOrigin = CouncilTwoThirds;
    type ResetOrigin = CouncilTwoThirds;
    type PrimeOrigin = CouncilTwoThirds;
    type MembershipInitialized = Council;
    type MembershipChanged = Council;
    type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
    type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_council_root::Config for Runtime {
    type RuntimeCall = RuntimeCall;
    type RootOrigin = CouncilSuperMajority;
    type WeightInfo = pallet_council_root::weights::SubstrateWeight<Runtime>;
}
