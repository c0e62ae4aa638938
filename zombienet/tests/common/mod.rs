//! Helpers shared by the network tests (`consortium.rs`, `crash.rs`): RPC reads of a node's
//! heights and peers, polling with a limit, the check that every node finalised the same
//! blocks, spawning `consortium.toml`, and the report of figures seen; `upgrade` has the demo's
//! marketplace, its `market_*` reads and the storage versions an upgrade must keep.
#![allow(dead_code)] // each test binary uses only part of this module

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    path::Path,
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use subxt::{backend::rpc::RpcClient, OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;
use zombienet_sdk::{LocalFileSystem, Network, NetworkConfig, NetworkConfigExt};

pub mod upgrade;

pub const VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];
pub const ALL: [&str; 5] = ["alice", "bob", "charlie", "dave", "rpc"];

pub fn env(name: &str) -> Result<String> {
    std::env::var(name).with_context(|| format!("{name} is not set: run scripts/zombienet.sh"))
}

/// Figures seen, written to `ZOMBIENET_REPORT` at the end.
#[derive(Default)]
pub struct Report(pub BTreeMap<&'static str, String>);

impl Report {
    /// Writes the figures, one `key: value` line each, to `ZOMBIENET_REPORT` if it is set.
    pub fn write(&self) -> Result<()> {
        let mut text = String::new();
        for (k, v) in &self.0 {
            let _ = writeln!(text, "{k}: {v}");
        }
        if let Ok(path) = std::env::var("ZOMBIENET_REPORT") {
            std::fs::write(path, &text)?;
        }
        Ok(())
    }

    pub fn note(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        println!("[figure] {key}: {value}");
        self.0.insert(key, value);
    }
}

pub async fn rpc(network: &Network<LocalFileSystem>, node: &str) -> Result<RpcClient> {
    Ok(network.get_node(node)?.rpc().await?)
}

pub async fn request<T: serde::de::DeserializeOwned>(
    client: &RpcClient,
    method: &str,
    params: Vec<serde_json::Value>,
) -> Result<T> {
    let mut p = subxt::ext::subxt_rpcs::client::RpcParams::new();
    for v in params {
        p.push(v)?;
    }
    Ok(client.request(method, p).await?)
}

pub fn number(header: &serde_json::Value) -> Result<u64> {
    let hex = header["number"]
        .as_str()
        .ok_or_else(|| anyhow!("header without number"))?;
    Ok(u64::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

/// (best, finalized) block numbers of a node.
pub async fn heights(network: &Network<LocalFileSystem>, node: &str) -> Result<(u64, u64)> {
    let c = rpc(network, node).await?;
    let best: serde_json::Value = request(&c, "chain_getHeader", vec![]).await?;
    let fin_hash: String = request(&c, "chain_getFinalizedHead", vec![]).await?;
    let fin: serde_json::Value = request(&c, "chain_getHeader", vec![fin_hash.into()]).await?;
    Ok((number(&best)?, number(&fin)?))
}

pub async fn peers(network: &Network<LocalFileSystem>, node: &str) -> Result<u64> {
    let c = rpc(network, node).await?;
    let health: serde_json::Value = request(&c, "system_health", vec![]).await?;
    health["peers"]
        .as_u64()
        .ok_or_else(|| anyhow!("system_health without peers"))
}

/// Polls `check` every second until it holds or `limit` passes; returns how long it took.
pub async fn wait_for<F, Fut>(what: &str, limit: Duration, mut check: F) -> Result<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let start = Instant::now();
    loop {
        match check().await {
            Ok(true) => return Ok(start.elapsed()),
            Ok(false) => {}
            Err(e) if start.elapsed() > limit => {
                return Err(e.context(format!("waiting for {what}")))
            }
            Err(_) => {}
        }
        if start.elapsed() > limit {
            bail!("{what}: not within {limit:?}");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Every pair of nodes in `nodes` agrees on the hash of every finalized block up to the lowest
/// finalized height among them: no node finalised a different block at the same height.
/// Returns that height.
pub async fn same_finalized_chain(
    network: &Network<LocalFileSystem>,
    nodes: &[&str],
) -> Result<u64> {
    same_finalized_from(network, nodes, 1).await
}

/// As [`same_finalized_chain`], from height `from` on (heights below were checked before).
pub async fn same_finalized_from(
    network: &Network<LocalFileSystem>,
    nodes: &[&str],
    from: u64,
) -> Result<u64> {
    let mut lowest = u64::MAX;
    let mut clients = Vec::new();
    for n in nodes {
        lowest = lowest.min(heights(network, n).await?.1);
        clients.push((*n, rpc(network, n).await?));
    }
    for height in from..=lowest {
        let mut seen: Option<String> = None;
        for (n, c) in &clients {
            let hash: String = request(c, "chain_getBlockHash", vec![height.into()]).await?;
            match &seen {
                None => seen = Some(hash),
                Some(h) => ensure!(
                    *h == hash,
                    "{n} finalized {hash} at {height}, another node {h}"
                ),
            }
        }
    }
    Ok(lowest)
}

/// Spawns the network of `consortium.toml` (binary and chain spec from `CITYZEN_NODE` and
/// `CHAIN_SPEC`).
pub async fn spawn() -> Result<Network<LocalFileSystem>> {
    spawn_with(|toml| toml).await
}

/// This crate's directory, as cargo gives it when it runs the test. Not `env!`: cargo hashes a
/// path crate relative to its workspace, so a test binary built in another clone of the
/// repository (CI's) counts as fresh here and would carry that clone's path.
pub fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf())
}

/// As [`spawn`], with `edit` applied to the network's TOML first (more node flags, say).
pub async fn spawn_with(edit: impl Fn(String) -> String) -> Result<Network<LocalFileSystem>> {
    let dir = manifest_dir();
    let dir = dir.as_path();
    let toml = edit(
        std::fs::read_to_string(dir.join("consortium.toml"))?
            .replace("{{CITYZEN_NODE}}", &env("CITYZEN_NODE")?)
            .replace("{{CHAIN_SPEC}}", &env("CHAIN_SPEC")?),
    );
    let config = NetworkConfig::load_from_toml_string_with_base_dir(&toml, dir)
        .map_err(|e| anyhow!("consortium.toml: {e}"))?;
    Ok(config.spawn_native().await?)
}

/// Signs `call` with `signer`, submits it and waits until it is finalized and succeeded.
pub async fn submit(
    client: &OnlineClient<PolkadotConfig>,
    call: subxt::tx::DynamicPayload,
    signer: &Keypair,
) -> Result<()> {
    submit_events(client, call, signer).await.map(|_| ())
}

/// As [`submit`], and gives the extrinsic's events.
pub async fn submit_events(
    client: &OnlineClient<PolkadotConfig>,
    call: subxt::tx::DynamicPayload,
    signer: &Keypair,
) -> Result<subxt::blocks::ExtrinsicEvents<PolkadotConfig>> {
    Ok(client
        .tx()
        .sign_and_submit_then_watch_default(&call, signer)
        .await?
        .wait_for_finalized_success()
        .await?)
}

/// Ends a run: destroys the network (every process it started), notes the whole run's time,
/// writes the report and gives the scenarios' outcome (a panic in them is resumed).
pub async fn finish(
    network: Network<LocalFileSystem>,
    report: &mut Report,
    started: Instant,
    outcome: std::thread::Result<Result<()>>,
) -> Result<()> {
    let base = network.base_dir().map(str::to_owned);
    network.destroy().await.ok();
    report.note(
        "whole run (s)",
        format!("{:.0}", started.elapsed().as_secs_f64()),
    );
    report.write()?;
    if let Some(base) = base {
        println!("network files were in {base}");
    }
    match outcome {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
