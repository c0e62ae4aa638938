//! Claims, their refusals and their fee-less rule.
use super::*;

#[test]
fn a_claim_below_the_minimum_balance_to_a_missing_account_is_refused() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), 0));
        join(10, 1);
        sell(ED - 1, 10_000);
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::BelowMinimumBalance
        );
        sell(1, 10_000);
        assert_ok!(Revenue::claim(RuntimeOrigin::signed(10), P, R));
        assert_eq!(Balances::balance(&10), ED);
    });
}

#[test]
fn claims_are_refused_without_membership_or_earnings() {
    ExtBuilder::default().build_and_execute(|| {
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NotMember
        );
        assert_noop!(
            Revenue::claim(RuntimeOrigin::none(), P, R),
            DispatchError::BadOrigin
        );
        join(10, 1);
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NothingToClaim
        );
        // Charged for the one pool it visited, not the worst case (security review S11).
        let e = Revenue::claim_all(RuntimeOrigin::signed(10)).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToClaim.into());
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as crate::WeightInfo>::claim_all(1))
        );
        assert_noop!(
            Revenue::claim_all(RuntimeOrigin::root()),
            DispatchError::BadOrigin
        );
    });
}

#[test]
fn claim_all_pays_every_pool_and_reports_how_many() {
    ExtBuilder::default().build_and_execute(|| {
        <Revenue as RevenuePools<u64>>::join(P, R, &10, 1);
        <Revenue as RevenuePools<u64>>::join(P, S, &10, 1);
        sell(1_000, 10_000);
        sell_to((P, S), 1_000, 10_000);
        let post = Revenue::claim_all(RuntimeOrigin::signed(10)).expect("claim_all");
        assert_eq!(post.actual_weight, Some(<() as WeightInfo>::claim_all(2)));
        assert_eq!(Balances::balance(&10), 1_900);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::ClaimedAll {
                who: 10,
                amount: 1_900,
                pools: 2
            })
        );
        assert_eq!(Revenue::statement(&10).claimed, 1_900);
        assert_eq!(Revenue::statement(&10).earned, 1_900);
    });
}

#[test]
fn claims_are_fee_less_for_an_owner_with_something_to_claim_credential_or_not() {
    ExtBuilder::default().build_and_execute(|| {
        let claim = RuntimeCall::Revenue(Call::claim {
            product: P,
            purpose: R,
        });
        let all = RuntimeCall::Revenue(Call::claim_all {});
        // Nothing anywhere: neither is fee-less.
        assert!(!all.is_feeless(&RuntimeOrigin::signed(10)));
        join(10, 1);
        assert!(!claim.is_feeless(&RuntimeOrigin::signed(10)));
        // claimAll is fee-less on two reads (in a pool, or earnings of pools left), not on a
        // statement of every pool (security review S11): a member with nothing yet passes the
        // test, and its empty claim is charged for the pools it visits.
        assert!(all.is_feeless(&RuntimeOrigin::signed(10)));
        sell(1_000, 10_000);
        assert!(claim.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(all.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(!claim.is_feeless(&RuntimeOrigin::signed(11)));
        assert!(!claim.is_feeless(&RuntimeOrigin::root()));
        // An owner whose credential lapsed keeps what it earned, and claims it fee-less (S5).
        unentitle(10);
        assert!(claim.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(all.is_feeless(&RuntimeOrigin::signed(10)));
        // Earnings of a pool it left keep claimAll fee-less.
        leave(10);
        assert!(all.is_feeless(&RuntimeOrigin::signed(10)));
    });
}
