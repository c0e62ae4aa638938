//! Unit tests of the escrow pallet.
use crate::{mock::*, *};
use frame_support::{
    assert_noop, assert_ok,
    traits::{fungible::InspectHold, Hooks},
    weights::Weight,
    BoundedVec,
};
use sp_runtime::DispatchError;

const R: Purpose = Purpose::ResearchAndDevelopment;
const KEY: BuyerKey = [7u8; 32];

fn held(who: u64) -> u64 {
    Balances::balance_on_hold(&HoldReason::Escrow.into(), &who)
}

fn free(who: u64) -> u64 {
    Balances::free_balance(who)
}

fn place(buyer: u64, product: ProductId, periods: u32) -> OrderId {
    let id = NextOrderId::<Test>::get();
    assert_ok!(Escrow::place_order(
        RuntimeOrigin::signed(buyer),
        product,
        R,
        1_000_000,
        KEY,
        periods
    ));
    id
}

fn reference() -> BoundedVec<u8, ConstU32<64>> {
    BoundedVec::truncate_from(b"ipfs://bafy-encrypted-to-buyer".to_vec())
}

fn deliver(order: OrderId) {
    assert_ok!(Escrow::deliver(
        RuntimeOrigin::signed(PROVIDER),
        order,
        reference()
    ));
}

fn state(order: OrderId) -> OrderState {
    Orders::<Test>::get(order).expect("order").state
}

/// Go to block `n`, running `on_idle` with plenty of weight in each block.
fn run_to(n: u64) {
    while System::block_number() < n {
        let b = System::block_number() + 1;
        System::set_block_number(b);
        Escrow::on_idle(b, Weight::MAX);
    }
}

fn check() {
    Escrow::do_try_state().expect("try_state");
}

use frame_support::traits::ConstU32;

#[test]
fn placing_an_order_holds_the_price_and_copies_the_terms() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        assert_eq!(held(BUYER), 1_000);
        assert_eq!(free(BUYER), 99_000);
        let o = Orders::<Test>::get(id).expect("order");
        assert_eq!(o.state, OrderState::Placed);
        assert_eq!(o.provider, PROVIDER);
        assert_eq!(o.owners_share_bps, 3_000);
        assert_eq!(o.retention, RETENTION);
        assert_eq!(o.terms_version, 1);
        assert_eq!(o.buyer_key, KEY);
        assert_eq!(o.deliver_by, 1 + DELIVERY);
        assert_eq!(open_orders(FIXED), 1);
        assert_eq!(OpenCount::<Test>::get(BUYER), 1);
        assert!(BuyerOrders::<Test>::contains_key(BUYER, id));
        System::assert_last_event(
            Event::OrderPlaced {
                order: id,
                buyer: BUYER,
                product: FIXED,
                purpose: R,
                price: 1_000,
            }
            .into(),
        );
        check();
    });
}

