//! A structure-aware fuzzer of the CityZEN runtime (the approach of srlabs'
//! substrate-runtime-fuzzer).
//!
//! An input is a sequence of `(lapse, signer, call)` triples, SCALE-encoded back to back: the
//! bytes decode into real `RuntimeCall`s of every pallet, so the fuzzer explores the calls and
//! their arguments rather than random bytes. Each call is signed by one of a fixed set of dev
//! accounts (the city and council members Alice..Dave, the provider Bob, the consumers Charlie
//! and Dave, the arbiter Eve, Ferdie with funds and no role, twelve accredited citizens with no
//! funds) and applied through `Executive::apply_extrinsic` exactly as a block does (signature,
//! nonce, weight, fee or fee-less allowance, dispatch). `lapse` ends the block and moves time
//! on, so `on_initialize`, `on_idle` (settlements, expiries, request closing) and
//! `on_finalize` run. Council motions reach root-only calls (`Council::propose` with a
//! threshold of one dispatches at once as a council origin).
//!
//! After every block the harness checks:
//! - `try_state` of every pallet (the DESIGN.md invariants: every hold matches an open order,
//!   offer, product deposit or request budget, pools are exact, indexes agree);
//! - total issuance equals the sum of every account's free and reserved (held) balance;
//! - the issuance fell by exactly the fees paid (fees are burned), the dust lost and what
//!   accounts burned themselves: nothing minted, nothing lost;
//! - no extrinsic took more CPU time than [`TIME_MARGIN`] times its charged weight (plus
//!   [`TIME_FLOOR`] for timer noise).
//!
//! Any failed check panics, which libFuzzer reports as a crash.

use std::{collections::BTreeMap, sync::OnceLock, time::Duration};

use cityzen_runtime::{
    AccountId, AllPalletsWithSystem, Balance, BlockNumber, Executive, Header, Runtime, RuntimeCall,
    RuntimeEvent, RuntimeGenesisConfig, SignedPayload, TxExtension, UncheckedExtrinsic,
    SLOT_DURATION,
};
use codec::{DecodeLimit, Encode};
use frame_support::{
    dispatch::GetDispatchInfo,
    traits::{GetCallMetadata, Hooks, IntegrityTest, TryState, TryStateSelect},
    weights::Weight,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{
    traits::{Header as _, IdentifyAccount},
    BuildStorage, Digest, DigestItem, Storage,
};

/// An extrinsic may take this many times its charged weight's time, natively, before the
/// harness calls it underpriced. Weights come from wasm benchmarks on this machine; native
/// code with the fuzzer's coverage instrumentation and debug assertions is of the same order.
pub const TIME_MARGIN: u64 = 4;
/// Added to every extrinsic's allowed time: timer and allocator noise on a loaded machine.
pub const TIME_FLOOR: Duration = Duration::from_millis(2);
/// At most this many extrinsics per input.
pub const MAX_EXTRINSICS: usize = 64;
/// At most this many blocks per input.
pub const MAX_BLOCKS: u32 = 24;

/// The dev accounts that sign: their seeds, in signer order.
pub const SEEDS: [&str; 18] = [
    "//Alice",
    "//Bob",
    "//Charlie",
    "//Dave",
    "//Eve",
    "//Ferdie",
    "//Citizen01",
    "//Citizen02",
    "//Citizen03",
    "//Citizen04",
    "//Citizen05",
    "//Citizen06",
    "//Citizen07",
    "//Citizen08",
    "//Citizen09",
    "//Citizen10",
    "//Citizen11",
    "//Citizen12",
];

/// One step of an input: end the block and jump `lapse` blocks on first (0: same block), then
/// apply `call` signed by `SEEDS[signer % 18]`.
#[derive(Clone, Debug, codec::Encode, codec::Decode)]
pub struct Step {
    /// Blocks to move on before the call (see [`blocks_for`]).
    pub lapse: u8,
    /// Which dev account signs.
    pub signer: u8,
    /// The call.
    pub call: RuntimeCall,
}

/// Blocks that a `lapse` skips: 1..=200 one by one (6 s each), then steps of 1 440 blocks
/// (2.4 hours) so that retention ends, deadlines and expiries are reached.
pub fn blocks_for(lapse: u8) -> u32 {
    match lapse {
        0..=200 => u32::from(lapse),
        n => u32::from(n - 200) * 1_440,
    }
}

fn pairs() -> &'static Vec<(sr25519::Pair, AccountId)> {
    static PAIRS: OnceLock<Vec<(sr25519::Pair, AccountId)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        SEEDS
            .iter()
            .map(|s| {
                let pair = sr25519::Pair::from_string(s, None).expect("dev seed");
                let who = sp_runtime::MultiSigner::from(pair.public()).into_account();
                (pair, who)
            })
            .collect()
    })
}

