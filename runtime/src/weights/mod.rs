//! Weights measured on this chain's reference machine by `scripts/bench.sh` (generated files:
//! never edit them by hand): the base weights of a block and of an extrinsic (`benchmark
//! overhead`), and the upstream pallets and transaction extensions every extrinsic pays for.
//! Each CityZEN pallet keeps its own `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_transaction_payment;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
