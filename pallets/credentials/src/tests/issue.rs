//! Issuing, expiry, revoking and renouncing credentials.
use super::*;

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
        // Giving it up keeps the account (security review S5): its nonce and records stay,
        // so no transaction it signed becomes valid again, and it can still withdraw.
        System::inc_account_nonce(CITIZEN);
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(CITIZEN),
            Role::DataOwner
        ));
        assert_eq!(System::sufficients(&CITIZEN), 1);
        assert!(System::account_exists(&CITIZEN));
        assert_eq!(System::account_nonce(CITIZEN), 1);
        // A new credential takes no second reference.
        owner(CITIZEN);
        assert_eq!(System::sufficients(&CITIZEN), 1);
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
        assert_eq!(System::sufficients(&CITIZEN), 1, "kept alive");
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
