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
        let max = <<Test as crate::Config>::MaxPurposes as frame_support::traits::Get<u32>>::get();
        let w = <() as WeightInfo>::give_consent;
        assert!(
            w(1).ref_time() < w(max).ref_time(),
            "one purpose costs less than eight"
        );
        // The charge before dispatch is each call's own worst case: every purpose.
        assert_eq!(give_call().get_dispatch_info().call_weight, w(max));
        let withdraw = crate::Call::<Test>::withdraw_consent { product: PRODUCT };
        assert_eq!(
            withdraw.get_dispatch_info().call_weight,
            <() as WeightInfo>::withdraw_consent(max),
            "a withdrawal is charged as a withdrawal, not as giving"
        );
        // Giving one purpose: refunded to one purpose's giving.
        let post = Consent::give_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .expect("given");
        assert_eq!(post.actual_weight, Some(w(1)));
        // Renewing 1 → 3 purposes: two pools joined, charged as a renewal of three.
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
        assert_eq!(
            post.actual_weight,
            Some(<() as WeightInfo>::renew_consent(3))
        );
        // Withdrawing three purposes: charged as a withdrawal of three.
        let post =
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).expect("withdrawn");
        assert_eq!(
            post.actual_weight,
            Some(<() as WeightInfo>::withdraw_consent(3))
        );
        // The allowance's unit is the largest of the three calls; zero and too many purposes
        // are clamped to the benchmarked range.
        let p3 = w(3)
            .max(<() as WeightInfo>::renew_consent(3))
            .max(<() as WeightInfo>::withdraw_consent(3));
        assert_eq!(Consent::consent_weight_for(3), p3);
        assert_eq!(Consent::give_weight(0), w(1));
        assert_eq!(
            Consent::withdraw_weight(99),
            <() as WeightInfo>::withdraw_consent(max)
        );
        assert_eq!(Consent::consent_weight(), Consent::consent_weight_for(max));
    });
}

#[test]
fn refused_consent_calls_are_charged_as_one_purpose() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        // Nothing to withdraw: refused before any pool is left.
        let e = Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as WeightInfo>::withdraw_consent(1))
        );
        // Not an owner: refused at once.
        let e = Consent::give_consent(
            RuntimeOrigin::signed(STRANGER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .unwrap_err();
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as WeightInfo>::give_consent(1))
        );
        // withdrawAll with no live consent: one read, charged `withdraw_all(0)`.
        let e = Consent::withdraw_all(RuntimeOrigin::signed(OWNER)).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as WeightInfo>::withdraw_all(0))
        );
    });
}
