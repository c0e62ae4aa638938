//! One measurement window: submit pre-signed transactions at once, then follow the chain until
//! every accepted one is in a finalized block (or the timeout passes), block by block; and
//! account for every transaction: included (succeeded or failed, with the error), refused by
//! the pool (its reason), or not included (the pool's verdict on it at the end).

use std::{
    collections::{BTreeMap, HashMap},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use anyhow::{anyhow, Result};
use futures::{stream, StreamExt};
use subxt::{error::DispatchError, tx::ValidationResult};

use crate::chain::{charged_ref_time, timestamp, Client, Signed};

/// A transaction of the window and what it is (e.g. `transfer`, `giveConsent`).
pub struct Tx {
    /// Its kind, as reported.
    pub kind: &'static str,
    /// The signed transaction.
    pub signed: Signed,
}

/// What the chain did in one block of the window.
pub struct BlockLoad {
    /// Block number.
    pub number: u64,
    /// Its timestamp (ms).
    pub time: u64,
    /// Included transactions of the window by kind.
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Extrinsics in it (all of them, the window's and the inherents).
    pub extrinsics: usize,
    /// The weight it was charged (`System::BlockWeight`, ps of reference time).
    pub charged: u64,
}

/// The outcome of a window.
pub struct Outcome {
    /// The window's name.
    pub name: String,
    /// Transactions submitted.
    pub submitted: usize,
    /// Every block from the first one after submission to the last one with load.
    pub blocks: Vec<BlockLoad>,
    /// Included and succeeded, by kind.
    pub ok: BTreeMap<&'static str, usize>,
    /// Included but failed, by kind and error.
    pub failed: BTreeMap<String, usize>,
    /// Refused by the pool at submission, by reason.
    pub refused: BTreeMap<String, usize>,
    /// Accepted but not included in time, by the pool's verdict at the end.
    pub missing: BTreeMap<String, usize>,
    /// Best − finalized block number as the node reports them (`chain_getHeader`,
    /// `chain_getFinalizedHead`), sampled every 500 ms during the window.
    pub lag: Vec<u64>,
    /// Lag samples the node did not answer.
    pub lag_missed: u32,
}

impl Outcome {
    /// Included transactions (succeeded or failed).
    pub fn included(&self) -> usize {
        self.ok.values().sum::<usize>() + self.failed.values().sum::<usize>()
    }

    /// Blocks from the first to the last one with load, and the time they took (ms), from
    /// the timestamp of the block before the first one.
    pub fn span(&self) -> (usize, u64) {
        let loaded: Vec<usize> = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.by_kind.is_empty())
            .map(|(i, _)| i)
            .collect();
        let (Some(&first), Some(&last)) = (loaded.first(), loaded.last()) else {
            return (0, 0);
        };
        let start = if first > 0 {
            self.blocks[first - 1].time
        } else {
            self.blocks[first].time.saturating_sub(6_000)
        };
        (
            last - first + 1,
            self.blocks[last].time.saturating_sub(start).max(1),
        )
    }

    /// Included per loaded block.
    pub fn per_block(&self) -> f64 {
        let (n, _) = self.span();
        self.included() as f64 / n.max(1) as f64
    }

    /// Included per second, by block timestamps.
    pub fn per_second(&self) -> f64 {
        let (_, ms) = self.span();
        self.included() as f64 * 1_000.0 / ms.max(1) as f64
    }

    /// For each included transaction of `kind`, the blocks from its submission to its
    /// inclusion: 1 for the first block after submission (every transaction of the window is
    /// submitted at once, before it).
    pub fn inclusion_blocks(&self, kind: &str) -> Vec<u64> {
        let mut v = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            let n = b.by_kind.get(kind).copied().unwrap_or(0);
            v.extend(std::iter::repeat_n(i as u64 + 1, n));
        }
        v
    }

    /// The `q` quantile (0..=1) of the finality lag.
    pub fn lag_quantile(&self, q: f64) -> u64 {
        let mut v = self.lag.clone();
        v.sort_unstable();
        if v.is_empty() {
            return 0;
        }
        let i = ((v.len() - 1) as f64 * q).round() as usize;
        v[i.min(v.len() - 1)]
    }
}

fn describe(e: &subxt::Error) -> String {
    let s = e.to_string();
    s.chars().take(160).collect()
}

/// How long a submission may wait for the node's answer.
const SUBMIT_ANSWER: Duration = Duration::from_secs(60);

