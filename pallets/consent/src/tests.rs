//! Unit tests of the consent registry.
use crate::{
    mock::*, ConsentInspect, ConsentState, Consents, Error, Event, ExpiryQueue, LiveConsentCount,
    LiveProducts, Purpose, ReceiptHash,
};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Hooks, BoundedVec};
use sp_runtime::traits::BadOrigin;

/// Like `assert_noop!`, for calls that report a weight with their error: the error, nothing
/// written.
macro_rules! assert_refused {
    ($x:expr, $e:expr $(,)?) => {
        frame_support::assert_storage_noop!(assert_eq!(
            $x.map_err(|e: frame_support::dispatch::DispatchErrorWithPostInfo| e.error),
            Err($e.into())
        ))
    };
}

/// Every entry of block `at`'s expiry queue, all pages.
fn queued(at: u64) -> Vec<(u64, crate::ProductId)> {
    let mut all: Vec<(u64, crate::ProductId)> = ExpiryQueue::<Test>::iter_prefix(at)
        .flat_map(|(_, q)| q.into_inner())
        .collect();
    all.sort();
    all
}

const OWNER: u64 = 1;
const OWNER2: u64 = 2;
const STRANGER: u64 = FIRST_NON_OWNER;

type MaxPurposes = <Test as crate::Config>::MaxPurposes;

fn ps(list: &[Purpose]) -> BoundedVec<Purpose, MaxPurposes> {
    BoundedVec::truncate_from(list.to_vec())
}

fn receipt(n: u8) -> ReceiptHash {
    ReceiptHash::repeat_byte(n)
}

fn give(
    owner: u64,
    product: u64,
    list: &[Purpose],
    expires_at: Option<u64>,
) -> sp_runtime::DispatchResult {
    Consent::give_consent(
        RuntimeOrigin::signed(owner),
        product,
        ps(list),
        expires_at,
        receipt(1),
    )
    .map(|_| ())
    .map_err(|e| e.error)
}

fn run_to(n: u64) {
    while System::block_number() < n {
        let next = System::block_number() + 1;
        System::set_block_number(next);
        Consent::on_initialize(next);
    }
}

fn check() {
    Consent::do_try_state().unwrap();
}

const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;
const B: Purpose = Purpose::PublicBenefit;

/// The call OWNER's app sends to consent to PRODUCT for R (receipt 1).
fn give_call() -> crate::Call<Test> {
    crate::Call::<Test>::give_consent {
        product: PRODUCT,
        purposes: ps(&[R]),
        expires_at: None,
        receipt_hash: receipt(1),
    }
}

#[test]
fn give_consent_works() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(50)));
        System::assert_last_event(
            Event::ConsentGiven {
                owner: OWNER,
                product: PRODUCT,
                purposes: ps(&[R, S]),
                expires_at: Some(50),
                receipt_hash: receipt(1),
            }
            .into(),
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(r.state, ConsentState::Given);
        assert_eq!((r.given_at, r.updated_at, r.expires_at), (1, 1, Some(50)));
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
        assert!(!Consent::is_live(&OWNER, PRODUCT, B));
        assert!(!Consent::is_live(&OWNER2, PRODUCT, R));
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, true), (OWNER, PRODUCT, S, true)]
        );
        assert_eq!(LiveProducts::<Test>::get(OWNER).into_inner(), vec![PRODUCT]);
        assert_eq!(LiveConsentCount::<Test>::get(), 1);
        assert_eq!(queued(50), vec![(OWNER, PRODUCT)]);
    });
}

