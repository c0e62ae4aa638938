//! Load generator for CityZEN chain (the sTPS method): everything is pre-signed from many
//! distinct accounts before its measurement window, submitted at once, and counted from the
//! chain (finalized blocks: included transactions per block, block timestamps).
//!
//! Scenarios, each a window of its own, in one run on the same node:
//! - `transfers`: `balances.transfer_keep_alive` between pre-funded accounts;
//! - `market`: the marketplace mix of [`market`] (consents given and withdrawn, orders placed,
//!   delivered and confirmed, claims), after a set-up that onboards its accounts in batches;
//! - `both`: the two together, interleaved.
//!
//! Usage: `cityzen-loadgen [--url ws://127.0.0.1:9944] [--scenarios transfers,market,both]
//! [--accounts 10000] [--txs 10000] [--market 3000] [--timeout 300] [--out DIR]
//! [--node-pid PID] [--node-log FILE] [--label TEXT]`. Prints every loaded block and, at the end, the report:
//! a Markdown table (also written to `DIR/load-report.md`) and a chart `DIR/load-chart.png`.
//! With `--node-log` (the authoring node's log) it adds, per call type, the charged weight of
//! the block it fills most ÷ the time the node took to build that block, and `sales/s`.

mod chain;
mod market;
mod report;
mod window;

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use subxt::dynamic::Value;
use subxt_signer::sr25519::{dev, Keypair};

use chain::{accounts, run_all, Client, Signer, UNIT};
use window::{Outcome, Tx};

struct Args {
    url: String,
    scenarios: Vec<String>,
    accounts: usize,
    txs: usize,
    market: usize,
    timeout: u64,
    out: Option<String>,
    node_pid: Option<u32>,
    node_log: Option<String>,
    label: String,
}

fn args() -> Result<Args> {
    let mut a = Args {
        url: "ws://127.0.0.1:9944".into(),
        scenarios: vec!["transfers".into(), "market".into(), "both".into()],
        accounts: 10_000,
        txs: 10_000,
        market: 3_000,
        timeout: 300,
        out: None,
        node_pid: None,
        node_log: None,
        label: "one --dev node".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => a.url = value,
            "--scenarios" => a.scenarios = value.split(',').map(str::to_string).collect(),
            "--accounts" => a.accounts = value.parse()?,
            "--txs" => a.txs = value.parse()?,
            "--market" => a.market = value.parse()?,
            "--timeout" => a.timeout = value.parse()?,
            "--out" => a.out = Some(value),
            "--node-pid" => a.node_pid = Some(value.parse()?),
            "--node-log" => a.node_log = Some(value),
            "--label" => a.label = value,
            _ => bail!("unknown flag {flag}"),
        }
    }
    if a.accounts < 2 || a.txs == 0 || a.market == 0 {
        bail!("--accounts must be at least 2, --txs and --market positive");
    }
    for s in &a.scenarios {
        if !["transfers", "market", "both"].contains(&s.as_str()) {
            bail!("unknown scenario {s} (transfers, market, both)");
        }
    }
    Ok(a)
}

/// Funds `accounts` with 10 CZN each from Alice (400 transfers per `utility.batch_all`).
async fn fund(client: &Client, signer: &mut Signer, accounts: &[Keypair]) -> Result<()> {
    let alice = dev::alice();
    let mut signed = Vec::new();
    for chunk in accounts.chunks(400) {
        let calls: Vec<Value> = chunk
            .iter()
            .map(|kp| chain::transfer(kp, 10 * UNIT).into_value())
            .collect();
        let batch = subxt::dynamic::tx(
            "Utility",
            "batch_all",
            vec![Value::unnamed_composite(calls)],
        );
        signed.push(signer.sign(client, &alice, &batch)?);
    }
    run_all("funding", signed).await?;
    Ok(())
}

/// `n` transfers round robin between `accounts` (funded first), each sender with its nonces.
async fn transfers(
    client: &Client,
    alice: &mut Signer,
    accounts: &[Keypair],
    n: usize,
) -> Result<Vec<Tx>> {
    fund(client, alice, accounts).await?;
    let start = Instant::now();
    let mut signer = Signer::new();
    let mut txs = Vec::with_capacity(n);
    for k in 0..n {
        let from = &accounts[k % accounts.len()];
        let to = &accounts[(k + 1) % accounts.len()];
        txs.push(Tx {
            kind: "transfer",
            signed: signer.sign(client, from, &chain::transfer(to, UNIT / 1_000))?,
        });
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "signed {n} transfers in {secs:.1} s ({:.0} per second)",
        n as f64 / secs
    );
    Ok(txs)
}

/// The node's peak resident memory (KiB), from /proc.
fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

#[tokio::main]
async fn main() -> Result<()> {
    let a = args()?;
    let client = Client::from_url(&a.url).await?;
    let timeout = Duration::from_secs(a.timeout);
    let mut outcomes: Vec<Outcome> = Vec::new();
    // Alice (the dev chain's funded issuer) signs every set-up batch; her nonces are counted
    // here, since the chain's count lags behind transactions only in a best block.
    let mut alice = Signer::new();
    let nonce = client
        .tx()
        .account_nonce(&subxt::utils::AccountId32(dev::alice().public_key().0))
        .await?;
    alice.start_at(&dev::alice(), nonce);
    for scenario in &a.scenarios {
        let txs = match scenario.as_str() {
            "transfers" => {
                transfers(&client, &mut alice, &accounts("Load", a.accounts)?, a.txs).await?
            }
            "market" => {
                let start = Instant::now();
                let txs = market::prepare(&client, &mut alice, a.market, "m").await?;
                println!(
                    "market set up and {} transactions signed in {:.1} s",
                    txs.len(),
                    start.elapsed().as_secs_f64()
                );
                txs
            }
            _ => {
                let t =
                    transfers(&client, &mut alice, &accounts("Both", a.accounts)?, a.txs).await?;
                let m = market::prepare(&client, &mut alice, a.market, "b").await?;
                market::interleave(vec![t, m])
            }
        };
        let outcome = window::run(&client, &a.url, scenario, txs, timeout).await?;
        println!(
            "[{scenario}] included {} of {} in {} blocks: {:.0} per block, {:.1} per second",
            outcome.included(),
            outcome.submitted,
            outcome.span().0,
            outcome.per_block(),
            outcome.per_second()
        );
        outcomes.push(outcome);
    }
    let rss = a.node_pid.and_then(peak_rss);
    let header = format!("## Load: {} ({})", a.label, a.url);
    let mut table = report::markdown(&outcomes, rss, &header);
    // Build times are in the authoring node's log: only a run that started the node has it.
    if let Some(log) = &a.node_log {
        let log = std::fs::read_to_string(log).with_context(|| format!("reading {log}"))?;
        let builds = chain::build_times(&log);
        table.push_str(&report::weights(
            &outcomes,
            &builds,
            chain::capacity(&client)?,
        ));
    }
    println!("\n{table}");
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir)?;
        let dir = std::path::Path::new(dir);
        std::fs::write(dir.join("load-report.md"), &table)?;
        report::chart(&outcomes, &dir.join("load-chart.png"))?;
        println!("report: {}", dir.join("load-report.md").display());
        println!("chart: {}", dir.join("load-chart.png").display());
    }
    // Nothing may disappear silently: an accepted transaction not included is a failure.
    let lost: usize = outcomes
        .iter()
        .map(|o| o.missing.values().sum::<usize>())
        .sum();
    if lost > 0 {
        bail!("{lost} accepted transactions were not included in time (see the report)");
    }
    Ok(())
}
