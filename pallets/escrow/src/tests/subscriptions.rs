//! Subscriptions: access per period, payment per period, cancellation.
use super::*;

#[test]
fn a_subscription_grants_access_for_its_periods_and_pays_each_when_it_ends() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, SUB, 3); // 3 x 100, periods of 10 blocks
        assert_eq!(held(BUYER), 300);
        assert!(!Escrow::access_at(&BUYER, SUB, 1));
        deliver(id); // at block 1: access [1, 31)
        assert!(Escrow::access_at(&BUYER, SUB, 1));
        assert!(Escrow::access_at(&BUYER, SUB, 30));
        assert!(!Escrow::access_at(&BUYER, SUB, 31));
        assert!(!Escrow::access_at(&BUYER2, SUB, 5));
        assert!(!Escrow::access_at(&BUYER, FIXED, 5));
        run_to(10);
        assert_eq!(held(BUYER), 300);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NothingDue
        );
        run_to(11); // first period ended
        assert_eq!(held(BUYER), 200);
        run_to(21);
        assert_eq!(held(BUYER), 100);
        assert_eq!(state(id), OrderState::Delivered);
        run_to(31);
        assert_eq!(held(BUYER), 0);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 300);
        assert_eq!(paid().len(), 3);
        assert!(!Escrow::access_at(&BUYER, SUB, 31));
    });
}

#[test]
fn cancelling_a_subscription_refunds_the_periods_not_started() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, SUB, 5);
        deliver(id); // block 1
        run_to(15); // period 2 runs (started at 11)
        assert_eq!(held(BUYER), 400);
        assert_noop!(
            Escrow::cancel_subscription(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::cancel_subscription(
            RuntimeOrigin::signed(BUYER),
            id
        ));
        // Periods 3-5 refunded, period 2 still held until it ends.
        assert_eq!(held(BUYER), 100);
        assert_eq!(free(BUYER), 100_000 - 200);
        assert!(Escrow::access_at(&BUYER, SUB, 20));
        assert!(!Escrow::access_at(&BUYER, SUB, 21));
        run_to(21);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 200);
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