#[test]
fn place_order_refusals() {
    new_test_ext().execute_with(|| {
        let try_place = |who: u64, product: ProductId, purpose: Purpose, max: u64, periods: u32| {
            Escrow::place_order(
                RuntimeOrigin::signed(who),
                product,
                purpose,
                max,
                KEY,
                periods,
            )
        };
        assert_noop!(
            try_place(BUYER, 99, R, 5_000, 1),
            Error::<Test>::UnknownProduct
        );
        assert_noop!(
            try_place(BUYER, PAUSED, R, 5_000, 1),
            Error::<Test>::ProductNotActive
        );
        assert_noop!(
            try_place(BUYER, FIXED, Purpose::Marketing, 5_000, 1),
            Error::<Test>::PurposeNotOffered
        );
        assert_noop!(
            try_place(STRANGER, FIXED, R, 5_000, 1),
            Error::<Test>::NotAccreditedConsumer
        );
        // BUYER holds LoA Substantial; HIGH needs High.
        assert_noop!(
            try_place(BUYER, HIGH, R, 5_000, 1),
            Error::<Test>::NotAccreditedConsumer
        );
        assert_noop!(
            try_place(PROVIDER, FIXED, R, 5_000, 1),
            Error::<Test>::BuyerIsProvider
        );
        set_members(FIXED, R, 2);
        assert_noop!(
            try_place(BUYER, FIXED, R, 5_000, 1),
            Error::<Test>::TooFewOwners
        );
        set_members(FIXED, R, 3);
        assert_noop!(
            try_place(BUYER, FIXED, R, 999, 1),
            Error::<Test>::PriceAboveMax
        );
        assert_noop!(
            try_place(BUYER, FIXED, R, 5_000, 2),
            Error::<Test>::InvalidPeriods
        );
        assert_noop!(
            try_place(BUYER, SUB, R, 5_000, 0),
            Error::<Test>::InvalidPeriods
        );
        assert_noop!(
            try_place(BUYER, SUB, R, 5_000, 13),
            Error::<Test>::InvalidPeriods
        );
        assert_noop!(
            try_place(BUYER, SUB, R, 299, 3),
            Error::<Test>::PriceAboveMax
        );
        assert_noop!(
            try_place(BUYER, NEGO, R, 5_000, 1),
            Error::<Test>::NegotiatedProduct
        );
        assert_noop!(
            try_place(POOR, FIXED, R, 5_000, 1),
            Error::<Test>::InsufficientBalance
        );
        assert_noop!(
            Escrow::place_order(RuntimeOrigin::none(), FIXED, R, 5_000, KEY, 1),
            DispatchError::BadOrigin
        );
        for _ in 0..3 {
            place(BUYER, FIXED, 1);
        }
        assert_noop!(
            try_place(BUYER, FIXED, R, 5_000, 1),
            Error::<Test>::TooManyOpen
        );
        check();
    });
}

#[test]
fn a_class_the_product_is_not_offered_to_is_refused() {
    new_test_ext().execute_with(|| {
        // PublicSector is not among the mock product's classes; no mock consumer has it, so
        // use a product restricted to Research and the Commercial buyer.
        let (mut terms, v) =
            <MockProducts as ProductTerms<u64, u64, u64>>::terms(FIXED).expect("terms");
        terms.classes =
            BoundedVec::truncate_from(vec![cityzen_primitives::ConsumerClass::Research]);
        set_terms(FIXED, terms, v + 1);
        assert_noop!(
            Escrow::place_order(RuntimeOrigin::signed(BUYER2), FIXED, R, 5_000, KEY, 1),
            Error::<Test>::ClassNotOffered
        );
        assert_ok!(Escrow::place_order(
            RuntimeOrigin::signed(BUYER),
            FIXED,
            R,
            5_000,
            KEY,
            1
        ));
        assert_eq!(Orders::<Test>::get(0).expect("order").terms_version, 2);
    });
}

#[test]
fn deliver_confirm_settles_through_the_revenue_split() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        run_to(3);
        deliver(id);
        let o = Orders::<Test>::get(id).expect("order");
        assert_eq!(o.state, OrderState::Delivered);
        assert_eq!(o.delivered_at, Some(3));
        assert_eq!(o.dispute_until, Some(3 + WINDOW));
        assert_eq!(o.access_until, Some(3 + RETENTION));
        assert_eq!(o.retention_due, Some(3 + RETENTION));
        assert_eq!(o.delivery_ref, Some(reference()));
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), id));
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        // Mock split: 10 % fee, 30 % of the rest to the pool, the rest to the provider.
        assert_eq!(free(PLATFORM), 1 + 100);
        assert_eq!(free(POOL), 1 + 270);
        assert_eq!(free(PROVIDER), 10 + 630);
        assert_eq!(paid(), vec![(BUYER, 1_000, FIXED, R, PROVIDER, 3_000)]);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 1_000);
        assert_eq!(open_orders(FIXED), 0);
        assert_eq!(OpenCount::<Test>::get(BUYER), 0);
        System::assert_last_event(Event::Settled { order: id }.into());
        // The queued settlement is stale now and skipped.
        run_to(3 + WINDOW + 1);
        assert_eq!(paid().len(), 1);
        check();
    });
}

