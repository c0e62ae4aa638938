//! Genesis presets: `development` (one validator, one council member) and `local_testnet` (the
//! city and three partners). A real consortium builds its JSON chain spec from a preset and
//! replaces the keys (see `docs/operators.md`).

use crate::{
	AccountId, BalancesConfig, CouncilMembershipConfig, NodeAuthorizationConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, ValidatorSetConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each dev account is given at genesis.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Peer ids of the nodes started with `--node-key` 0x00..01 to 0x00..04 (ed25519 secret seeds),
/// as printed by `cityzen-node key inspect-node-key`. Used by the dev and local presets only.
pub const DEV_NODE_PEER_IDS: [[u8; 38]; 4] = [
	hex_peer(*b"0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"),
	hex_peer(*b"0024080112207422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"),
	hex_peer(*b"002408011220f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"),
	hex_peer(*b"002408011220fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"),
];

const fn hex_digit(c: u8) -> u8 {
	match c {
		b'0'..=b'9' => c - b'0',
		b'a'..=b'f' => c - b'a' + 10,
		_ => panic!("not a lowercase hex digit"),
	}
}

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn hex_peer(hex: [u8; 76]) -> [u8; 38] {
	let mut out = [0u8; 38];
	let mut i = 0;
	while i < 38 {
		out[i] = hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1]);
		i += 1;
	}
	out
}

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
	Authority { account: sr.to_account_id(), aura: sr.public().into(), grandpa: ed.public().into() }
}

/// Builds a genesis config patch from its parts.
pub fn cityzen_genesis(
	authorities: Vec<Authority>,
	council: Vec<AccountId>,
	endowed: Vec<AccountId>,
	nodes: Vec<(OpaquePeerId, AccountId)>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			initial_validators: authorities.iter().map(|a| a.account.clone()).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: authorities
				.into_iter()
				.map(|a| {
					(
						a.account.clone(),
						a.account,
						SessionKeys { aura: a.aura, grandpa: a.grandpa },
					)
				})
				.collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig { members: council.try_into().unwrap_or_default() },
		node_authorization: NodeAuthorizationConfig { nodes },
	})
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|k| k.to_account_id()).collect()
}

fn peer(i: usize) -> OpaquePeerId {
	OpaquePeerId(DEV_NODE_PEER_IDS.get(i).map(|p| p.to_vec()).unwrap_or_default())
}

/// One validator (Alice), who is also the only council member; dev accounts funded.
pub fn development_config_genesis() -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	cityzen_genesis(
		vec![dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![alice.clone()],
		dev_accounts(),
		vec![(peer(0), alice)],
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
	let nodes = council.iter().enumerate().map(|(i, a)| (peer(i), a.clone())).collect();
	cityzen_genesis(
		members.into_iter().map(|(sr, ed)| dev_authority(sr, ed)).collect(),
		council,
		dev_accounts(),
		nodes,
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
