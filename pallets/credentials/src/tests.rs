//! Unit tests of the credentials pallet.
use crate::{
    mock::*, Accreditation, ConsumerClass, Credentials as CredentialStore, Error, Event,
    EvidenceHash, FeelessAllowance, FreeCallsUsed, Issuers, Loa, Role, RoleSet,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use sp_runtime::{traits::BadOrigin, BuildStorage};

fn ev(n: u8) -> EvidenceHash {
    EvidenceHash::repeat_byte(n)
}

fn issue(
    issuer: u64,
    subject: u64,
    role: Role,
    loa: Loa,
    class: Option<ConsumerClass>,
    expires_at: Option<u64>,
) -> sp_runtime::DispatchResult {
    Credentials::issue(
        RuntimeOrigin::signed(issuer),
        subject,
        role,
        loa,
        class,
        expires_at,
        ev(7),
    )
}

fn owner(subject: u64) {
    assert_ok!(issue(
        CITY,
        subject,
        Role::DataOwner,
        Loa::Substantial,
        None,
        None
    ));
}

fn check() {
    Credentials::do_try_state().unwrap();
}

/// The university accredits `who` as a Research consumer (LoA Low, no expiry).
fn research_consumer(who: u64) {
    assert_ok!(issue(
        UNI,
        who,
        Role::DataConsumer,
        Loa::Low,
        Some(ConsumerClass::Research),
        None
    ));
}

#[test]
fn genesis_approves_issuers_with_distinct_generations() {
    ExtBuilder::default().build_and_execute(|| {
        let city = Issuers::<Test>::get(CITY).unwrap();
        let uni = Issuers::<Test>::get(UNI).unwrap();
        assert_eq!(city.roles, RoleSet(0b1111));
        assert_eq!(uni.roles, RoleSet::from_roles(&[Role::DataConsumer]));
        assert_ne!(city.generation, uni.generation);
        assert_eq!(crate::NextIssuerGeneration::<Test>::get(), 2);
    });
}

#[test]
fn genesis_credentials_are_issued() {
    let mut t = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap();
    crate::GenesisConfig::<Test> {
        issuers: vec![(CITY, vec![Role::DataOwner, Role::DataConsumer], Loa::High)],
        credentials: vec![
            (CITIZEN, Role::DataOwner, CITY, Loa::Low, None, None, ev(1)),
            (
                ORG,
                Role::DataConsumer,
                CITY,
                Loa::High,
                Some(ConsumerClass::Research),
                Some(100),
                ev(2),
            ),
        ],
    }
    .assimilate_storage(&mut t)
    .unwrap();
    sp_io::TestExternalities::new(t).execute_with(|| {
        assert!(Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));
        assert_eq!(
            Credentials::consumer_class(&ORG),
            Some(ConsumerClass::Research)
        );
        assert_eq!(System::sufficients(&CITIZEN), 1);
    });
}

#[test]
fn add_issuer_works_and_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let roles = RoleSet::from_roles(&[Role::DataProvider, Role::Arbiter]);
        assert_ok!(Credentials::add_issuer(
            RuntimeOrigin::root(),
            5,
            roles,
            Loa::Low
        ));
        System::assert_last_event(
            Event::IssuerAdded {
                issuer: 5,
                roles,
                max_loa: Loa::Low,
            }
            .into(),
        );
        assert_eq!(Issuers::<Test>::get(5).unwrap().generation, 2);
        assert_noop!(
            Credentials::add_issuer(RuntimeOrigin::signed(CITY), 6, roles, Loa::Low),
            BadOrigin
        );
        assert_noop!(
            Credentials::add_issuer(RuntimeOrigin::root(), 5, roles, Loa::Low),
            Error::<Test>::AlreadyIssuer
        );
        assert_noop!(
            Credentials::add_issuer(RuntimeOrigin::root(), 6, RoleSet(0), Loa::Low),
            Error::<Test>::NoRoles
        );
        assert_noop!(
            Credentials::add_issuer(RuntimeOrigin::root(), 6, RoleSet(0b1_0001), Loa::Low),
            Error::<Test>::UnknownRole
        );
    });
}

