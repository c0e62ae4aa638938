//! Subscriptions: access per period, payment per period, cancellation.
use super::*;

#[test]
fn a_subscription_grants_access_for_its_periods_and_pays_each_when_it_ends() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, SUB, 3); // 3 x 100, periods of 10 blocks
        assert_eq!(held(BUYER), 300);
        assert!(!Escrow::access_at(&BUYER, SUB, 1));
        deliver(id); // at block 1: access [1, 31)
                     // Period 1 began: its owners' share (27 of 100) is credited to the pool of now.
        assert_eq!(held(BUYER), 273);
        assert_eq!(credited(), vec![(BUYER, 27, SUB, R, id)]);
        assert!(Escrow::access_at(&BUYER, SUB, 1));
        assert!(Escrow::access_at(&BUYER, SUB, 30));
        assert!(!Escrow::access_at(&BUYER, SUB, 31));
        assert!(!Escrow::access_at(&BUYER2, SUB, 5));
        assert!(!Escrow::access_at(&BUYER, FIXED, 5));
        run_to(10);
        assert_eq!(held(BUYER), 273);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NothingDue
        );
        run_to(11); // period 1 ended and is paid (73); period 2 began and is credited (27)
        assert_eq!(held(BUYER), 173);
        assert_eq!(credited().len(), 2);
        run_to(21);
        assert_eq!(held(BUYER), 73);
        assert_eq!(state(id), OrderState::Delivered);
        run_to(31);
        assert_eq!(held(BUYER), 0);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 3 * 73);
        assert_eq!(paid().len(), 3);
        assert_eq!(credited().iter().map(|c| c.1).sum::<u64>(), 3 * 27);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 300);
        assert!(!Escrow::access_at(&BUYER, SUB, 31));
    });
}

#[test]
fn cancelling_a_subscription_refunds_the_periods_not_started() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, SUB, 5);
        deliver(id); // block 1
        run_to(15); // period 2 runs (started at 11, credited then)
        assert_eq!(held(BUYER), 373);
        assert_noop!(
            Escrow::cancel_subscription(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::cancel_subscription(
            RuntimeOrigin::signed(BUYER),
            id
        ));
        // Periods 3-5 (never begun) refunded whole, period 2's parts held until it ends.
        assert_eq!(held(BUYER), 73);
        assert_eq!(free(BUYER), 100_000 - 200);
        assert!(Escrow::access_at(&BUYER, SUB, 20));
        assert!(!Escrow::access_at(&BUYER, SUB, 21));
        run_to(21);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 2 * 73);
        assert_eq!(credited().iter().map(|c| c.1).sum::<u64>(), 2 * 27);
        // Before delivery: everything is refunded.
        let early = place(BUYER, SUB, 2);
        assert_ok!(Escrow::cancel_subscription(
            RuntimeOrigin::signed(BUYER),
            early
        ));
        assert_eq!(state(early), OrderState::Refunded);
        assert_eq!(held(BUYER), 0);
        let one_off = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::cancel_subscription(RuntimeOrigin::signed(BUYER), one_off),
            Error::<Test>::NotSubscription
        );
    });
}

/// Security review S4 for subscriptions: each period's owners' share goes to the pool of the
/// block the period began, and a pool below k at a period's start stops the subscription.
#[test]
fn each_period_pays_the_pool_of_its_start_and_below_k_the_subscription_stops() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, SUB, 4);
        deliver(id); // block 1, period 1 begins
        run_to(11); // period 2 begins
        assert_eq!(credited().len(), 2);
        // Fewer than k (3 in the mock) consent when period 3 begins.
        set_members(SUB, R, 2);
        run_to(21);
        System::assert_has_event(
            Event::SubscriptionStopped {
                order: id,
                periods: 2,
                refunded: 200,
            }
            .into(),
        );
        assert_eq!(credited().len(), 2, "no period begins below k");
        // Periods 1 and 2 paid, 3 and 4 refunded whole: settled.
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        assert_eq!(free(BUYER), 100_000 - 200);
        assert!(!Escrow::access_at(&BUYER, SUB, 21));
    });
}
