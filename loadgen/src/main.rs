//! Load generator for CityZEN chain (the sTPS method): fund `--accounts` accounts from //Alice,
//! pre-sign `--txs` transfers between them (`balances.transfer_keep_alive`, each account with
//! its own nonces) before the measurement window, submit them all at once, and count from the
//! chain how many each block includes and how long the blocks took (timestamps).
//!
//! Usage: `cityzen-loadgen [--url ws://127.0.0.1:9944] [--accounts 1000] [--txs 10000]
//! [--timeout 300]`. Prints the signing rate, every loaded block (`block n: k transfers`), and
//! a summary line `included X of Y in Z blocks over T s: R per block, S per second`.

use std::{str::FromStr, time::Instant};

use anyhow::{bail, Context, Result};
use futures::{stream, StreamExt};
use subxt::{
    config::DefaultExtrinsicParamsBuilder, dynamic::Value, tx::SubmittableTransaction,
    OnlineClient, PolkadotConfig,
};
use subxt_signer::{
    sr25519::{dev, Keypair},
    SecretUri,
};

/// 10^12: one CZN.
const UNIT: u128 = 1_000_000_000_000;

struct Args {
    url: String,
    accounts: usize,
    txs: usize,
    timeout: u64,
}

fn args() -> Result<Args> {
    let mut a = Args {
        url: "ws://127.0.0.1:9944".into(),
        accounts: 1_000,
        txs: 10_000,
        timeout: 300,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => a.url = value,
            "--accounts" => a.accounts = value.parse()?,
            "--txs" => a.txs = value.parse()?,
            "--timeout" => a.timeout = value.parse()?,
            _ => bail!("unknown flag {flag}"),
        }
    }
    if a.accounts < 2 || a.txs == 0 {
        bail!("--accounts must be at least 2 and --txs positive");
    }
    Ok(a)
}

fn transfer(to: &Keypair, amount: u128) -> subxt::tx::DynamicPayload {
    subxt::dynamic::tx(
        "Balances",
        "transfer_keep_alive",
        vec![
            Value::unnamed_variant("Id", [Value::from_bytes(to.public_key().0)]),
            Value::u128(amount),
        ],
    )
}

/// Alice gives every account 10 CZN, 500 transfers per `utility.batch_all`.
async fn fund(client: &OnlineClient<PolkadotConfig>, accounts: &[Keypair]) -> Result<()> {
    let alice = dev::alice();
    for chunk in accounts.chunks(500) {
        let calls: Vec<Value> = chunk
            .iter()
            .map(|kp| transfer(kp, 10 * UNIT).into_value())
            .collect();
        let batch = subxt::dynamic::tx(
            "Utility",
            "batch_all",
            vec![Value::unnamed_composite(calls)],
        );
        client
            .tx()
            .sign_and_submit_then_watch_default(&batch, &alice)
            .await?
            .wait_for_finalized_success()
            .await
            .context("funding batch")?;
    }
    Ok(())
}

type Block = subxt::blocks::Block<PolkadotConfig, OnlineClient<PolkadotConfig>>;

/// The block's timestamp (ms).
async fn timestamp(block: &Block) -> Result<u64> {
    Ok(block
        .storage()
        .fetch(&subxt::dynamic::storage("Timestamp", "Now", ()))
        .await?
        .context("no timestamp")?
        .as_type()?)
}

#[tokio::main]
async fn main() -> Result<()> {
    let a = args()?;
    let client = OnlineClient::<PolkadotConfig>::from_url(&a.url).await?;
    let accounts: Vec<Keypair> = (0..a.accounts)
        .map(|i| {
            Keypair::from_uri(&SecretUri::from_str(&format!("//Load{i}"))?).map_err(Into::into)
        })
        .collect::<Result<_>>()?;
    let start = Instant::now();
    fund(&client, &accounts).await?;
    println!(
        "funded {} accounts in {:.1} s",
        a.accounts,
        start.elapsed().as_secs_f64()
    );

    // Pre-sign: round-robin over the senders, each with nonces 0, 1, ...
    let start = Instant::now();
    let mut signed: Vec<SubmittableTransaction<PolkadotConfig, OnlineClient<PolkadotConfig>>> =
        Vec::with_capacity(a.txs);
    for k in 0..a.txs {
        let from = k % a.accounts;
        let nonce = (k / a.accounts) as u64;
        let to = &accounts[(from + 1) % a.accounts];
        let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
            .nonce(nonce)
            .build();
        let mut partial = client
            .tx()
            .create_partial_offline(&transfer(to, UNIT / 1_000), params)?;
        signed.push(partial.sign(&accounts[from]));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "signed {} transfers in {secs:.1} s ({:.0} per second)",
        a.txs,
        a.txs as f64 / secs
    );

    let latest = client.blocks().at_latest().await?;
    let first = latest.number();
    let first_time = timestamp(&latest).await?;
    let start = Instant::now();
    let results: Vec<_> = stream::iter(signed.iter().map(|tx| tx.submit()))
        .buffer_unordered(512)
        .collect()
        .await;
    let refused = results.iter().filter(|r| r.is_err()).count();
    println!(
        "submitted {} in {:.1} s ({refused} refused by the pool)",
        a.txs,
        start.elapsed().as_secs_f64()
    );
    if let Some(Err(e)) = results.iter().find(|r| r.is_err()) {
        println!("first refusal: {e}");
    }

    // Count, block by block, until everything accepted is included or the timeout passes.
    let accepted = a.txs - refused;
    let mut included = 0usize;
    let mut loaded = Vec::new();
    let mut blocks = client.blocks().subscribe_best().await?;
    let deadline = Instant::now() + std::time::Duration::from_secs(a.timeout);
    let mut last_seen = first;
    while included < accepted && Instant::now() < deadline {
        let Some(block) = blocks.next().await else {
            break;
        };
        let block = block?;
        if block.number() <= last_seen {
            continue;
        }
        last_seen = block.number();
        let mut n = 0usize;
        for ext in block.extrinsics().await?.iter() {
            if ext.pallet_name()? == "Balances" && ext.variant_name()? == "transfer_keep_alive" {
                n += 1;
            }
        }
        let now = timestamp(&block).await?;
        println!("block {}: {n} transfers", block.number());
        included += n;
        loaded.push((block.number(), n, now));
    }
    let with_load: Vec<_> = loaded.iter().filter(|(_, n, _)| *n > 0).collect();
    let (Some(head), Some(tail)) = (with_load.first(), with_load.last()) else {
        bail!("no transfer was included");
    };
    // The window runs from the block before the first loaded one to the last loaded one.
    let before = loaded
        .iter()
        .rev()
        .find(|(n, _, _)| *n < head.0)
        .map(|(_, _, t)| *t)
        .unwrap_or(first_time);
    let span_blocks = tail.0 - head.0 + 1;
    let span_ms = tail.2.saturating_sub(before).max(1);
    println!(
        "included {included} of {} in {span_blocks} blocks over {:.1} s: {:.0} per block, {:.0} per second (max {} in one block)",
        a.txs,
        span_ms as f64 / 1_000.0,
        included as f64 / span_blocks as f64,
        included as f64 * 1_000.0 / span_ms as f64,
        with_load.iter().map(|(_, n, _)| *n).max().unwrap_or(0)
    );
    if included < accepted {
        bail!(
            "{} accepted transfers were not included in time",
            accepted - included
        );
    }
    Ok(())
}
