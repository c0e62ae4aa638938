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
        // The owners' share (30 % of 1 000 less the 10 % fee: 270) was credited at delivery.
        assert_eq!(held(BUYER), 730);
        assert_eq!(credited(), vec![(BUYER, 270, FIXED, R, id)]);
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
        // 60 % of the platform's 100 and the provider's 630 go back: 60 + 378.
        assert_eq!(free(BUYER), 99_000 + 438);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid(), vec![(BUYER, 292, FIXED, R, PROVIDER, 40)]);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 270 + 292);
        assert_eq!(
            credited().len(),
            1,
            "the owners keep their share, credited once"
        );
        assert!(!Escrow::access_at(&BUYER, FIXED, System::block_number()));
        System::assert_last_event(
            Event::Resolved {
                order: id,
                refunded: 438,
                paid: 292,
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
        // Everything but the owners' share, credited at delivery.
        assert_eq!(free(BUYER), 100_000 - 270);
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

/// Security review II, I1: a dispute nobody resolves ends. After `ResolvePeriod` the buyer is
/// refunded in full by `on_idle`, the order closes, and the product can be retired.
#[test]
fn an_unheard_dispute_is_refunded_after_the_resolve_period() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        let disputed_at = System::block_number();
        dispute(BUYER, id);
        let resolve_by = disputed_at + crate::config_preludes::TEST_RESOLVE_PERIOD;
        System::assert_last_event(
            Event::Disputed {
                order: id,
                reason: Hash32::repeat_byte(9),
                resolve_by,
            }
            .into(),
        );
        run_to(resolve_by);
        assert_eq!(
            state(id),
            OrderState::Disputed,
            "still the arbiters' in its last block"
        );
        run_to(resolve_by + 1);
        assert_eq!(state(id), OrderState::Resolved);
        assert_eq!(free(BUYER), 100_000 - 270);
        assert_eq!(held(BUYER), 0);
        assert!(paid().is_empty());
        System::assert_has_event(Event::DisputeExpired { order: id }.into());
        assert_eq!(
            Orders::<Test>::get(id).and_then(|o| o.refund_bps),
            Some(10_000)
        );
    });
}

/// A resolution before the deadline leaves nothing for the expiry to do.
#[test]
fn a_resolved_dispute_does_not_expire_again() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        dispute(BUYER, id);
        assert_ok!(Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 0));
        let after = free(BUYER);
        run_to(System::block_number() + crate::config_preludes::TEST_RESOLVE_PERIOD + 2);
        assert_eq!(free(BUYER), after);
        assert_eq!(paid(), vec![(BUYER, 730, FIXED, R, PROVIDER, 100)]);
        assert!(!System::events()
            .iter()
            .any(|e| matches!(e.event, RuntimeEvent::Escrow(Event::DisputeExpired { .. }))));
    });
}

/// Security review II, I1: an arbiter with a stake in the sale (a member of its pool, or a
/// fund its altruists give to) cannot resolve it.
#[test]
fn an_arbiter_with_a_stake_in_the_pool_may_not_resolve() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        dispute(BUYER, id);
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(OWNER_ARBITER), id, 0),
            Error::<Test>::ArbiterHasStake
        );
        assert_ok!(Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 0));
    });
}
