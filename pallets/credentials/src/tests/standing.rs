//! An owner's standing: every way a DataOwner credential lapses tells the listener once, in
//! `on_initialize` (revocation, renunciation, a new credential: the next block; expiry: the
//! first invalid block; a removed issuer's owners: swept from the next block on).
use super::*;
use crate::{IssuedOwners, Lapsed, OwnerExpiries, Sweeps};

/// Goes to the next block and runs the pallet's `on_initialize`.
fn next_block() {
    let n = System::block_number() + 1;
    System::set_block_number(n);
    Credentials::on_initialize(n);
}

#[test]
fn revoking_or_renouncing_an_owner_credential_tells_its_lapse_once() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        owner(CITIZEN2);
        research_consumer(ORG);
        next_block();
        assert_eq!(told(), vec![], "a first credential restores nothing");
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::signed(CITY),
            CITIZEN,
            Role::DataOwner
        ));
        assert!(!Credentials::entitled(&CITIZEN), "invalid at once");
        assert_eq!(told(), vec![], "told in the next block's on_initialize");
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(CITIZEN2),
            Role::DataOwner
        ));
        next_block();
        assert_eq!(told(), vec![(CITIZEN, true), (CITIZEN2, true)]);
        assert!(Lapsed::<Test>::contains_key(CITIZEN));
        System::assert_has_event(Event::OwnerLapsed { owner: CITIZEN }.into());
        // Other roles have no consents: nothing told.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            ORG,
            Role::DataConsumer
        ));
        next_block();
        assert_eq!(told(), vec![]);
        check();
    });
}

#[test]
fn a_new_credential_restores_a_lapsed_owner() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            CITIZEN,
            Role::DataOwner
        ));
        next_block();
        assert_eq!(told(), vec![(CITIZEN, true)]);
        owner(CITIZEN);
        next_block();
        assert_eq!(told(), vec![(CITIZEN, false)]);
        assert!(!Lapsed::<Test>::contains_key(CITIZEN));
        System::assert_has_event(Event::OwnerRestored { owner: CITIZEN }.into());
    });
}

/// A change undone in the same block tells nothing: revoked and issued again before the next
/// block, the owner never lapsed as far as its consents are concerned.
#[test]
fn a_lapse_undone_before_the_next_block_tells_nothing() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            CITIZEN,
            Role::DataOwner
        ));
        owner(CITIZEN);
        next_block();
        assert_eq!(told(), vec![]);
        assert!(!Lapsed::<Test>::contains_key(CITIZEN));
    });
}

#[test]
fn expiry_tells_the_lapse_in_the_first_block_the_credential_is_invalid() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(issue(
            CITY,
            CITIZEN,
            Role::DataOwner,
            Loa::Low,
            None,
            Some(5)
        ));
        assert_ok!(issue(
            CITY,
            CITIZEN2,
            Role::DataOwner,
            Loa::Low,
            None,
            Some(5)
        ));
        assert_eq!(OwnerExpiries::<Test>::get(6).len(), 2);
        // CITIZEN2 gives up its credential first: it is told in the next block, and not again
        // at expiry.
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(CITIZEN2),
            Role::DataOwner
        ));
        next_block();
        assert_eq!(told(), vec![(CITIZEN2, true)]);
        System::set_block_number(5);
        Credentials::on_initialize(5);
        assert_eq!(told(), vec![], "still valid in its last block");
        assert!(Credentials::entitled(&CITIZEN));
        System::set_block_number(6);
        Credentials::on_initialize(6);
        assert!(!Credentials::entitled(&CITIZEN));
        assert_eq!(told(), vec![(CITIZEN, true)]);
        assert!(!OwnerExpiries::<Test>::contains_key(6));
        // Re-issued after expiry: restored in the next block.
        owner(CITIZEN);
        next_block();
        assert_eq!(told(), vec![(CITIZEN, false)]);
    });
}

#[test]
fn an_expiry_block_holds_max_owner_lapses_per_block_and_what_does_not_fit_waits() {
    ExtBuilder::default().build_and_execute(|| {
        for who in [30, 31, 32] {
            assert_ok!(issue(CITY, who, Role::DataOwner, Loa::Low, None, Some(9)));
        }
        assert_noop!(
            issue(CITY, 33, Role::DataOwner, Loa::Low, None, Some(9)),
            Error::<Test>::ExpiryBlockFull
        );
        // Another block is free; other roles do not use the list.
        assert_ok!(issue(CITY, 33, Role::DataOwner, Loa::Low, None, Some(10)));
        assert_ok!(issue(CITY, 33, Role::DataProvider, Loa::Low, None, Some(9)));
        // A revoked owner's place is free again.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            30,
            Role::DataOwner
        ));
        assert_ok!(issue(CITY, 34, Role::DataOwner, Loa::Low, None, Some(9)));
        next_block();
        assert_eq!(
            told(),
            vec![(30, true)],
            "the revocation, in the next block"
        );
        // The mock's budget holds two owners a block: 31 and 32 in block 10, 34 waits for
        // block 11, before 33 (whose credential ends at 11).
        System::set_block_number(10);
        Credentials::on_initialize(10);
        assert_eq!(told(), vec![(31, true), (32, true)]);
        System::set_block_number(11);
        Credentials::on_initialize(11);
        assert_eq!(told(), vec![(34, true), (33, true)]);
        assert_eq!(OwnerExpiries::<Test>::iter().count(), 0);
        assert_eq!(crate::LapseCursor::<Test>::get(), 12);
    });
}

#[test]
fn a_removed_issuers_owners_are_swept_max_owner_lapses_per_block_from_the_next_block() {
    ExtBuilder::default().build_and_execute(|| {
        for who in [30, 31, 32, 33] {
            owner(who);
        }
        // 33 moves to another owner issuer before the sweep reaches it.
        assert_ok!(Credentials::add_issuer(
            RuntimeOrigin::root(),
            40,
            RoleSet::from_roles(&[Role::DataOwner]),
            Loa::High
        ));
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
        assert_eq!(told(), vec![], "told from the next block on");
        assert!(!Credentials::entitled(&30), "invalid at once");
        assert_ok!(issue(40, 33, Role::DataOwner, Loa::Low, None, None));
        assert_eq!(told(), vec![], "33 never lapsed as far as the pools know");
        let mut swept = vec![];
        for n in 2..=4 {
            System::set_block_number(n);
            Credentials::on_initialize(n);
            let t = told();
            assert!(t.len() <= 2, "at most what LapseWeightPerBlock holds");
            swept.extend(t);
        }
        swept.sort();
        assert_eq!(swept, vec![(30, true), (31, true), (32, true)]);
        assert!(Sweeps::<Test>::get().is_empty());
        assert_eq!(
            IssuedOwners::<Test>::iter().count(),
            1,
            "33's new credential"
        );
        // An issuer that may not issue DataOwner needs no sweep.
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), UNI));
        assert!(Sweeps::<Test>::get().is_empty());
    });
}

#[test]
fn at_most_sixteen_sweeps_wait() {
    ExtBuilder::default().build_and_execute(|| {
        for i in 0..crate::MAX_SWEEPS {
            let who = 100 + u64::from(i);
            assert_ok!(Credentials::add_issuer(
                RuntimeOrigin::root(),
                who,
                RoleSet::from_roles(&[Role::DataOwner]),
                Loa::High
            ));
            assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), who));
        }
        assert_noop!(
            Credentials::remove_issuer(RuntimeOrigin::root(), CITY),
            Error::<Test>::SweepsPending
        );
        // Empty sweeps end in the next block.
        System::set_block_number(2);
        Credentials::on_initialize(2);
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
    });
}
