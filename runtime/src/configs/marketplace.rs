//! The data marketplace: accreditation (credentials), consent, data products, escrow, revenue
//! pools and data requests, and the traits that wire them to each other.

use frame_support::{
    parameter_types,
    traits::{ConstU128, ConstU16, ConstU32, ConstU64, Contains},
    weights::Weight,
    PalletId,
};
use sp_runtime::traits::AccountIdConversion;

use super::governance::CouncilMajority;
use crate::{
    AccountId, Balance, Balances, BlockNumber, Consent, Credentials, DataProducts, Revenue,
    Runtime, RuntimeCall, RuntimeHoldReason, DAYS, HOURS, UNIT,
};

/// A registered data owner may make this many fee-less calls per [`FREE_CALL_PERIOD`].
pub const FREE_CALLS_PER_PERIOD: u32 = 20;
/// The fee-less call period: one hour.
pub const FREE_CALL_PERIOD: BlockNumber = HOURS;
/// Priority of a fee-less call within the allowance: above any paid transaction without an
/// enormous tip (those get (tip + 1) × how many fit a block, a few thousand untipped), so a
/// consent or its withdrawal is not held back by paid load. The allowance bounds how many one
/// owner can send.
pub const FREE_CALL_PRIORITY: u64 = u64::MAX / 2;