#[test]
fn remove_issuer_invalidates_its_credentials_lazily_and_for_good() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        research_consumer(ORG);
        assert!(Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));

        assert_noop!(
            Credentials::remove_issuer(RuntimeOrigin::signed(CITY), CITY),
            BadOrigin
        );
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
        System::assert_last_event(Event::IssuerRemoved { issuer: CITY }.into());
        assert_noop!(
            Credentials::remove_issuer(RuntimeOrigin::root(), CITY),
            Error::<Test>::NotIssuer
        );
        // The record stays for audit, but is no longer valid. Other issuers' credentials are.
        assert!(CredentialStore::<Test>::contains_key(
            CITIZEN,
            Role::DataOwner
        ));
        assert!(!Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));
        assert!(Credentials::has(&ORG, Role::DataConsumer, Loa::Low));

        // Approving the issuer again does not revive what it issued before.
        assert_ok!(Credentials::add_issuer(
            RuntimeOrigin::root(),
            CITY,
            RoleSet(0b1111),
            Loa::High
        ));
        assert!(!Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));
        // It can issue again, over the invalid record.
        owner(CITIZEN);
        assert!(Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));
        assert_eq!(System::sufficients(&CITIZEN), 1);
    });
}

#[test]
fn issue_works_for_every_role() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(issue(CITY, CITIZEN, Role::DataOwner, Loa::Low, None, None));
        assert_ok!(issue(
            CITY,
            ORG,
            Role::DataProvider,
            Loa::High,
            None,
            Some(50)
        ));
        assert_ok!(issue(
            CITY,
            ORG,
            Role::DataConsumer,
            Loa::Substantial,
            Some(ConsumerClass::Commercial),
            None
        ));
        assert_ok!(issue(CITY, ORG, Role::Arbiter, Loa::High, None, None));
        System::assert_last_event(
            Event::CredentialIssued {
                subject: ORG,
                role: Role::Arbiter,
                issuer: CITY,
                loa: Loa::High,
                class: None,
                expires_at: None,
                evidence_hash: ev(7),
            }
            .into(),
        );
        let c = CredentialStore::<Test>::get(ORG, Role::DataProvider).unwrap();
        assert_eq!(
            (c.issuer, c.loa, c.issued_at, c.expires_at),
            (CITY, Loa::High, 1, Some(50))
        );
        assert!(Credentials::has(&ORG, Role::DataProvider, Loa::High));
        assert!(Credentials::has(&ORG, Role::DataConsumer, Loa::Low));
        assert!(!Credentials::has(&ORG, Role::DataConsumer, Loa::High));
        assert!(!Credentials::has(&ORG, Role::DataOwner, Loa::Low));
        assert_eq!(
            Credentials::consumer_class(&ORG),
            Some(ConsumerClass::Commercial)
        );
        assert_eq!(Credentials::consumer_class(&CITIZEN), None);
    });
}