#[test]
fn deliver_refusals() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(BUYER), id, reference()),
            Error::<Test>::NotProvider
        );
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), 42, reference()),
            Error::<Test>::UnknownOrder
        );
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), id, BoundedVec::new()),
            Error::<Test>::EmptyDeliveryRef
        );
        deliver(id);
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), id, reference()),
            Error::<Test>::AlreadyDelivered
        );
        let late = place(BUYER, FIXED, 1);
        run_to(1 + DELIVERY + 1);
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), late, reference()),
            Error::<Test>::DeliveryDeadlinePassed
        );
    });
}

#[test]
fn settle_after_the_window_by_anyone_and_by_on_idle() {
    new_test_ext().execute_with(|| {
        let a = place(BUYER, FIXED, 1);
        let b = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::NotDelivered
        );
        deliver(a);
        deliver(b);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::DisputeWindowOpen
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::NotBuyer
        );
        System::set_block_number(1 + WINDOW);
        assert_ok!(Escrow::settle(RuntimeOrigin::signed(STRANGER), a));
        assert_eq!(state(a), OrderState::Settled);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), a),
            Error::<Test>::OrderClosed
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), a),
            Error::<Test>::OrderClosed
        );
        // b is settled by on_idle, with nobody calling.
        assert_eq!(state(b), OrderState::Delivered);
        Escrow::on_idle(1 + WINDOW, Weight::MAX);
        assert_eq!(state(b), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        check();
    });
}

#[test]
fn on_idle_is_bounded_by_the_weight_it_is_given() {
    new_test_ext().execute_with(|| {
        let a = place(BUYER, FIXED, 1);
        let b = place(BUYER, FIXED, 1);
        deliver(a);
        deliver(b);
        System::set_block_number(1 + WINDOW);
        // No weight: nothing done.
        assert_eq!(Escrow::on_idle(1 + WINDOW, Weight::zero()), Weight::zero());
        assert_eq!(state(a), OrderState::Delivered);
        Escrow::on_idle(1 + WINDOW, Weight::MAX);
        assert_eq!(state(a), OrderState::Settled);
        assert_eq!(state(b), OrderState::Settled);
        assert_eq!(DueCursor::<Test>::get(), 2 + WINDOW);
        check();
    });
}

#[test]
fn confirm_refusals() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::NotDelivered
        );
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), 9),
            Error::<Test>::UnknownOrder
        );
        deliver(id);
        assert_ok!(Escrow::dispute(
            RuntimeOrigin::signed(BUYER),
            id,
            Hash32::repeat_byte(1)
        ));
        assert_noop!(
            Escrow::confirm(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::UnderDispute
        );
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::UnderDispute
        );
    });
}

#[test]
fn a_dispute_resolved_by_an_arbiter_refunds_the_buyer_its_share() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        assert_ok!(Escrow::dispute(
            RuntimeOrigin::signed(BUYER),
            id,
            Hash32::repeat_byte(9)
        ));
        assert_eq!(state(id), OrderState::Disputed);
        // Nothing is paid while disputed, even after the window.
        run_to(1 + WINDOW + 2);
        assert_eq!(state(id), OrderState::Disputed);
        assert_eq!(held(BUYER), 1_000);
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(STRANGER), id, 5_000),
            Error::<Test>::NotArbiter
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 10_001),
            Error::<Test>::InvalidShare
        );
        assert_ok!(Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 6_000));
        assert_eq!(state(id), OrderState::Resolved);
        assert_eq!(free(BUYER), 99_000 + 600);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid(), vec![(BUYER, 400, FIXED, R, PROVIDER, 3_000)]);
        assert_eq!(Orders::<Test>::get(id).expect("order").paid, 400);
        assert!(!Escrow::has_access(&BUYER, FIXED, System::block_number()));
        System::assert_last_event(
            Event::Resolved {
                order: id,
                refunded: 600,
                paid: 400,
            }
            .into(),
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::root(), id, 0),
            Error::<Test>::NotDisputed
        );
        check();
    });
}

