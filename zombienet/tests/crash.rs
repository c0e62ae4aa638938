//! Crash-safe validators (issue #16): the network of `consortium.toml` under a steady load of
//! transfers submitted through the RPC node, while validators are killed.
//!
//! 1. `CRASH_KILLS` times (default 20): a validator picked at random is killed with SIGKILL at a
//!    random moment 0-600 ms after the RPC node has seen a new best block (while the validators
//!    import it), left down 0-20 s (up to three blocks), and started again on its own database.
//!    Each time it must answer from that database (its best block at least the finalized block
//!    it had before the kill: no resync from genesis), be within 2 blocks of the best within
//!    60 s, and every node must have finalized the same hash at every height.
//! 2. Every node in turn (the four validators, then the RPC node) is stopped with SIGINT, must
//!    exit within 30 s, and is started again; the same checks.
//! 3. Every transaction the load submitted has a fate: finalized, or refused or dropped with
//!    the pool's reason. None may be left without one.
//!
//! Ignored in the zombienet tier (it runs for six to eight minutes); run by
//! `scripts/zombienet.sh crash`, which sets the environment as for the tier. `CRASH_SEED`
//! replays a run's choice of victims and moments (the seed is printed).

mod common;

use std::{
    collections::BTreeMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Result};
use common::*;
use futures::FutureExt;
use subxt::{
    backend::rpc::RpcClient,
    config::DefaultExtrinsicParamsBuilder,
    dynamic::Value,
    tx::{TxProgress, TxStatus},
    utils::H256,
    OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::{dev, Keypair};
use zombienet_sdk::{LocalFileSystem, Network};

/// A small deterministic generator (xorshift64*), so that a seed replays a run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// What became of the load's transactions.
#[derive(Default)]
struct Fates {
    submitted: u64,
    finalized: u64,
    /// Finalized after having been retracted from a best block at least once (a fork).
    retracted_then_finalized: u64,
    /// Refused at submission, dropped, invalid, or failed in its block: reason → count.
    reported: BTreeMap<String, u64>,
    /// Watched until the watch broke off without a final status: looked up in the finalized
    /// blocks at the end (found: finalized; not found: without a fate).
    unknown: Vec<H256>,
    /// Found in a finalized block after their watch broke off.
    found_after_watch: u64,
    /// No fate: neither finalized nor reported. Must stay 0.
    without_fate: u64,
}

/// The longest a transaction may go without a fate.
const FATE_LIMIT: Duration = Duration::from_secs(300);

/// Follows one transaction to its fate.
async fn follow(
    hash: H256,
    mut progress: TxProgress<PolkadotConfig, OnlineClient<PolkadotConfig>>,
    fates: Arc<Mutex<Fates>>,
) {
    let mut retracted = false;
    // Ok(true): finalized; Ok(false): the watch broke off; Err: the pool's or the block's reason.
    let fate: Result<bool, String> = tokio::time::timeout(FATE_LIMIT, async {
        while let Some(status) = progress.next().await {
            match status {
                Ok(TxStatus::NoLongerInBestBlock) => retracted = true,
                Ok(TxStatus::InFinalizedBlock(tx)) => {
                    return match tx.wait_for_success().await {
                        Ok(_) => Ok(true),
                        Err(e) => Err(format!("failed in its block: {e}")),
                    };
                }
                Ok(TxStatus::Invalid { message }) => return Err(format!("invalid: {message}")),
                Ok(TxStatus::Dropped { message }) => return Err(format!("dropped: {message}")),
                Ok(TxStatus::Error { message }) => return Err(format!("error: {message}")),
                Ok(_) => {}
                Err(_) => return Ok(false),
            }
        }
        Ok(false)
    })
    .await
    .unwrap_or(Ok(false));
    if let Ok(mut f) = fates.lock() {
        match fate {
            Ok(true) => {
                f.finalized += 1;
                f.retracted_then_finalized += u64::from(retracted);
            }
            Ok(false) => f.unknown.push(hash),
            Err(reason) => *f.reported.entry(reason).or_default() += 1,
        }
    }
}

/// The next nonce of `who` as the node sees it (`system_accountNextIndex`: the chain's nonce
/// and the transactions of `who` in its pool).
async fn next_nonce(client: &RpcClient, who: &Keypair) -> Result<u64> {
    let account = subxt::utils::AccountId32(who.public_key().0).to_string();
    request(client, "system_accountNextIndex", vec![account.into()]).await
}

/// The steady load: each of the eight dev accounts sends a transfer every 250 ms (about 190 a
/// block) through the node at `url`, with its own count of nonces (re-read from the node after
/// a refusal), until `stop`; each transaction is followed to its fate.
async fn load(
    url: String,
    stop: Arc<AtomicBool>,
    fates: Arc<Mutex<Fates>>,
) -> Result<Vec<tokio::task::JoinHandle<()>>> {
    let client: OnlineClient<PolkadotConfig> = OnlineClient::from_url(&url).await?;
    let rpc = RpcClient::from_url(&url).await?;
    let senders: Vec<Keypair> = vec![
        dev::alice(),
        dev::bob(),
        dev::charlie(),
        dev::dave(),
        dev::eve(),
        dev::ferdie(),
        dev::one(),
        dev::two(),
    ];
    let n = senders.len();
    let mut loops = Vec::new();
    for (i, signer) in senders.iter().cloned().enumerate() {
        let dest = senders[(i + 1) % n].public_key().0;
        let (client, rpc, stop, fates) = (client.clone(), rpc.clone(), stop.clone(), fates.clone());
        loops.push(tokio::spawn(async move {
            let mut followers = Vec::new();
            let mut nonce = None;
            // Spread the accounts over the period.
            tokio::time::sleep(Duration::from_millis(250 * i as u64 / n as u64)).await;
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(250)).await;
                let n = match nonce {
                    Some(n) => n,
                    None => match next_nonce(&rpc, &signer).await {
                        Ok(n) => n,
                        Err(_) => continue,
                    },
                };
                let call = subxt::dynamic::tx(
                    "Balances",
                    "transfer_keep_alive",
                    vec![
                        (
                            "dest",
                            Value::unnamed_variant("Id", [Value::from_bytes(dest)]),
                        ),
                        ("value", Value::u128(1_000_000)),
                    ],
                );
                let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
                    .nonce(n)
                    .build();
                let Ok(tx) = client.tx().create_signed(&call, &signer, params).await else {
                    continue; // not submitted: signing needs the node's latest block
                };
                let hash = tx.hash();
                if let Ok(mut f) = fates.lock() {
                    f.submitted += 1;
                }
                match tx.submit_and_watch().await {
                    Ok(progress) => {
                        nonce = Some(n + 1);
                        followers.push(tokio::spawn(follow(hash, progress, fates.clone())));
                    }
                    Err(e) => {
                        nonce = None;
                        if let Ok(mut f) = fates.lock() {
                            *f.reported.entry(format!("refused: {e}")).or_default() += 1;
                        }
                    }
                }
            }
            followers
        }));
    }
    let mut followers = Vec::new();
    for l in loops {
        if let Ok(mut f) = l.await {
            followers.append(&mut f);
        }
    }
    Ok(followers)
}