#[test]
fn give_consent_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_refused!(
            Consent::give_consent(RuntimeOrigin::none(), PRODUCT, ps(&[R]), None, receipt(1)),
            BadOrigin
        );
        assert_noop!(
            give(STRANGER, PRODUCT, &[R], None),
            Error::<Test>::NotDataOwner
        );
        assert_noop!(give(OWNER, 99, &[R], None), Error::<Test>::ProductNotActive);
        assert_noop!(
            give(OWNER, PAUSED, &[R], None),
            Error::<Test>::ProductNotActive
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[R, Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_noop!(give(OWNER, PRODUCT, &[], None), Error::<Test>::NoPurposes);
        assert_noop!(
            give(OWNER, PRODUCT, &[R, S, R], None),
            Error::<Test>::DuplicatePurpose
        );
        run_to(5);
        assert_noop!(
            give(OWNER, PRODUCT, &[R], Some(5)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_noop!(
            give(OWNER, PRODUCT, &[R], Some(2)),
            Error::<Test>::ExpiryNotInFuture
        );
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_noop!(
            give(OWNER, PRODUCT, &[S], None),
            Error::<Test>::AlreadyGiven
        );
    });
}

#[test]
fn too_many_consents_per_owner() {
    ExtBuilder::default().build_and_execute(|| {
        // MaxConsentsPerOwner = 3 live consents; a withdrawn one frees its place.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(give(OWNER, PRODUCT2, &[R], None));
        set_active(PAUSED, true);
        assert_ok!(give(OWNER, PAUSED, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        // The withdrawn record stays for audit, but only two are live.
        assert_eq!(LiveProducts::<Test>::get(OWNER).len(), 2);
        assert_ok!(give(OWNER, PRODUCT, &[S], None));
        assert_eq!(LiveProducts::<Test>::get(OWNER).len(), 3);
    });
}

#[test]
fn too_many_consents_refused_for_a_new_product() {
    ExtBuilder::default().build_and_execute(|| {
        // Three live consents: a fourth product is refused.
        set_active(PAUSED, true);
        for p in [PRODUCT, PRODUCT2, PAUSED] {
            assert_ok!(give(OWNER2, p, &[R], None));
        }
        assert_noop!(
            give(OWNER2, PRODUCT4, &[R], None),
            Error::<Test>::TooManyConsents
        );
    });
}

/// Security review S12: only live consents count towards `MaxConsentsPerOwner`; an owner who
/// consented to and withdrew from many products over time can still consent to a new one.
#[test]
fn withdrawn_and_expired_records_do_not_lock_an_owner_out() {
    ExtBuilder::default().build_and_execute(|| {
        set_active(PAUSED, true);
        // Three consents, all ended: one withdrawn, two expired.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(give(OWNER, PRODUCT2, &[R], Some(3)));
        assert_ok!(give(OWNER, PAUSED, &[R], Some(3)));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        run_to(3);
        assert!(LiveProducts::<Test>::get(OWNER).is_empty());
        assert_eq!(
            Consents::<Test>::get(OWNER, PAUSED).map(|r| r.state),
            Some(ConsentState::Expired)
        );
        // A fourth product: allowed (before S12's fix, TooManyConsents).
        assert_ok!(give(OWNER, PRODUCT4, &[R], None));
        assert_eq!(
            LiveProducts::<Test>::get(OWNER).into_inner(),
            vec![PRODUCT4]
        );
    });
}

#[test]
fn withdraw_is_immediate_and_kept_for_audit() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(50)));
        take_listened();
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        System::assert_last_event(
            Event::ConsentWithdrawn {
                owner: OWNER,
                product: PRODUCT,
            }
            .into(),
        );
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, false), (OWNER, PRODUCT, S, false)]
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(r.state, ConsentState::Withdrawn);
        assert_eq!(r.purposes, ps(&[R, S]));
        assert!(queued(50).is_empty());
        assert_eq!(LiveConsentCount::<Test>::get(), 0);
    });
}

#[test]
fn withdraw_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::none(), PRODUCT),
            BadOrigin
        );
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT),
            Error::<Test>::NothingToWithdraw
        );
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_refused!(
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT),
            Error::<Test>::NothingToWithdraw
        );
    });
}

#[test]
fn withdraw_then_give_again() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        run_to(3);
        assert_ok!(give(OWNER, PRODUCT, &[S], Some(9)));
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!((r.state, r.given_at), (ConsentState::Given, 3));
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(LiveProducts::<Test>::get(OWNER).into_inner(), vec![PRODUCT]);
    });
}

#[test]
fn withdrawal_costs_no_more_than_giving() {
    ExtBuilder::default().build_and_execute(|| {
        let give_call = give_call();
        let withdraw_call = crate::Call::<Test>::withdraw_consent { product: PRODUCT };
        let g = give_call.get_dispatch_info();
        let w = withdraw_call.get_dispatch_info();
        assert!(w.call_weight.all_lte(g.call_weight));
        assert_eq!(w.class, g.class);
        assert_eq!(w.pays_fee, g.pays_fee);
    });
}

#[test]
fn renew_changes_purposes_and_expiry_at_once() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R, S], Some(20)));
        take_listened();
        run_to(10);
        assert_ok!(Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[S, B]),
            Some(40),
            receipt(2)
        ));
        System::assert_last_event(
            Event::ConsentRenewed {
                owner: OWNER,
                product: PRODUCT,
                purposes: ps(&[S, B]),
                expires_at: Some(40),
                receipt_hash: receipt(2),
            }
            .into(),
        );
        assert_eq!(
            take_listened(),
            vec![(OWNER, PRODUCT, R, false), (OWNER, PRODUCT, B, true)]
        );
        let r = Consents::<Test>::get(OWNER, PRODUCT).unwrap();
        assert_eq!(
            (r.state, r.updated_at, r.given_at),
            (ConsentState::Renewed, 10, 1)
        );
        assert!(queued(20).is_empty());
        assert_eq!(queued(40), vec![(OWNER, PRODUCT)]);
        // Renewed before the old expiry: still live after it.
        run_to(25);
        assert!(Consent::is_live(&OWNER, PRODUCT, B));
        check();
        // Renew without expiry: leaves the queue.
        assert_ok!(Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[S]),
            None,
            receipt(3)
        ));
        assert!(queued(40).is_empty());
        run_to(45);
        assert!(Consent::is_live(&OWNER, PRODUCT, S));
    });
}

