//! The pallet's invariants and integrity test.

use super::*;

#[test]
fn try_state_detects_broken_invariants() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], Some(10)));
        check();
        LiveConsentCount::<Test>::put(5);
        assert!(Consent::do_try_state().is_err());
        LiveConsentCount::<Test>::put(1);
        ExpiryQueue::<Test>::remove(10, 0);
        assert!(Consent::do_try_state().is_err());
        assert_ok!(give(OWNER, PRODUCT2, &[R], None));
        LiveProducts::<Test>::remove(OWNER);
        assert!(Consent::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(<Consent as Hooks<u64>>::integrity_test);
}