/// The fee-less calls of data owners that are not withdrawals, each with the weight it is
/// charged before dispatch (its worst case).
pub fn fee_less_calls() -> [(&'static str, Weight); 5] {
    use frame_support::dispatch::GetDispatchInfo;
    let w = |call: RuntimeCall| call.get_dispatch_info().call_weight;
    let purpose = cityzen_primitives::Purpose::ResearchAndDevelopment;
    [
        (
            "consent.giveConsent / renewConsent",
            Consent::consent_weight(),
        ),
        (
            "revenue.claim",
            w(RuntimeCall::Revenue(pallet_revenue::Call::claim {
                product: 0,
                purpose,
            })),
        ),
        (
            "revenue.claimAll",
            w(RuntimeCall::Revenue(pallet_revenue::Call::claim_all {})),
        ),
        (
            "revenue.setBeneficiary",
            w(RuntimeCall::Revenue(
                pallet_revenue::Call::set_beneficiary {
                    product: 0,
                    purpose,
                    to: None,
                },
            )),
        ),
        (
            "requests.respond",
            w(RuntimeCall::DataRequests(pallet_requests::Call::respond {
                id: 0,
                receipt_hash: Default::default(),
            })),
        ),
    ]
}

/// The heaviest fee-less call that is not a withdrawal, at its worst case.
pub fn heaviest_fee_less_call() -> Weight {
    fee_less_calls()
        .iter()
        .fold(Weight::zero(), |max, (_, w)| max.max(*w))
}

parameter_types! {
    /// One owner's fee-less weight in one block: its heaviest fee-less call, once.
    pub FreeWeightPerBlock: Weight = heaviest_fee_less_call();
    /// One owner's fee-less weight per period: the heaviest fee-less call once, and
    /// [`FREE_CALLS_PER_PERIOD`] consent calls at their worst case (every purpose).
    pub FreeWeightPerPeriod: Weight = Consent::consent_weight()
        .saturating_mul(u64::from(FREE_CALLS_PER_PERIOD))
        .saturating_add(heaviest_fee_less_call());
}

/// The withdrawals (GDPR Art. 7(3)): fee-less for whoever holds the live record, credential or
/// not, and never held back by the allowance.
pub struct Withdrawals;
impl Contains<RuntimeCall> for Withdrawals {
    fn contains(call: &RuntimeCall) -> bool {
        matches!(
            call,
            RuntimeCall::Consent(
                pallet_consent::Call::withdraw_consent { .. }
                    | pallet_consent::Call::withdraw_all { .. }
            ) | RuntimeCall::DataRequests(pallet_requests::Call::withdraw_response { .. })
        )
    }
}

impl pallet_credentials::Config for Runtime {
    type GovernanceOrigin = CouncilMajority;
    type FreeCallsPerPeriod = ConstU32<FREE_CALLS_PER_PERIOD>;
    type FreeCallPeriod = ConstU32<FREE_CALL_PERIOD>;
    type FreeCallPriority = ConstU64<FREE_CALL_PRIORITY>;
    type FreeWeightPerPeriod = FreeWeightPerPeriod;
    type FreeWeightPerBlock = FreeWeightPerBlock;
    type Withdrawals = Withdrawals;
    type OwnerStanding = Consent;
    type MaxOwnerLapsesPerBlock = ConstU32<256>;
    type LapseWeightPerBlock = LapseWeightPerBlock;
    type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
    /// What `on_initialize` may spend per block telling lapsed owners' consents to stop
    /// counting (expiries, then removed issuers' owners): a quarter of a block.
    pub LapseWeightPerBlock: Weight =
        <Runtime as frame_system::Config>::BlockWeights::get().max_block.saturating_div(4);
}

/// Deposit held from a provider while a product is listed.
pub const PRODUCT_DEPOSIT: Balance = 10 * UNIT;

impl pallet_consent::Config for Runtime {
    type Accreditation = Credentials;
    type Allowance = Credentials;
    type Products = DataProducts;
    type Listener = DataProducts;
    type MaxPurposes = ConstU32<MAX_PURPOSES>;
    type MaxConsentsPerOwner = ConstU32<MAX_CONSENTS_PER_OWNER>;
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
    type Pools = Revenue;
    type GovernanceOrigin = CouncilMajority;
    type ProductDeposit = ConstU128<PRODUCT_DEPOSIT>;
    type MaxPurposes = ConstU32<MAX_PURPOSES>;
    type MaxMetadataLen = ConstU32<256>;
    type MaxStreamIdLen = ConstU32<128>;
    type MaxContributors = ConstU32<100_000>;
    type MaxContributorBatch = ConstU32<100>;
    type WeightInfo = pallet_data_products::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

/// Most consents an owner may hold.
pub const MAX_CONSENTS_PER_OWNER: u32 = 64;
/// Most purposes in one consent (and offered by one product).
pub const MAX_PURPOSES: u32 = 8;
/// The platform fee may never be set above 10 %.
pub const MAX_PLATFORM_FEE_BPS: u16 = 1_000;

parameter_types! {
    /// The revenue pallet's id: its account holds the owners' unclaimed earnings.
    pub const RevenuePalletId: PalletId = PalletId(*b"cz/revnu");
    /// The id of the city's platform account, which receives the platform fee. Spent only by
    /// council motion (root).
    pub const PlatformPalletId: PalletId = PalletId(*b"cz/pltfm");
    /// The city's platform account.
    pub PlatformAccount: AccountId = PlatformPalletId::get().into_account_truncating();
}

impl pallet_revenue::Config for Runtime {
    type Currency = Balances;
    type PalletId = RevenuePalletId;
    type PlatformAccount = PlatformAccount;
    type MaxPlatformFee = ConstU16<MAX_PLATFORM_FEE_BPS>;
    type GovernanceOrigin = CouncilMajority;
    type Allowance = Credentials;
    // An owner is in a pool only for a purpose of a live consent: at most consents x purposes.
    type MaxPoolsPerOwner = ConstU32<{ MAX_CONSENTS_PER_OWNER * MAX_PURPOSES }>;
    // Eight stretches per owner and pool; a ninth merges the two oldest (see the pallet).
    type MaxMemberships = ConstU32<8>;
    // Eight public-interest funds at once: a sale credits at most eight.
    type MaxFunds = ConstU32<8>;
    type WeightInfo = pallet_revenue::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

/// A provider has 3 days to deliver, unless the council sets otherwise (the dev chain does).
pub const DELIVERY_PERIOD: BlockNumber = 3 * DAYS;
/// A buyer has 2 days after delivery to dispute, unless the council sets otherwise.
pub const DISPUTE_WINDOW: BlockNumber = 2 * DAYS;

impl pallet_escrow::Config for Runtime {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = Credentials;
    type Products = DataProducts;
    type Pools = Revenue;
    type Revenue = Revenue;
    type GovernanceOrigin = CouncilMajority;
    type DeliveryPeriod = ConstU32<DELIVERY_PERIOD>;
    type DisputeWindow = ConstU32<DISPUTE_WINDOW>;
    type ResolvePeriod = ConstU32<{ 14 * DAYS }>;
    type MaxOfferLifetime = ConstU32<{ 30 * DAYS }>;
    type MaxOpenPerBuyer = ConstU32<64>;
    type MaxPeriods = ConstU32<24>;
    type MaxDeliveryRefLen = ConstU32<512>;
    type MaxDuePerPage = ConstU32<256>;
    type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

/// A data request may take at most this many owners: closing it credits each of them.
pub const MAX_REQUEST_OWNERS: u32 = 256;
/// A data request needs at least this many owners (k), as products need their `min_owners`.
pub const MIN_REQUEST_OWNERS: u32 = 3;
/// The smallest price per owner of a data request: a thousandth of a CZN.
pub const MIN_PRICE_PER_OWNER: Balance = UNIT / 1_000;

impl pallet_requests::Config for Runtime {
    type RuntimeHoldReason = RuntimeHoldReason;
    type Currency = Balances;
    type Accreditation = Credentials;
    type Allowance = Credentials;
    type Payout = Revenue;
    type MinPerOwner = ConstU128<MIN_PRICE_PER_OWNER>;
    type MaxRespondents = ConstU32<MAX_REQUEST_OWNERS>;
    type MinOwners = ConstU32<MIN_REQUEST_OWNERS>;
    type MaxLifetime = ConstU32<{ 30 * DAYS }>;
    type MaxRetention = ConstU32<{ 365 * DAYS }>;
    type WeightInfo = pallet_requests::weights::SubstrateWeight<Runtime>;
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = crate::benchmarks::MarketHelper;
}
