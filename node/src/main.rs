//! CityZEN node: a validator or RPC node of the CityZEN consortium chain.

// `sc_cli::Error` and `sc_service::Error` are upstream types, large by design.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod market_rpc;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
    command::run()
}
