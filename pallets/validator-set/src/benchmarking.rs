//! Benchmarks of the validator set (v2).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{EnsureOrigin, Get},
    BoundedVec,
};

fn fill<T: Config>(count: u32) -> Vec<T::AccountId> {
    let mut validators: Vec<T::AccountId> = (0..count)
        .map(|i| account::<T::AccountId>("validator", i, 0))
        .collect();
    validators.sort();
    Validators::<T>::put(BoundedVec::truncate_from(validators.clone()));
    validators
}

#[benchmarks]
mod benchmarks {
    use super::*;

    /// Add a validator to a set of `v` validators.
    #[benchmark]
    fn add_validator(
        v: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>,
    ) -> Result<(), BenchmarkError> {
        fill::<T>(v);
        let who: T::AccountId = account("candidate", 0, 0);
        T::BenchmarkHelper::register_session_keys(&who);
        let origin =
            T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, who.clone());

        assert!(Validators::<T>::get().contains(&who));
        Ok(())
    }

    /// Remove a validator from a set of `v` validators.
    #[benchmark]
    fn remove_validator(
        v: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>,
    ) -> Result<(), BenchmarkError> {
        let validators = fill::<T>(v);
        let who = validators
            .first()
            .cloned()
            .ok_or(BenchmarkError::Weightless)?;
        let origin =
            T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, who.clone());

        assert!(!Validators::<T>::get().contains(&who));
        Ok(())
    }

    impl_benchmark_test_suite!(
        Pallet,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
