//! Owners' answers: once each, at the level asked, taken back; fee-less for owners.

use super::*;

#[test]
fn owners_opt_in_once_each_at_the_level_asked_until_full() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        let o = |w: u64| RuntimeOrigin::signed(w);
        let r = H256::repeat_byte(1);
        assert_noop!(
            DataRequests::respond(o(OWNERS[0]), 99, r),
            Err::UnknownRequest
        );
        assert_noop!(DataRequests::respond(o(STRANGER), id, r), Err::NotDataOwner);
        assert_noop!(
            DataRequests::respond(o(LOW_OWNER), id, r),
            Err::NotDataOwner
        );
        assert_noop!(DataRequests::respond(o(SEEKER), id, r), Err::OwnRequest);
        respond(id, &OWNERS[..5]);
        System::assert_last_event(
            Event::Responded {
                id,
                owner: OWNERS[4],
                receipt_hash: H256::repeat_byte(OWNERS[4] as u8),
            }
            .into(),
        );
        assert_noop!(
            DataRequests::respond(o(OWNERS[0]), id, r),
            Err::AlreadyResponded
        );
        assert_noop!(DataRequests::respond(o(OWNERS[5]), id, r), Err::RequestFull);
        assert_eq!(
            DataRequests::request_view(id).map(|v| v.respondents),
            Some(5)
        );
        let page = DataRequests::responses_page(id, Some(&OWNERS[0]), 2);
        assert_eq!(
            page.iter().map(|r| r.owner).collect::<Vec<_>>(),
            vec![OWNERS[1], OWNERS[2]]
        );
        let first = DataRequests::responses_page(id, None, 1);
        assert_eq!(
            first.iter().map(|r| r.owner).collect::<Vec<_>>(),
            vec![OWNERS[0]]
        );
        // Nothing follows an owner who did not answer.
        assert!(DataRequests::responses_page(id, Some(&OWNERS[9]), 2).is_empty());
        // A request asking only LoA Low takes the low owner.
        let mut t = per_owner();
        t.owner_loa = Loa::Low;
        let low = post(CITY, t);
        respond(low, &[LOW_OWNER]);
        System::set_block_number(11);
        assert_noop!(
            DataRequests::respond(o(OWNERS[6]), low, r),
            Err::DeadlinePassed
        );
    });
}

#[test]
fn an_answer_taken_back_while_open_leaves_the_request() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        respond(id, &OWNERS[..3]);
        assert_noop!(
            DataRequests::withdraw_response(RuntimeOrigin::signed(OWNERS[5]), id),
            Err::NotResponded
        );
        assert_noop!(
            DataRequests::withdraw_response(RuntimeOrigin::signed(OWNERS[5]), 9),
            Err::UnknownRequest
        );
        assert_ok!(DataRequests::withdraw_response(
            RuntimeOrigin::signed(OWNERS[1]),
            id
        ));
        System::assert_last_event(
            Event::ResponseWithdrawn {
                id,
                owner: OWNERS[1],
            }
            .into(),
        );
        assert_eq!(
            DataRequests::request_view(id).map(|v| v.respondents),
            Some(2)
        );
        assert!(DataRequests::response_view(id, &OWNERS[1]).is_none());
        assert!(DataRequests::owner_responses_page(&OWNERS[1], None, 10).is_empty());
        // At the deadline only two had opted in: k = 3 not reached, everything back.
        System::set_block_number(11);
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(STRANGER), id));
        assert_eq!(state(id), Some(RequestState::Refunded));
        System::assert_last_event(
            Event::RequestRefunded {
                id,
                respondents: 2,
                refunded: 5_000,
            }
            .into(),
        );
        assert_eq!(free(SEEKER), 100_000);
        assert_eq!(held(SEEKER), 0);
        assert_eq!(credited(OWNERS[0]), 0);
        assert_eq!(Totals::<Test>::get().refunded, 1);
    });
}

#[test]
fn answering_is_fee_less_for_data_owners_only() {
    ExtBuilder::build_and_execute(|| {
        let call = crate::Call::<Test>::respond {
            id: 1,
            receipt_hash: H256::zero(),
        };
        assert!(call.is_feeless(&RuntimeOrigin::signed(OWNERS[0])));
        assert!(!call.is_feeless(&RuntimeOrigin::signed(STRANGER)));
        // A withdrawal is fee-less for whoever answered and has not withdrawn, credential or
        // not (security review S5), and for nobody else (S1: no free failing withdrawals).
        let call = crate::Call::<Test>::withdraw_response { id: 1 };
        assert!(
            !call.is_feeless(&RuntimeOrigin::signed(LOW_OWNER)),
            "has not answered"
        );
        assert!(
            !call.is_feeless(&RuntimeOrigin::signed(OWNERS[0])),
            "has not answered"
        );
        crate::Responses::<Test>::insert(
            1,
            OWNERS[0],
            crate::Response {
                receipt_hash: H256::zero(),
                at: 1,
                withdrawn: None,
            },
        );
        assert!(call.is_feeless(&RuntimeOrigin::signed(OWNERS[0])));
        crate::Responses::<Test>::mutate(1, OWNERS[0], |r| {
            if let Some(r) = r {
                r.withdrawn = Some(2);
            }
        });
        assert!(
            !call.is_feeless(&RuntimeOrigin::signed(OWNERS[0])),
            "already withdrawn"
        );
        crate::Responses::<Test>::remove(1, OWNERS[0]);
        let call = crate::Call::<Test>::post_request { terms: per_owner() };
        assert!(!call.is_feeless(&RuntimeOrigin::signed(SEEKER)));
    });
}
