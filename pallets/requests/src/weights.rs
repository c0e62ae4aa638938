//! Weights for `pallet_requests`: placeholder until `scripts/bench.sh pallet_requests` runs.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_requests`.
pub trait WeightInfo {
	fn post_request() -> Weight;
	fn respond() -> Weight;
	fn withdraw_response() -> Weight;
	fn close(n: u32, ) -> Weight;
	fn cancel() -> Weight;
	fn attest_deletion() -> Weight;
}

/// Weights for `pallet_requests` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn post_request() -> Weight { Weight::from_parts(1, 0) }
	fn respond() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw_response() -> Weight { Weight::from_parts(1, 0) }
	fn close(n: u32, ) -> Weight { Weight::from_parts(1, 0).saturating_add(Weight::from_parts(1, 0).saturating_mul(n.into())) }
	fn cancel() -> Weight { Weight::from_parts(1, 0) }
	fn attest_deletion() -> Weight { Weight::from_parts(1, 0) }
}

impl WeightInfo for () {
	fn post_request() -> Weight { Weight::from_parts(1, 0) }
	fn respond() -> Weight { Weight::from_parts(1, 0) }
	fn withdraw_response() -> Weight { Weight::from_parts(1, 0) }
	fn close(n: u32, ) -> Weight { Weight::from_parts(1, 0).saturating_add(Weight::from_parts(1, 0).saturating_mul(n.into())) }
	fn cancel() -> Weight { Weight::from_parts(1, 0) }
	fn attest_deletion() -> Weight { Weight::from_parts(1, 0) }
}