/// The development chain's genesis storage, built once.
pub fn genesis() -> &'static Storage {
    static GENESIS: OnceLock<Storage> = OnceLock::new();
    GENESIS.get_or_init(|| {
        cityzen_runtime::genesis_config_presets::preset_storage("development")
            .expect("the dev preset builds")
    })
}

/// Whether the harness lets `call` run: not the block's inherent, not code or storage
/// surgery, not governance's minting by decree (checked recursively through batches and
/// council motions).
pub fn allowed(call: &RuntimeCall) -> bool {
    use pallet_utility::Call as U;
    match call {
        RuntimeCall::System(c) => matches!(
            c,
            frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
        ),
        RuntimeCall::Timestamp(_) => false,
        RuntimeCall::Balances(
            pallet_balances::Call::force_set_balance { .. }
            | pallet_balances::Call::force_adjust_total_issuance { .. },
        ) => false,
        RuntimeCall::Utility(
            U::batch { calls } | U::batch_all { calls } | U::force_batch { calls },
        ) => calls.iter().all(allowed),
        RuntimeCall::Utility(
            U::as_derivative { call, .. }
            | U::dispatch_as { call, .. }
            | U::dispatch_as_fallible { call, .. }
            | U::with_weight { call, .. },
        ) => allowed(call),
        RuntimeCall::Utility(U::if_else { main, fallback }) => allowed(main) && allowed(fallback),
        RuntimeCall::Council(
            pallet_collective::Call::propose { proposal, .. }
            | pallet_collective::Call::execute { proposal, .. },
        ) => allowed(proposal),
        RuntimeCall::CouncilRoot(pallet_council_root::Call::dispatch_as_root { call }) => {
            allowed(call)
        }
        _ => true,
    }
}

/// The steps an input decodes to (at most [`MAX_EXTRINSICS`]; undecodable rest ignored).
pub fn decode(mut data: &[u8]) -> Vec<Step> {
    let mut steps = Vec::new();
    while !data.is_empty() && steps.len() < MAX_EXTRINSICS {
        match Step::decode_with_depth_limit(32, &mut data) {
            Ok(s) => steps.push(s),
            Err(_) => break,
        }
    }
    steps
}

/// Encodes steps as an input (for seeds and regression tests).
pub fn encode(steps: &[Step]) -> Vec<u8> {
    steps.iter().flat_map(|s| s.encode()).collect()
}

/// What one input did, for the campaign's coverage figures.
#[derive(Default, Debug)]
pub struct Report {
    /// `pallet.call` → (applied with Ok, applied with a dispatch error, refused as a transaction).
    pub calls: BTreeMap<String, (u32, u32, u32)>,
    /// Blocks built.
    pub blocks: u32,
    /// The largest measured time / charged weight time seen, and for which call.
    pub worst_ratio: f64,
    /// The call of `worst_ratio`.
    pub worst_call: String,
}

fn signed(signer: usize, call: RuntimeCall) -> UncheckedExtrinsic {
    let (pair, who) = &pairs()[signer];
    let nonce = frame_system::Pallet::<Runtime>::account_nonce(who);
    let tx_ext: TxExtension = cityzen_runtime::signed_tx_extension(nonce);
    let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data");
    let signature = payload.using_encoded(|p| pair.sign(p));
    UncheckedExtrinsic::new_signed(
        call,
        who.clone().into(),
        sp_runtime::MultiSignature::Sr25519(signature),
        tx_ext,
    )
}

/// The first slot's time: a fixed date (2026-01-01), so runs repeat exactly.
const GENESIS_TIME: u64 = 1_767_225_600_000;

