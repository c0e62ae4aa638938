//! # Credentials
//!
//! Verifiable accreditation with an eIDAS level of assurance (Low, Substantial, High).
//!
//! - The council approves **issuers**, each with the roles it may issue and the highest level of
//!   assurance it may grant ([`Pallet::add_issuer`], [`Pallet::remove_issuer`]).
//! - Issuers **issue** and **revoke** credentials `(subject, role) -> {issuer, loa, class,
//!   issued_at, expires_at, evidence_hash}`; the council may revoke any; a subject may
//!   **renounce** its own. `evidence_hash` is the hash of the off-chain verifiable credential.
//! - Removing an issuer invalidates every credential it issued from that block on, lazily: each
//!   issuer approval has a generation number that its credentials record; a credential is valid
//!   only while its issuer is approved with that same generation. No scan, and re-approving an
//!   issuer does not revive its old credentials.
//! - A **DataOwner** credential makes the subject's account exist without any balance (a
//!   sufficient reference), so a citizen can use the consent calls with zero balance. The
//!   reference is kept for good once taken ([`KeptAlive`]): an owner whose credential lapses
//!   still has its account, its nonce and its records, so it can withdraw, and nothing it
//!   signed before can be replayed.
//! - The pallet keeps each owner's **allowance** of fee-less calls, enforced by the transaction
//!   extension [`FreeCalls`] before dispatch (so failing calls count too): at most
//!   [`Config::FreeCallsPerPeriod`] calls and [`Config::FreeWeightPerPeriod`] of weight per
//!   [`Config::FreeCallPeriod`] blocks, and [`Config::FreeWeightPerBlock`] in one block. The
//!   weight counted is what each call really used (refunded after dispatch). Withdrawals
//!   ([`Config::Withdrawals`]) are never held back by the allowance: their weight counts, but
//!   they are always let through; each one ends a live record, so they cannot repeat.
//!
//! Other pallets use only the [`cityzen_primitives::Accreditation`] trait.

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

mod allowance;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod extension;
mod functions;
mod invariants;
#[cfg(test)]
mod mock;
pub mod standing;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use cityzen_primitives::{
    Accreditation, ConsumerClass, FeelessAllowance, Loa, OwnerStanding, Role, RoleSet,
};
pub use extension::FreeCalls;
pub use types::*;
pub use weights::WeightInfo;

