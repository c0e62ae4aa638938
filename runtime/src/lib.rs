//! # CityZEN runtime
//!
//! The state transition function of CityZEN chain: a permissioned chain on which citizens keep
//! control of their personal data. Governance is a consortium council (collective + membership);
//! there is no sudo. Configuration lives in [`configs`], one file per group of pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands into many undocumented public items at the crate root.
#![allow(missing_docs)]
// `construct_runtime`/`impl_runtime_apis` need a lot of recursion.
#![recursion_limit = "256"]

/// The wasm runtime blob, built by `substrate-wasm-builder` (None with `SKIP_WASM_BUILD`).
#[cfg(feature = "std")]
#[allow(missing_docs)]
mod wasm {
    include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
}
#[cfg(feature = "std")]
pub use wasm::*;

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod market_api;
pub mod scale;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
    generic, impl_opaque_keys,
    traits::{BlakeTwo256, IdentifyAccount, Verify},
    MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types, for the node: it does not need to know the runtime's extrinsic format.
pub mod opaque {
    use super::*;
    use sp_runtime::traits::Hash as HashT;

    pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

    /// Opaque block header type.
    pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
    /// Opaque block type.
    pub type Block = generic::Block<Header, UncheckedExtrinsic>;
    /// Opaque block hash type.
    pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
    /// The session keys of a validator: Aura for authoring, GRANDPA for finality.
    pub struct SessionKeys {
        /// Block authoring key.
        pub aura: Aura,
        /// Finality voting key.
        pub grandpa: Grandpa,
    }
}

/// The runtime version. Bump `spec_version` for every runtime upgrade.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: alloc::borrow::Cow::Borrowed("cityzen"),
    impl_name: alloc::borrow::Cow::Borrowed("cityzen-node"),
    authoring_version: 1,
    spec_version: 100,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 1,
    system_version: 1,
};

/// The same runtime with the next spec version: what the zombienet runtime-upgrade test enacts
/// by council motion (`--features upgrade-test`; never for a real network).
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: alloc::borrow::Cow::Borrowed("cityzen"),
    impl_name: alloc::borrow::Cow::Borrowed("cityzen-node"),
    authoring_version: 1,
    spec_version: 101,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 1,
    system_version: 1,
};

/// Target block time: 6 seconds.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration. Cannot be changed once the chain runs.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// How many recent block hashes are kept.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// One CZN, the chain's unit, in its smallest indivisible units (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a unit.
pub const MICRO_UNIT: Balance = 1_000_000;

/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Signature of a transaction.
pub type Signature = MultiSignature;
/// An account: the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance.
pub type Balance = u128;
/// A transaction counter of an account.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// The address format of transactions.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions every signed transaction carries.
pub type TxExtension = (
    frame_system::CheckNonZeroSender<Runtime>,
    frame_system::CheckSpecVersion<Runtime>,
    frame_system::CheckTxVersion<Runtime>,
    frame_system::CheckGenesis<Runtime>,
    frame_system::CheckEra<Runtime>,
    frame_system::CheckNonce<Runtime>,
    frame_system::CheckWeight<Runtime>,
    // Fee-less calls (consent calls and claims of data owners) skip the payment within the
    // owner's allowance, which counts every included call; past it they are charged, or refused
    // with `InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED)` if the owner cannot pay.
    pallet_credentials::FreeCalls<
        Runtime,
        pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
    >,
    frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
    // Last: gives the block back the weight that the extensions above refunded after dispatch
    // (`CheckWeight` books it before `FreeCalls` knows which of its parts went unused).
    frame_system::WeightReclaim<Runtime>,
);

/// The transaction extensions of a signed transaction from an account at `nonce` (tip 0,
/// immortal, no metadata hash): what runtime tests, the fuzzer and tools sign with.
pub fn signed_tx_extension(nonce: Nonce) -> TxExtension {
    (
        frame_system::CheckNonZeroSender::<Runtime>::new(),
        frame_system::CheckSpecVersion::<Runtime>::new(),
        frame_system::CheckTxVersion::<Runtime>::new(),
        frame_system::CheckGenesis::<Runtime>::new(),
        frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::Immortal),
        frame_system::CheckNonce::<Runtime>::from(nonce),
        frame_system::CheckWeight::<Runtime>::new(),
        pallet_credentials::FreeCalls::from(
            pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
        ),
        frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
        frame_system::WeightReclaim::<Runtime>::new(),
    )
}

