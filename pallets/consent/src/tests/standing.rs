//! An owner's standing: a lapsed owner's consents stop counting, and count again.

use super::*;

/// Security review II, S5: a lapsed owner's records stay and can be withdrawn, but stop
/// counting: told lapsed, every purpose of every live record ends for the listener (the owner
/// leaves its pools); restored, they start again.
#[test]
fn a_lapsed_owners_consents_stop_counting_and_start_again_when_restored() {
    use cityzen_primitives::OwnerStanding;
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], None));
        assert_ok!(give(OWNER, PRODUCT2, &[R], None));
        take_listened();
        set_lapsed(OWNER, true);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R), "counts for nothing");
        let used = <Consent as OwnerStanding<u64>>::lapsed(&OWNER);
        assert_eq!(
            used,
            <Consent as OwnerStanding<u64>>::weight_of(&OWNER).saturating_sub(
                <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
                    frame_support::weights::RuntimeDbWeight,
                >>::get()
                .reads(1)
            )
        );
        assert!(used.all_lte(<Consent as OwnerStanding<u64>>::max_weight()));
        let mut told = take_listened();
        told.sort();
        let mut want = vec![
            (OWNER, PRODUCT, R, false),
            (OWNER, PRODUCT, S, false),
            (OWNER, PRODUCT2, R, false),
        ];
        want.sort();
        assert_eq!(told, want);
        // The records stay, and the owner may still withdraw one.
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Given)
        );
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT2
        ));
        take_listened();
        set_lapsed(OWNER, false);
        <Consent as OwnerStanding<u64>>::restored(&OWNER);
        let mut told = take_listened();
        told.sort();
        assert_eq!(
            told,
            vec![(OWNER, PRODUCT, R, true), (OWNER, PRODUCT, S, true)]
        );
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        set_lapsed(OWNER, false);
    });
}
