//! The data marketplace: accreditation (credentials), consent, data products; escrow and
//! revenue are still to come.

use frame_support::traits::{ConstU128, ConstU32};

use super::governance::CouncilMajority;
use crate::{
    Balance, Balances, BlockNumber, Consent, Credentials, DataProducts, Runtime, RuntimeHoldReason,
    HOURS, UNIT,
};

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

/// Deposit held from a provider while a product is listed.
pub const PRODUCT_DEPOSIT: Balance = 10 * UNIT;

impl pallet_consent::Config for Runtime {
    type Accreditation = Credentials;
    type Allowance = Credentials;
    type Products = DataProducts;
    type Listener = DataProducts;
    type MaxPurposes = ConstU32<8>;
    type MaxConsentsPerOwner = ConstU32<64>;
    type MaxExpiriesPerBlock = ConstU32<128>;
    type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

impl pallet_data_products::Config for Runtime {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = Credentials;
    type Consent = Consent;
    // No revenue pallet yet (its own issue): pool membership is not tracked until then.
    type Pools = ();
    type GovernanceOrigin = CouncilMajority;
    type ProductDeposit = ConstU128<PRODUCT_DEPOSIT>;
    type MaxPurposes = ConstU32<8>;
    type MaxMetadataLen = ConstU32<256>;
    type MaxStreamIdLen = ConstU32<128>;
    type MaxContributors = ConstU32<100_000>;
    type MaxContributorBatch = ConstU32<100>;
    type WeightInfo = pallet_data_products::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}
