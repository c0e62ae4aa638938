//! Confirming and settling through the revenue split.
use super::*;

#[test]
fn deliver_confirm_settles_through_the_revenue_split() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        run_to(3);
        deliver(id);
        let o = Orders::<Test>::get(id).expect("order");
        assert_eq!(o.state, OrderState::Delivered);
        assert_eq!(o.delivered_at, Some(3));
        assert_eq!(o.dispute_until, Some(3 + WINDOW));
        assert_eq!(o.access_until, Some(3 + RETENTION));
        assert_eq!(o.retention_due, Some(3 + RETENTION));
        assert_eq!(o.delivery_ref, Some(reference()));
        // The owners' share moved at delivery, to the pool's members of this block.
        assert_eq!((o.credited, o.sale, o.held), (270, Some(0), 730));
        assert_eq!(free(POOL), 1 + 270);
        assert_eq!(credited(), vec![(BUYER, 270, FIXED, R, id)]);
        assert!(paid().is_empty());
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), id));
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        // Mock split: 10 % fee, 30 % of the rest to the pool, the rest to the provider.
        assert_eq!(free(PLATFORM), 1 + 100);
        assert_eq!(free(POOL), 1 + 270);
        assert_eq!(free(PROVIDER), 10 + 630);
        assert_eq!(paid(), vec![(BUYER, 730, FIXED, R, PROVIDER, 100)]);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 1_000);
        assert_eq!(open_orders(FIXED), 0);
        assert_eq!(OpenCount::<Test>::get(BUYER), 0);
        System::assert_last_event(Event::Settled { order: id }.into());
        // The queued settlement is stale now and skipped.
        run_to(3 + WINDOW + 1);
        assert_eq!(paid().len(), 1);
    });
}

#[test]
fn settle_after_the_window_by_anyone_and_by_on_idle() {
    ExtBuilder::default().build_and_execute(|| {
        let a = place(BUYER, FIXED, 1);
        let b = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::NotDelivered
        );
        deliver(a);
        deliver(b);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::DisputeWindowOpen
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::NotBuyer
        );
        System::set_block_number(1 + WINDOW);
        assert_ok!(Escrow::settle(RuntimeOrigin::signed(STRANGER), a));
        assert_eq!(state(a), OrderState::Settled);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::OrderClosed
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), a),
            Error::<Test>::OrderClosed
        );
        // b is settled by on_idle, with nobody calling.
        assert_eq!(state(b), OrderState::Delivered);
        Escrow::on_idle(1 + WINDOW, Weight::MAX);
        assert_eq!(state(b), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
    });
}

#[test]
fn confirm_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::NotDelivered
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), 9),
            Error::<Test>::UnknownOrder
        );
        deliver(id);
        assert_ok!(Escrow::dispute(
            RuntimeOrigin::signed(BUYER),
            id,
            Hash32::repeat_byte(1)
        ));
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::UnderDispute
        );
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::UnderDispute
        );
    });
}

/// Security review II, I2: an order pays the platform fee of the block it was placed in, not
/// the one the council set before it settled.
#[test]
fn an_order_pays_the_fee_it_was_placed_under() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        assert_eq!(Orders::<Test>::get(id).expect("order").fee_bps, 1_000);
        crate::mock::FEE_BPS.with(|f| *f.borrow_mut() = 5_000);
        deliver(id);
        let before = free(PLATFORM);
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), id));
        // 10 % of 1 000 to the platform, as when it was placed.
        assert_eq!(free(PLATFORM) - before, 100);
        // A new order pays the new fee.
        let id2 = place(BUYER, FIXED, 1);
        assert_eq!(Orders::<Test>::get(id2).expect("order").fee_bps, 5_000);
        crate::mock::FEE_BPS.with(|f| *f.borrow_mut() = 1_000);
    });
}
