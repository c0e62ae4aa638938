//! The load generator against the consortium network (issue #18): the network of
//! `consortium.toml` (four validators and an RPC node on 127.0.0.1) with transaction pools big
//! enough for the whole load, and `cityzen-loadgen` pointed at the RPC node. Ignored in the
//! zombienet tier; run by `scripts/bench-load.sh --network local`, which sets `CITYZEN_NODE`,
//! `CHAIN_SPEC` (through `scripts/zombienet.sh load`), `LOADGEN` (the binary) and `LOADGEN_ARGS`
//! (its flags, space-separated) and `LOADGEN_LABEL` (the report's title).

mod common;

use std::{process::Stdio, time::Duration};

use anyhow::{ensure, Result};
use common::{env, heights, spawn_with};
use zombienet_sdk::{LocalFileSystem, Network};

/// Pools that hold the whole load at once (the default holds 8 192 transactions), on every
/// node: the RPC node takes the submissions and gossips them to the validators, whose pools
/// the block author builds from.
const POOL_ARGS: &str = "\"--offchain-worker=always\", \"--pool-limit=100000\", \
                         \"--pool-kbytes=1000000\", \"--rpc-max-connections=1000\",";

async fn finalized(network: &Network<LocalFileSystem>, node: &str) -> Result<u64> {
    Ok(heights(network, node).await?.1)
}

async fn run(network: &Network<LocalFileSystem>) -> Result<()> {
    let started = std::time::Instant::now();
    while finalized(network, "rpc").await.unwrap_or(0) < 2 {
        ensure!(
            started.elapsed() < Duration::from_secs(300),
            "no finality within 300 s"
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    let url = network.get_node("rpc")?.ws_uri().to_string();
    let args: Vec<String> = env("LOADGEN_ARGS")?
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let label = std::env::var("LOADGEN_LABEL").unwrap_or_else(|_| "4-validator network".into());
    println!("loadgen against {url}: {}", args.join(" "));
    let status = tokio::process::Command::new(env("LOADGEN")?)
        .arg("--url")
        .arg(&url)
        .arg("--label")
        .arg(&label)
        .args(&args)
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .await?;
    ensure!(status.success(), "the load generator failed: {status}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run by scripts/bench-load.sh --network local"]
async fn load_on_the_consortium_network() -> Result<()> {
    let network =
        spawn_with(|toml| toml.replace("\"--offchain-worker=always\",", POOL_ARGS)).await?;
    let outcome = run(&network).await;
    let base = network.base_dir().map(str::to_owned);
    network.destroy().await.ok();
    if let Some(base) = base {
        println!("network files were in {base}");
    }
    outcome
}
