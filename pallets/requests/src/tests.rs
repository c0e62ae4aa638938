//! Unit tests of the requests pallet: every call, every refusal, events, and the invariants
//! (checked after each test by `build_and_execute`).
use crate::{
    mock::*, pallet::*, types::*, DataCategory, Loa, Purpose, RequestId, RequestPrice, RequestState,
};
use frame_support::{
    assert_noop, assert_ok,
    dispatch::CheckIfFeeless,
    traits::{fungible::InspectHold, Hooks},
    weights::Weight,
    BoundedVec,
};
use sp_core::H256;

type Err = Error<Test>;

fn terms(price: RequestPrice<u64>) -> NewRequestOf<Test> {
    NewRequest {
        purpose: Purpose::PublicBenefit,
        categories: BoundedVec::truncate_from(vec![DataCategory::Travel, DataCategory::Location]),
        terms_hash: H256::repeat_byte(9),
        min_owners: 3,
        max_owners: 5,
        owner_loa: Loa::Substantial,
        price,
        deadline: 11,
        retention: 50,
    }
}

fn per_owner() -> NewRequestOf<Test> {
    terms(RequestPrice::PerOwner(1_000))
}

fn post(who: u64, t: NewRequestOf<Test>) -> RequestId {
    assert_ok!(DataRequests::post_request(RuntimeOrigin::signed(who), t));
    RequestCount::<Test>::get()
}

fn respond(id: RequestId, owners: &[u64]) {
    for o in owners {
        assert_ok!(DataRequests::respond(
            RuntimeOrigin::signed(*o),
            id,
            H256::repeat_byte(*o as u8)
        ));
    }
}

fn held(who: u64) -> u64 {
    Balances::balance_on_hold(&HoldReason::Budget.into(), &who)
}

fn free(who: u64) -> u64 {
    Balances::free_balance(who)
}

fn state(id: RequestId) -> Option<RequestState> {
    Requests::<Test>::get(id).map(|r| r.state)
}

#[test]
fn posting_holds_the_whole_budget_at_once() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        assert_eq!(id, 1);
        assert_eq!(held(SEEKER), 5_000);
        assert_eq!(free(SEEKER), 95_000);
        System::assert_last_event(
            Event::RequestPosted {
                id,
                seeker: SEEKER,
                purpose: Purpose::PublicBenefit,
                min_owners: 3,
                budget: 5_000,
                deadline: 11,
            }
            .into(),
        );
        let v = DataRequests::request_view(id).expect("posted");
        assert_eq!(v.state, RequestState::Open);
        assert_eq!(v.held, 5_000);
        assert_eq!(v.seeker_class, cityzen_primitives::ConsumerClass::Research);
        assert_eq!(
            v.categories,
            vec![DataCategory::Travel, DataCategory::Location]
        );
        let total = post(CITY, terms(RequestPrice::Total(777)));
        assert_eq!(held(CITY), 777);
        assert_eq!(
            DataRequests::request_view(total).map(|v| v.seeker_class),
            Some(cityzen_primitives::ConsumerClass::PublicSector)
        );
    });
}

