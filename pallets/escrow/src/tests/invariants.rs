//! `try_state` catches broken books.
use super::*;

#[test]
fn try_state_detects_a_hold_without_an_order() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        place(BUYER, FIXED, 1);
        check();
        Orders::<Test>::mutate(0, |o| {
            if let Some(o) = o {
                o.held = 1
            }
        });
        assert!(Escrow::do_try_state().is_err());
    });
}
