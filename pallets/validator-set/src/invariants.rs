//! The pallet's invariants (`try_state`).

use crate::pallet::*;
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
    /// Checks the pallet's invariants: at least `MinValidators`, sorted and without duplicates.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let validators = Validators::<T>::get();
        ensure!(
            validators.len() >= T::MinValidators::get() as usize,
            "validator set below MinValidators"
        );
        ensure!(
            validators.windows(2).all(|w| matches!(w, [a, b] if a < b)),
            "validator set not strictly sorted (duplicate or unsorted)"
        );
        Ok(())
    }
}
