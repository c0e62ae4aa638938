//! Runtime tests of data requests in the real runtime configuration: a seeker's budget held,
//! dev citizens opting in fee-less, the close at the deadline (by `on_idle` or by `close`),
//! the revenue pallet's payout (platform fee, equal parts claimable with `claim_all`), refunds
//! when k is not reached, and the KPIs.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_primitives::{
    requests::{Categories, DataCategory, RequestPrice, RequestState},
    Loa, Purpose,
};
use cityzen_runtime::{
    configs::marketplace::MIN_REQUEST_OWNERS, AccountId, Balance, Balances, BlockNumber,
    DataRequests, Revenue, Runtime, RuntimeCall, RuntimeOrigin, System, UNIT,
};
use frame_support::{
    assert_err_ignore_postinfo, assert_noop, assert_ok,
    dispatch::CheckIfFeeless,
    traits::{fungible::InspectHold, Hooks},
    weights::Weight,
};
use pallet_requests::NewRequestOf;
use sp_keyring::Sr25519Keyring;

use common::{acc, charlie, check_all, citizen, free, platform};

const PER_OWNER: Balance = 10 * UNIT;

fn held(who: &AccountId) -> Balance {
    Balances::balance_on_hold(
        &cityzen_runtime::RuntimeHoldReason::DataRequests(pallet_requests::HoldReason::Budget),
        who,
    )
}

/// The dev seed of `citizen(i)`: `//Citizen01` is citizen 0.
fn seed(i: usize) -> String {
    format!("//Citizen{:02}", i + 1)
}

/// Research on travel and location, k = 3, at most 5 owners, owners at LoA Substantial, 10
/// blocks to answer, 100 blocks' retention.
fn terms(price: RequestPrice<Balance>) -> NewRequestOf<Runtime> {
    pallet_requests::NewRequest {
        purpose: Purpose::ResearchAndDevelopment,
        categories: Categories::truncate_from(vec![DataCategory::Travel, DataCategory::Location]),
        terms_hash: sp_core::H256::repeat_byte(7),
        min_owners: MIN_REQUEST_OWNERS,
        max_owners: 5,
        owner_loa: Loa::Substantial,
        price,
        deadline: System::block_number() + 10,
        retention: 100,
    }
}

/// Charlie posts a request; returns its id.
fn post(price: RequestPrice<Balance>) -> u64 {
    assert_ok!(DataRequests::post_request(
        RuntimeOrigin::signed(charlie()),
        terms(price)
    ));
    pallet_requests::RequestCount::<Runtime>::get()
}

/// Citizens `0..n` opt in with a real signed extrinsic each (they hold no balance: the call
/// must be fee-less for them).
fn respond(id: u64, n: usize) {
    for i in 0..n {
        let call = RuntimeCall::DataRequests(pallet_requests::Call::respond {
            id,
            receipt_hash: sp_core::H256::repeat_byte(i as u8),
        });
        assert!(call.is_feeless(&RuntimeOrigin::signed(citizen(i))));
        assert_ok!(common::apply(&seed(i), call).unwrap());
    }
}

/// Moves to the block after `id`'s deadline and runs `on_idle` with room to spare.
fn to_deadline(id: u64) {
    let deadline: BlockNumber = pallet_requests::Requests::<Runtime>::get(id)
        .unwrap()
        .deadline;
    System::set_block_number(deadline);
    DataRequests::on_idle(deadline, Weight::MAX);
}

