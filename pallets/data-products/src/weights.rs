//! Weights for `pallet_data_products`.
//!
//! PLACEHOLDER until the pallet is in the runtime and `scripts/bench.sh` generates this file on
//! the reference machine. Do not edit by hand.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions needed for `pallet_data_products`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn update_product() -> Weight;
	fn set_status() -> Weight;
	fn retire() -> Weight;
	fn add_contributors(n: u32, ) -> Weight;
	fn set_contributor_weight() -> Weight;
	fn remove_contributor() -> Weight;
	fn set_market_params() -> Weight;
}

/// Placeholder weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_product() -> Weight { Weight::from_parts(80_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(4, 4)) }
	fn update_product() -> Weight { Weight::from_parts(50_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(2, 1)) }
	fn set_status() -> Weight { Weight::from_parts(30_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn retire() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(3, 3)) }
	fn add_contributors(n: u32, ) -> Weight { Weight::from_parts(30_000_000, 5_000).saturating_add(Weight::from_parts(40_000_000, 3_000).saturating_mul(n.into())).saturating_add(T::DbWeight::get().reads_writes(1, 1)).saturating_add(T::DbWeight::get().reads_writes(10, 9).saturating_mul(n.into())) }
	fn set_contributor_weight() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(10, 9)) }
	fn remove_contributor() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(10, 9)) }
	fn set_market_params() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(T::DbWeight::get().writes(1)) }
}

impl WeightInfo for () {
	fn register_product() -> Weight { Weight::from_parts(80_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(4, 4)) }
	fn update_product() -> Weight { Weight::from_parts(50_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1)) }
	fn set_status() -> Weight { Weight::from_parts(30_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn retire() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(3, 3)) }
	fn add_contributors(n: u32, ) -> Weight { Weight::from_parts(30_000_000, 5_000).saturating_add(Weight::from_parts(40_000_000, 3_000).saturating_mul(n.into())).saturating_add(RocksDbWeight::get().reads_writes(1, 1)).saturating_add(RocksDbWeight::get().reads_writes(10, 9).saturating_mul(n.into())) }
	fn set_contributor_weight() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(10, 9)) }
	fn remove_contributor() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(10, 9)) }
	fn set_market_params() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(RocksDbWeight::get().writes(1)) }
}