/// Defaults for test runtimes: 3 free calls and 5 000 of weight per 10-block period, 3 000 of
/// weight per block, at priority `u64::MAX / 2`;
/// weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{
        derive_impl,
        pallet_prelude::*,
        traits::{ConstU32, ConstU64},
    };

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    frame_support::parameter_types! {
        /// Tests: 5 000 units of weight per period.
        pub const FreeWeightPerPeriod: frame_support::weights::Weight =
            frame_support::weights::Weight::from_parts(5_000, 0);
        /// Tests: 3 000 units of weight in one block.
        pub const FreeWeightPerBlock: frame_support::weights::Weight =
            frame_support::weights::Weight::from_parts(3_000, 0);
        /// Tests: two owners' lapses (of weight 100 each, as the mocks tell them) per block.
        pub LapseWeightPerBlock: frame_support::weights::Weight =
            crate::standing::lapse_budget_for::<()>(
                2,
                frame_support::weights::Weight::from_parts(100, 0),
                frame_support::weights::Weight::zero(),
            );
    }

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type FreeCallsPerPeriod = ConstU32<3>;
        type FreeCallPeriod = ConstU64<10>;
        type FreeCallPriority = ConstU64<{ u64::MAX / 2 }>;
        type FreeWeightPerPeriod = FreeWeightPerPeriod;
        type FreeWeightPerBlock = FreeWeightPerBlock;
        type OwnerStanding = ();
        type MaxOwnerLapsesPerBlock = ConstU32<3>;
        type LapseWeightPerBlock = LapseWeightPerBlock;
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use alloc::vec::Vec;
    use frame_support::{pallet_prelude::*, traits::Contains};
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::Zero;

    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    /// Most removed issuers whose data owners are being swept at once.
    pub const MAX_SWEEPS: u32 = 16;

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration of the credentials pallet.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// Who approves and removes issuers, and may revoke any credential: the council.
        #[pallet::no_default]
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// Fee-less calls a registered data owner may make per period.
        #[pallet::constant]
        type FreeCallsPerPeriod: Get<u32>;
        /// Length of the fee-less call period, in blocks.
        #[pallet::constant]
        #[pallet::no_default_bounds]
        type FreeCallPeriod: Get<BlockNumberFor<Self>>;
        /// Transaction priority of a fee-less call within the allowance, so that paid load
        /// cannot hold back a consent or its withdrawal. Set it above the priority paid
        /// transactions get (`ChargeTransactionPayment`: (tip + 1) × how many fit a block).
        #[pallet::constant]
        type FreeCallPriority: Get<TransactionPriority>;
        /// Most weight one owner's fee-less calls may use per period (what the calls really
        /// used, after refunds). A call is let through only if its full weight fits.
        #[pallet::constant]
        type FreeWeightPerPeriod: Get<Weight>;
        /// Most weight one owner's fee-less calls may use in one block.
        #[pallet::constant]
        type FreeWeightPerBlock: Get<Weight>;
        /// The calls that end an owner's consent or answer (withdrawals). Fee-less whenever the
        /// call's own `feeless_if` holds (a live record to end), never held back by the
        /// allowance (GDPR Art. 7(3)); their calls and weight still count against it.
        #[pallet::no_default]
        type Withdrawals: Contains<<Self as frame_system::Config>::RuntimeCall>;
        /// Told when a DataOwner credential lapses (revoked, renounced, expired, issuer
        /// removed) and when its owner holds one again: the consents stop and start counting.
        type OwnerStanding: OwnerStanding<Self::AccountId>;
        /// Most owners whose DataOwner credential may expire in one block.
        #[pallet::constant]
        type MaxOwnerLapsesPerBlock: Get<u32>;
        /// Most weight `on_initialize` spends telling lapses per block (expiries first, then
        /// removed issuers' owners). What does not fit waits for the next block, oldest
        /// first. Must hold at least one owner's worst case.
        #[pallet::constant]
        type LapseWeightPerBlock: Get<Weight>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
    }

    /// Approved issuers.
    #[pallet::storage]
    pub type Issuers<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, IssuerInfo<BlockNumberFor<T>>>;

    /// The generation the next issuer approval gets.
    #[pallet::storage]
    pub type NextIssuerGeneration<T: Config> = StorageValue<_, u32, ValueQuery>;

    /// Credentials by subject and role. Invalid ones (expired, issuer removed) stay until revoked,
    /// renounced or re-issued, for audit.
    #[pallet::storage]
    pub type Credentials<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        T::AccountId,
        Blake2_128Concat,
        Role,
        CredentialOf<T>,
    >;

    /// Accounts that ever held a DataOwner credential. Each keeps one sufficient reference
    /// for good, so it is never reaped: a lapsed owner can still withdraw and claim, its nonce
    /// never restarts (no old transaction of its becomes valid again).
    #[pallet::storage]
    pub type KeptAlive<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

    /// Fee-less calls and weight used by a data owner in its current period and block.
    #[pallet::storage]
    pub type FreeCallsUsed<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, FreeCallUsage<BlockNumberFor<T>>>;

    /// Valid credentials per role, kept on write (the KPIs read it in O(1)).
    #[pallet::storage]
    pub type ValidCount<T: Config> = StorageMap<_, Twox64Concat, Role, u32, ValueQuery>;

    /// Valid credentials per issuer and role: what its removal makes invalid at once.
    #[pallet::storage]
    pub type IssuerCount<T: Config> =
        StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, Role, u32, ValueQuery>;

    /// Valid credentials that stop being valid at a block (the one after their `expires_at`),
    /// by issuer generation and role; `on_initialize` takes them off the counts.
    #[pallet::storage]
    pub type Expiring<T: Config> = StorageDoubleMap<
        _,
        Twox64Concat,
        BlockNumberFor<T>,
        Twox64Concat,
        (u32, Role),
        u32,
        ValueQuery,
    >;

    /// The issuer of each generation still approved (removed with the issuer).
    #[pallet::storage]
    pub type GenerationIssuer<T: Config> = StorageMap<_, Twox64Concat, u32, T::AccountId>;

    /// DataOwner credentials that lapsed and were told to [`Config::OwnerStanding`]: their
    /// owners' consents do not count until a new credential is issued.
    #[pallet::storage]
    pub type Lapsed<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

    /// Owners whose standing `on_initialize` of a block tells: those whose DataOwner credential
    /// stops being valid in it (the block after its `expires_at`), and those revoked, renounced
    /// or re-issued in the block before.
    #[pallet::storage]
    pub type OwnerExpiries<T: Config> = StorageMap<
        _,
        Twox64Concat,
        BlockNumberFor<T>,
        BoundedVec<T::AccountId, T::MaxOwnerLapsesPerBlock>,
        ValueQuery,
    >;

    /// The oldest block whose owner expiry list is not fully told yet (lists wait when a
    /// block's lapses do not fit [`Config::LapseWeightPerBlock`]).
    #[pallet::storage]
    pub type LapseCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

    /// DataOwner credentials by issuer generation: whom a removed issuer's sweep must reach.
    #[pallet::storage]
    pub type IssuedOwners<T: Config> =
        StorageDoubleMap<_, Twox64Concat, u32, Blake2_128Concat, T::AccountId, ()>;

    /// Generations of removed issuers whose DataOwner credentials are still being swept,
    /// oldest first; `on_initialize` tells up to [`Config::MaxOwnerLapsesPerBlock`] of their
    /// owners' lapses per block.
    #[pallet::storage]
    pub type Sweeps<T: Config> = StorageValue<_, BoundedVec<u32, ConstU32<MAX_SWEEPS>>, ValueQuery>;

    /// Genesis: issuers and credentials.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// `(issuer, roles it may issue, highest level of assurance)`.
        pub issuers: Vec<(T::AccountId, Vec<Role>, Loa)>,
        /// `(subject, role, issuer, loa, consumer class, expires_at, evidence_hash)`.
        pub credentials: Vec<GenesisCredential<T::AccountId, BlockNumberFor<T>>>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        // A bad genesis must not produce a chain: failing loudly here is intended.
        #[allow(clippy::expect_used, clippy::panic)]
        fn build(&self) {
            for (issuer, roles, max_loa) in &self.issuers {
                Pallet::<T>::do_add_issuer(issuer.clone(), roles, *max_loa)
                    .unwrap_or_else(|e| panic!("genesis issuer: {e:?}"));
            }
            for (subject, role, issuer, loa, class, expires_at, evidence_hash) in &self.credentials
            {
                Pallet::<T>::do_issue(
                    issuer,
                    subject.clone(),
                    *role,
                    *loa,
                    *class,
                    *expires_at,
                    *evidence_hash,
                )
                .unwrap_or_else(|e| panic!("genesis credential: {e:?}"));
            }
        }
    }

    /// Events of the credentials pallet.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// The council approved an issuer.
        IssuerAdded {
            /// The issuer.
            issuer: T::AccountId,
            /// Roles it may issue.
            roles: RoleSet,
            /// Highest level of assurance it may grant.
            max_loa: Loa,
        },
        /// The council removed an issuer: its credentials are no longer valid.
        IssuerRemoved {
            /// The issuer.
            issuer: T::AccountId,
        },
        /// A credential was issued (or re-issued over an invalid one).
        CredentialIssued {
            /// Who holds it.
            subject: T::AccountId,
            /// For which role.
            role: Role,
            /// Who issued it.
            issuer: T::AccountId,
            /// Level of assurance.
            loa: Loa,
            /// Consumer class (DataConsumer only).
            class: Option<ConsumerClass>,
            /// Last block it is valid in, if it expires.
            expires_at: Option<BlockNumberFor<T>>,
            /// Hash of the off-chain verifiable credential.
            evidence_hash: EvidenceHash,
        },
        /// A credential was revoked by its issuer or the council.
        CredentialRevoked {
            /// Who held it.
            subject: T::AccountId,
            /// For which role.
            role: Role,
        },
        /// A subject gave up its credential.
        CredentialRenounced {
            /// Who held it.
            subject: T::AccountId,
            /// For which role.
            role: Role,
        },
        /// A data owner's credential lapsed: its consents stay on record (and can be
        /// withdrawn) but count for nothing; it left every revenue pool, with its earnings.
        OwnerLapsed {
            /// The owner.
            owner: T::AccountId,
        },
        /// A lapsed data owner holds a valid credential again: its live consents count again.
        OwnerRestored {
            /// The owner.
            owner: T::AccountId,
        },
    }

    /// Errors of the credentials pallet.
    #[pallet::error]
    pub enum Error<T> {
        /// The account is already an approved issuer.
        AlreadyIssuer,
        /// The account is not an approved issuer.
        NotIssuer,
        /// An issuer must be allowed at least one role.
        NoRoles,
        /// The issuer is not allowed to issue this role.
        RoleNotAllowed,
        /// The level of assurance is above what the issuer may grant.
        LoaTooHigh,
        /// The expiry block is not in the future.
        ExpiryNotInFuture,
        /// A DataConsumer credential needs a consumer class.
        ConsumerClassRequired,
        /// Only a DataConsumer credential carries a consumer class.
        ConsumerClassNotApplicable,
        /// An issuer cannot accredit itself.
        SelfIssuance,
        /// The subject already holds a valid credential for this role (revoke or renounce it first).
        CredentialExists,
        /// The subject holds no credential for this role.
        NoCredential,
        /// Only the credential's issuer or the council may revoke it.
        NotCredentialIssuer,
        /// The data owner has used all its fee-less calls of this period.
        FreeCallsExhausted,
        /// The role set has bits of roles that do not exist.
        UnknownRole,
        /// As many DataOwner credentials as a block may end already expire in that block
        /// (`MaxOwnerLapsesPerBlock`): choose another expiry block.
        ExpiryBlockFull,
        /// Too many removed issuers are still being swept (at most 16): wait a few blocks.
        SweepsPending,
        /// `MaxOwnerLapsesPerBlock` data owners' standing already changes in the next block:
        /// retry in the next one.
        StandingChangesFull,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        /// Credentials whose validity ends at `now` leave the counts: one entry per issuer
        /// generation and role that has any (a handful: issuers are approved by the council).
        fn on_initialize(now: BlockNumberFor<T>) -> Weight {
            let standing = Self::tell_lapses(now);
            let mut entries = 0u32;
            for ((generation, role), n) in Expiring::<T>::drain_prefix(now) {
                entries = entries.saturating_add(1);
                // A removed issuer's credentials left the counts when it was removed.
                let Some(issuer) = GenerationIssuer::<T>::get(generation) else {
                    continue;
                };
                IssuerCount::<T>::mutate(&issuer, role, |c| *c = c.saturating_sub(n));
                ValidCount::<T>::mutate(role, |c| *c = c.saturating_sub(n));
            }
            T::WeightInfo::on_initialize_expiring(entries).saturating_add(standing)
        }

        fn integrity_test() {
            assert!(
                T::FreeCallsPerPeriod::get() > 0,
                "FreeCallsPerPeriod must be positive"
            );
            assert!(
                !T::FreeCallPeriod::get().is_zero(),
                "FreeCallPeriod must be positive"
            );
            assert!(
                T::FreeWeightPerBlock::get().ref_time() > 0,
                "FreeWeightPerBlock must be positive"
            );
            assert!(
                T::FreeWeightPerPeriod::get().all_gte(T::FreeWeightPerBlock::get()),
                "FreeWeightPerPeriod must hold at least a block's"
            );
            assert!(
                T::MaxOwnerLapsesPerBlock::get() > 0,
                "MaxOwnerLapsesPerBlock must be positive"
            );
            assert!(
                T::LapseWeightPerBlock::get().all_gte(crate::standing::lapse_budget_for::<
                    T::WeightInfo,
                >(
                    1,
                    T::OwnerStanding::max_weight(),
                    T::DbWeight::get().reads_writes(1, 1),
                )),
                "LapseWeightPerBlock must hold one owner's worst case"
            );
            let block = <T as frame_system::Config>::BlockWeights::get().max_block;
            assert!(
                block
                    .saturating_div(4)
                    .all_gte(T::LapseWeightPerBlock::get()),
                "LapseWeightPerBlock is more than a quarter block"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call(weight(<T as Config>::WeightInfo))]
    impl<T: Config> Pallet<T> {
        /// Approve `issuer` to issue `roles` up to `max_loa` (council motion).
        #[pallet::call_index(0)]
        pub fn add_issuer(
            origin: OriginFor<T>,
            issuer: T::AccountId,
            roles: RoleSet,
            max_loa: Loa,
        ) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(roles.is_valid(), Error::<T>::UnknownRole);
            ensure!(!roles.is_empty(), Error::<T>::NoRoles);
            let list: Vec<Role> = Role::ALL
                .into_iter()
                .filter(|r| roles.contains(*r))
                .collect();
            Self::do_add_issuer(issuer, &list, max_loa)
        }

        /// Remove `issuer` (council motion). Its credentials are invalid from this block on;
        /// its data owners are told lapsed by `on_initialize` from the next block on, as many
        /// per block as `LapseWeightPerBlock` holds (until then they still count in the pools).
        #[pallet::call_index(1)]
        pub fn remove_issuer(origin: OriginFor<T>, issuer: T::AccountId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            let info = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?;
            if info.roles.contains(Role::DataOwner) {
                Sweeps::<T>::try_mutate(|s| s.try_push(info.generation))
                    .map_err(|_| Error::<T>::SweepsPending)?;
            }
            Issuers::<T>::remove(&issuer);
            GenerationIssuer::<T>::remove(info.generation);
            for role in Role::ALL {
                let n = IssuerCount::<T>::take(&issuer, role);
                ValidCount::<T>::mutate(role, |c| *c = c.saturating_sub(n));
            }
            Self::deposit_event(Event::IssuerRemoved { issuer });
            Ok(())
        }

        /// Issue a credential for `role` to `subject` (by an approved issuer). A DataConsumer
        /// credential must carry the consumer's `class`; `expires_at`, if given, must be a
        /// future block. Replaces an existing credential only if that one is no longer valid.
        #[pallet::call_index(2)]
        pub fn issue(
            origin: OriginFor<T>,
            subject: T::AccountId,
            role: Role,
            loa: Loa,
            class: Option<ConsumerClass>,
            expires_at: Option<BlockNumberFor<T>>,
            evidence_hash: EvidenceHash,
        ) -> DispatchResult {
            let issuer = ensure_signed(origin)?;
            Self::do_issue(
                &issuer,
                subject,
                role,
                loa,
                class,
                expires_at,
                evidence_hash,
            )
        }

        /// Revoke `subject`'s credential for `role`: by the issuer that issued it, or by the
        /// council. A data owner's consents stop counting from the next block.
        #[pallet::call_index(3)]
        pub fn revoke(origin: OriginFor<T>, subject: T::AccountId, role: Role) -> DispatchResult {
            let credential =
                Credentials::<T>::get(&subject, role).ok_or(Error::<T>::NoCredential)?;
            if T::GovernanceOrigin::try_origin(origin.clone()).is_err() {
                let who = ensure_signed(origin)?;
                ensure!(who == credential.issuer, Error::<T>::NotCredentialIssuer);
            }
            Self::end_credential(&subject, role)?;
            Self::deposit_event(Event::CredentialRevoked { subject, role });
            Ok(())
        }

        /// Give up one's own credential for `role`. A data owner's consents stop counting from
        /// the next block.
        #[pallet::call_index(4)]
        pub fn renounce(origin: OriginFor<T>, role: Role) -> DispatchResult {
            let subject = ensure_signed(origin)?;
            ensure!(
                Credentials::<T>::contains_key(&subject, role),
                Error::<T>::NoCredential
            );
            Self::end_credential(&subject, role)?;
            Self::deposit_event(Event::CredentialRenounced { subject, role });
            Ok(())
        }
    }
}
