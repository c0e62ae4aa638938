//! # Validator set
//!
//! The consortium's validators. The council adds or removes a validator by motion; the change is
//! handed to `pallet-session` at the next session rotation, so it becomes active one session after
//! that (the session pallet always queues one session ahead). The set can never drop below
//! [`Config::MinValidators`] nor grow above [`Config::MaxValidators`], and only accounts that have
//! registered session keys can be added (otherwise the session pallet would silently skip them).
//!
//! The pallet is the runtime's [`pallet_session::SessionManager`].

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use sp_staking::SessionIndex;

/// Sets up what a benchmark needs that lives outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
    /// Make `who` a valid candidate: an existing account with registered session keys.
    fn register_session_keys(who: &AccountId);
}

/// No setup: for runtimes whose `ValidatorRegistration` accepts every account.
#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
    fn register_session_keys(_who: &AccountId) {}
}

/// Defaults for test runtimes: between 2 and 5 validators; weights `()`; no benchmark setup.
pub mod config_preludes {
    use super::*;
    use frame_support::{derive_impl, pallet_prelude::*, traits::ConstU32};

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type MinValidators = ConstU32<2>;
        type MaxValidators = ConstU32<5>;
        type WeightInfo = ();
        #[cfg(feature = "runtime-benchmarks")]
        type BenchmarkHelper = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
    use frame_system::pallet_prelude::*;

    /// The in-code storage version.
    const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

    #[pallet::pallet]
    #[pallet::storage_version(STORAGE_VERSION)]
    pub struct Pallet<T>(_);

    /// Configuration of the validator set.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// Who may add or remove a validator: the council, by motion.
        #[pallet::no_default]
        type AddRemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// The smallest set allowed; removals that would go below it are refused.
        #[pallet::constant]
        type MinValidators: Get<u32>;
        /// The largest set allowed.
        #[pallet::constant]
        type MaxValidators: Get<u32>;
        /// Tells whether an account has registered session keys (the session pallet).
        #[pallet::no_default]
        type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
        /// Benchmark setup outside this pallet.
        #[cfg(feature = "runtime-benchmarks")]
        type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
    }

    /// The validators, sorted by account id. Handed to the session pallet at the next rotation.
    #[pallet::storage]
    pub type Validators<T: Config> =
        StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

    /// True when [`Validators`] changed since it was last handed to the session pallet.
    #[pallet::storage]
    pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

    /// Genesis: the first validators.
    #[pallet::genesis_config]
    #[derive(frame_support::DefaultNoBound)]
    pub struct GenesisConfig<T: Config> {
        /// The initial validators (no duplicates, between the minimum and the maximum). A real
        /// chain needs them; an empty list leaves the set unconfigured.
        pub initial_validators: Vec<T::AccountId>,
    }

    #[pallet::genesis_build]
    impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
        // A bad genesis must not produce a chain: failing loudly here is intended.
        #[allow(clippy::expect_used)]
        fn build(&self) {
            // An empty set means "not configured" (e.g. a default genesis built by tooling).
            if self.initial_validators.is_empty() {
                return;
            }
            let mut validators = self.initial_validators.clone();
            validators.sort();
            validators.dedup();
            assert_eq!(
                validators.len(),
                self.initial_validators.len(),
                "duplicate initial validators"
            );
            assert!(
                validators.len() >= T::MinValidators::get() as usize,
                "fewer initial validators than MinValidators"
            );
            let bounded: BoundedVec<T::AccountId, T::MaxValidators> = validators
                .try_into()
                .expect("more initial validators than MaxValidators");
            Validators::<T>::put(bounded);
        }
    }

    /// Events of the validator set.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A validator was added; it is handed to the session pallet at the next rotation.
        ValidatorAdded {
            /// The new validator.
            who: T::AccountId,
        },
        /// A validator was removed; it leaves at the next rotation.
        ValidatorRemoved {
            /// The removed validator.
            who: T::AccountId,
        },
        /// A changed set was handed to the session pallet, for session `session_index`.
        NewSetPlanned {
            /// The session that will use this set.
            session_index: SessionIndex,
            /// How many validators it has.
            count: u32,
        },
    }

    /// Errors of the validator set.
    #[pallet::error]
    pub enum Error<T> {
        /// The account is already a validator.
        AlreadyValidator,
        /// The account is not a validator.
        NotValidator,
        /// Removing this validator would leave fewer than `MinValidators`.
        TooFewValidators,
        /// The set already has `MaxValidators` validators.
        TooManyValidators,
        /// The account has not registered session keys (`session.setKeys`) yet.
        NoSessionKeys,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn integrity_test() {
            assert!(
                T::MinValidators::get() >= 1,
                "MinValidators must be at least 1"
            );
            assert!(
                T::MinValidators::get() <= T::MaxValidators::get(),
                "MinValidators must not exceed MaxValidators"
            );
        }

        #[cfg(feature = "try-runtime")]
        fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
            Self::do_try_state()
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Add `who` to the validator set (council motion). Effective from the next rotation.
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
        pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
            T::AddRemoveOrigin::ensure_origin(origin)?;
            ensure!(
                T::ValidatorRegistration::is_registered(&who),
                Error::<T>::NoSessionKeys
            );
            Validators::<T>::try_mutate(|validators| -> DispatchResult {
                let pos = match validators.binary_search(&who) {
                    Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
                    Err(pos) => pos,
                };
                validators
                    .try_insert(pos, who.clone())
                    .map_err(|_| Error::<T>::TooManyValidators)?;
                Ok(())
            })?;
            SetChanged::<T>::put(true);
            Self::deposit_event(Event::ValidatorAdded { who });
            Ok(())
        }

        /// Remove `who` from the validator set (council motion). Effective from the next rotation.
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
        pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
            T::AddRemoveOrigin::ensure_origin(origin)?;
            Validators::<T>::try_mutate(|validators| -> DispatchResult {
                let pos = validators
                    .binary_search(&who)
                    .map_err(|_| Error::<T>::NotValidator)?;
                ensure!(
                    validators.len() > T::MinValidators::get() as usize,
                    Error::<T>::TooFewValidators
                );
                validators.remove(pos);
                Ok(())
            })?;
            SetChanged::<T>::put(true);
            Self::deposit_event(Event::ValidatorRemoved { who });
            Ok(())
        }
    }

    impl<T: Config> Pallet<T> {
        /// The current validator set, sorted.
        pub fn validators() -> Vec<T::AccountId> {
            Validators::<T>::get().into_inner()
        }
    }
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
    fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
        if !SetChanged::<T>::take() {
            return None;
        }
        let validators = Self::validators();
        let count = u32::try_from(validators.len()).unwrap_or(u32::MAX);
        log::info!(target: "runtime::validator-set", "session {new_index}: {count} validators planned");
        Self::deposit_event(Event::NewSetPlanned {
            session_index: new_index,
            count,
        });
        Some(validators)
    }

    fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
        Some(Self::validators())
    }

    fn end_session(_end_index: SessionIndex) {}

    fn start_session(_start_index: SessionIndex) {}
}