fn start_block(n: BlockNumber, parent: sp_core::H256) {
    let now = GENESIS_TIME + u64::from(n) * SLOT_DURATION;
    let slot = sp_consensus_aura::Slot::from(now / SLOT_DURATION);
    let digest = Digest {
        logs: vec![DigestItem::PreRuntime(
            sp_consensus_aura::AURA_ENGINE_ID,
            slot.encode(),
        )],
    };
    let header = Header::new(n, Default::default(), Default::default(), parent, digest);
    Executive::initialize_block(&header);
    if trace() {
        let used = frame_system::Pallet::<Runtime>::block_weight();
        eprintln!("block #{n} initialised: weight used {:?}", used.total());
    }
    let inherent =
        UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
    Executive::apply_extrinsic(inherent)
        .expect("timestamp inherent valid")
        .expect("timestamp inherent applies");
}

fn total_issuance() -> Balance {
    pallet_balances::TotalIssuance::<Runtime>::get()
}

/// Ends the block and runs every check; returns the finished header's hash.
fn end_block(issuance_before: Balance) -> sp_core::H256 {
    let header = Executive::finalize_block();
    let n = *header.number();
    // Fees are burned (`FungibleAdapter<Balances, ()>`); dust and self-burns are the only other
    // ways out; nothing may come in.
    let (mut fees, mut dust, mut burned) = (0u128, 0u128, 0u128);
    for record in frame_system::Pallet::<Runtime>::events() {
        match record.event {
            RuntimeEvent::TransactionPayment(
                pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
            ) => fees += actual_fee,
            RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
                dust += amount
            }
            RuntimeEvent::Balances(pallet_balances::Event::Burned { amount, .. }) => {
                burned += amount
            }
            _ => {}
        }
    }
    let issuance = total_issuance();
    assert_eq!(
        issuance_before.checked_sub(issuance),
        Some(fees + dust + burned),
        "block {n}: issuance {issuance_before} -> {issuance}, but fees {fees} + dust {dust} + burned {burned}"
    );
    let accounts: Balance = frame_system::Account::<Runtime>::iter()
        .map(|(_, a)| a.data.free + a.data.reserved)
        .sum();
    assert_eq!(
        accounts, issuance,
        "block {n}: accounts hold {accounts}, issuance is {issuance}"
    );
    AllPalletsWithSystem::try_state(n, TryStateSelect::All)
        .unwrap_or_else(|e| panic!("block {n}: try_state: {e:?}"));
    header.hash()
}

/// The CPU time this thread has used: what an extrinsic costs, without the time the thread
/// waited while the machine ran something else.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant of this platform.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec.unsigned_abs(), ts.tv_nsec.unsigned_abs() as u32)
}

/// One applied extrinsic's CPU time against its charged weight.
struct Timing {
    name: String,
    took: Duration,
    charged: Weight,
}

impl Timing {
    fn allowed(&self) -> Duration {
        Duration::from_nanos(self.charged.ref_time() / 1_000 * TIME_MARGIN) + TIME_FLOOR
    }
}

/// Runs one input against a fresh development chain; panics on any broken check. Times are the
/// thread's CPU time, so a thread preempted by other work on the machine is not a finding; an
/// extrinsic that still took longer than its weight allows is run again (the whole input, twice
/// more), and only the fastest of the three times counts (caches, page faults).
pub fn run(data: &[u8]) -> Report {
    let steps = decode(data);
    if steps.is_empty() {
        return Report::default();
    }
    let (mut report, mut timings) = execute(&steps);
    for _ in 0..2 {
        if timings.iter().all(|t| t.took <= t.allowed()) {
            break;
        }
        let (_, again) = execute(&steps);
        for (t, a) in timings.iter_mut().zip(again) {
            t.took = t.took.min(a.took);
        }
    }
    for t in &timings {
        assert!(
            t.took <= t.allowed(),
            "{} took {:?} of CPU (fastest of three runs), its weight {:?} allows {:?}",
            t.name,
            t.took,
            t.charged,
            t.allowed()
        );
        let weight_time = (t.charged.ref_time() as f64) / 1e12;
        if weight_time > 0.0 && t.took.as_secs_f64() / weight_time > report.worst_ratio {
            report.worst_ratio = t.took.as_secs_f64() / weight_time;
            report.worst_call = t.name.clone();
        }
    }
    report
}

