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

/// A `Weight` as the runtime stores it.
#[derive(subxt::ext::scale_decode::DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct Weight {
    ref_time: u64,
    #[allow(dead_code)]
    proof_size: u64,
}

/// `System::BlockWeight`: the weight consumed per dispatch class.
#[derive(subxt::ext::scale_decode::DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct PerClass {
    normal: Weight,
    operational: Weight,
    mandatory: Weight,
}

/// The weight the block was charged (`System::BlockWeight`, all classes), in picoseconds of
/// reference time: what the runtime's weights say building it costs.
pub async fn charged_ref_time(block: &Block) -> Result<u64> {
    let w: PerClass = block
        .storage()
        .fetch(&subxt::dynamic::storage("System", "BlockWeight", ()))
        .await?
        .context("no block weight")?
        .as_type()?;
    Ok(w.normal
        .ref_time
        .saturating_add(w.operational.ref_time)
        .saturating_add(w.mandatory.ref_time))
}

/// Each block's build time (ms) by block number, from the authoring node's log lines
/// `Prepared block for proposing at N (T ms) …` (the hash there is the block's before its seal,
/// so the number is the key: one authoring node, one block a slot).
pub fn build_times(log: &str) -> HashMap<u64, u64> {
    let mut out = HashMap::new();
    for line in log.lines() {
        let Some(rest) = line.split("Prepared block for proposing at ").nth(1) else {
            continue;
        };
        let Some((number, rest)) = rest.split_once(" (") else {
            continue;
        };
        let ms = rest
            .split_once(" ms)")
            .and_then(|(t, _)| t.trim().parse::<u64>().ok());
        if let (Ok(number), Some(ms)) = (number.trim().parse::<u64>(), ms) {
            out.insert(number, ms);
        }
    }
    out
}

/// The per-class limits of `System::BlockWeights`.
#[derive(subxt::ext::scale_decode::DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct ClassLimits {
    #[allow(dead_code)]
    base_extrinsic: Weight,
    #[allow(dead_code)]
    max_extrinsic: Option<Weight>,
    max_total: Option<Weight>,
    #[allow(dead_code)]
    reserved: Option<Weight>,
}

/// `System::BlockWeights`.
#[derive(subxt::ext::scale_decode::DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct BlockWeights {
    #[allow(dead_code)]
    base_block: Weight,
    #[allow(dead_code)]
    max_block: Weight,
    per_class: LimitsPerClass,
}

/// `PerDispatchClass<WeightsPerClass>`.
#[derive(subxt::ext::scale_decode::DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct LimitsPerClass {
    normal: ClassLimits,
    #[allow(dead_code)]
    operational: ClassLimits,
    #[allow(dead_code)]
    mandatory: ClassLimits,
}

/// What a block may hold of normal transactions (ps of reference time), and the block time
/// (ms, twice `Timestamp::MinimumPeriod`), from the runtime's constants.
pub fn capacity(client: &Client) -> Result<(u64, u64)> {
    let w: BlockWeights = client
        .constants()
        .at(&subxt::dynamic::constant("System", "BlockWeights"))?
        .as_type()?;
    let period: u64 = client
        .constants()
        .at(&subxt::dynamic::constant("Timestamp", "MinimumPeriod"))?
        .as_type()?;
    let normal = w
        .per_class
        .normal
        .max_total
        .context("no limit on normal transactions")?
        .ref_time;
    Ok((normal, period.saturating_mul(2)))
}
