//! Weights for `pallet_consent`.
//!
//! PLACEHOLDER until the pallet is in the runtime and `scripts/bench.sh` generates this file on
//! the reference machine. Do not edit by hand.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
    traits::Get,
    weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_consent`.
pub trait WeightInfo {
    fn give_consent(p: u32) -> Weight;
    fn renew_consent(p: u32) -> Weight;
    fn withdraw_consent(p: u32) -> Weight;
    fn withdraw_all(c: u32) -> Weight;
    fn on_initialize_expiries(n: u32) -> Weight;
}

/// Placeholder weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn give_consent(p: u32) -> Weight {
        Weight::from_parts(60_000_000, 20_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(T::DbWeight::get().reads_writes(5, 4))
    }
    fn renew_consent(p: u32) -> Weight {
        Weight::from_parts(70_000_000, 30_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(T::DbWeight::get().reads_writes(5, 4))
    }
    fn withdraw_consent(p: u32) -> Weight {
        Weight::from_parts(50_000_000, 20_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(T::DbWeight::get().reads_writes(4, 4))
    }
    fn withdraw_all(c: u32) -> Weight {
        Weight::from_parts(30_000_000, 5_000)
            .saturating_add(Weight::from_parts(40_000_000, 20_000).saturating_mul(c.into()))
            .saturating_add(T::DbWeight::get().reads_writes(3, 3))
            .saturating_add(
                T::DbWeight::get()
                    .reads_writes(2, 2)
                    .saturating_mul(c.into()),
            )
    }
    fn on_initialize_expiries(n: u32) -> Weight {
        Weight::from_parts(5_000_000, 3_000)
            .saturating_add(Weight::from_parts(30_000_000, 5_000).saturating_mul(n.into()))
            .saturating_add(T::DbWeight::get().reads_writes(1, 1))
            .saturating_add(
                T::DbWeight::get()
                    .reads_writes(2, 2)
                    .saturating_mul(n.into()),
            )
    }
}

impl WeightInfo for () {
    fn give_consent(p: u32) -> Weight {
        Weight::from_parts(60_000_000, 20_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(RocksDbWeight::get().reads_writes(5, 4))
    }
    fn renew_consent(p: u32) -> Weight {
        Weight::from_parts(70_000_000, 30_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(RocksDbWeight::get().reads_writes(5, 4))
    }
    fn withdraw_consent(p: u32) -> Weight {
        Weight::from_parts(50_000_000, 20_000)
            .saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(p.into()))
            .saturating_add(RocksDbWeight::get().reads_writes(4, 4))
    }
    fn withdraw_all(c: u32) -> Weight {
        Weight::from_parts(30_000_000, 5_000)
            .saturating_add(Weight::from_parts(40_000_000, 20_000).saturating_mul(c.into()))
            .saturating_add(RocksDbWeight::get().reads_writes(3, 3))
            .saturating_add(
                RocksDbWeight::get()
                    .reads_writes(2, 2)
                    .saturating_mul(c.into()),
            )
    }
    fn on_initialize_expiries(n: u32) -> Weight {
        Weight::from_parts(5_000_000, 3_000)
            .saturating_add(Weight::from_parts(30_000_000, 5_000).saturating_mul(n.into()))
            .saturating_add(RocksDbWeight::get().reads_writes(1, 1))
            .saturating_add(
                RocksDbWeight::get()
                    .reads_writes(2, 2)
                    .saturating_mul(n.into()),
            )
    }
}