#[test]
fn renew_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let renew = |who: u64, list: &[Purpose], e: Option<u64>| {
            Consent::renew_consent(RuntimeOrigin::signed(who), PRODUCT, ps(list), e, receipt(2))
        };
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::NothingToRenew);
        assert_refused!(renew(STRANGER, &[R], None), Error::<Test>::NotDataOwner);
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_refused!(renew(OWNER, &[], None), Error::<Test>::NoPurposes);
        assert_refused!(renew(OWNER, &[R, R], None), Error::<Test>::DuplicatePurpose);
        assert_refused!(
            renew(OWNER, &[Purpose::Marketing], None),
            Error::<Test>::PurposeNotOffered
        );
        assert_refused!(
            renew(OWNER, &[R], Some(1)),
            Error::<Test>::ExpiryNotInFuture
        );
        set_active(PRODUCT, false);
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::ProductNotActive);
        set_active(PRODUCT, true);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_refused!(renew(OWNER, &[R], None), Error::<Test>::NothingToRenew);
    });
}

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

#[test]
fn withdraw_all_is_one_click() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], Some(30)));
        assert_ok!(give(OWNER, PRODUCT2, &[Purpose::Marketing], None));
        assert_ok!(give(OWNER2, PRODUCT, &[R], None));
        take_listened();
        assert_ok!(Consent::withdraw_all(RuntimeOrigin::signed(OWNER)));
        System::assert_last_event(
            Event::AllWithdrawn {
                owner: OWNER,
                count: 2,
            }
            .into(),
        );
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert!(!Consent::is_live(&OWNER, PRODUCT2, Purpose::Marketing));
        assert!(Consent::is_live(&OWNER2, PRODUCT, R));
        assert_eq!(take_listened().len(), 2);
        assert_refused!(
            Consent::withdraw_all(RuntimeOrigin::signed(OWNER)),
            Error::<Test>::NothingToWithdraw
        );
        assert_refused!(Consent::withdraw_all(RuntimeOrigin::none()), BadOrigin);
    });
}

#[test]
fn consent_is_live_only_while_the_product_is_active() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        set_active(PRODUCT, false);
        assert!(!Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Invalidated)
        );
        set_active(PRODUCT, true);
        assert!(Consent::is_live(&OWNER, PRODUCT, R));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Given)
        );
        // Withdrawal still works while the product is paused.
        set_active(PRODUCT, false);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert_eq!(
            Consent::effective_state(&OWNER, PRODUCT),
            Some(ConsentState::Withdrawn)
        );
    });
}

#[test]
fn consent_calls_are_fee_less_for_entitled_owners() {
    ExtBuilder::default().build_and_execute(|| {
        use frame_support::dispatch::CheckIfFeeless;
        let give_call = give_call();
        assert!(give_call.is_feeless(&RuntimeOrigin::signed(OWNER)));
        assert!(!give_call.is_feeless(&RuntimeOrigin::signed(STRANGER)));
        assert!(!give_call.is_feeless(&RuntimeOrigin::root()));
        // Entitlement does not depend on how many calls were made: the allowance is counted
        // by the credentials pallet's transaction extension, before dispatch.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT
        ));
        assert!(give_call.is_feeless(&RuntimeOrigin::signed(OWNER)));
    });
}

#[test]
fn withdrawal_works_after_the_owner_credential_is_gone() {
    ExtBuilder::default().build_and_execute(|| {
        // STRANGER is not an owner; put a record in place as if its credential had lapsed.
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        let record = Consents::<Test>::take(OWNER, PRODUCT).unwrap();
        Consents::<Test>::insert(STRANGER, PRODUCT, record);
        let live = LiveProducts::<Test>::take(OWNER);
        LiveProducts::<Test>::insert(STRANGER, live);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(STRANGER),
            PRODUCT
        ));
    });
}

