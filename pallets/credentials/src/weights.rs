//! Weights for `pallet_credentials`.
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

/// Weight functions needed for `pallet_credentials`.
pub trait WeightInfo {
    fn add_issuer() -> Weight;
    fn remove_issuer() -> Weight;
    fn issue() -> Weight;
    fn revoke() -> Weight;
    fn renounce() -> Weight;
}

/// Placeholder weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn add_issuer() -> Weight {
        Weight::from_parts(50_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
    }
    fn remove_issuer() -> Weight {
        Weight::from_parts(50_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
    }
    fn issue() -> Weight {
        Weight::from_parts(50_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(4, 3))
    }
    fn revoke() -> Weight {
        Weight::from_parts(50_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
    }
    fn renounce() -> Weight {
        Weight::from_parts(50_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
    }
}

impl WeightInfo for () {
    fn add_issuer() -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(RocksDbWeight::get().reads_writes(2, 2))
    }
    fn remove_issuer() -> Weight {
        Weight::from_parts(50_000_000, 4_000)
            .saturating_add(RocksDbWeight::get().reads_writes(1, 1))
    }
    fn issue() -> Weight {
        Weight::from_parts(50_000_000, 8_000)
            .saturating_add(RocksDbWeight::get().reads_writes(4, 3))
    }
    fn revoke() -> Weight {
        Weight::from_parts(50_000_000, 8_000)
            .saturating_add(RocksDbWeight::get().reads_writes(3, 3))
    }
    fn renounce() -> Weight {
        Weight::from_parts(50_000_000, 8_000)
            .saturating_add(RocksDbWeight::get().reads_writes(3, 3))
    }
}
