//! Withdrawing consent: at once, as easily as giving, kept for audit.

use super::*;

#[test]
fn withdraw_is_immediate_and_kept_for_audit() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(50)));
        take_listened();
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        System::assert_last_event(
            Event::ConsentWithdrawn {
                owner: OWNER,
                product: PRODUCT,
            }
            .into(),
        );
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, false), (OWNER, PRODUCT, S, false)]
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(r.state, ConsentState::Withdrawn);
        assert_eq!(r.purposes, ps(&[R, S]));
        assert!(queued(50).is_empty());
        assert_eq!(LiveConsentCount::<Test>::get(), 0);
    });
}

#[test]
fn withdraw_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::none(), PRODUCT),
            BadOrigin
        );
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT),
            Error::<Test>::NothingToWithdraw
        );
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT),
            Error::<Test>::NothingToWithdraw
        );
    });
}

#[test]
fn withdraw_then_give_again() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        run_to(3);
        assert_ok!(give(OWNER, PRODUCT, &[S], Some(9)));
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!((r.state, r.given_at), (ConsentState::Given, 3));
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(LiveProducts::<Test>::get(OWNER).into_inner(), vec![PRODUCT]);
    });
}

/// GDPR Art. 7(3): withdrawing never costs the owner more than giving. The owner's cost is
/// the fee, and a withdrawal of a live consent is always fee-less (giving is fee-less only
/// within the allowance); each call's weight is its own benchmark (block space, not the
/// owner's money), in the same class.
#[test]
fn withdrawal_costs_no_more_than_giving() {
    ExtBuilder::default().build_and_execute(|| {
        use frame_support::dispatch::CheckIfFeeless;
        let give_call = give_call();
        let withdraw_call = crate::Call::<Test>::withdraw_consent { product: PRODUCT };
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        let owner = RuntimeOrigin::signed(OWNER);
        assert!(give_call.is_feeless(&owner));
        assert!(withdraw_call.is_feeless(&owner));
        let g = give_call.get_dispatch_info();
        let w = withdraw_call.get_dispatch_info();
        assert_eq!(w.class, g.class);
        assert_eq!(w.pays_fee, g.pays_fee);
        let max = <<Test as crate::Config>::MaxPurposes as frame_support::traits::Get<u32>>::get();
        assert_eq!(
            w.call_weight,
            <() as crate::WeightInfo>::withdraw_consent(max)
        );
    });
}

#[test]
fn withdraw_all_is_one_click() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], Some(30)));
        assert_ok!(give(OWNER, PRODUCT2, &[Purpose::Marketing], None));
        assert_ok!(give(OWNER2, PRODUCT, &[R], None));
        take_listened();
        assert_ok!(Consent::withdraw_all(RuntimeOrigin::signed(OWNER)));
        System::assert_last_event(
            Event::AllWithdrawn {
                owner: OWNER,
                count: 2,
            }
            .into(),
        );
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert!(!Consent::is_live(&OWNER, PRODUCT2, Purpose::Marketing));
        assert!(Consent::is_live(&OWNER2, PRODUCT, R));
        assert_eq!(take_listened().len(), 2);
        assert_refused!(
            Consent::withdraw_all(RuntimeOrigin::signed(OWNER)),
            Error::<Test>::NothingToWithdraw
        );
        assert_refused!(Consent::withdraw_all(RuntimeOrigin::none()), BadOrigin);
    });
}

#[test]
fn withdrawal_works_after_the_owner_credential_is_gone() {
    ExtBuilder::default().build_and_execute(|| {
        // STRANGER is not an owner; put a record in place as if its credential had lapsed.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        let record = Consents::<Test>::take(OWNER, PRODUCT).unwrap();
        Consents::<Test>::insert(STRANGER, PRODUCT, record);
        let live = LiveProducts::<Test>::take(OWNER);
        LiveProducts::<Test>::insert(STRANGER, live);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(STRANGER),
            PRODUCT
        ));
    });
}