#[test]
fn issue_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_noop!(
            Credentials::issue(
                RuntimeOrigin::none(),
                ORG,
                Role::DataOwner,
                Loa::Low,
                None,
                None,
                ev(1)
            ),
            BadOrigin
        );
        let research = Some(ConsumerClass::Research);
        // (issuer, subject, role, level, class) and what each is refused for.
        for (issuer, subject, role, loa, class, error) in [
            (
                ORG,
                CITIZEN,
                Role::DataOwner,
                Loa::Low,
                None,
                Error::<Test>::NotIssuer,
            ),
            (
                UNI,
                CITIZEN,
                Role::DataOwner,
                Loa::Low,
                None,
                Error::<Test>::RoleNotAllowed,
            ),
            (
                UNI,
                ORG,
                Role::DataConsumer,
                Loa::High,
                research,
                Error::<Test>::LoaTooHigh,
            ),
            (
                CITY,
                ORG,
                Role::DataConsumer,
                Loa::Low,
                None,
                Error::<Test>::ConsumerClassRequired,
            ),
            (
                CITY,
                ORG,
                Role::DataProvider,
                Loa::Low,
                research,
                Error::<Test>::ConsumerClassNotApplicable,
            ),
            (
                CITY,
                CITY,
                Role::DataProvider,
                Loa::Low,
                None,
                Error::<Test>::SelfIssuance,
            ),
        ] {
            assert_noop!(issue(issuer, subject, role, loa, class, None), error);
        }
        System::set_block_number(10);
        assert_noop!(
            issue(CITY, ORG, Role::DataProvider, Loa::Low, None, Some(10)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_noop!(
            issue(CITY, ORG, Role::DataProvider, Loa::Low, None, Some(3)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_ok!(issue(
            CITY,
            ORG,
            Role::DataProvider,
            Loa::Low,
            None,
            Some(11)
        ));
        assert_noop!(
            issue(CITY, ORG, Role::DataProvider, Loa::High, None, None),
            Error::<Test>::CredentialExists
        );
    });
}

#[test]
fn expiry_is_inclusive_and_an_expired_credential_can_be_reissued() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(issue(
            CITY,
            ORG,
            Role::DataProvider,
            Loa::Low,
            None,
            Some(5)
        ));
        System::set_block_number(5);
        assert!(Credentials::has(&ORG, Role::DataProvider, Loa::Low));
        System::set_block_number(6);
        assert!(!Credentials::has(&ORG, Role::DataProvider, Loa::Low));
        assert_ok!(issue(CITY, ORG, Role::DataProvider, Loa::High, None, None));
        assert!(Credentials::has(&ORG, Role::DataProvider, Loa::High));
    });
}

#[test]
fn data_owner_credential_makes_a_zero_balance_account_exist() {
    ExtBuilder::default().build_and_execute(|| {
        assert!(!System::account_exists(&CITIZEN));
        owner(CITIZEN);
        assert!(System::account_exists(&CITIZEN));
        assert_eq!(Balances::free_balance(CITIZEN), 0);
        assert_eq!(System::sufficients(&CITIZEN), 1);
        // Other roles take no reference.
        assert_ok!(issue(CITY, ORG, Role::DataProvider, Loa::Low, None, None));
        assert_eq!(System::sufficients(&ORG), 0);
        // Giving it up lets the account go again.
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(CITIZEN),
            Role::DataOwner
        ));
        assert_eq!(System::sufficients(&CITIZEN), 0);
        assert!(!System::account_exists(&CITIZEN));
    });
}

#[test]
fn reissuing_over_an_invalid_owner_credential_keeps_one_reference() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(issue(
            CITY,
            CITIZEN,
            Role::DataOwner,
            Loa::Low,
            None,
            Some(3)
        ));
        System::set_block_number(4);
        owner(CITIZEN);
        assert_eq!(System::sufficients(&CITIZEN), 1);
    });
}

#[test]
fn revoke_by_issuer_or_council_and_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        research_consumer(ORG);
        assert_noop!(
            Credentials::revoke(RuntimeOrigin::signed(UNI), CITIZEN, Role::DataOwner),
            Error::<Test>::NotCredentialIssuer
        );
        assert_noop!(
            Credentials::revoke(RuntimeOrigin::signed(CITIZEN), CITIZEN, Role::DataOwner),
            Error::<Test>::NotCredentialIssuer
        );
        assert_noop!(
            Credentials::revoke(RuntimeOrigin::none(), CITIZEN, Role::DataOwner),
            BadOrigin
        );
        assert_noop!(
            Credentials::revoke(RuntimeOrigin::signed(CITY), CITIZEN, Role::Arbiter),
            Error::<Test>::NoCredential
        );
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::signed(CITY),
            CITIZEN,
            Role::DataOwner
        ));
        System::assert_last_event(
            Event::CredentialRevoked {
                subject: CITIZEN,
                role: Role::DataOwner,
            }
            .into(),
        );
        assert!(!CredentialStore::<Test>::contains_key(
            CITIZEN,
            Role::DataOwner
        ));
        assert_eq!(System::sufficients(&CITIZEN), 0);
        // The council may revoke any credential.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            ORG,
            Role::DataConsumer
        ));
        assert_eq!(Credentials::consumer_class(&ORG), None);
    });
}