#[test]
fn the_council_may_resolve_and_an_arbiter_may_not_judge_its_own_order() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        assert_ok!(Escrow::dispute(
            RuntimeOrigin::signed(BUYER),
            id,
            Hash32::repeat_byte(9)
        ));
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::signed(BUYER), id, 10_000),
            Error::<Test>::NotArbiter
        );
        assert_noop!(
            Escrow::resolve(RuntimeOrigin::none(), id, 10_000),
            DispatchError::BadOrigin
        );
        assert_ok!(Escrow::resolve(RuntimeOrigin::root(), id, 10_000));
        assert_eq!(free(BUYER), 100_000);
        assert!(paid().is_empty());
        check();
    });
}

#[test]
fn dispute_refusals() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        let h = Hash32::repeat_byte(1);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::NotDelivered
        );
        deliver(id);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(STRANGER), id, h),
            Error::<Test>::NotBuyer
        );
        System::set_block_number(1 + WINDOW);
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::DisputeWindowClosed
        );
        let other = place(BUYER, FIXED, 1);
        deliver(other);
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), other));
        assert_noop!(
            Escrow::dispute(RuntimeOrigin::signed(BUYER), other, h),
            Error::<Test>::OrderClosed
        );
    });
}

#[test]
fn an_undelivered_order_is_reclaimed_after_its_deadline() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::reclaim(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::DeliveryDeadlineNotPassed
        );
        run_to(1 + DELIVERY + 1);
        assert_noop!(
            Escrow::reclaim(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::reclaim(RuntimeOrigin::signed(BUYER), id));
        assert_eq!(state(id), OrderState::Refunded);
        assert_eq!(free(BUYER), 100_000);
        assert_eq!(open_orders(FIXED), 0);
        assert_noop!(
            Escrow::reclaim(RuntimeOrigin::signed(BUYER), id),
            Error::<Test>::OrderClosed
        );
        let delivered = place(BUYER, FIXED, 1);
        deliver(delivered);
        run_to(System::block_number() + DELIVERY + 1);
        assert_noop!(
            Escrow::reclaim(RuntimeOrigin::signed(BUYER), delivered),
            Error::<Test>::OrderClosed
        );
        check();
    });
}

#[test]
fn a_subscription_grants_access_for_its_periods_and_pays_each_when_it_ends() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, SUB, 3); // 3 x 100, periods of 10 blocks
        assert_eq!(held(BUYER), 300);
        assert!(!Escrow::has_access(&BUYER, SUB, 1));
        deliver(id); // at block 1: access [1, 31)
        assert!(Escrow::has_access(&BUYER, SUB, 1));
        assert!(Escrow::has_access(&BUYER, SUB, 30));
        assert!(!Escrow::has_access(&BUYER, SUB, 31));
        assert!(!Escrow::has_access(&BUYER2, SUB, 5));
        assert!(!Escrow::has_access(&BUYER, FIXED, 5));
        run_to(10);
        assert_eq!(held(BUYER), 300);
        assert_noop!(
            Escrow::settle(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NothingDue
        );
        run_to(11); // first period ended
        assert_eq!(held(BUYER), 200);
        run_to(21);
        assert_eq!(held(BUYER), 100);
        assert_eq!(state(id), OrderState::Delivered);
        run_to(31);
        assert_eq!(held(BUYER), 0);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 300);
        assert_eq!(paid().len(), 3);
        assert!(!Escrow::has_access(&BUYER, SUB, 31));
        check();
    });
}

