//! Genesis presets: `development` (one validator, one council member) and `local_testnet` (the
//! city and three partners). A real consortium builds its JSON chain spec from a preset and
//! replaces the keys (see `docs/operators.md`).

use crate::{
    AccountId, BalancesConfig, BlockNumber, CouncilMembershipConfig, CredentialsConfig,
    DataProductsConfig, EscrowConfig, NodeAuthorizationConfig, RevenueConfig, RuntimeGenesisConfig,
    SessionConfig, SessionKeys, ValidatorSetConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use cityzen_primitives::{ConsumerClass, Loa, Role};
use frame_support::build_struct_json_patch;
use hex_literal::hex;
use pallet_credentials::{EvidenceHash, GenesisCredential};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The council's initial minimum k (consenting owners before any sale).
pub const MIN_OWNERS: u32 = 3;
/// The council's initial minimum owners' share of revenue: 20 %.
pub const MIN_OWNERS_SHARE_BPS: u16 = 2_000;
/// The platform fee of the dev and local chains: 2 % of each sale.
pub const PLATFORM_FEE_BPS: u16 = 200;

/// The dev chain's escrow periods, short enough to try every path by hand: 20 blocks (2
/// minutes) to deliver, 10 blocks (1 minute) to dispute. The local chain keeps the runtime's
/// (3 days, 2 days).
pub const DEV_ESCROW_PARAMS: pallet_escrow::EscrowParams<BlockNumber> =
    pallet_escrow::EscrowParams {
        delivery_period: 20,
        dispute_window: 10,
    };

/// What each dev account is given at genesis.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Peer ids of the nodes started with `--node-key` 0x00..01 to 0x00..04 (ed25519 secret seeds),
/// as printed by `cityzen-node key inspect-node-key`. Used by the dev and local presets only.
pub const DEV_NODE_PEER_IDS: [[u8; 38]; 4] = [
    hex!("0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"),
    hex!("0024080112207422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"),
    hex!("002408011220f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"),
    hex!("002408011220fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"),
];

/// A validator's accounts and keys.
pub struct Authority {
    /// The validator's account (also its validator id).
    pub account: AccountId,
    /// Block authoring key.
    pub aura: AuraId,
    /// Finality key.
    pub grandpa: GrandpaId,
}

fn dev_authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Authority {
    Authority {
        account: sr.to_account_id(),
        aura: sr.public().into(),
        grandpa: ed.public().into(),
    }
}

/// Accreditation at genesis: issuers `(account, roles, max loa)` and credentials.
#[derive(Default)]
pub struct Accreditations {
    /// Approved issuers.
    pub issuers: Vec<(AccountId, Vec<Role>, Loa)>,
    /// Issued credentials.
    pub credentials: Vec<GenesisCredential<AccountId, u32>>,
}

/// Builds a genesis config patch from its parts.
pub fn cityzen_genesis(
    authorities: Vec<Authority>,
    council: Vec<AccountId>,
    endowed: Vec<AccountId>,
    nodes: Vec<(OpaquePeerId, AccountId)>,
    accreditations: Accreditations,
    escrow_params: Option<pallet_escrow::EscrowParams<BlockNumber>>,
) -> Value {
    build_struct_json_patch!(RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: endowed
                .iter()
                .cloned()
                .map(|a| (a, ENDOWMENT))
                .collect::<Vec<_>>(),
        },
        validator_set: ValidatorSetConfig {
            initial_validators: authorities
                .iter()
                .map(|a| a.account.clone())
                .collect::<Vec<_>>(),
        },
        session: SessionConfig {
            keys: authorities
                .into_iter()
                .map(|a| {
                    (
                        a.account.clone(),
                        a.account,
                        SessionKeys {
                            aura: a.aura,
                            grandpa: a.grandpa,
                        },
                    )
                })
                .collect::<Vec<_>>(),
        },
        council_membership: CouncilMembershipConfig {
            members: council.try_into().unwrap_or_default()
        },
        node_authorization: NodeAuthorizationConfig { nodes },
        data_products: DataProductsConfig {
            params: pallet_data_products::MarketParams {
                min_owners: MIN_OWNERS,
                min_owners_share_bps: MIN_OWNERS_SHARE_BPS,
            },
        },
        escrow: EscrowConfig {
            params: escrow_params,
        },
        revenue: RevenueConfig {
            platform_fee: PLATFORM_FEE_BPS,
            ..Default::default()
        },
        credentials: CredentialsConfig {
            issuers: accreditations.issuers,
            credentials: accreditations.credentials,
        },
    })
}

/// Public keys (sr25519) of the dev citizens `//Citizen01` ... `//Citizen12`, as printed by
/// `cityzen-node key inspect //Citizen01` etc.: data owners of the development chain, with no
/// balance.
pub const DEV_CITIZENS: [[u8; 32]; 12] = [
    hex!("c0ac282cc3e8c2e2171a2068b68e4eced7f0450f5f1e1fa9d75412642d97b631"),
    hex!("00b1e1f378314f7b3abfe6f5e6e26c58177e93ce2801227576406892d8bffe2b"),
    hex!("c67d287a9332bc38efa81325c9edef310179fb19a4ce598a5093a1cf6fb2fe70"),
    hex!("3649fad5c1abd9efeffc9d518f29a8eebf8ae52eb8c9be804c64452f63c25f58"),
    hex!("86be1a1cd99ea31722f207a5571d252e51052696f56c19767a9f1ab0ee0a4d26"),
    hex!("3e89f0e13727e38cb51056699fdb481bac4e74309f2b1d1fc1012a72a439555f"),
    hex!("e00b4f4a8c82ccf3f8acd4fd2cbd9912912cf995e36cde4439208f144f89653e"),
    hex!("9644b52dad477de21819a52803a7715451a9b40a8b1300d50a389c40584b0a77"),
    hex!("c246912b2fa88c40d5fb72ac43b3cee0cd0b3ac38aa968706f6cf5c610944441"),
    hex!("e6689b631f12e0a964d3583a0b8c7d6a0d3c51005bd0dce0ac8b232ebfea624c"),
    hex!("009342278066f0a2a2608ffb1d3b61930f52cbdf834284ad63855e2b023c9248"),
    hex!("223e0d45507d82a81a033a979085683ac48c44f14e989d285482cc959ad19d54"),
];

