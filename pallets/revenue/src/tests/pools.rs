//! Joining, changing weight and leaving pools.
use super::*;

#[test]
fn pools_are_separate_per_purpose() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        <Revenue as RevenuePools<u64>>::join(P, S, &11, 1);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 950);
        assert_eq!(Revenue::pending_in((P, S), &11), Some(0));
        assert_eq!(Revenue::member_count(P, R), 1);
        assert_eq!(Revenue::member_count(P, S), 1);
        assert_eq!(Revenue::member_count(P + 1, R), 0);
    });
}

#[test]
fn a_newcomer_earns_nothing_from_earlier_sales() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        sell(1_000, 10_000); // 950 to the pool
        join(11, 1);
        assert_eq!(pending(10), 950);
        assert_eq!(pending(11), 0);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 950 + 475);
        assert_eq!(pending(11), 475);
    });
}

#[test]
fn a_weight_change_settles_earnings_first() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        join(11, 1);
        sell(2_000, 10_000); // 1 900: 950 each
        join(10, 3); // change weight: 950 settled at weight 1
        assert!(matches!(
            last_event(),
            RuntimeEvent::Revenue(Event::WeightChanged { weight: 3, .. })
        ));
        assert_eq!(Pools::<Test>::get((P, R)).expect("pool").total_weight, 4);
        assert_eq!(Pools::<Test>::get((P, R)).expect("pool").members, 2);
        assert_eq!(pending(10), 950);
        sell(4_000, 10_000); // 3 800: 2 850 and 950
        assert_eq!(pending(10), 950 + 2_850);
        assert_eq!(pending(11), 950 + 950);
    });
}

#[test]
fn leaving_keeps_earnings_and_stops_future_ones() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        join(11, 1);
        sell(2_000, 10_000);
        leave(10);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::Left {
                product: P,
                purpose: R,
                who: 10,
                kept: 950
            })
        );
        assert_eq!(Revenue::member_count(P, R), 1);
        sell(2_000, 10_000);
        assert_eq!(pending(11), 950 + 1_900);
        // The pool left is no longer claimable by itself; claim_all pays it.
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NotMember
        );
        assert_eq!(Revenue::statement(&10).pending, 950);
        assert_eq!(Revenue::statement(&10).unclaimed_left, 950);
        check();
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(10)));
        assert_eq!(Balances::balance(&10), 950);
        assert_eq!(OwnerAccounts::<Test>::get(10).unclaimed_left, 0);
        assert_eq!(OwnerAccounts::<Test>::get(10).claimed, 950);
        // Leaving twice, or a pool one is not in, changes nothing.
        leave(10);
        <Revenue as RevenuePools<u64>>::leave(99, R, &10);
    });
}

#[test]
fn weight_zero_means_leaving() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 2);
        join(10, 0);
        assert_eq!(Revenue::member_count(P, R), 0);
        assert_eq!(OwnerPoolCount::<Test>::get(10), 0);
    });
}

#[test]
fn revenue_of_a_pool_without_members_waits_for_the_next_distribution() {
    ExtBuilder::default().build_and_execute(|| {
        sell(1_000, 10_000); // 950 into an empty pool
        let pool = Pools::<Test>::get((P, R)).expect("pool");
        assert_eq!(pool.undistributed, U256::from(950u64) * U256::from(SCALE));
        assert_eq!(pool.acc, U256::zero());
        check();
        join(10, 1);
        assert_eq!(pending(10), 0);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 1_900);
    });
}

/// `who`'s stretches of pool (P, R) as (from, until) pairs.
fn stretches(who: u64) -> Vec<(u64, Option<u64>)> {
    MemberHistory::<Test>::get(who, (P, R))
        .iter()
        .map(|m| (m.from, m.until))
        .collect()
}

#[test]
fn membership_is_kept_as_stretches_of_sale_numbers() {
    ExtBuilder::default().build_and_execute(|| {
        sales_elsewhere(5);
        join(10, 1);
        assert_eq!(
            stretches(10),
            vec![(5, None)],
            "open from the next sale's number"
        );
        // A change of weight is not a new stretch.
        join(10, 3);
        assert_eq!(stretches(10), vec![(5, None)]);
        sales_elsewhere(2);
        leave(10);
        assert_eq!(
            stretches(10),
            vec![(5, Some(7))],
            "sales 5 and 6 were delivered while in"
        );
        sales_elsewhere(1);
        join(10, 1);
        assert_eq!(stretches(10), vec![(5, Some(7)), (8, None)]);
        // Leaving and joining again with no sale between reopens the same stretch.
        sales_elsewhere(1);
        leave(10);
        join(10, 1);
        assert_eq!(stretches(10), vec![(5, Some(7)), (8, None)]);
        // A stretch in which no sale was delivered leaves no trace.
        join(11, 1);
        leave(11);
        assert!(stretches(11).is_empty());
        assert!(!MemberHistory::<Test>::contains_key(11, (P, R)));
        // Another pool is another history.
        <Revenue as RevenuePools<u64>>::join(P, S, &10, 1);
        assert_eq!(Revenue::memberships(&10).len(), 2);
        // Leaving a pool one is not in changes nothing.
        leave(12);
        assert!(!MemberHistory::<Test>::contains_key(12, (P, R)));
    });
}

#[test]
fn a_full_history_merges_its_two_oldest_stretches_and_never_drops_a_sale() {
    ExtBuilder::default().build_and_execute(|| {
        // MaxMemberships is 4 in the test runtime.
        for _ in 0..4 {
            join(10, 1);
            sales_elsewhere(1);
            leave(10);
            sales_elsewhere(1);
        }
        assert_eq!(
            stretches(10),
            vec![(0, Some(1)), (2, Some(3)), (4, Some(5)), (6, Some(7))]
        );
        join(10, 1);
        // The two oldest became one spanning both (sale 1, delivered while out, is now listed
        // too: more than the owner was in, never fewer).
        assert_eq!(
            stretches(10),
            vec![(0, Some(3)), (4, Some(5)), (6, Some(7)), (8, None)]
        );
    });
}
