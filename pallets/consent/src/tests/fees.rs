//! What consent calls cost: fee-less for owners, charged for what they touch.

use super::*;

#[test]
fn consent_calls_are_fee_less_for_entitled_owners() {
    ExtBuilder::default().build_and_execute(|| {
        use frame_support::dispatch::CheckIfFeeless;
        let give_call = give_call();
        assert!(give_call.is_feeless(&RuntimeOrigin::signed(OWNER)));
        assert!(!give_call.is_feeless(&RuntimeOrigin::signed(STRANGER)));
        assert!(!give_call.is_feeless(&RuntimeOrigin::root()));
        // Entitlement does not depend on how many calls were made: the allowance is counted
        // by the credentials pallet's transaction extension, before dispatch.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert!(give_call.is_feeless(&RuntimeOrigin::signed(OWNER)));
    });
}

/// Security review S1/S5: a withdrawal is fee-less exactly when the signer holds a live
/// consent to withdraw (one read), credential or not; one with nothing to withdraw is not.
#[test]
fn withdrawals_are_fee_less_exactly_for_a_live_record() {
    ExtBuilder::default().build_and_execute(|| {
        use frame_support::dispatch::CheckIfFeeless;
        let all = crate::Call::<Test>::withdraw_all {};
        let one = |product| crate::Call::<Test>::withdraw_consent { product };
        let signed = |who| RuntimeOrigin::signed(who);
        assert!(!all.is_feeless(&signed(OWNER)));
        assert!(!one(PRODUCT).is_feeless(&signed(OWNER)));
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert!(all.is_feeless(&signed(OWNER)));
        assert!(one(PRODUCT).is_feeless(&signed(OWNER)));
        assert!(!one(PRODUCT2).is_feeless(&signed(OWNER)));
        assert!(!all.is_feeless(&RuntimeOrigin::none()));
        // A holder of a live record without a credential (STRANGER is no owner).
        let record = Consents::<Test>::take(OWNER, PRODUCT).unwrap();
        Consents::<Test>::insert(STRANGER, PRODUCT, record);
        let live = LiveProducts::<Test>::take(OWNER);
        LiveProducts::<Test>::insert(STRANGER, live);
        assert!(all.is_feeless(&signed(STRANGER)));
        assert!(one(PRODUCT).is_feeless(&signed(STRANGER)));
        assert_ok!(Consent::withdraw_all(signed(STRANGER)));
        assert!(!all.is_feeless(&signed(STRANGER)));
        // Giving stays for registered owners only.
        let give_call = crate::Call::<Test>::give_consent {
            product: PRODUCT2,
            purposes: ps(&[R]),
            expires_at: None,
            receipt_hash: receipt(1),
        };
        assert!(give_call.is_feeless(&signed(OWNER)));
        assert!(!give_call.is_feeless(&signed(STRANGER)));
    });
}

#[test]
fn consent_calls_charge_every_purpose_and_refund_the_ones_not_touched() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        let worst = Consent::consent_weight();
        let one = Consent::consent_weight_for(1);
        assert!(
            one.ref_time() < worst.ref_time(),
            "one purpose costs less than eight"
        );
        // The charge before dispatch is the worst case, for all three calls alike.
        assert_eq!(give_call().get_dispatch_info().call_weight, worst);
        let withdraw = crate::Call::<Test>::withdraw_consent { product: PRODUCT };
        assert_eq!(withdraw.get_dispatch_info().call_weight, worst);
        // Giving one purpose: refunded to one purpose's weight.
        let post = Consent::give_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .expect("given");
        assert_eq!(post.actual_weight, Some(one));
        // Renewing 1 → 3 purposes: two pools joined, charged as three.
        let post = Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[
                Purpose::ResearchAndDevelopment,
                Purpose::Statistics,
                Purpose::PublicBenefit,
            ]),
            None,
            receipt(2),
        )
        .expect("renewed");
        assert_eq!(post.actual_weight, Some(Consent::consent_weight_for(3)));
        // Withdrawing three purposes: charged as three.
        let post =
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).expect("withdrawn");
        assert_eq!(post.actual_weight, Some(Consent::consent_weight_for(3)));
        // The weight for p purposes is the largest of the three calls at p.
        let p3 = <() as WeightInfo>::give_consent(3)
            .max(<() as WeightInfo>::renew_consent(3))
            .max(<() as WeightInfo>::withdraw_consent(3));
        assert_eq!(Consent::consent_weight_for(3), p3);
        // Zero and too many are clamped to the benchmarked range.
        assert_eq!(Consent::consent_weight_for(0), one);
        assert_eq!(Consent::consent_weight_for(99), worst);
    });
}

#[test]
fn refused_consent_calls_are_charged_as_one_purpose() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        let one = Some(Consent::consent_weight_for(1));
        // Nothing to withdraw: refused before any pool is left.
        let e = Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(e.post_info.actual_weight, one);
        // Not an owner: refused at once.
        let e = Consent::give_consent(
            RuntimeOrigin::signed(STRANGER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .unwrap_err();
        assert_eq!(e.post_info.actual_weight, one);
        // withdrawAll with no live consent: one read, charged `withdraw_all(0)`.
        let e = Consent::withdraw_all(RuntimeOrigin::signed(OWNER)).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as WeightInfo>::withdraw_all(0))
        );
    });
}