/// An extrinsic as the runtime checks it.
pub type UncheckedExtrinsic =
    generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload that is signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations not yet released: none. The chain launches at version 1 with every pallet's
/// storage at version 0 (written at genesis); the first migration after launch goes here (see
/// docs/operators.md, "Migrations"), multi-block (`pallet-migrations`) if its work grows with
/// the market (security review S13).
pub type Unreleased = ();

/// Migrations run at a runtime upgrade, beside the pallets' own.
type Migrations = Unreleased;

/// Dispatches to the pallets.
pub type Executive = frame_executive::Executive<
    Runtime,
    Block,
    frame_system::ChainContext<Runtime>,
    Runtime,
    AllPalletsWithSystem,
    Migrations,
>;

/// The runtime, composed of its pallets.
#[frame_support::runtime]
mod runtime {
    /// The CityZEN runtime.
    #[runtime::runtime]
    #[runtime::derive(
        RuntimeCall,
        RuntimeEvent,
        RuntimeError,
        RuntimeOrigin,
        RuntimeFreezeReason,
        RuntimeHoldReason,
        RuntimeSlashReason,
        RuntimeLockId,
        RuntimeTask,
        RuntimeViewFunction
    )]
    pub struct Runtime;

    /// Accounts, blocks, events.
    #[runtime::pallet_index(0)]
    pub type System = frame_system;
    /// Block timestamps.
    #[runtime::pallet_index(1)]
    pub type Timestamp = pallet_timestamp;
    /// Native token balances, with holds.
    #[runtime::pallet_index(2)]
    pub type Balances = pallet_balances;
    /// Transaction fees.
    #[runtime::pallet_index(3)]
    pub type TransactionPayment = pallet_transaction_payment;
    /// Lets fee-less calls skip the payment.
    #[runtime::pallet_index(4)]
    pub type SkipFeelessPayment = pallet_skip_feeless_payment;

    /// Validators chosen by the council.
    #[runtime::pallet_index(10)]
    pub type ValidatorSet = pallet_validator_set;
    /// Sessions and session keys.
    #[runtime::pallet_index(11)]
    pub type Session = pallet_session;
    /// Block authoring.
    #[runtime::pallet_index(12)]
    pub type Aura = pallet_aura;
    /// Finality.
    #[runtime::pallet_index(13)]
    pub type Grandpa = pallet_grandpa;
    /// Which nodes may peer.
    #[runtime::pallet_index(14)]
    pub type NodeAuthorization = pallet_node_authorization;

    /// The consortium council: members vote on motions.
    #[runtime::pallet_index(20)]
    pub type Council = pallet_collective<Instance1>;
    /// Who sits on the council.
    #[runtime::pallet_index(21)]
    pub type CouncilMembership = pallet_membership<Instance1>;
    /// Lets a council motion act as root (runtime upgrades, privileged calls).
    #[runtime::pallet_index(22)]
    pub type CouncilRoot = pallet_council_root;

    /// Batches of calls.
    #[runtime::pallet_index(30)]
    pub type Utility = pallet_utility;

    /// Accreditation with levels of assurance.
    #[runtime::pallet_index(40)]
    pub type Credentials = pallet_credentials;
    /// The GDPR consent registry.
    #[runtime::pallet_index(41)]
    pub type Consent = pallet_consent;
    /// Listings of datasets and streams.
    #[runtime::pallet_index(42)]
    pub type DataProducts = pallet_data_products;
    /// Exact, O(1) revenue split to the data owners.
    #[runtime::pallet_index(43)]
    pub type Revenue = pallet_revenue;
    /// Orders, offers and subscriptions paid through escrow.
    #[runtime::pallet_index(44)]
    pub type Escrow = pallet_escrow;
    /// Data requests: seekers ask with a held budget, owners opt in.
    #[runtime::pallet_index(45)]
    pub type DataRequests = pallet_requests;
}