#[test]
fn posting_refuses_bad_terms_and_non_consumers() {
    ExtBuilder::build_and_execute(|| {
        let s = RuntimeOrigin::signed(SEEKER);
        assert_noop!(
            DataRequests::post_request(RuntimeOrigin::signed(STRANGER), per_owner()),
            Err::NotAConsumer
        );
        let mut t = per_owner();
        t.categories = BoundedVec::new();
        assert_noop!(DataRequests::post_request(s.clone(), t), Err::NoCategories);
        let mut t = per_owner();
        t.categories = BoundedVec::truncate_from(vec![DataCategory::Health, DataCategory::Health]);
        assert_noop!(
            DataRequests::post_request(s.clone(), t),
            Err::DuplicateCategory
        );
        let mut t = per_owner();
        t.min_owners = 1;
        assert_noop!(DataRequests::post_request(s.clone(), t), Err::KBelowMinimum);
        let mut t = per_owner();
        t.max_owners = 2;
        assert_noop!(DataRequests::post_request(s.clone(), t), Err::MaxBelowMin);
        let mut t = per_owner();
        t.max_owners = 6;
        assert_noop!(DataRequests::post_request(s.clone(), t), Err::TooManyOwners);
        assert_noop!(
            DataRequests::post_request(s.clone(), terms(RequestPrice::PerOwner(MIN_PER_OWNER - 1))),
            Err::BudgetTooSmall
        );
        assert_noop!(
            DataRequests::post_request(
                s.clone(),
                terms(RequestPrice::Total(MIN_PER_OWNER * 5 - 1))
            ),
            Err::BudgetTooSmall
        );
        assert_noop!(
            DataRequests::post_request(s.clone(), terms(RequestPrice::PerOwner(u64::MAX / 4))),
            Err::BudgetOverflow
        );
        assert_noop!(
            DataRequests::post_request(RuntimeOrigin::signed(POOR), per_owner()),
            Err::InsufficientFunds
        );
        let mut t = per_owner();
        t.deadline = 1;
        assert_noop!(
            DataRequests::post_request(s.clone(), t),
            Err::DeadlineNotInFuture
        );
        let mut t = per_owner();
        t.deadline = 102;
        assert_noop!(
            DataRequests::post_request(s.clone(), t),
            Err::DeadlineTooFar
        );
        let mut t = per_owner();
        t.retention = 0;
        assert_noop!(DataRequests::post_request(s.clone(), t), Err::ZeroRetention);
        let mut t = per_owner();
        t.retention = 1_001;
        assert_noop!(
            DataRequests::post_request(s.clone(), t),
            Err::RetentionTooLong
        );
        assert_noop!(
            DataRequests::post_request(RuntimeOrigin::none(), per_owner()),
            sp_runtime::DispatchError::BadOrigin
        );
        // The edges are allowed.
        let mut t = terms(RequestPrice::Total(MIN_PER_OWNER * 5));
        t.deadline = 101;
        t.retention = 1_000;
        t.min_owners = 2;
        t.max_owners = 2;
        assert_ok!(DataRequests::post_request(s, t));
    });
}

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
fn a_seeker_may_cancel_only_before_anyone_opts_in() {
    ExtBuilder::build_and_execute(|| {
        let id = post(SEEKER, per_owner());
        assert_noop!(
            DataRequests::cancel(RuntimeOrigin::signed(CITY), id),
            Err::NotSeeker
        );
        assert_noop!(
            DataRequests::cancel(RuntimeOrigin::signed(SEEKER), 5),
            Err::UnknownRequest
        );
        let other = post(SEEKER, per_owner());
        respond(other, &OWNERS[..1]);
        assert_noop!(
            DataRequests::cancel(RuntimeOrigin::signed(SEEKER), other),
            Err::HasRespondents
        );
        assert_ok!(DataRequests::cancel(RuntimeOrigin::signed(SEEKER), id));
        System::assert_last_event(
            Event::RequestCancelled {
                id,
                refunded: 5_000,
            }
            .into(),
        );
        assert_eq!(held(SEEKER), 5_000);
        assert_eq!(state(id), Some(RequestState::Cancelled));
        assert_noop!(
            DataRequests::cancel(RuntimeOrigin::signed(SEEKER), id),
            Err::NotOpen
        );
        assert_noop!(
            DataRequests::respond(RuntimeOrigin::signed(OWNERS[2]), id, H256::zero()),
            Err::NotOpen
        );
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

#[test]
fn reads_page_requests_by_id_and_an_owners_answers_in_order() {
    ExtBuilder::build_and_execute(|| {
        let ids: Vec<_> = (0..4).map(|_| post(CITY, per_owner())).collect();
        for id in &ids {
            respond(*id, &[OWNERS[9]]);
        }
        let page: Vec<_> = DataRequests::requests_page(Some(1), 2)
            .iter()
            .map(|v| v.id)
            .collect();
        assert_eq!(page, vec![2, 3]);
        assert_eq!(DataRequests::requests_page(Some(4), 10).len(), 0);
        assert_eq!(DataRequests::requests_page(None, 1000).len(), 4);
        let mine: Vec<_> = DataRequests::owner_responses_page(&OWNERS[9], Some(2), 10)
            .iter()
            .map(|r| r.request_id)
            .collect();
        assert_eq!(mine, vec![3, 4]);
        assert_eq!(
            DataRequests::owner_responses_page(&OWNERS[9], None, 1)[0].request_id,
            1
        );
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

#[test]
fn integrity_test_passes_for_the_mock() {
    ExtBuilder::build().execute_with(|| {
        <DataRequests as Hooks<u64>>::integrity_test();
    });
}