/// Looks up the transactions whose watch broke off in the finalized blocks `from..=to` of
/// `node`: found ones are finalized, the others have no fate.
async fn settle_unknown(
    network: &Network<LocalFileSystem>,
    node: &str,
    from: u64,
    fates: &Mutex<Fates>,
) -> Result<()> {
    let unknown: Vec<H256> =
        std::mem::take(&mut fates.lock().map_err(|_| anyhow!("lock"))?.unknown);
    if unknown.is_empty() {
        return Ok(());
    }
    let client: OnlineClient<PolkadotConfig> = network.get_node(node)?.wait_client().await?;
    let c = rpc(network, node).await?;
    let (_, to) = heights(network, node).await?;
    let mut included = std::collections::BTreeSet::new();
    for height in from..=to {
        let hash: H256 = request(&c, "chain_getBlockHash", vec![height.into()]).await?;
        for xt in client.blocks().at(hash).await?.extrinsics().await?.iter() {
            included.insert(xt.hash());
        }
    }
    let mut f = fates.lock().map_err(|_| anyhow!("lock"))?;
    for h in unknown {
        if included.contains(&h) {
            f.finalized += 1;
            f.found_after_watch += 1;
        } else {
            f.without_fate += 1;
        }
    }
    Ok(())
}

/// Waits until `node`'s best block number grows past what it is now (polled every 50 ms).
async fn next_best(network: &Network<LocalFileSystem>, node: &str) -> Result<u64> {
    let (start, _) = heights(network, node).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (best, _) = heights(network, node).await?;
        if best > start {
            return Ok(best);
        }
        ensure!(
            Instant::now() < deadline,
            "{node}: no new best block in 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What one restart showed.
struct Restart {
    /// From the restart until the node answered JSON-RPC again.
    answered: Duration,
    /// Best blocks the node had before it went down but not when it answered again.
    blocks_lost: u64,
    /// From the restart until it was within 2 blocks of the reference node's best.
    caught_up: Duration,
}

/// Checks a node that has just been started again (at `down`) after going down with heights
/// `before`: it answers from its own database (best ≥ its finalized before), and is within 2
/// blocks of `reference`'s best within 60 s.
async fn back_up(
    network: &Network<LocalFileSystem>,
    node: &str,
    reference: &str,
    before: (u64, u64),
    down: Instant,
) -> Result<Restart> {
    wait_for(
        &format!("{node} answers again"),
        Duration::from_secs(60),
        || async { Ok(heights(network, node).await.is_ok()) },
    )
    .await?;
    let answered = down.elapsed();
    let (first, _) = heights(network, node).await?;
    ensure!(
        first >= before.1,
        "{node} came back at best #{first}, below the #{} it had finalized: its database was not used",
        before.1
    );
    wait_for(
        &format!("{node} within 2 blocks of {reference}'s best"),
        Duration::from_secs(60),
        || async {
            let (best, _) = heights(network, reference).await?;
            let (mine, _) = heights(network, node).await?;
            Ok(mine + 2 >= best)
        },
    )
    .await?;
    Ok(Restart {
        answered,
        blocks_lost: before.0.saturating_sub(first),
        caught_up: down.elapsed(),
    })
}

/// The pid of the network's process for node `name` (its command line has `--name <name>`).
fn pid_of(name: &str) -> Result<i32> {
    let node = env("CITYZEN_NODE")?;
    for entry in std::fs::read_dir("/proc")? {
        let entry = entry?;
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let ours = args.first().is_some_and(|a| *a == node.as_bytes());
        if ours
            && args
                .windows(2)
                .any(|w| w[0] == b"--name" && w[1] == name.as_bytes())
        {
            return Ok(pid);
        }
    }
    bail!("no running process of node {name}")
}

fn seconds(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64())
}

/// "min / median / max" of a list of durations, in seconds.
fn spread(mut v: Vec<Duration>) -> String {
    v.sort();
    match (v.first(), v.get(v.len() / 2), v.last()) {
        (Some(a), Some(m), Some(b)) => {
            format!("{} / {} / {}", seconds(*a), seconds(*m), seconds(*b))
        }
        _ => "-".into(),
    }
}

async fn scenarios(
    network: &Network<LocalFileSystem>,
    report: &mut Report,
    fates: Arc<Mutex<Fates>>,
) -> Result<()> {
    let kills: u64 = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    report.note("seed (CRASH_SEED to replay)", seed.to_string());
    let mut rng = Rng(seed);

    wait_for(
        "finality on every node",
        Duration::from_secs(180),
        || async {
            for n in ALL {
                if heights(network, n).await?.1 < 2 {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
    .await?;

    let stop = Arc::new(AtomicBool::new(false));
    let url = network.get_node("rpc")?.ws_uri().to_string();
    let (_, load_from) = heights(network, "rpc").await?;
    let load_task = tokio::spawn(load(url, stop.clone(), fates.clone()));
    let mut checked = 0;

    // 1. SIGKILL at random moments.
    let (mut answered, mut caught_up, mut lost, mut behind, mut victims) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        BTreeMap::<&str, u64>::new(),
    );
    for round in 1..=kills {
        let victim = VALIDATORS[rng.below(VALIDATORS.len() as u64) as usize];
        let delay = Duration::from_millis(rng.below(600));
        let before = heights(network, victim).await?;
        next_best(network, "rpc").await?;
        tokio::time::sleep(delay).await;
        let before = heights(network, victim).await.unwrap_or(before);
        let pid = pid_of(victim)?;
        signal(pid, "KILL")?;
        while alive(pid) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Down for 0-20 s (up to three blocks), then started again on its database.
        let down_for = Duration::from_millis(rng.below(20_000));
        tokio::time::sleep(down_for).await;
        let (best_at_restart, _) = heights(network, "rpc").await?;
        let restarted = Instant::now();
        network.get_node(victim)?.restart(None).await?;
        let r = back_up(network, victim, "rpc", before, restarted).await?;
        checked = same_finalized_from(network, &ALL, checked + 1).await?;
        println!(
            "[kill {round}/{kills}] {victim} {} ms after a new block, at best #{} finalized #{}, \
             down {} s (the network at #{best_at_restart} then): answered {} s after its \
             restart, {} best blocks lost, within 2 of the best {} s after its restart; \
             finalized hashes agree up to #{checked}",
            delay.as_millis(),
            before.0,
            before.1,
            seconds(down_for),
            seconds(r.answered),
            r.blocks_lost,
            seconds(r.caught_up),
        );
        behind.push(best_at_restart.saturating_sub(before.0));
        answered.push(r.answered);
        caught_up.push(r.caught_up);
        lost.push(r.blocks_lost);
        *victims.entry(victim).or_default() += 1;
        // A random pause of 0-3 s before the next kill.
        tokio::time::sleep(Duration::from_millis(rng.below(3000))).await;
    }
    report.note("SIGKILL rounds (victims)", format!("{kills} {victims:?}"));
    report.note(
        "SIGKILL: answered again after its restart (s, min / median / max)",
        spread(answered),
    );
    report.note(
        "SIGKILL: within 2 blocks of the best after its restart (s, min / median / max)",
        spread(caught_up),
    );
    report.note(
        "SIGKILL: best blocks lost per kill (max)",
        lost.iter().max().copied().unwrap_or(0).to_string(),
    );
    report.note(
        "SIGKILL: blocks the network was ahead when the victim restarted (max)",
        behind.iter().max().copied().unwrap_or(0).to_string(),
    );

    // 2. SIGINT of every node in turn; the load stops before the RPC node's turn, since it
    // submits there.
    let mut exits = Vec::new();
    let mut caught_up = Vec::new();
    let mut load_task = Some(load_task);
    for node in ALL {
        if node == "rpc" {
            if let Some(task) = load_task.take() {
                stop.store(true, Ordering::Relaxed);
                for follower in task.await.map_err(|e| anyhow!("load: {e}"))?? {
                    follower.await.ok();
                }
                // What the watches did not see, the finalized blocks tell.
                settle_unknown(network, "alice", load_from, &fates).await?;
            }
        }
        let before = heights(network, node).await?;
        let pid = pid_of(node)?;
        let down = Instant::now();
        signal(pid, "INT")?;
        while alive(pid) {
            ensure!(
                down.elapsed() < Duration::from_secs(30),
                "{node} did not exit within 30 s of SIGINT"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let exited = down.elapsed();
        let restarted = Instant::now();
        network.get_node(node)?.restart(None).await?;
        let reference = if node == "rpc" { "alice" } else { "rpc" };
        let r = back_up(network, node, reference, before, restarted).await?;
        checked = same_finalized_from(network, &ALL, checked + 1).await?;
        println!(
            "[SIGINT] {node}: exited in {} s, answered in {} s, {} best blocks lost, within 2 \
             of the best in {} s; finalized hashes agree up to #{checked}",
            seconds(exited),
            seconds(r.answered),
            r.blocks_lost,
            seconds(r.caught_up)
        );
        exits.push(exited);
        caught_up.push(r.caught_up);
    }
    report.note(
        "SIGINT of each of 5 nodes: exited after (s, min / median / max)",
        spread(exits),
    );
    report.note(
        "SIGINT: within 2 blocks of the best after (s, min / median / max)",
        spread(caught_up),
    );
    // Finality goes on after all of it, and every node agrees.
    let (_, f0) = heights(network, "rpc").await?;
    wait_for("finality goes on", Duration::from_secs(90), || async {
        Ok(heights(network, "rpc").await?.1 >= f0 + 3)
    })
    .await?;
    let checked = same_finalized_chain(network, &ALL).await?;
    report.note(
        "finalized hashes identical on all 5 nodes at every height up to",
        checked.to_string(),
    );

    let f = fates.lock().map_err(|_| anyhow!("fates lock"))?;
    report.note(
        "transactions: submitted / finalized / reported / without a fate",
        format!(
            "{} / {} / {} / {}",
            f.submitted,
            f.finalized,
            f.reported.values().sum::<u64>(),
            f.without_fate
        ),
    );
    report.note(
        "transactions finalized after a retraction from a best block",
        f.retracted_then_finalized.to_string(),
    );
    report.note(
        "transactions whose watch broke off, found in a finalized block",
        f.found_after_watch.to_string(),
    );
    report.note("reasons reported", format!("{:?}", f.reported));
    ensure!(
        f.without_fate == 0,
        "{} transactions had no fate within {FATE_LIMIT:?}",
        f.without_fate
    );
    let reported = f.reported.values().sum::<u64>();
    ensure!(
        f.submitted == f.finalized + reported + f.without_fate,
        "submitted {} != finalized {} + reported {:?} + without a fate {}",
        f.submitted,
        f.finalized,
        f.reported,
        f.without_fate
    );
    // The network was never down, only one validator at a time: nearly all must go through.
    ensure!(
        f.finalized * 10 >= f.submitted * 9,
        "only {} of {} transactions were finalized: {:?}",
        f.finalized,
        f.submitted,
        f.reported
    );
    Ok(())
}

/// Sends signal `sig` (a `kill -s` name) to `pid`.
fn signal(pid: i32, sig: &str) -> Result<()> {
    let status = std::process::Command::new("kill")
        .args(["-s", sig, &pid.to_string()])
        .status()?;
    ensure!(status.success(), "kill -s {sig} {pid}: {status}");
    Ok(())
}

/// Whether process `pid` still runs (exited and not yet reaped by its parent counts as gone).
fn alive(pid: i32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists() && !zombie(pid)
}

/// Whether `pid` has exited and waits only to be reaped by its parent.
fn zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            s.rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(true)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "ten minutes: run by scripts/zombienet.sh crash"]
async fn validators_survive_kills_under_load() -> Result<()> {
    let started = Instant::now();
    // zombienet's own monitor tears the network down (and exits) when a node is down for
    // more than 5 s: here nodes go down on purpose, and the test checks them itself.
    let network = spawn_with(|toml| {
        toml.replacen(
            "[settings]\n",
            "[settings]\ntear_down_on_failure = false\n",
            1,
        )
    })
    .await?;
    let mut report = Report::default();
    let fates = Arc::new(Mutex::new(Fates::default()));
    let outcome = std::panic::AssertUnwindSafe(scenarios(&network, &mut report, fates))
        .catch_unwind()
        .await;
    finish(network, &mut report, started, outcome).await
}
