//! Weights for `pallet_council_root`.
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

/// Weight functions needed for `pallet_council_root`.
pub trait WeightInfo {
    fn dispatch_as_root() -> Weight;
}

/// Weights for `pallet_council_root` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn dispatch_as_root() -> Weight {
        Weight::from_parts(10_000_000, 0)
    }
}

// For backwards compatibility and tests.
impl WeightInfo for () {
    fn dispatch_as_root() -> Weight {
        Weight::from_parts(10_000_000, 0)
    }
}