#[test]
fn cancelling_a_subscription_refunds_the_periods_not_started() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, SUB, 5);
        deliver(id); // block 1
        run_to(15); // period 2 runs (started at 11)
        assert_eq!(held(BUYER), 400);
        assert_noop!(
            Escrow::cancel_subscription(RuntimeOrigin::signed(STRANGER), id),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::cancel_subscription(
            RuntimeOrigin::signed(BUYER),
            id
        ));
        // Periods 3-5 refunded, period 2 still held until it ends.
        assert_eq!(held(BUYER), 100);
        assert_eq!(free(BUYER), 100_000 - 200);
        assert!(Escrow::has_access(&BUYER, SUB, 20));
        assert!(!Escrow::has_access(&BUYER, SUB, 21));
        run_to(21);
        assert_eq!(state(id), OrderState::Settled);
        assert_eq!(held(BUYER), 0);
        assert_eq!(paid().iter().map(|p| p.1).sum::<u64>(), 200);
        // Before delivery: everything is refunded.
        let early = place(BUYER, SUB, 2);
        assert_ok!(Escrow::cancel_subscription(
            RuntimeOrigin::signed(BUYER),
            early
        ));
        assert_eq!(state(early), OrderState::Refunded);
        assert_eq!(held(BUYER), 0);
        let one_off = place(BUYER, FIXED, 1);
        assert_noop!(
            Escrow::cancel_subscription(RuntimeOrigin::signed(BUYER), one_off),
            Error::<Test>::NotSubscription
        );
        check();
    });
}

#[test]
fn a_one_off_order_gives_access_until_its_retention_and_deletion_is_attested() {
    new_test_ext().execute_with(|| {
        let id = place(BUYER, FIXED, 1);
        let h = Hash32::repeat_byte(4);
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::NotDelivered
        );
        deliver(id);
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), id));
        assert!(Escrow::has_access(&BUYER, FIXED, 1 + RETENTION - 1));
        assert!(!Escrow::has_access(&BUYER, FIXED, 1 + RETENTION));
        assert!(Escrow::overdue_deletions(RETENTION).is_empty());
        assert_eq!(Escrow::overdue_deletions(1 + RETENTION), vec![id]);
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(STRANGER), id, h),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h));
        assert_eq!(
            Orders::<Test>::get(id).expect("order").deletion,
            Some((h, 1))
        );
        assert!(Escrow::overdue_deletions(1 + RETENTION).is_empty());
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::AlreadyAttested
        );
    });
}

#[test]
fn offers_accepted_countered_withdrawn_and_expired() {
    new_test_ext().execute_with(|| {
        let offer = |amount: u64, expires: u64| {
            Escrow::make_offer(RuntimeOrigin::signed(BUYER), NEGO, R, amount, KEY, expires)
        };
        assert_noop!(offer(499, 50), Error::<Test>::BelowFloor);
        assert_noop!(offer(600, 1), Error::<Test>::InvalidExpiry);
        assert_noop!(offer(600, 102), Error::<Test>::InvalidExpiry);
        assert_noop!(
            Escrow::make_offer(RuntimeOrigin::signed(BUYER), FIXED, R, 600, KEY, 50),
            Error::<Test>::NotNegotiated
        );
        assert_noop!(
            Escrow::make_offer(RuntimeOrigin::signed(STRANGER), NEGO, R, 600, KEY, 50),
            Error::<Test>::NotAccreditedConsumer
        );
        // Accepted as offered.
        assert_ok!(offer(600, 50));
        assert_eq!(held(BUYER), 600);
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(BUYER), 0),
            Error::<Test>::NotProvider
        );
        assert_ok!(Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), 0));
        let o = Orders::<Test>::get(0).expect("order");
        assert_eq!((o.price, o.held, o.state), (600, 600, OrderState::Placed));
        assert!(Offers::<Test>::get(0).is_none());
        assert_eq!(OpenCount::<Test>::get(BUYER), 1);
        check();
        // Countered up, the buyer accepts: the hold grows.
        assert_ok!(offer(600, 50));
        assert_noop!(
            Escrow::accept_counter(RuntimeOrigin::signed(BUYER), 1, 10_000),
            Error::<Test>::NoCounter
        );
        assert_noop!(
            Escrow::counter_offer(RuntimeOrigin::signed(PROVIDER), 1, 600),
            Error::<Test>::SameAmount
        );
        assert_noop!(
            Escrow::counter_offer(RuntimeOrigin::signed(BUYER), 1, 800),
            Error::<Test>::NotProvider
        );
        assert_ok!(Escrow::counter_offer(
            RuntimeOrigin::signed(PROVIDER),
            1,
            800
        ));
        assert_noop!(
            Escrow::accept_counter(RuntimeOrigin::signed(BUYER), 1, 799),
            Error::<Test>::PriceAboveMax
        );
        assert_noop!(
            Escrow::accept_counter(RuntimeOrigin::signed(BUYER2), 1, 800),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::accept_counter(RuntimeOrigin::signed(BUYER), 1, 800));
        assert_eq!(held(BUYER), 600 + 800);
        assert_eq!(Orders::<Test>::get(1).expect("order").price, 800);
        check();
        // Withdrawn.
        assert_ok!(offer(700, 50));
        assert_noop!(
            Escrow::withdraw_offer(RuntimeOrigin::signed(BUYER2), 2),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::withdraw_offer(RuntimeOrigin::signed(BUYER), 2));
        assert_eq!(held(BUYER), 1_400);
        assert_noop!(
            Escrow::withdraw_offer(RuntimeOrigin::signed(BUYER), 2),
            Error::<Test>::UnknownOffer
        );
        check();
    });
}