/// The blocks a jump passes over are not built, but on a real chain each of them runs its
/// `on_initialize`. The hooks that act on one block's own queue (consent expiries, credential
/// expiries: each takes exactly its block's entry) therefore run for every block strictly
/// between `from` and `to` that has an entry, in order; hooks that act on everything due up to
/// now (escrow's and requests' `on_idle`) catch up by themselves in the next built block.
fn due_in_gap(from: BlockNumber, to: BlockNumber) {
    let inside = |b: &BlockNumber| *b > from && *b < to;
    let mut due: std::collections::BTreeSet<BlockNumber> =
        pallet_consent::ExpiryQueue::<Runtime>::iter_keys()
            .map(|(b, _)| b)
            .filter(inside)
            .collect();
    due.extend(
        pallet_credentials::Expiring::<Runtime>::iter_keys()
            .map(|(b, _)| b)
            .filter(inside),
    );
    for b in due {
        frame_system::Pallet::<Runtime>::set_block_number(b);
        <pallet_consent::Pallet<Runtime> as Hooks<BlockNumber>>::on_initialize(b);
        <pallet_credentials::Pallet<Runtime> as Hooks<BlockNumber>>::on_initialize(b);
    }
}

/// Whether `CITYZEN_FUZZ_TRACE` is set: every step's outcome is then printed to stderr (to
/// read what a crash input or a seed does).
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| {
        let on = std::env::var_os("CITYZEN_FUZZ_TRACE").is_some();
        if on {
            // The runtime's own logs too: what `try_state` found, say (`RUST_LOG` filters).
            sp_tracing::try_init_simple();
        }
        on
    })
}

fn execute(steps: &[Step]) -> (Report, Vec<Timing>) {
    let mut report = Report::default();
    let mut timings = Vec::new();
    let mut ext = sp_state_machine::BasicExternalities::new(genesis().clone());
    ext.execute_with(|| {
        let mut n: BlockNumber = 1;
        let mut parent = frame_system::Pallet::<Runtime>::block_hash(0);
        start_block(n, parent);
        let mut issuance = total_issuance();
        for step in steps.iter().cloned() {
            if !allowed(&step.call) {
                continue;
            }
            let skip = blocks_for(step.lapse);
            if skip > 0 {
                if report.blocks >= MAX_BLOCKS {
                    break;
                }
                parent = end_block(issuance);
                report.blocks += 1;
                // The blocks in between are not built: the chain's clock jumps, as after a
                // stall. The hooks of one block's queue run for the jumped blocks that have
                // an entry; the others act on what is due at or before the new block.
                due_in_gap(n, n + skip);
                n += skip;
                frame_system::Pallet::<Runtime>::set_block_number(n - 1);
                start_block(n, parent);
                issuance = total_issuance();
            }
            let meta = step.call.get_call_metadata();
            let name = format!("{}.{}", meta.pallet_name, meta.function_name);
            let info = step.call.get_dispatch_info();
            let base = <Runtime as frame_system::Config>::BlockWeights::get()
                .get(info.class)
                .base_extrinsic;
            let charged: Weight = info.total_weight().saturating_add(base);
            let xt = signed(usize::from(step.signer) % SEEDS.len(), step.call);
            let started = thread_cpu();
            let outcome = Executive::apply_extrinsic(xt);
            let took = thread_cpu().saturating_sub(started);
            if trace() {
                let used = frame_system::Pallet::<Runtime>::block_weight();
                eprintln!(
                    "block #{n} {name} by signer {}: {outcome:?} (block weight used: {:?})",
                    step.signer,
                    used.total()
                );
            }
            let entry = report.calls.entry(name.clone()).or_default();
            match outcome {
                Ok(Ok(())) => entry.0 += 1,
                Ok(Err(_)) => entry.1 += 1,
                Err(_) => entry.2 += 1,
            }
            timings.push(Timing {
                name,
                took,
                charged,
            });
        }
        end_block(issuance);
        report.blocks += 1;
    });
    (report, timings)
}

/// Checks the runtime's `integrity_test`s once (called by the fuzz target's init).
pub fn integrity() {
    sp_io::TestExternalities::new(genesis().clone())
        .execute_with(AllPalletsWithSystem::integrity_test);
}

pub mod seeds;
