//! What the upgrade scenario needs beyond the network helpers: the demo's marketplace on the
//! running network (`tests/e2e/demo.mjs --json`), every `market_*` read of it at one block, and
//! the marketplace pallets' storage versions.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{anyhow, ensure, Context, Result};
use serde_json::{json, Value};
use subxt::backend::rpc::RpcClient;

use super::request;

/// The marketplace pallets, whose storage versions an upgrade without migrations must keep.
pub const PALLETS: [&str; 7] = [
    "Credentials",
    "Consent",
    "DataProducts",
    "Revenue",
    "Escrow",
    "DataRequests",
    "ValidatorSet",
];

/// `twox128(pallet) ++ twox128(item)`: the prefix of a storage item (or, with
/// `:__STORAGE_VERSION__:`, the key of a pallet's storage version).
pub fn prefix(pallet: &str, item: &str) -> Vec<u8> {
    [
        sp_crypto_hashing::twox_128(pallet.as_bytes()),
        sp_crypto_hashing::twox_128(item.as_bytes()),
    ]
    .concat()
}

pub fn hex(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// A pallet's storage version at `at`.
pub async fn storage_version(c: &RpcClient, pallet: &str, at: &str) -> Result<u16> {
    let key = hex(&prefix(pallet, ":__STORAGE_VERSION__:"));
    let v: Option<String> = request(c, "state_getStorage", vec![key.into(), at.into()]).await?;
    let bytes = hex::decode(v.unwrap_or_default().trim_start_matches("0x"))?;
    ensure!(
        bytes.len() == 2,
        "{pallet}: storage version of {} bytes",
        bytes.len()
    );
    Ok(u16::from_le_bytes([bytes[0], bytes[1]]))
}

/// Runs `tests/e2e/demo.mjs --json` against `ws` (the city, 2 providers, 3 buyers, 50
/// citizens, products, consents, orders in every state, data requests) and returns what it
/// made: product, order and request ids and the accounts.
pub async fn run_demo(ws: &str) -> Result<Value> {
    let script = super::manifest_dir().join("../tests/e2e/demo.mjs");
    let out = tokio::process::Command::new("node")
        .arg(script)
        .arg("--json")
        .arg(ws)
        .stderr(std::process::Stdio::inherit())
        .output()
        .await
        .context("node tests/e2e/demo.mjs (Node.js and `npm ci` at the root are needed)")?;
    ensure!(out.status.success(), "the demo failed: {}", out.status);
    let text = String::from_utf8(out.stdout)?;
    let line = text
        .lines()
        .last()
        .ok_or_else(|| anyhow!("the demo printed nothing"))?;
    Ok(serde_json::from_str(line)?)
}

fn values(v: &Value) -> Vec<Value> {
    match v {
        Value::Object(m) => m.values().cloned().collect(),
        Value::Array(a) => a.clone(),
        _ => Vec::new(),
    }
}

/// Every `market_*` read of the demo's products, orders, requests, buyers and owners at block
/// `at`, keyed by the call: the market's totals and each participant's view of it. A read that
/// fails fails the snapshot (every id in it exists).
pub async fn market_reads(
    c: &RpcClient,
    demo: &Value,
    at: &str,
) -> Result<BTreeMap<String, Value>> {
    let at = Value::from(at);
    // A paged read's first page: `after` and `limit` omitted (null), then `at`, last.
    let first_page = |mut own: Vec<Value>| {
        own.extend([Value::Null, Value::Null, at.clone()]);
        own
    };
    let products = values(&demo["products"]);
    let mut calls: Vec<(&str, Vec<Value>)> = vec![
        ("market_kpis", vec![at.clone()]),
        ("market_products", first_page(vec![])),
        ("market_altruism", vec![at.clone()]),
        ("market_requests", first_page(vec![])),
        ("market_overdueDeletions", first_page(vec![])),
        (
            "market_providerOrders",
            first_page(vec![demo["provider"].clone()]),
        ),
    ];
    for p in &products {
        calls.push(("market_product", vec![p.clone(), at.clone()]));
    }
    for o in values(&demo["orders"]) {
        calls.push(("market_order", vec![o, at.clone()]));
    }
    for r in values(&demo["requests"]) {
        calls.push(("market_request", vec![r.clone(), at.clone()]));
        calls.push(("market_requestResponses", first_page(vec![r])));
    }
    for b in values(&demo["buyers"]) {
        calls.push(("market_recordOfProcessing", first_page(vec![b.clone()])));
        for p in &products {
            calls.push(("market_hasAccess", vec![b.clone(), p.clone(), at.clone()]));
        }
    }
    let mut owners = values(&demo["citizens"]);
    owners.push(demo["fund"].clone());
    ensure!(owners.len() > 1, "the demo named no citizens");
    for o in owners {
        calls.push(("market_ownerStatement", vec![o.clone(), at.clone()]));
        for m in [
            "market_ownerContributions",
            "market_disclosures",
            "market_ownerRequests",
        ] {
            calls.push((m, first_page(vec![o.clone()])));
        }
    }
    let mut out = BTreeMap::new();
    for (method, params) in calls {
        let name = format!("{method}{}", json!(params[..params.len() - 1]));
        let v: Value = request(c, method, params)
            .await
            .with_context(|| format!("{name} failed"))?;
        out.insert(name, v);
    }
    Ok(out)
}

/// The reads whose answers differ between `before` and `after` (at most `show` of them, in
/// full), or an empty string.
pub fn differences(
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
    show: usize,
) -> String {
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .take(show)
        .map(|n| {
            format!(
                "{n}: before {} after {}",
                before.get(n).map_or("-".into(), Value::to_string),
                after.get(n).map_or("-".into(), Value::to_string)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