#[test]
fn renounce_works_and_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(issue(CITY, ORG, Role::Arbiter, Loa::Low, None, None));
        assert_noop!(
            Credentials::renounce(RuntimeOrigin::signed(ORG), Role::DataProvider),
            Error::<Test>::NoCredential
        );
        assert_noop!(
            Credentials::renounce(RuntimeOrigin::none(), Role::Arbiter),
            BadOrigin
        );
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(ORG),
            Role::Arbiter
        ));
        System::assert_last_event(
            Event::CredentialRenounced {
                subject: ORG,
                role: Role::Arbiter,
            }
            .into(),
        );
        assert!(!Credentials::has(&ORG, Role::Arbiter, Loa::Low));
    });
}

#[test]
fn free_call_allowance_is_per_owner_per_period() {
    ExtBuilder::default().build_and_execute(|| {
        // Not an owner: not entitled, nothing free.
        assert!(!Credentials::entitled(&ORG));
        assert_noop!(
            Credentials::use_free_call(&ORG),
            Error::<Test>::FreeCallsExhausted
        );

        owner(CITIZEN);
        owner(CITIZEN2);
        for _ in 0..3 {
            assert!(Credentials::entitled(&CITIZEN));
            assert_ok!(Credentials::use_free_call(&CITIZEN));
        }
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 0);
        // Still entitled (a data owner), but nothing left in this period.
        assert!(Credentials::entitled(&CITIZEN));
        assert_noop!(
            Credentials::use_free_call(&CITIZEN),
            Error::<Test>::FreeCallsExhausted
        );
        // Another owner has its own allowance.
        assert_eq!(Credentials::free_calls_left(&CITIZEN2), 3);
        // The period started at block 1 and lasts 10 blocks: still exhausted at 10, renewed at 11.
        System::set_block_number(10);
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 0);
        System::set_block_number(11);
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 3);
        assert_ok!(Credentials::use_free_call(&CITIZEN));
        assert_eq!(
            FreeCallsUsed::<Test>::get(CITIZEN).unwrap().period_start,
            11
        );
        // An owner whose issuer was removed is no longer entitled.
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
        assert!(!Credentials::entitled(&CITIZEN2));
        assert_eq!(Credentials::free_calls_left(&CITIZEN2), 0);
    });
}

mod free_calls_extension {
    use super::*;
    use crate::FreeCalls;
    use cityzen_primitives::FREE_CALLS_EXHAUSTED;
    use frame_support::{
        dispatch::{DispatchErrorWithPostInfo, GetDispatchInfo, PostDispatchInfo},
        traits::fungible::{Inspect, Mutate},
    };
    use pallet_transaction_payment::ChargeTransactionPayment;
    use sp_runtime::{
        traits::DispatchTransaction,
        transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
    };

    type Ext = FreeCalls<Test, ChargeTransactionPayment<Test>>;
    /// Enough to pay a fee (the mock's fee is the weight in picoseconds).
    const FUNDS: u64 = 1_000_000_000_000;
    type Applied =
        Result<Result<PostDispatchInfo, DispatchErrorWithPostInfo>, TransactionValidityError>;

    fn ext() -> Ext {
        FreeCalls::from(ChargeTransactionPayment::<Test>::from(0))
    }

    fn ping(ok: bool) -> RuntimeCall {
        RuntimeCall::FreeTest(free_test::Call::ping { ok })
    }

    /// Applies `call` from `who` as a block would: validate, prepare, dispatch, post-dispatch.
    fn apply(who: u64, call: RuntimeCall) -> Applied {
        let info = call.get_dispatch_info();
        ext().dispatch_transaction(RuntimeOrigin::signed(who), call, &info, 10, 0)
    }

    /// Validates `call` from `who` as the pool does, without applying it.
    fn validate(who: u64, call: RuntimeCall) -> Result<(), TransactionValidityError> {
        let info = call.get_dispatch_info();
        ext()
            .validate_only(
                RuntimeOrigin::signed(who),
                &call,
                &info,
                10,
                TransactionSource::External,
                0,
            )
            .map(|_| ())
    }