/// Security review S1/S5: a withdrawal is fee-less exactly when the signer holds a live
/// consent to withdraw (one read), credential or not; one with nothing to withdraw is not.
#[test]
fn withdrawals_are_fee_less_exactly_for_a_live_record() {
    ExtBuilder::default().build_and_execute(|| {
        use frame_support::dispatch::CheckIfFeeless;
        let all = crate::Call::<Test>::withdraw_all {};
        let one = |product| crate::Call::<Test>::withdraw_consent { product };
        let signed = |who| RuntimeOrigin::signed(who);
        assert!(!all.is_feeless(&signed(OWNER)));
        assert!(!one(PRODUCT).is_feeless(&signed(OWNER)));
        assert_ok!(give(OWNER, PRODUCT, &[R], None));
        assert!(all.is_feeless(&signed(OWNER)));
        assert!(one(PRODUCT).is_feeless(&signed(OWNER)));
        assert!(!one(PRODUCT2).is_feeless(&signed(OWNER)));
        assert!(!all.is_feeless(&RuntimeOrigin::none()));
        // A holder of a live record without a credential (STRANGER is no owner).
        let record = Consents::<Test>::take(OWNER, PRODUCT).unwrap();
        Consents::<Test>::insert(STRANGER, PRODUCT, record);
        let live = LiveProducts::<Test>::take(OWNER);
        LiveProducts::<Test>::insert(STRANGER, live);
        assert!(all.is_feeless(&signed(STRANGER)));
        assert!(one(PRODUCT).is_feeless(&signed(STRANGER)));
        assert_ok!(Consent::withdraw_all(signed(STRANGER)));
        assert!(!all.is_feeless(&signed(STRANGER)));
        // Giving stays for registered owners only.
        let give_call = crate::Call::<Test>::give_consent {
            product: PRODUCT2,
            purposes: ps(&[R]),
            expires_at: None,
            receipt_hash: receipt(1),
        };
        assert!(give_call.is_feeless(&signed(OWNER)));
        assert!(!give_call.is_feeless(&signed(STRANGER)));
    });
}

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

#[test]
fn consent_calls_charge_every_purpose_and_refund_the_ones_not_touched() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        let worst = Consent::consent_weight();
        let one = Consent::consent_weight_for(1);
        assert!(
            one.ref_time() < worst.ref_time(),
            "one purpose costs less than eight"
        );
        // The charge before dispatch is the worst case, for all three calls alike.
        assert_eq!(give_call().get_dispatch_info().call_weight, worst);
        let withdraw = crate::Call::<Test>::withdraw_consent { product: PRODUCT };
        assert_eq!(withdraw.get_dispatch_info().call_weight, worst);
        // Giving one purpose: refunded to one purpose's weight.
        let post = Consent::give_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .expect("given");
        assert_eq!(post.actual_weight, Some(one));
        // Renewing 1 → 3 purposes: two pools joined, charged as three.
        let post = Consent::renew_consent(
            RuntimeOrigin::signed(OWNER),
            PRODUCT,
            ps(&[
                Purpose::ResearchAndDevelopment,
                Purpose::Statistics,
                Purpose::PublicBenefit,
            ]),
            None,
            receipt(2),
        )
        .expect("renewed");
        assert_eq!(post.actual_weight, Some(Consent::consent_weight_for(3)));
        // Withdrawing three purposes: charged as three.
        let post =
            Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).expect("withdrawn");
        assert_eq!(post.actual_weight, Some(Consent::consent_weight_for(3)));
        // The weight for p purposes is the largest of the three calls at p.
        let p3 = <() as WeightInfo>::give_consent(3)
            .max(<() as WeightInfo>::renew_consent(3))
            .max(<() as WeightInfo>::withdraw_consent(3));
        assert_eq!(Consent::consent_weight_for(3), p3);
        // Zero and too many are clamped to the benchmarked range.
        assert_eq!(Consent::consent_weight_for(0), one);
        assert_eq!(Consent::consent_weight_for(99), worst);
    });
}

#[test]
fn refused_consent_calls_are_charged_as_one_purpose() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        let one = Some(Consent::consent_weight_for(1));
        // Nothing to withdraw: refused before any pool is left.
        let e = Consent::withdraw_consent(RuntimeOrigin::signed(OWNER), PRODUCT).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(e.post_info.actual_weight, one);
        // Not an owner: refused at once.
        let e = Consent::give_consent(
            RuntimeOrigin::signed(STRANGER),
            PRODUCT,
            ps(&[Purpose::Statistics]),
            None,
            receipt(1),
        )
        .unwrap_err();
        assert_eq!(e.post_info.actual_weight, one);
        // withdrawAll with no live consent: one read, charged `withdraw_all(0)`.
        let e = Consent::withdraw_all(RuntimeOrigin::signed(OWNER)).unwrap_err();
        assert_eq!(e.error, Error::<Test>::NothingToWithdraw.into());
        assert_eq!(
            e.post_info.actual_weight,
            Some(<() as WeightInfo>::withdraw_all(0))
        );
    });
}

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
