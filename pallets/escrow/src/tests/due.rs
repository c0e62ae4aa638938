//! The `on_idle` engine and the bounds of its queue.
use super::*;

#[test]
fn on_idle_is_bounded_by_the_weight_it_is_given() {
    ExtBuilder::default().build_and_execute(|| {
        let a = place(BUYER, FIXED, 1);
        let b = place(BUYER, FIXED, 1);
        deliver(a);
        deliver(b);
        System::set_block_number(1 + WINDOW);
        // No weight: nothing done.
        assert_eq!(Escrow::on_idle(1 + WINDOW, Weight::zero()), Weight::zero());
        assert_eq!(state(a), OrderState::Delivered);
        Escrow::on_idle(1 + WINDOW, Weight::MAX);
        assert_eq!(state(a), OrderState::Settled);
        assert_eq!(state(b), OrderState::Settled);
        assert_eq!(DueCursor::<Test>::get(), 2 + WINDOW);
    });
}

#[test]
fn the_due_queue_refuses_more_than_its_bound() {
    ExtBuilder::default().build_and_execute(|| {
        for _ in 0..2 {
            offer(BUYER, 600, 30);
            offer(BUYER2, 600, 30);
        }
        assert_noop!(
            Escrow::make_offer(RuntimeOrigin::signed(BUYER2), NEGO, R, 600, KEY, 30),
            Error::<Test>::DueQueueFull
        );
    });
}