#[test]
fn a_fulfilled_request_pays_the_city_and_each_owner_and_returns_the_rest() {
    common::ext_from_preset("development").execute_with(|| {
        System::set_block_number(1);
        let (charlie_before, platform_before) = (free(&charlie()), free(&platform()));
        let id = post(RequestPrice::PerOwner(PER_OWNER));
        assert_eq!(held(&charlie()), 5 * PER_OWNER);
        assert_eq!(free(&charlie()), charlie_before - 5 * PER_OWNER);
        respond(id, 4);
        to_deadline(id);
        let r = pallet_requests::Requests::<Runtime>::get(id).unwrap();
        assert_eq!(r.state, RequestState::Fulfilled);
        assert_eq!(r.held, 0);
        // 4 owners at 10 UNIT: 40 UNIT, of which the 2 % platform fee; the rest in 4 parts.
        let paid = 4 * PER_OWNER;
        let fee = paid * 2 / 100;
        let per_owner = (paid - fee) / 4;
        let split = r.split.unwrap();
        assert_eq!(
            (split.fee, split.per_owner, split.owners),
            (fee, per_owner, 4)
        );
        assert_eq!(split.fee + split.per_owner * 4 + split.returned, paid);
        assert_eq!(free(&platform()) - platform_before, fee);
        assert_eq!(held(&charlie()), 0);
        // Charlie paid exactly what the owners and the city got: the unused budget is back.
        assert_eq!(charlie_before - free(&charlie()), paid - split.returned);
        // Each owner claims its part fee-less, with the same claim_all that pays sales.
        for i in 0..4 {
            assert_eq!(Revenue::statement(&citizen(i)).pending, per_owner);
            let call = RuntimeCall::Revenue(pallet_revenue::Call::claim_all {});
            assert!(call.is_feeless(&RuntimeOrigin::signed(citizen(i))));
            assert_ok!(common::apply(&seed(i), call).unwrap());
            assert_eq!(free(&citizen(i)), per_owner, "citizen {i}");
            assert_eq!(Revenue::statement(&citizen(i)).pending, 0);
        }
        assert_eq!(Revenue::statement(&citizen(4)).pending, 0);
        let kpis = cityzen_runtime::market_api::kpis();
        assert_eq!(kpis.requests_posted, 1);
        assert_eq!(kpis.requests_fulfilled, 1);
        assert_eq!(kpis.paid_by_requests, paid - split.returned);
        // Withdrawing after fulfilment is recorded; the seeker then attests deletion.
        assert_ok!(DataRequests::withdraw_response(
            RuntimeOrigin::signed(citizen(1)),
            id
        ));
        let view = DataRequests::response(id, citizen(1)).unwrap();
        assert!(view.withdrawn.is_some());
        assert_ok!(DataRequests::attest_deletion(
            RuntimeOrigin::signed(charlie()),
            id,
            sp_core::H256::repeat_byte(9)
        ));
        assert!(DataRequests::request_view(id)
            .unwrap()
            .deletion_attested
            .is_some());
        check_all();
    });
}

#[test]
fn a_total_budget_is_divided_equally_and_its_leftover_goes_back() {
    common::ext_from_preset("development").execute_with(|| {
        System::set_block_number(1);
        let charlie_before = free(&charlie());
        // 100 UNIT + 1 unit over 3 owners: the 2 % fee, then units the division leaves.
        let budget = 100 * UNIT + 1;
        let id = post(RequestPrice::Total(budget));
        respond(id, 3);
        System::set_block_number(11);
        assert_ok!(DataRequests::close(RuntimeOrigin::signed(citizen(5)), id));
        let split = DataRequests::request_view(id).unwrap().split.unwrap();
        let fee = budget * 2 / 100;
        assert_eq!(split.fee, fee);
        assert_eq!(split.per_owner, (budget - fee) / 3);
        assert_eq!(split.returned, (budget - fee) % 3);
        assert_eq!(charlie_before - free(&charlie()), budget - split.returned);
        for i in 0..3 {
            assert_eq!(Revenue::statement(&citizen(i)).pending, split.per_owner);
        }
        check_all();
    });
}

