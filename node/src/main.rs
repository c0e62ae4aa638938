//! CityZEN node: a validator or RPC node of the CityZEN consortium chain.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
    command::run()
}
