//! Runtime tests in the real runtime configuration: genesis presets, council governance of the
//! validator set, node authorisation and root; refusals for everyone else.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_runtime::{
    genesis_config_presets, AccountId, AllPalletsWithSystem, Council, CouncilMembership,
    CouncilRoot, NodeAuthorization, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Session,
    SessionKeys, System, ValidatorSet,
};
use codec::Encode;
use frame_support::{
    assert_noop, assert_ok,
    dispatch::GetDispatchInfo,
    traits::{Hooks, IntegrityTest},
};
use sp_core::OpaquePeerId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::BadOrigin, DispatchError};

use common::{acc, ext_from_preset};

/// Runs session rotation logic up to block `n` (sessions end every `SessionPeriod` blocks).
fn run_to_block(n: u32) {
    while System::block_number() < n {
        let next = System::block_number() + 1;
        System::set_block_number(next);
        Session::on_initialize(next);
    }
}

fn aura_authorities() -> usize {
    pallet_aura::Authorities::<Runtime>::get().len()
}

fn register_keys(who: &AccountId) {
    let generated = SessionKeys::generate(&who.encode(), None);
    assert_ok!(Session::set_keys(
        RuntimeOrigin::signed(who.clone()),
        generated.keys,
        generated.proof.encode()
    ));
}

/// A council member proposes `call`; with `threshold` 1 it runs at once.
fn propose(who: Sr25519Keyring, threshold: u32, call: RuntimeCall) {
    let len = call.encoded_size() as u32;
    assert_ok!(Council::propose(
        RuntimeOrigin::signed(acc(who)),
        threshold,
        Box::new(call),
        len
    ));
}

fn last_council_executed() -> Option<Result<(), DispatchError>> {
    System::events()
        .into_iter()
        .rev()
        .find_map(|r| match r.event {
            RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
                Some(result)
            }
            _ => None,
        })
}

fn check_invariants() {
    ValidatorSet::do_try_state().unwrap();
}

#[test]
fn both_presets_build_and_pass_integrity_tests() {
    let names = genesis_config_presets::preset_names();
    assert_eq!(names.len(), 2);
    ext_from_preset("development").execute_with(|| {
        AllPalletsWithSystem::integrity_test();
        assert_eq!(ValidatorSet::validators(), vec![acc(Sr25519Keyring::Alice)]);
        assert_eq!(Session::validators(), vec![acc(Sr25519Keyring::Alice)]);
        assert_eq!(aura_authorities(), 1);
        assert_eq!(
            pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(),
            1
        );
        assert_eq!(
            pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner(),
            vec![acc(Sr25519Keyring::Alice)]
        );
        assert_eq!(
            pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
            vec![acc(Sr25519Keyring::Alice)]
        );
        assert_eq!(
            pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(),
            1
        );
        assert!(pallet_balances::Pallet::<Runtime>::free_balance(acc(Sr25519Keyring::Ferdie)) > 0);
        check_invariants();
    });
    ext_from_preset("local_testnet").execute_with(|| {
        let mut four = vec![
            acc(Sr25519Keyring::Alice),
            acc(Sr25519Keyring::Bob),
            acc(Sr25519Keyring::Charlie),
            acc(Sr25519Keyring::Dave),
        ];
        four.sort();
        assert_eq!(ValidatorSet::validators(), four);
        assert_eq!(aura_authorities(), 4);
        assert_eq!(
            pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(),
            4
        );
        let mut council =
            pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
        council.sort();
        assert_eq!(council, four);
        let nodes = pallet_node_authorization::WellKnownNodes::<Runtime>::get();
        assert_eq!(nodes.len(), 4);
        // Each node is owned by its consortium member.
        for (i, peer) in genesis_config_presets::DEV_NODE_PEER_IDS.iter().enumerate() {
            let owner =
                pallet_node_authorization::Owners::<Runtime>::get(OpaquePeerId(peer.to_vec()));
            assert_eq!(
                owner.as_ref(),
                four.iter().find(|a| Some(*a) == owner.as_ref())
            );
            assert!(owner.is_some(), "node {i} has no owner");
        }
        check_invariants();
    });
}

#[test]
fn council_motion_adds_a_validator_that_becomes_an_authority() {
    ext_from_preset("development").execute_with(|| {
        let bob = acc(Sr25519Keyring::Bob);
        register_keys(&bob);
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
                who: bob.clone(),
            }),
        );
        assert_eq!(last_council_executed(), Some(Ok(())));
        assert!(ValidatorSet::validators().contains(&bob));
        check_invariants();

        let period = cityzen_runtime::configs::consensus::SessionPeriod::get();
        // First session change: the new set is queued in the session pallet.
        run_to_block(period);
        assert_eq!(Session::current_index(), 1);
        assert!(Session::queued_keys().iter().any(|(v, _)| *v == bob));
        assert_eq!(aura_authorities(), 1);
        // Second session change: Bob authors blocks and votes on finality.
        run_to_block(2 * period);
        assert_eq!(Session::current_index(), 2);
        assert!(Session::validators().contains(&bob));
        assert_eq!(aura_authorities(), 2);
    });
}

