//! Posting a request: the whole budget held at once, bad terms refused; cancelling.

use super::*;

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