/// The dev citizens' accounts.
pub fn dev_citizens() -> Vec<AccountId> {
    DEV_CITIZENS.iter().map(|k| AccountId::from(*k)).collect()
}

fn evidence(tag: &[u8]) -> EvidenceHash {
    <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(tag)
}

/// The development chain's accreditation: Alice (the city) issues every role at High; Bob is a
/// provider, Charlie (research) and Dave (commercial) are consumers, Eve is an arbiter, and the
/// twelve dev citizens are data owners.
pub fn dev_accreditations() -> Accreditations {
    let alice = Sr25519Keyring::Alice.to_account_id();
    let cred = |who: AccountId, role: Role, loa: Loa, class: Option<ConsumerClass>, tag: &[u8]| {
        (who, role, alice.clone(), loa, class, None, evidence(tag))
    };
    let mut credentials = vec![
        cred(
            Sr25519Keyring::Bob.to_account_id(),
            Role::DataProvider,
            Loa::High,
            None,
            b"bob-provider",
        ),
        cred(
            Sr25519Keyring::Charlie.to_account_id(),
            Role::DataConsumer,
            Loa::Substantial,
            Some(ConsumerClass::Research),
            b"charlie-consumer",
        ),
        cred(
            Sr25519Keyring::Dave.to_account_id(),
            Role::DataConsumer,
            Loa::High,
            Some(ConsumerClass::Commercial),
            b"dave-consumer",
        ),
        cred(
            Sr25519Keyring::Eve.to_account_id(),
            Role::Arbiter,
            Loa::High,
            None,
            b"eve-arbiter",
        ),
    ];
    credentials.extend(dev_citizens().into_iter().map(|c| {
        cred(
            c,
            Role::DataOwner,
            Loa::Substantial,
            None,
            b"citizen-onboarding",
        )
    }));
    Accreditations {
        issuers: vec![(
            alice.clone(),
            vec![
                Role::DataOwner,
                Role::DataProvider,
                Role::DataConsumer,
                Role::Arbiter,
            ],
            Loa::High,
        )],
        credentials,
    }
}

fn dev_accounts() -> Vec<AccountId> {
    Sr25519Keyring::iter().map(|k| k.to_account_id()).collect()
}

fn peer(i: usize) -> OpaquePeerId {
    OpaquePeerId(
        DEV_NODE_PEER_IDS
            .get(i)
            .map(|p| p.to_vec())
            .unwrap_or_default(),
    )
}

/// One validator (Alice), who is also the only council member; dev accounts funded.
pub fn development_config_genesis() -> Value {
    let alice = Sr25519Keyring::Alice.to_account_id();
    cityzen_genesis(
        vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
        vec![alice.clone()],
        dev_accounts(),
        vec![(peer(0), alice)],
        dev_accreditations(),
        Some(DEV_ESCROW_PARAMS),
    )
}

/// Four validators, the city (Alice) and three partners (Bob, Charlie, Dave), each on the
/// council and each with its node authorised.
pub fn local_config_genesis() -> Value {
    let members = [
        (Sr25519Keyring::Alice, Ed25519Keyring::Alice),
        (Sr25519Keyring::Bob, Ed25519Keyring::Bob),
        (Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
        (Sr25519Keyring::Dave, Ed25519Keyring::Dave),
    ];
    let council: Vec<AccountId> = members.iter().map(|(sr, _)| sr.to_account_id()).collect();
    let nodes = council
        .iter()
        .enumerate()
        .map(|(i, a)| (peer(i), a.clone()))
        .collect();
    cityzen_genesis(
        members
            .into_iter()
            .map(|(sr, ed)| dev_authority(sr, ed))
            .collect(),
        council,
        dev_accounts(),
        nodes,
        dev_accreditations(),
        None,
    )
}

/// The preset with the given id, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
    let patch = match id.as_ref() {
        sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
        sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
        _ => return None,
    };
    serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The ids of the presets.
pub fn preset_names() -> Vec<PresetId> {
    vec![
        PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
        PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
    ]
}

/// The genesis storage of preset `name`, exactly as the node builds it: the preset's patch
/// merged over the default genesis config. For runtime tests, the fuzzer and tools.
#[cfg(feature = "std")]
pub fn preset_storage(name: &str) -> Result<sp_runtime::Storage, alloc::string::String> {
    use alloc::string::ToString;
    let preset = get_preset(&name.into()).ok_or_else(|| alloc::format!("no preset {name:?}"))?;
    let patch: Value = serde_json::from_slice(&preset).map_err(|e| e.to_string())?;
    let mut config =
        serde_json::to_value(crate::RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
    merge(&mut config, patch);
    let config: crate::RuntimeGenesisConfig =
        serde_json::from_value(config).map_err(|e| e.to_string())?;
    sp_runtime::BuildStorage::build_storage(&config)
}

/// Merges a JSON patch over `base`, objects key by key (RFC 7386 without deletions), as the
/// node merges a preset over the default config.
#[cfg(feature = "std")]
fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}
