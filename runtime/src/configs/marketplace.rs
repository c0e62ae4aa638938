//! The data marketplace: accreditation (credentials), and later consent, products, escrow and
//! revenue.

use frame_support::traits::ConstU32;

use super::governance::CouncilMajority;
use crate::{BlockNumber, Runtime, HOURS};

/// A registered data owner may make this many fee-less calls per [`FREE_CALL_PERIOD`].
pub const FREE_CALLS_PER_PERIOD: u32 = 20;
/// The fee-less call period: one hour.
pub const FREE_CALL_PERIOD: BlockNumber = HOURS;

impl pallet_credentials::Config for Runtime {
    type GovernanceOrigin = CouncilMajority;
    type FreeCallsPerPeriod = ConstU32<FREE_CALLS_PER_PERIOD>;
    type FreeCallPeriod = ConstU32<FREE_CALL_PERIOD>;
    type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
}
