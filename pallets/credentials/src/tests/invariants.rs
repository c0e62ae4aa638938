//! `integrity_test`, and `try_state` catching broken books.
use super::*;

#[test]
fn try_state_detects_a_class_on_the_wrong_role() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        assert_ok!(issue(CITY, ORG, Role::DataProvider, Loa::Low, None, None));
        CredentialStore::<Test>::mutate(ORG, Role::DataProvider, |c| {
            c.as_mut().unwrap().class = Some(ConsumerClass::Research)
        });
        assert!(Credentials::do_try_state().is_err());
    });
}

#[test]
fn try_state_detects_an_owner_without_reference() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        owner(CITIZEN);
        System::dec_sufficients(&CITIZEN);
        assert!(Credentials::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(|| {
        <Credentials as Hooks<u64>>::integrity_test();
    });
}
