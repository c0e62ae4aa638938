//! Giving and renewing consent, and their refusals.

use super::*;

#[test]
fn give_consent_works() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(50)));
        System::assert_last_event(
            Event::ConsentGiven {
                owner: OWNER,
                product: PRODUCT,
                purposes: ps(&[R, S]),
                expires_at: Some(50),
                receipt_hash: receipt(1),
            }
            .into(),
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(r.state, ConsentState::Given);
        assert_eq!((r.given_at, r.updated_at, r.expires_at), (1, 1, Some(50)));
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
        assert!(!Consent::is_live(&OWNER, PRODUCT, B));
        assert!(!Consent::is_live(&OWNER2, PRODUCT, R));
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, true), (OWNER, PRODUCT, S, true)]
        );
        assert_eq!(LiveProducts::<Test>::get(OWNER).into_inner(), vec![PRODUCT]);
        assert_eq!(LiveConsentCount::<Test>::get(), 1);
        assert_eq!(queued(50), vec![(OWNER, PRODUCT)]);
    });
}

#[test]
fn give_consent_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_refused!(
            Consent::give_consent(RuntimeOrigin::none(), PRODUCT, ps(&[R]), None, receipt(1)),
            BadOrigin
        );
        assert_noop!(
            give(STRANGER, PRODUCT, &[R], None),
            Error::<Test>::NotDataOwner
        );
        assert_noop!(give(OWNER, 99, &[R], None), Error::<Test>::ProductNotActive);
        assert_noop!(
            give(OWNER, PAUSED, &[R], None),
            Error::<Test>::ProductNotActive
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[R, Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_noop!(give(OWNER, PRODUCT, &[], None), Error::<Test>::NoPurposes);
        assert_noop!(
            give(OWNER, PRODUCT, &[R, S, R], None),
            Error::<Test>::DuplicatePurpose
        );
        run_to(5);
        assert_noop!(
            give(OWNER, PRODUCT, &[R], Some(5)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[R], Some(2)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_noop!(
            give(OWNER, PRODUCT, &[S], None),
            Error::<Test>::AlreadyGiven
        );
    });
}

#[test]
fn too_many_consents_per_owner() {
    ExtBuilder::default().build_and_execute(|| {
        // MaxConsentsPerOwner = 3 live consents; a withdrawn one frees its place.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(give(OWNER, PRODUCT2, &[R], None));
        set_active(PAUSED, true);
        assert_ok!(give(OWNER, PAUSED, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        // The withdrawn record stays for audit, but only two are live.
        assert_eq!(LiveProducts::<Test>::get(OWNER).len(), 2);
        assert_ok!(give(OWNER, PRODUCT, &[S], None));
        assert_eq!(LiveProducts::<Test>::get(OWNER).len(), 3);
    });
}

#[test]
fn too_many_consents_refused_for_a_new_product() {
    ExtBuilder::default().build_and_execute(|| {
        // Three live consents: a fourth product is refused.
        set_active(PAUSED, true);
        for p in [PRODUCT, PRODUCT2, PAUSED] {
            assert_ok!(give(OWNER2, p, &[R], None));
        }
        assert_noop!(
            give(OWNER2, PRODUCT4, &[R], None),
            Error::<Test>::TooManyConsents
        );
    });
}

/// Security review S12: only live consents count towards `MaxConsentsPerOwner`; an owner who
/// consented to and withdrew from many products over time can still consent to a new one.
#[test]
fn withdrawn_and_expired_records_do_not_lock_an_owner_out() {
    ExtBuilder::default().build_and_execute(|| {
        set_active(PAUSED, true);
        // Three consents, all ended: one withdrawn, two expired.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(give(OWNER, PRODUCT2, &[R], Some(3)));
        assert_ok!(give(OWNER, PAUSED, &[R], Some(3)));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        run_to(3);
        assert!(LiveProducts::<Test>::get(OWNER).is_empty());
        assert_eq!(
            Consents::<Test>::get(OWNER, PAUSED).map(|r| r.state),
            Some(ConsentState::Expired)
        );
        // A fourth product: allowed (before S12's fix, TooManyConsents).
        assert_ok!(give(OWNER, PRODUCT4, &[R], None));
        assert_eq!(
            LiveProducts::<Test>::get(OWNER).into_inner(),
            vec![PRODUCT4]
        );
    });
}

#[test]
fn renew_changes_purposes_and_expiry_at_once() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(20)));
        take_listened();
        run_to(10);
        assert_ok!(Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[S, B]),
            Some(40),
            receipt(2)
        ));
        System::assert_last_event(
            Event::ConsentRenewed {
                owner: OWNER,
                product: PRODUCT,
                purposes: ps(&[S, B]),
                expires_at: Some(40),
                receipt_hash: receipt(2),
            }
            .into(),
        );
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, false), (OWNER, PRODUCT, B, true)]
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(
            (r.state, r.updated_at, r.given_at),
            (ConsentState::Renewed, 10, 1)
        );
        assert!(queued(20).is_empty());
        assert_eq!(queued(40), vec![(OWNER, PRODUCT)]);
        // Renewed before the old expiry: still live after it.
        run_to(25);
        assert!(Consent::is_live(&OWNER, PRODUCT, B));
        check();
        // Renew without expiry: leaves the queue.
        assert_ok!(Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[S]),
            None,
            receipt(3)
        ));
        assert!(queued(40).is_empty());
        run_to(45);
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
    });
}

#[test]
fn renew_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let renew = |who: u64, list: &[Purpose], e: Option<u64>| {
            Consent::renew_consent(RuntimeOrigin::signed(who), PRODUCT, ps(list), e, receipt(2))
        };
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::NothingToRenew);
        assert_refused!(renew(STRANGER, &[R], None), Error::<Test>::NotDataOwner);
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_refused!(renew(OWNER, &[], None), Error::<Test>::NoPurposes);
        assert_refused!(renew(OWNER, &[R, R], None), Error::<Test>::DuplicatePurpose);
        assert_refused!(
            renew(OWNER, &[Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_refused!(
            renew(OWNER, &[R], Some(1)),
            Error::<Test>::ExpiryNotInFuture
        );
        set_active(PRODUCT, false);
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::ProductNotActive);
        set_active(PRODUCT, true);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::NothingToRenew);
    });
}

#[test]
fn consent_is_live_only_while_the_product_is_active() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        set_active(PRODUCT, false);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Invalidated)
        );
        set_active(PRODUCT, true);
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Given)
        );
        // Withdrawal still works while the product is paused.
        set_active(PRODUCT, false);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Withdrawn)
        );
    });
}
