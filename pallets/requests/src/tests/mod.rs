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

mod answering;
mod closing;
mod posting;
mod reads;
