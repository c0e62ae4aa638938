//! Pallet configurations, one file per group: this one for the chain's basics (system, time,
//! balances, fees, utility), [`consensus`] for validators and finality, [`governance`] for the
//! council, [`marketplace`] for the data marketplace.

pub mod consensus;
pub mod governance;
pub mod marketplace;

use frame_support::{
    derive_impl,
    dispatch::DispatchClass,
    parameter_types,
    traits::{ConstU128, ConstU32, ConstU64, ConstU8, Contains, VariantCountOf},
    weights::{
        constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
        ConstantMultiplier, IdentityFee, Weight,
    },
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

use super::{
    AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, OriginCaller, PalletInfo,
    Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin,
    RuntimeTask, System, BLOCK_HASH_COUNT, EXISTENTIAL_DEPOSIT, SLOT_DURATION, VERSION,
};

/// Share of a block that normal (non-operational) transactions may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// A block's compute: two seconds of the six-second slot; proof size is not limited on this
/// solochain.
const MAXIMUM_BLOCK_WEIGHT: Weight =
    Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// What the normal class may fill: [`NORMAL_DISPATCH_RATIO`] of [`MAXIMUM_BLOCK_WEIGHT`].
fn normal_block_weight() -> Weight {
    Weight::from_parts(
        NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
        NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
    )
}

parameter_types! {
    /// Runtime version, exposed to the node.
    pub const Version: RuntimeVersion = VERSION;
    /// Two seconds of compute per block, out of the six-second slot; the base weights of a
    /// block and of an extrinsic as measured here (`benchmark overhead`), not upstream's.
    /// Otherwise as `BlockWeights::with_sensible_defaults`: the normal class gets 75 %,
    /// operational extrinsics the rest, 10 % is expected for initialisation.
    pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
        .base_block(crate::weights::BlockExecutionWeight::get())
        .for_class(DispatchClass::all(), |weights| {
            weights.base_extrinsic = crate::weights::ExtrinsicBaseWeight::get();
        })
        .for_class(DispatchClass::Normal, |weights| {
            weights.max_total = Some(normal_block_weight());
        })
        .for_class(DispatchClass::Operational, |weights| {
            weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
            weights.reserved =
                Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal_block_weight()));
        })
        .avg_block_initialization(Perbill::from_percent(10))
        .build_or_panic();
    /// Five megabytes per block at most.
    pub RuntimeBlockLength: BlockLength = BlockLength::builder()
        .max_length(5 * 1024 * 1024)
        .modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO.mul_floor(*max))
        .build();
    /// How many recent block hashes are kept.
    pub const BlockHashCount: BlockNumber = BLOCK_HASH_COUNT;
    /// The chain's SS58 prefix (one definition, in primitives).
    pub const SS58Prefix: u16 = cityzen_primitives::SS58_PREFIX;
}

/// Calls of upstream pallets that this consortium does not use and that no signed account may
/// make: node authorisation's owner calls (`claim_node`, `remove_claim`, `transfer_node`,
/// `add_connections`, `remove_connections`). Upstream weighs them at a constant 50 µs whatever
/// their size and stores their unbounded input (security review S2); the consortium's nodes
/// are well-known nodes added by council motion (docs/operators.md). Root (a council motion
/// through `councilRoot`) is not filtered.
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
    fn contains(call: &RuntimeCall) -> bool {
        use pallet_node_authorization::Call as Node;
        !matches!(
            call,
            RuntimeCall::NodeAuthorization(
                Node::claim_node { .. }
                    | Node::remove_claim { .. }
                    | Node::transfer_node { .. }
                    | Node::add_connections { .. }
                    | Node::remove_connections { .. }
            )
        )
    }
}

/// The fee for each byte of a transaction: a micro-CZN, so that a megabyte of call data costs
/// at least one CZN whatever the call's weight (upstream's `IdentityFee` charged one plank,
/// 10⁻¹² CZN, a byte). Every byte a call can store is carried in its call data.
pub const TRANSACTION_BYTE_FEE: Balance = crate::MILLI_UNIT / 1_000;

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
    type BaseCallFilter = BaseCallFilter;
    type Block = Block;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type AccountId = AccountId;
    type Nonce = Nonce;
    type Hash = Hash;
    type BlockHashCount = BlockHashCount;
    type DbWeight = RocksDbWeight;
    type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
    type Version = Version;
    type AccountData = pallet_balances::AccountData<Balance>;
    type SS58Prefix = SS58Prefix;
    type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
    type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
    type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
    type Balance = Balance;
    type DustRemoval = ();
    type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
    type AccountStore = System;
    type ReserveIdentifier = [u8; 8];
    type FreezeIdentifier = RuntimeFreezeReason;
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ConstU32<50>;
    type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
    type DoneSlashHandler = ();
}

parameter_types! {
    /// Fees stay constant: this is a permissioned chain without fee markets.
    pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type OnChargeTransaction = FungibleAdapter<Balances, ()>;
    type OperationalFeeMultiplier = ConstU8<5>;
    type WeightToFee = IdentityFee<Balance>;
    type LengthToFee = ConstantMultiplier<Balance, ConstU128<TRANSACTION_BYTE_FEE>>;
    type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
    type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_skip_feeless_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
}

impl pallet_utility::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type PalletsOrigin = OriginCaller;
    type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}
