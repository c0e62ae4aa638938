//! Validators, sessions, block authoring (Aura), finality (GRANDPA) and node authorisation.

use frame_support::{
    parameter_types,
    traits::{ConstBool, ConstU128, ConstU32, ConstU64},
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use super::governance::CouncilTwoThirds;
use crate::{
    AccountId, Balances, BlockNumber, Runtime, RuntimeEvent, Session, SessionKeys, ValidatorSet,
    MINUTES,
};

parameter_types! {
    /// A session lasts ten minutes; validator changes take effect at session boundaries.
    /// A storage parameter (key `twox128(":SessionPeriod:")`), so that a test network's chain
    /// spec can shorten it (the zombienet network uses 10 blocks); only root (a council motion
    /// through `councilRoot`) could change it on a running chain.
    pub storage SessionPeriod: BlockNumber = 10 * MINUTES;
    /// Sessions start at block 0.
    pub const SessionOffset: BlockNumber = 0;
}

/// Held from an account while it has session keys on chain.
pub const SESSION_KEY_DEPOSIT: crate::Balance = crate::UNIT;

/// Never fewer validators than this.
pub const MIN_VALIDATORS: u32 = 1;
/// Never more validators than this (also the Aura/GRANDPA authority bound).
pub const MAX_VALIDATORS: u32 = 32;

impl pallet_validator_set::Config for Runtime {
    type AddRemoveOrigin = CouncilTwoThirds;
    type MinValidators = ConstU32<MIN_VALIDATORS>;
    type MaxValidators = ConstU32<MAX_VALIDATORS>;
    type ValidatorRegistration = Session;
    type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::ValidatorSetHelper;
}

impl pallet_session::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type ValidatorId = AccountId;
    type ValidatorIdOf = ConvertInto;
    type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
    type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
    type SessionManager = ValidatorSet;
    type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
    type Keys = SessionKeys;
    type DisablingStrategy = ();
    type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
    type Currency = Balances;
    // Keys are stored on chain: their owner holds a deposit while they are (returned by
    // `purge_keys`), so nobody keeps keys there for the fee alone.
    type KeyDeposit = ConstU128<SESSION_KEY_DEPOSIT>;
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
    type AllowMultipleBlocksPerSlot = ConstBool<false>;
    type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

impl pallet_node_authorization::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type MaxWellKnownNodes = ConstU32<64>;
    type MaxPeerIdLength = ConstU32<128>;
    type AddOrigin = CouncilTwoThirds;
    type RemoveOrigin = CouncilTwoThirds;
    type SwapOrigin = CouncilTwoThirds;
    type ResetOrigin = CouncilTwoThirds;
    type WeightInfo = ();
}
