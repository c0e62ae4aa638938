//! Benchmarks of the council root (v2): the overhead around the inner call.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::{boxed::Box, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn dispatch_as_root() -> Result<(), BenchmarkError> {
        let origin =
            T::RootOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let call: <T as Config>::RuntimeCall =
            frame_system::Call::<T>::remark { remark: Vec::new() }.into();

        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, Box::new(call));

        Ok(())
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
