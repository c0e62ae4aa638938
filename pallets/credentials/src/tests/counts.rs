//! The valid-credential counts the KPIs read: kept on every write, expiries taken off in
//! `on_initialize`, a removed issuer's credentials at once.
use super::*;
use crate::{Expiring, ValidCount};

fn owners() -> u32 {
    ValidCount::<Test>::get(Role::DataOwner)
}

#[test]
fn counts_follow_issue_revoke_renounce() {
    ExtBuilder::default().build_and_execute(|| {
        let start = owners();
        owner(CITIZEN);
        owner(CITIZEN2);
        assert_eq!(owners(), start + 2);
        research_consumer(ORG);
        assert_eq!(ValidCount::<Test>::get(Role::DataConsumer), 1);
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::signed(CITY),
            CITIZEN,
            Role::DataOwner
        ));
        assert_eq!(owners(), start + 1);
        assert_ok!(Credentials::renounce(
            RuntimeOrigin::signed(CITIZEN2),
            Role::DataOwner
        ));
        assert_eq!(owners(), start);
        check();
    });
}

#[test]
fn an_expiry_leaves_the_count_in_the_block_after_it() {
    ExtBuilder::default().build_and_execute(|| {
        let start = owners();
        assert_ok!(issue(
            CITY,
            CITIZEN,
            Role::DataOwner,
            Loa::Low,
            None,
            Some(5)
        ));
        assert_eq!(owners(), start + 1);
        assert_eq!(Expiring::<Test>::get(6, (0, Role::DataOwner)), 1);
        // Valid up to and including block 5.
        System::set_block_number(5);
        Credentials::on_initialize(5);
        assert_eq!(owners(), start + 1);
        System::set_block_number(6);
        Credentials::on_initialize(6);
        assert_eq!(owners(), start);
        assert!(!Credentials::has(&CITIZEN, Role::DataOwner, Loa::Low));
        check();
        // Revoking the expired credential does not count it out twice; a new one counts.
        assert_ok!(issue(CITY, CITIZEN, Role::DataOwner, Loa::Low, None, None));
        assert_eq!(owners(), start + 1);
        check();
    });
}

#[test]
fn removing_an_issuer_takes_its_credentials_off_at_once() {
    ExtBuilder::default().build_and_execute(|| {
        let consumers = || ValidCount::<Test>::get(Role::DataConsumer);
        let start = owners();
        owner(CITIZEN);
        research_consumer(ORG);
        assert_ok!(issue(
            UNI,
            CITIZEN2,
            Role::DataConsumer,
            Loa::Low,
            Some(ConsumerClass::Research),
            Some(50)
        ));
        assert_eq!(consumers(), 2);
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), UNI));
        assert_eq!(consumers(), 0);
        assert_eq!(owners(), start + 1, "the city's credentials stay");
        // Its credential's end of validity does nothing any more.
        System::set_block_number(51);
        Credentials::on_initialize(51);
        assert_eq!(consumers(), 0);
        // Revoking an invalid credential does not count it out again.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            CITIZEN2,
            Role::DataConsumer
        ));
        assert_eq!(consumers(), 0);
        check();
    });
}
