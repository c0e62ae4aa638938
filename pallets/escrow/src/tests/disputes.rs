//! Disputes and their resolution by an arbiter or the council.
use super::*;

#[test]
fn a_dispute_resolved_by_an_arbiter_refunds_the_buyer_its_share() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        dispute(BUYER, id);
        assert_eq!(state(id), OrderState::Disputed);
        // Nothing is paid while disputed, even after the window.
        run_to(1 + WINDOW + 2);
        assert_eq!(state(id), OrderState::Disputed);
        assert_eq!(held(BUYER), 1_000);
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(STRANGER), id, 5_000),
            Error::<Test>::NotArbiter
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 10_001),
            Error::<Test>::InvalidShare
        );
        assert_ok!(Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 6_000));
        assert_eq!(state(id), OrderState::Resolved);
        assert_eq!(free(BUYER), 99_000 + 600);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid(), vec![(BUYER, 400, FIXED, R, PROVIDER, 3_000)]);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 400);
        assert!(!Escrow::access_at(&BUYER, FIXED, System::block_number()));
        System::assert_last_event(
            Event::Resolved {
                order: id,
                refunded: 600,
                paid: 400,
            }
            .into(),
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::root(), id, 0),
            Error::<Test>::NotDisputed
        );
    });
}

#[test]
fn the_council_may_resolve_and_an_arbiter_may_not_judge_its_own_order() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        dispute(BUYER, id);
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(BUYER), id, 10_000),
            Error::<Test>::NotArbiter
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::none(), id, 10_000),
            DispatchError::BadOrigin
        );
        assert_ok!(Escrow::resolve(RuntimeOrigin::root(), id, 10_000));
        assert_eq!(free(BUYER), 100_000);
        assert!(paid().is_empty());
    });
}

#[test]
fn dispute_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        let h = Hash32::repeat_byte(1);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::NotDelivered
        );
        deliver(id);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(STRANGER), id, h),
            Error::<Test>::NotBuyer
        );
        System::set_block_number(1 + WINDOW);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::DisputeWindowClosed
        );
        let other = place(BUYER, FIXED, 1);
        deliver(other);
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), other));
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), other, h),
            Error::<Test>::OrderClosed
        );
    });
}
