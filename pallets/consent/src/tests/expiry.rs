//! Expiry: in the block it is due, lazily checked, queued in pages.

use super::*;

#[test]
fn expiry_happens_in_the_block_it_is_due() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], Some(10)));
        take_listened();
        run_to(9);
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        run_to(10);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            Consents::<Test>::get(OWNER, PRODUCT).unwrap().state,
            ConsentState::Expired
        );
        System::assert_last_event(
            Event::ConsentExpired {
                owner: OWNER,
                product: PRODUCT,
            }
            .into(),
        );
        assert_eq!(take_listened(), vec![(OWNER, PRODUCT, R, false)]);
        assert_eq!(LiveConsentCount::<Test>::get(), 0);
        assert!(queued(10).is_empty());
        check();
        // Expired consent can be given again.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
    });
}

#[test]
fn is_live_checks_expiry_lazily_even_before_the_queue_runs() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], Some(10)));
        // Jump without running hooks: the record still says Given, yet it is not live.
        System::set_block_number(10);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        // The hook then records the expiry, and the books agree again.
        Consent::on_initialize(10);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(LiveConsentCount::<Test>::get(), 0);
    });
}

/// Security review II, I4: no expiry block is ever full. Consents past a page's size
/// (`MaxExpiriesPerBlock` = 2 in the mock) go to a new page; each block ends at most 2, oldest
/// first, the rest in the next blocks. None counts from its expiry block on, whatever the queue.
#[test]
fn an_expiry_block_takes_any_number_and_the_rest_end_in_the_next_blocks() {
    ExtBuilder::default().build_and_execute(|| {
        for who in 1..=5 {
            assert_ok!(give(who, PRODUCT, &[R], Some(10)));
        }
        assert_eq!(crate::ExpiryPages::<Test>::get(10), 3);
        assert_eq!(queued(10).len(), 5);
        // A renewal to that block is taken too; its old entry leaves its page.
        assert_ok!(give(6, PRODUCT, &[R], Some(11)));
        assert_ok!(Consent::renew_consent(
            RuntimeOrigin::signed(6),
            PRODUCT,
            ps(&[R]),
            Some(10),
            receipt(2)
        ));
        assert!(queued(11).is_empty());
        assert_eq!(queued(10).len(), 6);
        check();
        take_listened();
        run_to(10);
        for who in 1..=6 {
            assert!(
                !Consent::is_live(&who, PRODUCT, R),
                "not live at its expiry"
            );
        }
        let ended =
            |l: Vec<(u64, crate::ProductId, Purpose, bool)>| l.iter().filter(|e| !e.3).count();
        assert_eq!(ended(take_listened()), 2, "two pools left in block 10");
        check();
        run_to(12);
        assert_eq!(ended(take_listened()), 4, "the rest in blocks 11 and 12");
        assert!(queued(10).is_empty());
        assert_eq!(crate::ExpiryPages::<Test>::get(10), 0);
        assert_eq!(LiveConsentCount::<Test>::get(), 0);
        // The owner of a consent that waited may withdraw it meanwhile, or give it again after.
        assert_ok!(give(1, PRODUCT, &[R], None));
    });
}

#[test]
fn on_initialize_weight_grows_with_the_queue() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(1, PRODUCT, &[R], Some(10)));
        assert_ok!(give(2, PRODUCT, &[R], Some(10)));
        System::set_block_number(9);
        let empty = Consent::on_initialize(9);
        System::set_block_number(10);
        let two = Consent::on_initialize(10);
        assert!(two.ref_time() > empty.ref_time());
        assert_eq!(two, <() as crate::WeightInfo>::on_initialize_expiries(2));
    });
}
