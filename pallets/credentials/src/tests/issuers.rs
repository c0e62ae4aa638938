//! Issuers: genesis, approval and removal by the council.
use super::*;

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
