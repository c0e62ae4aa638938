//! Types of the credentials pallet.

use cityzen_primitives::{ConsumerClass, Loa, Role, RoleSet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Hash of the off-chain verifiable credential document.
pub type EvidenceHash = sp_core::H256;

/// An approved issuer.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct IssuerInfo<BlockNumber> {
    /// Roles it may issue.
    pub roles: RoleSet,
    /// Highest level of assurance it may grant.
    pub max_loa: Loa,
    /// Generation of this approval: credentials issued under an earlier approval are invalid.
    pub generation: u32,
    /// Block of the approval.
    pub added_at: BlockNumber,
}

/// A credential held by a subject for one role.
#[derive(
    Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Credential<AccountId, BlockNumber> {
    /// Who issued it.
    pub issuer: AccountId,
    /// The issuer's approval generation when it issued this.
    pub issuer_generation: u32,
    /// Level of assurance.
    pub loa: Loa,
    /// Consumer class; set exactly for DataConsumer credentials.
    pub class: Option<ConsumerClass>,
    /// Block it was issued in.
    pub issued_at: BlockNumber,
    /// Last block it is valid in, if it expires.
    pub expires_at: Option<BlockNumber>,
    /// Hash of the off-chain verifiable credential.
    pub evidence_hash: EvidenceHash,
}

/// A credential in the runtime's types.
pub type CredentialOf<T> = Credential<
    <T as frame_system::Config>::AccountId,
    frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// What a data owner's fee-less calls used in its current period and in the last block it
/// made one. Weights are `ref_time` (this solochain does not limit proof size).
#[derive(
    Clone,
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
pub struct FreeCallUsage<BlockNumber> {
    /// First block of the period.
    pub period_start: BlockNumber,
    /// Calls used in it.
    pub used: u32,
    /// Weight used in it, after refunds.
    pub weight: u64,
    /// The last block in which a fee-less call was made.
    pub block: BlockNumber,
    /// Weight used in that block, after refunds.
    pub block_weight: u64,
}

/// A credential in the genesis config:
/// `(subject, role, issuer, loa, consumer class, expires_at, evidence_hash)`.
pub type GenesisCredential<AccountId, BlockNumber> = (
    AccountId,
    Role,
    AccountId,
    Loa,
    Option<ConsumerClass>,
    Option<BlockNumber>,
    EvidenceHash,
);
