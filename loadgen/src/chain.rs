//! Talking to the node: accounts, pre-signing with local nonces, setup steps that wait for
//! inclusion, and reading blocks.

use std::{collections::HashMap, str::FromStr};

use anyhow::{bail, Context, Result};
use futures::{stream, StreamExt};
use subxt::{
    config::DefaultExtrinsicParamsBuilder,
    dynamic::Value,
    tx::{DynamicPayload, SubmittableTransaction, TxStatus},
    OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The client type.
pub type Client = OnlineClient<PolkadotConfig>;
/// A signed transaction ready to submit.
pub type Signed = SubmittableTransaction<PolkadotConfig, Client>;
/// A block.
pub type Block = subxt::blocks::Block<PolkadotConfig, Client>;

/// 10^12: one CZN.
pub const UNIT: u128 = 1_000_000_000_000;

/// The keypair of `//{prefix}{i}`.
pub fn account(prefix: &str, i: usize) -> Result<Keypair> {
    Ok(Keypair::from_uri(&SecretUri::from_str(&format!(
        "//{prefix}{i}"
    ))?)?)
}

/// `n` accounts `//{prefix}0`, `//{prefix}1`, ...
pub fn accounts(prefix: &str, n: usize) -> Result<Vec<Keypair>> {
    (0..n).map(|i| account(prefix, i)).collect()
}

/// An account id as a dynamic value (a `MultiAddress::Id` is `Value::unnamed_variant("Id", ..)`).
pub fn id(kp: &Keypair) -> Value {
    Value::from_bytes(kp.public_key().0)
}

/// A `MultiAddress::Id`.
pub fn address(kp: &Keypair) -> Value {
    Value::unnamed_variant("Id", [id(kp)])
}

/// `balances.transfer_keep_alive(to, amount)`.
pub fn transfer(to: &Keypair, amount: u128) -> DynamicPayload {
    subxt::dynamic::tx(
        "Balances",
        "transfer_keep_alive",
        vec![address(to), Value::u128(amount)],
    )
}

/// Signs offline with nonces counted here, so that a whole load is signed before it is sent.
pub struct Signer {
    nonces: HashMap<[u8; 32], u64>,
}

impl Signer {
    /// A signer that starts every account at nonce 0 (fresh accounts).
    pub fn new() -> Self {
        Self {
            nonces: HashMap::new(),
        }
    }

    /// Continues `who` from `nonce` (an account that has sent transactions already).
    pub fn start_at(&mut self, who: &Keypair, nonce: u64) {
        self.nonces.insert(who.public_key().0, nonce);
    }

    /// Signs `call` from `who` with its next nonce.
    pub fn sign(
        &mut self,
        client: &Client,
        who: &Keypair,
        call: &DynamicPayload,
    ) -> Result<Signed> {
        let nonce = self.nonces.entry(who.public_key().0).or_insert(0);
        let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
            .nonce(*nonce)
            .build();
        *nonce += 1;
        let mut partial = client.tx().create_partial_offline(call, params)?;
        Ok(partial.sign(who))
    }
}

/// The events of one successful setup transaction.
pub type Events = subxt::blocks::ExtrinsicEvents<PolkadotConfig>;

/// Submits `txs` (at most 256 in flight) and waits for each to be in a block and succeed;
/// returns their events in order. A failure stops the setup with its reason.
pub async fn run_all(label: &str, txs: Vec<Signed>) -> Result<Vec<Events>> {
    let n = txs.len();
    let results: Vec<Result<Events>> =
        stream::iter(txs.into_iter().enumerate().map(|(i, tx)| async move {
            let mut progress = tx
                .submit_and_watch()
                .await
                .with_context(|| format!("{label} #{i}: submit"))?;
            // In a best block is enough for the setup: the next step is signed after it.
            while let Some(status) = progress.next().await {
                match status? {
                    TxStatus::InBestBlock(b) | TxStatus::InFinalizedBlock(b) => {
                        return b
                            .wait_for_success()
                            .await
                            .with_context(|| format!("{label} #{i}: dispatch"));
                    }
                    TxStatus::Error { message }
                    | TxStatus::Invalid { message }
                    | TxStatus::Dropped { message } => bail!("{label} #{i}: {message}"),
                    _ => {}
                }
            }
            bail!("{label} #{i}: the node stopped reporting")
        }))
        .buffered(256)
        .collect()
        .await;
    let events: Vec<Events> = results.into_iter().collect::<Result<_>>()?;
    if events.len() != n {
        bail!("{label}: {} of {n} done", events.len());
    }
    Ok(events)
}

/// The `u64` field `field` of the first `pallet.event` in `events`.
pub fn event_u64(events: &Events, pallet: &str, event: &str, field: &str) -> Result<u64> {
    for ev in events.iter() {
        let ev = ev?;
        if ev.pallet_name() == pallet && ev.variant_name() == event {
            let fields = ev.field_values()?;
            let value = match fields {
                subxt::ext::scale_value::Composite::Named(named) => named
                    .into_iter()
                    .find(|(name, _)| name == field)
                    .map(|(_, v)| v),
                subxt::ext::scale_value::Composite::Unnamed(_) => None,
            };
            if let Some(v) = value.and_then(|v| v.as_u128()) {
                return Ok(u64::try_from(v)?);
            }
        }
    }
    bail!("no {pallet}.{event} with a {field}")
}

/// The block's timestamp (ms).
pub async fn timestamp(block: &Block) -> Result<u64> {
    Ok(block
        .storage()
        .fetch(&subxt::dynamic::storage("Timestamp", "Now", ()))
        .await?
        .context("no timestamp")?
        .as_type()?)
}
