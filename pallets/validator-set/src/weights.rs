//! Weights for `pallet_validator_set`.
//!
//! PLACEHOLDER: replaced by the output of `scripts/bench.sh` (the node's `benchmark pallet`
//! command, run on this machine). Do not edit by hand.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
    traits::Get,
    weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
    fn add_validator(v: u32) -> Weight;
    fn remove_validator(v: u32) -> Weight;
}

/// Weights for `pallet_validator_set` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn add_validator(v: u32) -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
            .saturating_add(T::DbWeight::get().reads(2_u64))
            .saturating_add(T::DbWeight::get().writes(2_u64))
    }
    fn remove_validator(v: u32) -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
            .saturating_add(T::DbWeight::get().reads(1_u64))
            .saturating_add(T::DbWeight::get().writes(2_u64))
    }
}

// For backwards compatibility and tests.
impl WeightInfo for () {
    fn add_validator(v: u32) -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
            .saturating_add(RocksDbWeight::get().reads(2_u64))
            .saturating_add(RocksDbWeight::get().writes(2_u64))
    }
    fn remove_validator(v: u32) -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
            .saturating_add(RocksDbWeight::get().reads(1_u64))
            .saturating_add(RocksDbWeight::get().writes(2_u64))
    }
}