/// A block number from a header in JSON.
fn number(header: &serde_json::Value) -> Result<u64> {
    let hex = header["number"]
        .as_str()
        .ok_or_else(|| anyhow!("a header without a number"))?;
    Ok(u64::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

/// Samples the node's finality lag (best − finalized, from its own RPC on a connection of its
/// own) every 500 ms until `stop` is set. The node's view: not delayed by the window's reading
/// of each finalized block's extrinsics and events.
async fn sample_lag(url: String, stop: Arc<AtomicBool>) -> (Vec<u64>, u32) {
    let params = || subxt::ext::subxt_rpcs::client::RpcParams::new();
    let mut lag = Vec::new();
    let mut missed = 0u32;
    let mut rpc = None;
    while !stop.load(Ordering::Relaxed) {
        // A sample the node does not give (a dropped connection, an error) is counted as
        // missed, and the connection made again: the window's figures do not depend on it.
        let sample = async {
            if rpc.is_none() {
                rpc = Some(subxt::backend::rpc::RpcClient::from_url(&url).await?);
            }
            let Some(rpc) = rpc.as_ref() else {
                anyhow::bail!("no connection");
            };
            let best: serde_json::Value = rpc.request("chain_getHeader", params()).await?;
            let hash: String = rpc.request("chain_getFinalizedHead", params()).await?;
            let mut p = params();
            p.push(hash)?;
            let finalized: serde_json::Value = rpc.request("chain_getHeader", p).await?;
            Ok::<u64, anyhow::Error>(number(&best)?.saturating_sub(number(&finalized)?))
        };
        match sample.await {
            Ok(l) => lag.push(l),
            Err(e) => {
                if missed == 0 {
                    eprintln!("finality lag sample missed: {e}");
                }
                missed = missed.saturating_add(1);
                rpc = None;
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    (lag, missed)
}

/// Runs a window over `txs` on the node at `url`; `timeout` bounds how long it follows the
/// chain.
pub async fn run(
    client: &Client,
    url: &str,
    name: &str,
    txs: Vec<Tx>,
    timeout: Duration,
) -> Result<Outcome> {
    let submitted = txs.len();
    let mut pending: HashMap<[u8; 32], (&'static str, usize)> = HashMap::new();
    for (i, tx) in txs.iter().enumerate() {
        pending.insert(tx.signed.hash().0, (tx.kind, i));
    }
    let mut finalized_sub = client.blocks().subscribe_finalized().await?;
    let start_block = client.blocks().at_latest().await?.number();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = tokio::spawn(sample_lag(url.to_string(), stop.clone()));

    let started = Instant::now();
    // Each answer is paired with its transaction (they come back in any order). A submission
    // the node does not answer within a minute is not counted as refused: the transaction is
    // still followed on chain, and the pool is asked about it at the end if it never shows.
    let results: Vec<(usize, Option<Result<(), String>>)> =
        stream::iter(txs.iter().enumerate().map(|(i, tx)| async move {
            let answer = tokio::time::timeout(SUBMIT_ANSWER, tx.signed.submit()).await;
            (
                i,
                answer.ok().map(|r| r.map(|_| ()).map_err(|e| describe(&e))),
            )
        }))
        .buffer_unordered(512)
        .collect()
        .await;
    let mut refused = BTreeMap::new();
    let mut unanswered = 0usize;
    for (i, r) in &results {
        match r {
            Some(Err(e)) => {
                let tx = &txs[*i];
                *refused.entry(format!("{}: {e}", tx.kind)).or_insert(0) += 1;
                pending.remove(&tx.signed.hash().0);
            }
            None => unanswered += 1,
            Some(Ok(())) => {}
        }
    }
    println!(
        "[{name}] submitted {submitted} in {:.1} s ({} refused by the pool, {unanswered} not answered within {} s: followed on chain)",
        started.elapsed().as_secs_f64(),
        refused.values().sum::<usize>(),
        SUBMIT_ANSWER.as_secs()
    );

    let metadata = client.metadata();
    let mut out = Outcome {
        name: name.to_string(),
        submitted,
        blocks: Vec::new(),
        ok: BTreeMap::new(),
        failed: BTreeMap::new(),
        refused,
        missing: BTreeMap::new(),
        lag: Vec::new(),
        lag_missed: 0,
    };
    let deadline = Instant::now() + timeout;
    while !pending.is_empty() && Instant::now() < deadline {
        tokio::select! {
            _ = tokio::time::sleep_until(deadline.into()) => break,
            f = finalized_sub.next() => {
                let Some(block) = f else { break };
                let block = block?;
                if block.number() <= start_block {
                    continue;
                }
                let mut by_kind = BTreeMap::new();
                let extrinsics = block.extrinsics().await?;
                let count = extrinsics.len();
                for ext in extrinsics.iter() {
                    let Some((kind, _)) = pending.remove(&ext.hash().0) else { continue };
                    *by_kind.entry(kind).or_insert(0) += 1;
                    let mut failure = None;
                    for ev in ext.events().await?.iter() {
                        let ev = ev?;
                        if ev.pallet_name() == "System" && ev.variant_name() == "ExtrinsicFailed" {
                            let error = DispatchError::decode_from(ev.field_bytes(), metadata.clone())
                                .map(|e| e.to_string())
                                .unwrap_or_else(|_| "failed".into());
                            failure = Some(error);
                        }
                    }
                    match failure {
                        Some(e) => *out.failed.entry(format!("{kind}: {e}")).or_insert(0) += 1,
                        None => *out.ok.entry(kind).or_insert(0) += 1,
                    }
                }
                let time = timestamp(&block).await?;
                let charged = charged_ref_time(&block).await?;
                if !by_kind.is_empty() {
                    let line: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
                    println!("[{name}] block {}: {}", block.number(), line.join(", "));
                }
                out.blocks.push(BlockLoad {
                    number: block.number().into(),
                    time,
                    by_kind,
                    extrinsics: count,
                    charged,
                });
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    (out.lag, out.lag_missed) = sampler.await?;
    // Whatever is left: ask the pool why (still valid, i.e. waiting, or its reason).
    for (kind, i) in pending.into_values() {
        let verdict = match txs[i].signed.validate().await {
            Ok(ValidationResult::Valid(_)) => "still valid: waiting in the pool".to_string(),
            Ok(ValidationResult::Invalid(e)) => format!("invalid: {e:?}"),
            Ok(ValidationResult::Unknown(e)) => format!("unknown: {e:?}"),
            Err(e) => format!("validation failed: {}", describe(&e)),
        };
        *out.missing.entry(format!("{kind}: {verdict}")).or_insert(0) += 1;
    }
    // Trailing empty blocks do not belong to the window; of the leading ones only the last is
    // kept (its timestamp starts the window).
    while out.blocks.last().is_some_and(|b| b.by_kind.is_empty()) {
        out.blocks.pop();
    }
    let first_loaded = out.blocks.iter().position(|b| !b.by_kind.is_empty());
    if let Some(i) = first_loaded {
        out.blocks.drain(..i.saturating_sub(1));
    }
    Ok(out)
}