#[test]
fn adding_a_validator_without_session_keys_is_refused() {
    ext_from_preset("development").execute_with(|| {
        let bob = acc(Sr25519Keyring::Bob);
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
                who: bob.clone(),
            }),
        );
        assert_eq!(
            last_council_executed(),
            Some(Err(
                pallet_validator_set::Error::<Runtime>::NoSessionKeys.into()
            ))
        );
        assert!(!ValidatorSet::validators().contains(&bob));
    });
}

#[test]
fn removing_below_the_minimum_is_refused() {
    ext_from_preset("development").execute_with(|| {
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
                who: acc(Sr25519Keyring::Alice),
            }),
        );
        assert_eq!(
            last_council_executed(),
            Some(Err(
                pallet_validator_set::Error::<Runtime>::TooFewValidators.into()
            ))
        );
        assert_eq!(ValidatorSet::validators(), vec![acc(Sr25519Keyring::Alice)]);
        check_invariants();
    });
}

#[test]
fn four_member_council_needs_a_majority() {
    ext_from_preset("local_testnet").execute_with(|| {
        let peer = OpaquePeerId(vec![7u8; 38]);
        let call =
            RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::add_well_known_node {
                node: peer.clone(),
                owner: acc(Sr25519Keyring::Eve).into(),
            });
        let len = call.encoded_size() as u32;
        let weight = call.get_dispatch_info().call_weight;
        // A motion with threshold 2 of 4 passes the vote but not the origin check (needs > 1/2).
        propose(Sr25519Keyring::Alice, 2, call.clone());
        let hash = pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get()[0];
        assert_ok!(Council::vote(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Alice)),
            hash,
            0,
            true
        ));
        assert_ok!(Council::vote(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)),
            hash,
            0,
            true
        ));
        assert_ok!(Council::close(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)),
            hash,
            0,
            weight,
            len
        ));
        assert_eq!(last_council_executed(), Some(Err(BadOrigin.into())));
        assert_eq!(
            pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(),
            4
        );

        // Three of four: the node is authorised.
        propose(Sr25519Keyring::Alice, 3, call);
        let hash = pallet_collective::Proposals::<Runtime, pallet_collective::Instance1>::get()[0];
        for who in [
            Sr25519Keyring::Alice,
            Sr25519Keyring::Bob,
            Sr25519Keyring::Charlie,
        ] {
            assert_ok!(Council::vote(
                RuntimeOrigin::signed(acc(who)),
                hash,
                1,
                true
            ));
        }
        assert_ok!(Council::close(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Dave)),
            hash,
            1,
            weight,
            len
        ));
        assert_eq!(last_council_executed(), Some(Ok(())));
        assert!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().contains(&peer));
    });
}

#[test]
fn council_motion_acts_as_root() {
    ext_from_preset("development").execute_with(|| {
        let inner = RuntimeCall::System(frame_system::Call::set_storage {
            items: vec![(b":cityzen:test".to_vec(), b"ok".to_vec())],
        });
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::CouncilRoot(pallet_council_root::Call::dispatch_as_root {
                call: Box::new(inner),
            }),
        );
        assert_eq!(last_council_executed(), Some(Ok(())));
        assert_eq!(
            sp_io::storage::get(b":cityzen:test").map(|v| v.to_vec()),
            Some(b"ok".to_vec())
        );
        System::assert_has_event(RuntimeEvent::CouncilRoot(
            pallet_council_root::Event::RootDispatched { result: Ok(()) },
        ));
    });
}

#[test]
fn signed_non_council_accounts_are_refused() {
    ext_from_preset("development").execute_with(|| {
        let bob = acc(Sr25519Keyring::Bob);
        let signed = || RuntimeOrigin::signed(bob.clone());
        register_keys(&bob);
        assert_noop!(
            ValidatorSet::add_validator(signed(), bob.clone()),
            BadOrigin
        );
        assert_noop!(
            ValidatorSet::remove_validator(signed(), acc(Sr25519Keyring::Alice)),
            BadOrigin
        );
        assert_noop!(
            NodeAuthorization::add_well_known_node(
                signed(),
                OpaquePeerId(vec![1u8; 38]),
                bob.clone().into()
            ),
            BadOrigin
        );
        assert_noop!(System::set_code(signed(), vec![0u8; 8]), BadOrigin);
        assert_noop!(
            CouncilRoot::dispatch_as_root(
                signed(),
                Box::new(RuntimeCall::System(frame_system::Call::set_code {
                    code: vec![0u8; 8]
                }))
            ),
            BadOrigin
        );
        assert_noop!(
            CouncilMembership::add_member(signed(), bob.clone().into()),
            BadOrigin
        );
        // Nor can a non-member put a motion to the council.
        let call = RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
            who: bob.clone(),
        });
        assert_noop!(
            Council::propose(signed(), 1, Box::new(call), 64),
            pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
        );
        assert!(!ValidatorSet::validators().contains(&bob));
    });
}

