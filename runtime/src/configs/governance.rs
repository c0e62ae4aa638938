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
    type DefaultVote = pallet_collective::PrimeDefaultVote;
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
    type AddOrigin = CouncilMajority;
    type RemoveOrigin = CouncilMajority;
    type SwapOrigin = CouncilMajority;
    type ResetOrigin = CouncilMajority;
    type PrimeOrigin = CouncilMajority;
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