    fn exhausted() -> TransactionValidityError {
        InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into()
    }

    fn used(who: u64) -> u32 {
        FreeCallsUsed::<Test>::get(who).map_or(0, |u| u.used)
    }

    #[test]
    fn failing_free_calls_use_the_allowance_then_are_refused() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            for n in 1..=3 {
                // Included, dispatch fails, no fee: the count still goes up.
                let applied = apply(CITIZEN, ping(false)).expect("valid transaction");
                assert_eq!(
                    applied.map_err(|e| e.error),
                    Err(free_test::Error::<Test>::Refused.into())
                );
                assert_eq!(used(CITIZEN), n);
                assert_eq!(Balances::balance(&CITIZEN), 0);
            }
            // The fourth: the owner cannot pay, so it is refused with the documented code,
            // whether it would succeed or fail.
            assert_eq!(apply(CITIZEN, ping(false)), Err(exhausted()));
            assert_eq!(apply(CITIZEN, ping(true)), Err(exhausted()));
            assert_eq!(used(CITIZEN), 3);
            // The pool sees the same: validation alone refuses it and changes nothing.
            assert_eq!(validate(CITIZEN, ping(true)), Err(exhausted()));
            // The next period gives the allowance back.
            System::set_block_number(11);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert_eq!(used(CITIZEN), 1);
            check();
        });
    }

    #[test]
    fn successful_free_calls_skip_the_fee_and_count() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert_eq!(used(CITIZEN), 1);
            assert_eq!(Balances::balance(&CITIZEN), 0);
            System::assert_last_event(
                pallet_skip_feeless_payment::Event::<Test>::FeeSkipped {
                    origin: frame_system::RawOrigin::Signed(CITIZEN).into(),
                }
                .into(),
            );
            // Validation alone does not use a free call.
            assert_eq!(validate(CITIZEN, ping(true)), Ok(()));
            assert_eq!(used(CITIZEN), 1);
        });
    }

    #[test]
    fn past_the_allowance_an_owner_who_can_pay_is_charged() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            for _ in 0..3 {
                assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            }
            assert_ok!(Balances::mint_into(&CITIZEN, FUNDS));
            let before = Balances::balance(&CITIZEN);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert!(Balances::balance(&CITIZEN) < before, "the fee was charged");
            assert_eq!(used(CITIZEN), 3);
        });
    }

    #[test]
    fn other_calls_and_other_senders_are_charged_and_not_counted() {
        ExtBuilder::default().build_and_execute(|| {
            // Not a data owner: the fee-less call is charged; ORG can pay.
            assert_ok!(Balances::mint_into(&ORG, FUNDS));
            let before = Balances::balance(&ORG);
            assert!(apply(ORG, ping(true)).expect("valid").is_ok());
            assert!(Balances::balance(&ORG) < before);
            assert_eq!(used(ORG), 0);
            // A data owner's call that is not fee-less is charged: with no balance, refused
            // for payment (not as an exhausted allowance).
            owner(CITIZEN);
            let renounce = RuntimeCall::Credentials(crate::Call::renounce {
                role: Role::DataOwner,
            });
            assert_eq!(
                apply(CITIZEN, renounce),
                Err(InvalidTransaction::Payment.into())
            );
            assert_eq!(used(CITIZEN), 0);
        });
    }
}

#[test]
fn try_state_detects_a_class_on_the_wrong_role() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        assert_ok!(issue(CITY, ORG, Role::DataProvider, Loa::Low, None, None));
        CredentialStore::<Test>::mutate(ORG, Role::DataProvider, |c| {
            c.as_mut().unwrap().class = Some(ConsumerClass::Research)
        });
        assert!(Credentials::do_try_state().is_err());
    });
}

#[test]
fn try_state_detects_an_owner_without_reference() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        owner(CITIZEN);
        System::dec_sufficients(&CITIZEN);
        assert!(Credentials::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(|| {
        <Credentials as Hooks<u64>>::integrity_test();
    });
}