#[test]
fn council_motion_authorizes_a_runtime_upgrade() {
    ext_from_preset("development").execute_with(|| {
        let code_hash = sp_core::H256::repeat_byte(0x42);
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::CouncilRoot(pallet_council_root::Call::dispatch_as_root {
                call: Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade {
                    code_hash,
                })),
            }),
        );
        assert_eq!(last_council_executed(), Some(Ok(())));
        System::assert_has_event(RuntimeEvent::System(
            frame_system::Event::UpgradeAuthorized {
                code_hash,
                check_version: true,
            },
        ));
        // A signed account cannot authorise an upgrade itself.
        assert_noop!(
            System::authorize_upgrade(RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)), code_hash),
            BadOrigin
        );
    });
}

#[test]
fn dev_preset_accredits_the_marketplace_and_citizens_exist_with_zero_balance() {
    use cityzen_primitives::{Accreditation, ConsumerClass, Loa, Role};
    use cityzen_runtime::Credentials;
    ext_from_preset("development").execute_with(|| {
        assert!(Credentials::has(
            &acc(Sr25519Keyring::Bob),
            Role::DataProvider,
            Loa::High
        ));
        assert_eq!(
            Credentials::consumer_class(&acc(Sr25519Keyring::Charlie)),
            Some(ConsumerClass::Research)
        );
        assert_eq!(
            Credentials::consumer_class(&acc(Sr25519Keyring::Dave)),
            Some(ConsumerClass::Commercial)
        );
        assert!(Credentials::has(
            &acc(Sr25519Keyring::Eve),
            Role::Arbiter,
            Loa::High
        ));
        assert!(!Credentials::has(
            &acc(Sr25519Keyring::Ferdie),
            Role::DataConsumer,
            Loa::Low
        ));
        let citizens = genesis_config_presets::dev_citizens();
        assert_eq!(citizens.len(), 12);
        for c in &citizens {
            assert!(Credentials::has(c, Role::DataOwner, Loa::Substantial));
            assert!(System::account_exists(c));
            assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(c), 0);
        }
        // The first dev citizen is //Citizen01.
        assert_eq!(
            citizens[0].to_string(),
            "5GRLC7Cdfp7gW2eLC8dHcaFqsPVXZjuNkNipYxrTZRPMG44H"
        );
        pallet_credentials::Pallet::<Runtime>::do_try_state().unwrap();
    });
}

#[test]
fn issuers_are_approved_by_council_motion_only() {
    use cityzen_primitives::{Accreditation, Loa, Role, RoleSet};
    use cityzen_runtime::Credentials;
    ext_from_preset("development").execute_with(|| {
        let ferdie = acc(Sr25519Keyring::Ferdie);
        let roles = RoleSet::from_roles(&[Role::DataConsumer]);
        assert_noop!(
            Credentials::add_issuer(
                RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)),
                ferdie.clone(),
                roles,
                Loa::Substantial
            ),
            BadOrigin
        );
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::Credentials(pallet_credentials::Call::add_issuer {
                issuer: ferdie.clone(),
                roles,
                max_loa: Loa::Substantial,
            }),
        );
        assert_eq!(last_council_executed(), Some(Ok(())));
        // Ferdie may now accredit a consumer, within its level.
        assert_ok!(Credentials::issue(
            RuntimeOrigin::signed(ferdie.clone()),
            acc(Sr25519Keyring::Bob),
            Role::DataConsumer,
            Loa::Substantial,
            Some(cityzen_primitives::ConsumerClass::NonProfit),
            None,
            sp_core::H256::repeat_byte(9)
        ));
        assert!(Credentials::has(
            &acc(Sr25519Keyring::Bob),
            Role::DataConsumer,
            Loa::Substantial
        ));
        // A council motion removes the issuer: its credential stops counting at once.
        propose(
            Sr25519Keyring::Alice,
            1,
            RuntimeCall::Credentials(pallet_credentials::Call::remove_issuer { issuer: ferdie }),
        );
        assert!(!Credentials::has(
            &acc(Sr25519Keyring::Bob),
            Role::DataConsumer,
            Loa::Low
        ));
    });
}

#[test]
fn a_zero_balance_citizen_can_sign_but_not_pay() {
    ext_from_preset("development").execute_with(|| {
        let citizen = genesis_config_presets::dev_citizens()[0].clone();
        // The account exists (nonce is usable) with nothing to pay fees from: transfers fail.
        assert_eq!(System::account_nonce(&citizen), 0);
        assert!(pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
            RuntimeOrigin::signed(citizen),
            acc(Sr25519Keyring::Bob).into(),
            1
        )
        .is_err());
    });
}

/// zombienet.sh shortens sessions by writing this key into its raw chain spec.
#[test]
fn session_period_is_a_storage_parameter_at_the_key_zombienet_sets() {
    use cityzen_runtime::configs::consensus::SessionPeriod;
    let key: String = SessionPeriod::key()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(key, "bcaa06fe04f08327486358af0fd636b8");
    common::ext_from_preset("local_testnet").execute_with(|| {
        assert_eq!(SessionPeriod::get(), 10 * cityzen_runtime::MINUTES);
        sp_io::storage::set(&SessionPeriod::key(), &codec::Encode::encode(&10u32));
        assert_eq!(SessionPeriod::get(), 10);
    });
}
