//! Closing at the deadline: k owners paid exactly or the budget back; the on_idle engine; after fulfilment.

use super::*;

#[test]
fn at_the_deadline_k_owners_are_paid_exactly_and_the_unused_budget_goes_back() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        respond(id, &OWNERS[..3]);
        assert_noop!(
            DataRequests::close(RuntimeOrigin::signed(STRANGER), id).map_err(|e| e.error),
            Err::DeadlineNotReached
        );
        System::set_block_number(11);
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(STRANGER), id));
        // 3 × 1 000 = 3 000: fee 300, 900 each; 2 000 of the 5 000 budget back.
        System::assert_last_event(
            Event::RequestFulfilled {
                id,
                fee: 300,
                per_owner: 900,
                owners: 3,
                returned: 2_000,
            }
            .into(),
        );
        for o in &OWNERS[..3] {
            assert_eq!(credited(*o), 900);
            assert_eq!(free(*o), 901);
        }
        assert_eq!(free(PLATFORM), 301);
        assert_eq!(free(SEEKER), 97_000);
        assert_eq!(held(SEEKER), 0);
        let v = DataRequests::request_view(id).expect("closed");
        assert_eq!(v.state, RequestState::Fulfilled);
        assert_eq!(v.closed, Some(11));
        assert_eq!(v.retention_due, Some(61));
        assert_eq!(v.held, 0);
        let s = v.split.expect("split");
        assert_eq!((s.fee, s.per_owner, s.owners, s.returned), (300, 900, 3, 0));
        let t = Totals::<Test>::get();
        assert_eq!((t.fulfilled, t.paid, t.fees), (1, 3_000, 300));
        assert_noop!(
            DataRequests::close(RuntimeOrigin::signed(STRANGER), id).map_err(|e| e.error),
            Err::NotOpen
        );
        assert_noop!(
            DataRequests::close(RuntimeOrigin::signed(STRANGER), 7).map_err(|e| e.error),
            Err::UnknownRequest
        );
        assert_noop!(
            DataRequests::respond(RuntimeOrigin::signed(OWNERS[7]), id, H256::zero()),
            Err::NotOpen
        );
    });
}

#[test]
fn a_total_budget_is_divided_equally_and_the_leftover_unit_goes_back() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, terms(RequestPrice::Total(1_001)));
        respond(id, &OWNERS[..3]);
        System::set_block_number(11);
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(OWNERS[0]), id));
        // fee 100; 901 / 3 = 300 each, 1 left over and given back.
        let s = DataRequests::request_view(id)
            .and_then(|v| v.split)
            .expect("split");
        assert_eq!((s.fee, s.per_owner, s.owners, s.returned), (100, 300, 3, 1));
        assert_eq!(s.fee + s.per_owner * 3 + s.returned, 1_001);
        assert_eq!(free(SEEKER), 100_000 - 1_000);
        assert_eq!(Totals::<Test>::get().paid, 1_000);
    });
}

#[test]
fn on_idle_closes_due_requests_earliest_first_when_the_block_has_room() {
    ExtBuilder::build_and_execute(|| {
        let a = post(SEEKER, per_owner());
        let mut t = per_owner();
        t.deadline = 12;
        let b = post(CITY, t);
        let mut t = per_owner();
        t.deadline = 5;
        let c = post(CITY, t);
        respond(a, &OWNERS[..3]);
        // No room: nothing closes.
        DataRequests::on_idle(20, Weight::zero());
        assert_eq!(state(c), Some(RequestState::Open));
        // Block 11: c (deadline 5) and a (11) are due, b (12) is not.
        let used = DataRequests::on_idle(11, Weight::MAX);
        assert!(used.ref_time() > 0);
        assert_eq!(state(c), Some(RequestState::Refunded));
        assert_eq!(state(a), Some(RequestState::Fulfilled));
        assert_eq!(state(b), Some(RequestState::Open));
        assert_eq!(Due::<Test>::iter_keys().count(), 1);
        assert_eq!(credited(OWNERS[2]), 900);
    });
}

#[test]
fn after_fulfilment_a_withdrawal_is_recorded_and_the_seeker_attests_deletion() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        let refunded = post(SEEKER, per_owner());
        respond(id, &OWNERS[..3]);
        System::set_block_number(11);
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(SEEKER), id));
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(SEEKER), refunded));
        System::set_block_number(12);
        assert_ok!(DataRequests::withdraw_response(
            RuntimeOrigin::signed(OWNERS[0]),
            id
        ));
        assert_eq!(
            DataRequests::response_view(id, &OWNERS[0]).and_then(|r| r.withdrawn),
            Some(12)
        );
        // The owner keeps what it was paid and stays listed, marked withdrawn.
        assert_eq!(credited(OWNERS[0]), 900);
        assert_eq!(
            DataRequests::request_view(id).map(|v| v.respondents),
            Some(3)
        );
        assert_noop!(
            DataRequests::withdraw_response(RuntimeOrigin::signed(OWNERS[0]), id),
            Err::AlreadyWithdrawn
        );
        let proof = H256::repeat_byte(7);
        assert_noop!(
            DataRequests::attest_deletion(RuntimeOrigin::signed(CITY), id, proof),
            Err::NotSeeker
        );
        assert_noop!(
            DataRequests::attest_deletion(RuntimeOrigin::signed(SEEKER), refunded, proof),
            Err::NotFulfilled
        );
        assert_noop!(
            DataRequests::attest_deletion(RuntimeOrigin::signed(SEEKER), 42, proof),
            Err::UnknownRequest
        );
        assert_ok!(DataRequests::attest_deletion(
            RuntimeOrigin::signed(SEEKER),
            id,
            proof
        ));
        System::assert_last_event(Event::DeletionAttested { id, proof }.into());
        assert_eq!(
            DataRequests::request_view(id).and_then(|v| v.deletion_attested),
            Some(12)
        );
        assert_noop!(
            DataRequests::attest_deletion(RuntimeOrigin::signed(SEEKER), id, proof),
            Err::AlreadyAttested
        );
    });
}
