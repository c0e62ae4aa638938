//! `integrity_test`, and `try_state` catching broken books.
use super::*;

#[test]
fn try_state_detects_a_wrong_contributor_count_and_deposit() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_ok!(add(0, &[(10, 1)]));
        check();
        Products::<Test>::mutate(0, |p| p.as_mut().unwrap().contributors = 2);
        assert!(DataProducts::do_try_state().is_err());
        Products::<Test>::mutate(0, |p| {
            let p = p.as_mut().unwrap();
            p.contributors = 1;
            p.deposit = 7;
        });
        assert!(DataProducts::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(<DataProducts as Hooks<u64>>::integrity_test);
}
