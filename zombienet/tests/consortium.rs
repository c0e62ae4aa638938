//! The consortium network under faults, recovery and a runtime upgrade.
//!
//! One network (`consortium.toml`: four validators and an RPC node on 127.0.0.1, native
//! provider) runs the scenarios in order; each is bounded in time, and the network is torn down
//! (every process killed) whether they pass or fail. Run by `scripts/zombienet.sh`, which builds
//! the chain spec and the upgraded runtime and sets the environment:
//! `CITYZEN_NODE` (binary), `CHAIN_SPEC` (raw spec), `UPGRADE_WASM` (runtime with a higher
//! spec version), `ZOMBIENET_REPORT` (where the figures are written).
//!
//! The file is longer than the others (about 740 lines) because the six scenarios share one
//! spawned network and one `#[tokio::test]`: spawning a network per scenario would cost a
//! minute or more each.

mod common;

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use anyhow::{anyhow, ensure, Context, Result};
use common::*;
use futures::FutureExt;
use subxt::{
    config::{substrate::BlakeTwo256, Hasher},
    dynamic::Value,
    OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::dev;
use zombienet_sdk::{AddNodeOptions, LocalFileSystem, Network};

/// 1. All nodes up and peered; best and finalized heights advance on every node.
async fn up_and_peered(network: &Network<LocalFileSystem>, report: &mut Report) -> Result<()> {
    let took = wait_for(
        "every node peered with the four others",
        Duration::from_secs(120),
        || async {
            for n in ALL {
                if peers(network, n).await? < 4 {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
    .await?;
    report.note(
        "all five nodes peered (s after spawn)",
        format!("{:.0}", took.as_secs_f64()),
    );
    let mut start = BTreeMap::new();
    for n in ALL {
        start.insert(n, heights(network, n).await?);
    }
    wait_for(
        "best and finalized advance on every node",
        Duration::from_secs(90),
        || async {
            for n in ALL {
                let (b, f) = heights(network, n).await?;
                let (b0, f0) = start[n];
                if b < b0 + 3 || f < f0 + 3 {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
    .await?;
    let mut lags = Vec::new();
    for _ in 0..10 {
        let (b, f) = heights(network, "rpc").await?;
        lags.push(b - f);
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
    report.note(
        "finality lag, best - finalized, 10 samples 3 s apart on the rpc node",
        format!("{lags:?}"),
    );
    Ok(())
}

/// 2. One validator down: finality goes on with the other three; restarted, it catches up and
/// authors again; nobody finalised two different blocks at one height.
async fn one_validator_down(network: &Network<LocalFileSystem>, report: &mut Report) -> Result<()> {
    let dave = network.get_node("dave")?;
    dave.pause().await?; // frozen (SIGSTOP): to its peers it is gone
    let (_, f0) = heights(network, "alice").await?;
    let took = wait_for(
        "5 more finalized blocks without dave",
        Duration::from_secs(120),
        || async { Ok(heights(network, "alice").await?.1 >= f0 + 5) },
    )
    .await?;
    report.note(
        "one validator down: 5 more blocks finalized by the other three in (s)",
        format!("{:.0}", took.as_secs_f64()),
    );
    // Killed (SIGKILL of the frozen process) and started again from its database.
    dave.restart(None).await?;
    let took = wait_for(
        "dave within 2 blocks of the best",
        Duration::from_secs(120),
        || async {
            let (best, _) = heights(network, "alice").await?;
            let (mine, _) = heights(network, "dave").await?;
            Ok(mine + 2 >= best)
        },
    )
    .await?;
    report.note(
        "restarted validator caught up (s)",
        format!("{:.0}", took.as_secs_f64()),
    );
    // It takes part again: it authors blocks in its Aura slots (the metric restarts at 0).
    let took = wait_for("dave authors a block", Duration::from_secs(90), || async {
        Ok(dave
            .reports("substrate_proposer_block_constructed_count")
            .await
            .unwrap_or(0.0)
            >= 1.0)
    })
    .await?;
    report.note(
        "restarted validator authored again after (s)",
        format!("{:.0}", took.as_secs_f64()),
    );
    let checked = same_finalized_chain(network, &ALL).await?;
    report.note(
        "finalized hashes identical on all nodes up to block",
        checked.to_string(),
    );
    Ok(())
}

/// 3. Two of four validators down: finality stalls (GRANDPA needs 3 of 4); back up, it resumes
/// by itself within a minute.
async fn two_validators_down(
    network: &Network<LocalFileSystem>,
    report: &mut Report,
) -> Result<()> {
    let (charlie, dave) = (network.get_node("charlie")?, network.get_node("dave")?);
    charlie.pause().await?;
    dave.pause().await?;
    tokio::time::sleep(Duration::from_secs(12)).await; // votes in flight land
    let (b0, f0) = heights(network, "alice").await?;
    tokio::time::sleep(Duration::from_secs(36)).await;
    let (b1, f1) = heights(network, "alice").await?;
    ensure!(
        f1 == f0,
        "finality went on with two of four validators: {f0} -> {f1}"
    );
    report.note(
        "two of four down, 36 s: best advanced / finalized advanced",
        format!("{} / {}", b1 - b0, f1 - f0),
    );
    charlie.resume().await?;
    dave.resume().await?;
    let took = wait_for("finality resumes", Duration::from_secs(60), || async {
        Ok(heights(network, "alice").await?.1 > f1)
    })
    .await?;
    report.note(
        "finality resumed after the two came back (s)",
        format!("{:.0}", took.as_secs_f64()),
    );
    wait_for(
        "every node finalizes past the stall",
        Duration::from_secs(60),
        || async {
            for n in ALL {
                if heights(network, n).await?.1 <= f1 {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
    .await?;
    same_finalized_chain(network, &ALL).await?;
    Ok(())
}

/// A council motion for `pallet.call(fields)`: alice proposes with `threshold`, the first
/// `threshold` council members (alice, bob, charlie, dave) vote aye (the proposer too:
/// pallet-collective does not count its proposal as a vote), alice closes it.
async fn council_motion(
    client: &OnlineClient<PolkadotConfig>,
    pallet: &str,
    call_name: &str,
    fields: Vec<(&str, Value)>,
    threshold: u128,
) -> Result<()> {
    let encoded = client
        .tx()
        .call_data(&subxt::dynamic::tx(pallet, call_name, fields.clone()))?;
    let call = Value::unnamed_variant(pallet, [Value::named_variant(call_name, fields)]);
    let motion_hash = BlakeTwo256.hash(&encoded);
    let index = client
        .storage()
        .at_latest()
        .await?
        .fetch_or_default(&subxt::dynamic::storage("Council", "ProposalCount", ()))
        .await?
        .to_value()?
        .as_u128()
        .ok_or_else(|| anyhow!("ProposalCount"))?;
    let length = encoded.len() as u128 + 16;
    submit(
        client,
        subxt::dynamic::tx(
            "Council",
            "propose",
            vec![
                ("threshold", Value::u128(threshold)),
                ("proposal", call),
                ("length_bound", Value::u128(length)),
            ],
        ),
        &dev::alice(),
    )
    .await
    .context("propose")?;
    let voters = [dev::alice(), dev::bob(), dev::charlie(), dev::dave()];
    for voter in voters.iter().take(threshold as usize) {
        submit(
            client,
            subxt::dynamic::tx(
                "Council",
                "vote",
                vec![
                    ("proposal", Value::from_bytes(motion_hash.0)),
                    ("index", Value::u128(index)),
                    ("approve", Value::bool(true)),
                ],
            ),
            voter,
        )
        .await
        .context("vote")?;
    }
    let closed = submit_events(
        client,
        subxt::dynamic::tx(
            "Council",
            "close",
            vec![
                ("proposal_hash", Value::from_bytes(motion_hash.0)),
                ("index", Value::u128(index)),
                (
                    "proposal_weight_bound",
                    Value::named_composite([
                        ("ref_time", Value::u128(1_000_000_000_000)),
                        ("proof_size", Value::u128(1_000_000)),
                    ]),
                ),
                ("length_bound", Value::u128(length)),
            ],
        ),
        &dev::alice(),
    )
    .await
    .context("close")?;
    // The motion passed and its call succeeded: a call that failed inside the motion is no
    // less a failure for the close being included.
    let mut executed = None;
    for ev in closed.iter() {
        let ev = ev?;
        if ev.pallet_name() == "Council" && ev.variant_name() == "Executed" {
            executed = Some(ev.field_values()?.to_string());
        }
    }
    match executed {
        None => Err(anyhow!(
            "the motion {pallet}.{call_name} was closed but not executed"
        )),
        Some(r) if r.contains("Err") => Err(anyhow!("the motion {pallet}.{call_name} failed: {r}")),
        Some(_) => Ok(()),
    }
}

async fn spec_version(network: &Network<LocalFileSystem>, node: &str) -> Result<u64> {
    let c = rpc(network, node).await?;
    let v: serde_json::Value = request(&c, "state_getRuntimeVersion", vec![]).await?;
    v["specVersion"]
        .as_u64()
        .ok_or_else(|| anyhow!("no specVersion"))
}

/// 4. A runtime upgrade by council motion on the running network with the demo's marketplace
/// on it:
/// - `tests/e2e/demo.mjs` fills the chain through the RPC node (50 citizens, 3 products,
///   consents, orders in every state, data requests, an approved fund: a motion of three of the
///   four members);
/// - every `market_*` read of the demo's ids is taken at the best block, and every marketplace
///   pallet's storage version;
/// - a root motion (two thirds: three of the four members vote aye) authorises the new code,
///   which is applied; before launch it carries no migration (`Unreleased` is empty), so every
///   storage version stays, and every `market_*` read must answer exactly as before;
/// - blocks and finality go on after it.
async fn runtime_upgrade(network: &Network<LocalFileSystem>, report: &mut Report) -> Result<()> {
    let code = std::fs::read(env("UPGRADE_WASM")?)?;
    let before = spec_version(network, "alice").await?;
    let client: OnlineClient<PolkadotConfig> = network.get_node("alice")?.wait_client().await?;
    let c = rpc(network, "rpc").await?;

    let t = Instant::now();
    let demo = upgrade::run_demo(network.get_node("rpc")?.ws_uri()).await?;
    report.note(
        "upgrade: the demo's marketplace filled in (s)",
        format!("{:.0}", t.elapsed().as_secs_f64()),
    );
    let at: String = request(&c, "chain_getBlockHash", vec![]).await?;
    let reads_before = upgrade::market_reads(&c, &demo, &at).await?;
    let mut versions_before = Vec::new();
    for pallet in upgrade::PALLETS {
        versions_before.push(upgrade::storage_version(&c, pallet, &at).await?);
    }
    report.note(
        "upgrade: market_* reads of the demo's state compared",
        reads_before.len().to_string(),
    );
    let code_hash = BlakeTwo256.hash(&code);
    council_motion(
        &client,
        "CouncilRoot",
        "dispatch_as_root",
        vec![(
            "call",
            Value::unnamed_variant(
                "System",
                [Value::named_variant(
                    "authorize_upgrade",
                    [("code_hash", Value::from_bytes(code_hash.0))],
                )],
            ),
        )],
        3,
    )
    .await
    .context("council motion: authorize_upgrade")?;
    let enact = Instant::now();
    submit(
        &client,
        subxt::dynamic::tx(
            "System",
            "apply_authorized_upgrade",
            vec![("code", Value::from_bytes(&code))],
        ),
        &dev::alice(),
    )
    .await
    .context("apply_authorized_upgrade")?;
    wait_for(
        "every node runs the new spec version",
        Duration::from_secs(120),
        || async {
            for n in ALL {
                if spec_version(network, n).await? <= before {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
    .await?;
    let after = spec_version(network, "alice").await?;
    report.note(
        "runtime upgrade by council motion: spec version",
        format!(
            "{before} -> {after}, enacted {:.0} s after apply_authorized_upgrade was sent",
            enact.elapsed().as_secs_f64()
        ),
    );
    // The upgrade's first block ran the (empty) migrations: every pallet at its version, and
    // the market answers as it did before.
    let (best, _) = heights(network, "rpc").await?;
    wait_for(
        "the upgraded block finalized",
        Duration::from_secs(60),
        || async { Ok(heights(network, "rpc").await?.1 > best) },
    )
    .await?;
    let upgraded: String = request(&c, "chain_getFinalizedHead", vec![]).await?;
    for (pallet, was) in upgrade::PALLETS.iter().zip(&versions_before) {
        let now = upgrade::storage_version(&c, pallet, &upgraded).await?;
        ensure!(
            now == *was,
            "{pallet}: storage version {was} -> {now} across an upgrade with no migration"
        );
    }
    report.note(
        "upgrade: storage versions unchanged (no migration before launch)",
        format!("{:?}", versions_before),
    );
    let reads_after = upgrade::market_reads(&c, &demo, &upgraded).await?;
    let diff = upgrade::differences(&reads_before, &reads_after, 5);
    ensure!(
        diff.is_empty(),
        "market_* answers changed across the upgrade:\n{diff}"
    );
    report.note(
        "upgrade: market_* answers identical before and after (kpis)",
        reads_after
            .get("market_kpis[]")
            .map_or("-".into(), |k| k.to_string()),
    );
    let (b0, f0) = heights(network, "rpc").await?;
    wait_for(
        "blocks and finality go on after the upgrade",
        Duration::from_secs(90),
        || async {
            let (b, f) = heights(network, "rpc").await?;
            Ok(b >= b0 + 3 && f >= f0 + 3)
        },
    )
    .await?;
    Ok(())
}

/// 5. A node whose peer id node-authorization does not list: it starts and answers its own
/// RPC, but no authorised node accepts a connection from it, so it has no peers and imports no
/// block.
async fn unauthorised_node(
    network: &mut Network<LocalFileSystem>,
    report: &mut Report,
) -> Result<()> {
    network
        .add_node("stranger", AddNodeOptions::default())
        .await?;
    tokio::time::sleep(Duration::from_secs(45)).await;
    let stranger_peers = peers(network, "stranger").await?;
    let (best, fin) = heights(network, "stranger").await?;
    let (network_best, _) = heights(network, "alice").await?;
    report.note(
        "unauthorised node after 45 s: peers / best / finalized (network best)",
        format!("{stranger_peers} / {best} / {fin} ({network_best})"),
    );
    ensure!(
        stranger_peers == 0,
        "the unauthorised node has {stranger_peers} peers"
    );
    ensure!(
        best == 0,
        "the unauthorised node imported blocks up to {best}"
    );
    for n in ALL {
        // The authorised nodes still see exactly each other.
        ensure!(
            peers(network, n).await? == 4,
            "{n} does not have exactly its 4 authorised peers"
        );
    }
    Ok(())
}

/// The peer id a node named `name` gets from zombienet (node key = sha256 of the name), as
/// `nodeAuthorization` needs it: through `cityzen-node key inspect-node-key` and
/// `cityzen-node peer-id`, exactly as docs/operators.md §2 says.
fn peer_id_bytes(name: &str) -> Result<(String, Vec<u8>)> {
    use sha2::Digest;
    let node = env("CITYZEN_NODE")?;
    let dir = std::env::temp_dir().join(format!("cityzen-zombienet-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let key_file = dir.join("node-key");
    let key = sha2::Sha256::digest(name.as_bytes());
    std::fs::write(&key_file, hex::encode(key))?;
    let out = std::process::Command::new(&node)
        .args(["key", "inspect-node-key", "--file"])
        .arg(&key_file)
        .output()?;
    ensure!(out.status.success(), "key inspect-node-key failed");
    let peer_id = String::from_utf8(out.stdout)?.trim().to_owned();
    let out = std::process::Command::new(&node)
        .args(["peer-id", &peer_id])
        .output()?;
    ensure!(out.status.success(), "cityzen-node peer-id failed");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let bytes = json["bytes"]
        .as_array()
        .ok_or_else(|| anyhow!("peer-id printed no bytes"))?
        .iter()
        .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| anyhow!("peer-id bytes are not bytes"))?;
    Ok((peer_id, bytes))
}

/// 6. A new member's validator joins as docs/operators.md says: its peer id authorised by
/// council motion (`cityzen-node peer-id`), the node started, session keys generated over RPC
/// with `author_rotateKeysWithOwner` and registered with `session.setKeys(keys, proof)`, then
/// added by council motion; it then authors blocks and the network keeps finalising.
async fn new_validator_joins(
    network: &mut Network<LocalFileSystem>,
    report: &mut Report,
) -> Result<()> {
    let started = Instant::now();
    let client: OnlineClient<PolkadotConfig> = network.get_node("alice")?.wait_client().await?;
    let eve = dev::eve();
    let eve_account = eve.public_key().0;
    let (peer_id, bytes) = peer_id_bytes("eve")?;
    council_motion(
        &client,
        "NodeAuthorization",
        "add_well_known_node",
        vec![
            // `PeerId(Vec<u8>)`, and the owner as a `MultiAddress::Id`.
            (
                "node",
                Value::unnamed_composite([Value::from_bytes(&bytes)]),
            ),
            (
                "owner",
                Value::unnamed_variant("Id", [Value::from_bytes(eve_account)]),
            ),
        ],
        3,
    )
    .await
    .context("motion add_well_known_node")?;
    network
        .add_node(
            "eve",
            AddNodeOptions {
                is_validator: true,
                args: vec!["--offchain-worker=always".into()],
                ..Default::default()
            },
        )
        .await?;
    wait_for("eve peers and syncs", Duration::from_secs(120), || async {
        let (best, _) = heights(network, "alice").await?;
        let (mine, _) = heights(network, "eve").await?;
        Ok(peers(network, "eve").await? >= 1 && mine + 2 >= best)
    })
    .await?;
    report.note(
        "new validator: peer id authorised by motion, synced after (s)",
        format!("{:.0} ({peer_id})", started.elapsed().as_secs_f64()),
    );
    // Session keys, generated in eve's keystore with a proof of possession for eve's account.
    let c = rpc(network, "eve").await?;
    let generated: serde_json::Value = request(
        &c,
        "author_rotateKeysWithOwner",
        vec![format!("0x{}", hex::encode(eve_account)).into()],
    )
    .await?;
    let keys = hex::decode(
        generated["keys"]
            .as_str()
            .ok_or_else(|| anyhow!("no keys"))?
            .trim_start_matches("0x"),
    )?;
    let proof = hex::decode(
        generated["proof"]
            .as_str()
            .ok_or_else(|| anyhow!("no proof: the node must return one"))?
            .trim_start_matches("0x"),
    )?;
    ensure!(
        keys.len() == 64,
        "session keys are aura + grandpa, 64 bytes"
    );
    let (aura, grandpa) = keys.split_at(32);
    submit(
        &client,
        subxt::dynamic::tx(
            "Session",
            "set_keys",
            vec![
                (
                    "keys",
                    Value::named_composite([
                        ("aura", Value::from_bytes(aura)),
                        ("grandpa", Value::from_bytes(grandpa)),
                    ]),
                ),
                ("proof", Value::from_bytes(&proof)),
            ],
        ),
        &eve,
    )
    .await
    .context("session.set_keys with the proof from author_rotateKeysWithOwner")?;
    council_motion(
        &client,
        "ValidatorSet",
        "add_validator",
        vec![("who", Value::from_bytes(eve_account))],
        3,
    )
    .await
    .context("motion add_validator")?;
    let added = Instant::now();
    let eve_node = network.get_node("eve")?;
    let took = wait_for("eve authors a block", Duration::from_secs(300), || async {
        Ok(eve_node
            .reports("substrate_proposer_block_constructed_count")
            .await
            .unwrap_or(0.0)
            >= 1.0)
    })
    .await?;
    report.note(
        "new validator authored its first block after the add_validator motion (s)",
        format!("{:.0}", took.as_secs_f64()),
    );
    let _ = added;
    let (_, f0) = heights(network, "rpc").await?;
    wait_for(
        "finality goes on with five validators",
        Duration::from_secs(90),
        || async { Ok(heights(network, "rpc").await?.1 >= f0 + 3) },
    )
    .await?;
    let checked =
        same_finalized_chain(network, &["alice", "bob", "charlie", "dave", "rpc", "eve"]).await?;
    report.note(
        "after the new validator: finalized hashes identical on six nodes up to block",
        checked.to_string(),
    );
    Ok(())
}

async fn scenarios(network: &mut Network<LocalFileSystem>, report: &mut Report) -> Result<()> {
    let limit = |m: u64| Duration::from_secs(60 * m);
    let timed = |name: &'static str, m: u64| {
        move |r: Result<Result<()>, _>| -> Result<()> {
            match r {
                Ok(inner) => inner.with_context(|| format!("scenario {name}")),
                Err(_) => Err(anyhow!("scenario {name}: not finished within {m} min")),
            }
        }
    };
    timed("1 up and peered", 5)(
        tokio::time::timeout(limit(5), up_and_peered(network, report)).await,
    )?;
    timed("2 one validator down", 6)(
        tokio::time::timeout(limit(6), one_validator_down(network, report)).await,
    )?;
    timed("3 two validators down", 5)(
        tokio::time::timeout(limit(5), two_validators_down(network, report)).await,
    )?;
    timed("4 runtime upgrade with the demo's state", 12)(
        tokio::time::timeout(limit(12), runtime_upgrade(network, report)).await,
    )?;
    timed("5 unauthorised node", 4)(
        tokio::time::timeout(limit(4), unauthorised_node(network, report)).await,
    )?;
    timed("6 new validator joins", 8)(
        tokio::time::timeout(limit(8), new_validator_joins(network, report)).await,
    )?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn consortium_network_survives_faults_and_upgrades() -> Result<()> {
    let started = Instant::now();
    let mut network = spawn().await?;
    let mut report = Report::default();
    report.note(
        "network spawned in (s)",
        format!("{:.0}", started.elapsed().as_secs_f64()),
    );
    let outcome = std::panic::AssertUnwindSafe(scenarios(&mut network, &mut report))
        .catch_unwind()
        .await;
    // Whatever happened: every process this test started goes.
    finish(network, &mut report, started, outcome).await
}
