//! Unit tests of the validator set.
use crate::{mock::*, Error, Event, SetChanged, Validators};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use pallet_session::SessionManager;
use sp_runtime::{traits::BadOrigin, BuildStorage};

fn validators() -> Vec<u64> {
    ValidatorSet::validators()
}

fn check_state() {
    ValidatorSet::do_try_state().unwrap();
}

#[test]
fn genesis_sorts_validators_and_hands_them_to_session() {
    ExtBuilder::default().build_and_execute(|| {
        assert_eq!(validators(), vec![1, 2, 3]);
        assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
        // Nothing changed: the session pallet keeps what it has.
        assert_eq!(ValidatorSet::new_session(1), None);
    });
}

#[test]
#[should_panic(expected = "fewer initial validators than MinValidators")]
fn genesis_below_minimum_is_refused() {
    ExtBuilder::default().validators(vec![1]).build();
}

#[test]
#[should_panic(expected = "duplicate initial validators")]
fn genesis_with_duplicates_is_refused() {
    ExtBuilder::default().validators(vec![1, 1, 2]).build();
}

#[test]
#[should_panic(expected = "more initial validators than MaxValidators")]
fn genesis_above_maximum_is_refused() {
    ExtBuilder::default()
        .validators(vec![1, 2, 3, 4, 5, 6])
        .build();
}

#[test]
fn add_validator_works_and_is_planned_at_next_rotation() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 7));
        assert_eq!(validators(), vec![1, 2, 3, 7]);
        System::assert_last_event(Event::ValidatorAdded { who: 7 }.into());
        assert!(SetChanged::<Test>::get());
        check_state();
        // The next rotation gets the new set, once.
        assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, 7]));
        System::assert_last_event(
            Event::NewSetPlanned {
                session_index: 2,
                count: 4,
            }
            .into(),
        );
        assert_eq!(ValidatorSet::new_session(3), None);
    });
}

#[test]
fn add_keeps_the_set_sorted() {
    ExtBuilder::default()
        .validators(vec![2, 8])
        .build_and_execute(|| {
            assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
            assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 1));
            assert_eq!(validators(), vec![1, 2, 5, 8]);
        });
}

#[test]
fn add_validator_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_noop!(
            ValidatorSet::add_validator(RuntimeOrigin::signed(1), 7),
            BadOrigin
        );
        assert_noop!(
            ValidatorSet::add_validator(RuntimeOrigin::none(), 7),
            BadOrigin
        );
        assert_noop!(
            ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
            Error::<Test>::AlreadyValidator
        );
        assert_noop!(
            ValidatorSet::add_validator(RuntimeOrigin::root(), NO_KEYS),
            Error::<Test>::NoSessionKeys
        );
        assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
        assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
        assert_noop!(
            ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
            Error::<Test>::TooManyValidators
        );
    });
}

#[test]
fn remove_validator_works() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
        assert_eq!(validators(), vec![1, 3]);
        System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
        assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 3]));
    });
}

#[test]
fn remove_validator_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_noop!(
            ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
            BadOrigin
        );
        assert_noop!(
            ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
            Error::<Test>::NotValidator
        );
        assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
        // Two left, the minimum: no further removal.
        assert_noop!(
            ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
            Error::<Test>::TooFewValidators
        );
        assert_eq!(validators(), vec![1, 2]);
    });
}

#[test]
fn add_then_remove_before_rotation_still_plans_the_set() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
        assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
        assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3]));
    });
}

#[test]
fn try_state_detects_broken_invariants() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        Validators::<Test>::put(frame_support::BoundedVec::truncate_from(vec![1]));
        assert!(ValidatorSet::do_try_state().is_err());
        Validators::<Test>::put(frame_support::BoundedVec::truncate_from(vec![2, 1]));
        assert!(ValidatorSet::do_try_state().is_err());
        Validators::<Test>::put(frame_support::BoundedVec::truncate_from(vec![1, 1]));
        assert!(ValidatorSet::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(|| {
        <ValidatorSet as Hooks<u64>>::integrity_test();
    });
}

#[test]
fn default_genesis_leaves_the_set_unconfigured() {
    let storage = crate::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap();
    sp_io::TestExternalities::new(storage).execute_with(|| {
        assert!(validators().is_empty());
        // ... which try_state reports: a running chain needs validators.
        assert!(ValidatorSet::do_try_state().is_err());
    });
}
