//! Latency of every `market_*` read (read paths at city scale): `--calls` requests
//! of each method, one after the other over one WebSocket, with parameters spread over the
//! scale state's accounts and ids (`cityzen_runtime::scale`: owner `i` contributes to product
//! `i % products`, order `j` is buyer `j % buyers`'s on product `j % products`). Reports p50,
//! p99 and max per method, and, given `--baseline` (the JSON of an earlier run, e.g. on an
//! empty chain), the ratio of the p99s.
//!
//! Usage: `cityzen-latency --url ws://127.0.0.1:9944 --label TEXT --owners N --products P
//! --orders M [--calls 200] [--out DIR] [--baseline FILE]`. Writes `DIR/latency-LABEL.md` and
//! `DIR/latency-LABEL.json`.

use std::{collections::BTreeMap, time::Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use subxt::{backend::rpc::RpcClient, ext::subxt_rpcs::rpc_params, utils::AccountId32};

/// The scale state's account `i` of kind `tag` (as `cityzen_runtime::scale` derives it:
/// blake2-256 of the SCALE encoding of `(b"cityzen/scale", tag, i)`).
fn account(tag: &[u8], i: u32) -> String {
    let mut bytes = b"cityzen/scale".to_vec();
    // A byte slice is length-prefixed (compact; these tags are shorter than 64 bytes).
    bytes.push(u8::try_from(tag.len() << 2).unwrap_or(0));
    bytes.extend_from_slice(tag);
    bytes.extend_from_slice(&i.to_le_bytes());
    AccountId32(sp_crypto_hashing::blake2_256(&bytes)).to_string()
}

/// A small deterministic generator, so two runs ask the same questions.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(n.max(1))).unwrap_or(0)
    }
}

struct Args {
    url: String,
    label: String,
    owners: u32,
    products: u32,
    orders: u32,
    calls: usize,
    out: String,
    baseline: Option<String>,
}

fn args() -> Result<Args> {
    let mut a = Args {
        url: "ws://127.0.0.1:9944".into(),
        label: "chain".into(),
        owners: 1_000_000,
        products: 10_000,
        orders: 1_000_000,
        calls: 200,
        out: ".".into(),
        baseline: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => a.url = v,
            "--label" => a.label = v,
            "--owners" => a.owners = v.parse()?,
            "--products" => a.products = v.parse()?,
            "--orders" => a.orders = v.parse()?,
            "--calls" => a.calls = v.parse()?,
            "--out" => a.out = v,
            "--baseline" => a.baseline = Some(v),
            _ => bail!("unknown flag {flag}"),
        }
    }
    if a.calls == 0 || a.products == 0 {
        bail!("--calls and --products must be positive");
    }
    Ok(a)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> Result<()> {
    let a = args()?;
    let rpc = RpcClient::from_url(&a.url)
        .await
        .with_context(|| format!("connecting to {}", a.url))?;
    let buyers = (a.orders / 100).max(1);
    let owners = a.owners.max(1);
    let orders = a.orders.max(1);
    let r = "ResearchAndDevelopment";
    let mut rng = Lcg(18);
    // Overdue orders: on even products (one block's retention), deletion not attested (every
    // fourth order is): order ids j with j % 4 == 2 when products is even.
    let overdue = |k: u32| (k.saturating_mul(4).saturating_add(2)) % orders;
    let methods: Vec<&str> = vec![
        "kpis",
        "product",
        "products",
        "order",
        "consentStatus",
        "hasAccess",
        "ownerStatement",
        "recordOfProcessing",
        "overdueDeletions",
    ];
    let mut results: BTreeMap<String, Value> = BTreeMap::new();
    let mut rows = Vec::new();
    for m in &methods {
        let mut times = Vec::with_capacity(a.calls);
        let mut errors = 0usize;
        let mut items = 0usize;
        for _ in 0..a.calls {
            let i = rng.below(owners);
            let j = rng.below(orders);
            let p = rng.below(a.products);
            let params = match *m {
                "kpis" => rpc_params![],
                "product" => rpc_params![p],
                "products" => rpc_params![rng.below(a.products), 100],
                "order" => rpc_params![j],
                "consentStatus" => rpc_params![account(b"owner", i), i % a.products, r],
                "hasAccess" => rpc_params![account(b"buyer", j % buyers), j % a.products],
                "ownerStatement" => rpc_params![account(b"owner", i)],
                // Paged reads: `after` (a cursor), `limit`, and no `at` (the best block).
                "recordOfProcessing" => {
                    rpc_params![account(b"buyer", j % buyers), Value::Null, 100]
                }
                _ => rpc_params![overdue(rng.below(orders / 4)), 100],
            };
            let started = Instant::now();
            let res: Result<Value, _> = rpc.request(&format!("market_{m}"), params).await;
            times.push(started.elapsed().as_secs_f64() * 1e3);
            match res {
                Ok(Value::Array(v)) => items += v.len(),
                Ok(_) => items += 1,
                Err(_) => errors += 1,
            }
        }
        times.sort_by(f64::total_cmp);
        let (p50, p99, max) = (
            percentile(&times, 50.0),
            percentile(&times, 99.0),
            times.last().copied().unwrap_or(0.0),
        );
        println!(
            "market_{m}: p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms ({} calls, {errors} errors, {items} items)",
            a.calls
        );
        results.insert(
            (*m).to_string(),
            json!({"p50": p50, "p99": p99, "max": max, "errors": errors, "items": items}),
        );
        rows.push(((*m).to_string(), p50, p99, max, errors, items));
    }
    let baseline: Option<BTreeMap<String, Value>> = match &a.baseline {
        Some(f) => Some(serde_json::from_str(
            &std::fs::read_to_string(f).with_context(|| format!("reading {f}"))?,
        )?),
        None => None,
    };
    let mut md = format!(
        "### `market_*` latency: {} ({} calls each, sequential, one WebSocket)\n\n",
        a.label, a.calls
    );
    if baseline.is_some() {
        md.push_str("| method | p50 ms | p99 ms | max ms | baseline p99 ms | p99 ÷ baseline | errors | items |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    } else {
        md.push_str("| method | p50 ms | p99 ms | max ms | errors | items |\n|---|---:|---:|---:|---:|---:|\n");
    }
    for (m, p50, p99, max, errors, items) in &rows {
        match baseline.as_ref().and_then(|b| b.get(m)).and_then(|v| v["p99"].as_f64()) {
            Some(b) => md.push_str(&format!(
                "| `market_{m}` | {p50:.2} | {p99:.2} | {max:.2} | {b:.2} | {:.2} | {errors} | {items} |\n",
                p99 / b.max(1e-9)
            )),
            None => md.push_str(&format!(
                "| `market_{m}` | {p50:.2} | {p99:.2} | {max:.2} | {errors} | {items} |\n"
            )),
        }
    }
    std::fs::create_dir_all(&a.out)?;
    let slug: String = a
        .label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    std::fs::write(format!("{}/latency-{slug}.md", a.out), &md)?;
    std::fs::write(
        format!("{}/latency-{slug}.json", a.out),
        serde_json::to_string_pretty(&results)?,
    )?;
    println!("\n{md}");
    Ok(())
}