#[test]
fn below_k_at_the_deadline_the_budget_goes_back_in_full_and_no_one_is_paid() {
    common::ext_from_preset("development").execute_with(|| {
        System::set_block_number(1);
        let (charlie_before, platform_before) = (free(&charlie()), free(&platform()));
        let id = post(RequestPrice::PerOwner(PER_OWNER));
        respond(id, MIN_REQUEST_OWNERS as usize - 1);
        // Too early to close.
        assert_err_ignore_postinfo!(
            DataRequests::close(RuntimeOrigin::signed(charlie()), id),
            pallet_requests::Error::<Runtime>::DeadlineNotReached
        );
        to_deadline(id);
        assert_eq!(
            DataRequests::request_view(id).unwrap().state,
            RequestState::Refunded
        );
        assert_eq!(free(&charlie()), charlie_before);
        assert_eq!(held(&charlie()), 0);
        assert_eq!(free(&platform()), platform_before);
        for i in 0..3 {
            assert_eq!(Revenue::statement(&citizen(i)).pending, 0);
        }
        let kpis = cityzen_runtime::market_api::kpis();
        assert_eq!((kpis.requests_posted, kpis.requests_fulfilled), (1, 0));
        assert_eq!(kpis.paid_by_requests, 0);
        // Closed: no more answers, no second close.
        assert_noop!(
            DataRequests::respond(RuntimeOrigin::signed(citizen(6)), id, sp_core::H256::zero()),
            pallet_requests::Error::<Runtime>::NotOpen
        );
        assert_err_ignore_postinfo!(
            DataRequests::close(RuntimeOrigin::signed(charlie()), id),
            pallet_requests::Error::<Runtime>::NotOpen
        );
        check_all();
    });
}

#[test]
fn only_accredited_consumers_post_and_only_registered_owners_answer() {
    common::ext_from_preset("development").execute_with(|| {
        System::set_block_number(1);
        // Ferdie holds no credential; Bob is a provider, not a consumer.
        for who in [acc(Sr25519Keyring::Ferdie), acc(Sr25519Keyring::Bob)] {
            assert_noop!(
                DataRequests::post_request(
                    RuntimeOrigin::signed(who),
                    terms(RequestPrice::PerOwner(PER_OWNER))
                ),
                pallet_requests::Error::<Runtime>::NotAConsumer
            );
        }
        let id = post(RequestPrice::PerOwner(PER_OWNER));
        // Not a data owner: refused, and not fee-less (so spam costs a fee).
        let dave = acc(Sr25519Keyring::Dave);
        assert_noop!(
            DataRequests::respond(
                RuntimeOrigin::signed(dave.clone()),
                id,
                sp_core::H256::zero()
            ),
            pallet_requests::Error::<Runtime>::NotDataOwner
        );
        let call = RuntimeCall::DataRequests(pallet_requests::Call::respond {
            id,
            receipt_hash: sp_core::H256::zero(),
        });
        assert!(!call.is_feeless(&RuntimeOrigin::signed(dave)));
        // A request the owners' LoA cannot meet: citizens are at Substantial.
        let mut high = terms(RequestPrice::PerOwner(PER_OWNER));
        high.owner_loa = Loa::High;
        assert_ok!(DataRequests::post_request(
            RuntimeOrigin::signed(charlie()),
            high
        ));
        let strict = pallet_requests::RequestCount::<Runtime>::get();
        assert_noop!(
            DataRequests::respond(
                RuntimeOrigin::signed(citizen(0)),
                strict,
                sp_core::H256::zero()
            ),
            pallet_requests::Error::<Runtime>::NotDataOwner
        );
        // The seeker cannot hold more than it has.
        let mut huge = terms(RequestPrice::PerOwner(free(&charlie())));
        huge.max_owners = 5;
        assert_noop!(
            DataRequests::post_request(RuntimeOrigin::signed(charlie()), huge),
            pallet_requests::Error::<Runtime>::InsufficientFunds
        );
        // k below the chain's minimum.
        let mut low = terms(RequestPrice::PerOwner(PER_OWNER));
        low.min_owners = MIN_REQUEST_OWNERS - 1;
        assert_noop!(
            DataRequests::post_request(RuntimeOrigin::signed(charlie()), low),
            pallet_requests::Error::<Runtime>::KBelowMinimum
        );
        check_all();
    });
}