#[test]
fn an_expired_offer_cannot_be_accepted_and_is_released() {
    new_test_ext().execute_with(|| {
        assert_ok!(Escrow::make_offer(
            RuntimeOrigin::signed(BUYER),
            NEGO,
            R,
            600,
            KEY,
            10
        ));
        assert_ok!(Escrow::make_offer(
            RuntimeOrigin::signed(BUYER),
            NEGO,
            R,
            650,
            KEY,
            10
        ));
        assert_noop!(
            Escrow::expire_offer(RuntimeOrigin::signed(STRANGER), 0),
            Error::<Test>::OfferNotExpired
        );
        System::set_block_number(10);
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::OfferExpired
        );
        assert_noop!(
            Escrow::counter_offer(RuntimeOrigin::signed(PROVIDER), 0, 900),
            Error::<Test>::OfferExpired
        );
        assert_ok!(Escrow::expire_offer(RuntimeOrigin::signed(STRANGER), 0));
        assert_eq!(held(BUYER), 650);
        // The other one is released by on_idle.
        Escrow::on_idle(10, Weight::MAX);
        assert_eq!(held(BUYER), 0);
        assert!(Offers::<Test>::get(1).is_none());
        System::assert_last_event(
            Event::OfferClosed {
                offer: 1,
                expired: true,
            }
            .into(),
        );
        assert_eq!(OpenCount::<Test>::get(BUYER), 0);
        check();
    });
}

#[test]
fn accepting_an_offer_checks_the_sale_again() {
    new_test_ext().execute_with(|| {
        assert_ok!(Escrow::make_offer(
            RuntimeOrigin::signed(BUYER),
            NEGO,
            R,
            600,
            KEY,
            50
        ));
        set_members(NEGO, R, 1);
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::TooFewOwners
        );
        set_members(NEGO, R, 3);
        set_status(NEGO, ProductStatus::Paused);
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::ProductNotActive
        );
    });
}

#[test]
fn the_due_queue_refuses_more_than_its_bound() {
    new_test_ext().execute_with(|| {
        for _ in 0..2 {
            assert_ok!(Escrow::make_offer(
                RuntimeOrigin::signed(BUYER),
                NEGO,
                R,
                600,
                KEY,
                30
            ));
            assert_ok!(Escrow::make_offer(
                RuntimeOrigin::signed(BUYER2),
                NEGO,
                R,
                600,
                KEY,
                30
            ));
        }
        assert_noop!(
            Escrow::make_offer(RuntimeOrigin::signed(BUYER2), NEGO, R, 600, KEY, 30),
            Error::<Test>::DueQueueFull
        );
    });
}

#[test]
fn try_state_detects_a_hold_without_an_order() {
    new_test_ext().execute_with(|| {
        place(BUYER, FIXED, 1);
        check();
        Orders::<Test>::mutate(0, |o| {
            if let Some(o) = o {
                o.held = 1
            }
        });
        assert!(Escrow::do_try_state().is_err());
    });
}
