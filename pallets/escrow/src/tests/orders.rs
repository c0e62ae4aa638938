//! Placing, delivering, reclaiming, access and deletion.
use super::*;

#[test]
fn placing_an_order_holds_the_price_and_copies_the_terms() {
    ExtBuilder::default().build_and_execute(|| {
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
        assert!(BuyerOrders::<Test>::contains_key(BUYER, order_key(id)));
        assert!(ProviderOrders::<Test>::contains_key(
            PROVIDER,
            order_key(id)
        ));
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
    });
}

#[test]
fn place_order_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let try_place = |who: u64, product: ProductId, purpose: Purpose, max: u64, periods: u32| {
            Escrow::place_order(
                RuntimeOrigin::signed(who),
                product,
                purpose,
                max,
                KEY,
                periods,
                version(product),
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
        // (buyer, product, max price, periods) and what each is refused for.
        for (who, product, max, periods, error) in [
            (BUYER, FIXED, 999, 1, Error::<Test>::PriceAboveMax),
            (BUYER, FIXED, 5_000, 2, Error::<Test>::InvalidPeriods),
            (BUYER, SUB, 5_000, 0, Error::<Test>::InvalidPeriods),
            (BUYER, SUB, 5_000, 13, Error::<Test>::InvalidPeriods),
            (BUYER, SUB, 299, 3, Error::<Test>::PriceAboveMax),
            (BUYER, NEGO, 5_000, 1, Error::<Test>::NegotiatedProduct),
            (POOR, FIXED, 5_000, 1, Error::<Test>::InsufficientBalance),
        ] {
            assert_noop!(try_place(who, product, R, max, periods), error);
        }
        assert_noop!(
            Escrow::place_order(
                RuntimeOrigin::none(),
                FIXED,
                R,
                5_000,
                KEY,
                1,
                version(FIXED)
            ),
            DispatchError::BadOrigin
        );
        for _ in 0..3 {
            place(BUYER, FIXED, 1);
        }
        assert_noop!(
            try_place(BUYER, FIXED, R, 5_000, 1),
            Error::<Test>::TooManyOpen
        );
    });
}

#[test]
fn a_class_the_product_is_not_offered_to_is_refused() {
    ExtBuilder::default().build_and_execute(|| {
        // PublicSector is not among the mock product's classes; no mock consumer has it, so
        // use a product restricted to Research and the Commercial buyer.
        let (mut terms, v) = <MockProducts as ProductTerms<u64, u64, u64>>::sale_terms(FIXED)
            .map(|s| (s.terms, s.version))
            .expect("terms");
        terms.classes =
            BoundedVec::truncate_from(vec![cityzen_primitives::ConsumerClass::Research]);
        set_terms(FIXED, terms, v + 1);
        assert_noop!(
            Escrow::place_order(
                RuntimeOrigin::signed(BUYER2),
                FIXED,
                R,
                5_000,
                KEY,
                1,
                version(FIXED)
            ),
            Error::<Test>::ClassNotOffered
        );
        assert_ok!(Escrow::place_order(
            RuntimeOrigin::signed(BUYER),
            FIXED,
            R,
            5_000,
            KEY,
            1,
            version(FIXED)
        ));
        assert_eq!(Orders::<Test>::get(0).expect("order").terms_version, 2);
    });
}

#[test]
fn deliver_refusals() {
    ExtBuilder::default().build_and_execute(|| {
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
        // k is checked again at delivery (security review S4): below it nothing moves.
        set_members(FIXED, R, 2);
        assert_noop!(
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), id, reference()),
            Error::<Test>::TooFewOwners
        );
        assert!(credited().is_empty());
        set_members(FIXED, R, 3);
        let post =
            Escrow::deliver(RuntimeOrigin::signed(PROVIDER), id, reference()).expect("delivered");
        // Refunded to the funds the pool lists (none in the mock).
        assert_eq!(post.actual_weight, Some(<() as WeightInfo>::deliver(0)));
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
fn an_undelivered_order_is_reclaimed_after_its_deadline() {
    ExtBuilder::default().build_and_execute(|| {
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
    });
}

#[test]
fn a_one_off_order_gives_access_until_its_retention_and_deletion_is_attested() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        let h = Hash32::repeat_byte(4);
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::NotDelivered
        );
        deliver(id);
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), id));
        assert!(Escrow::access_at(&BUYER, FIXED, 1 + RETENTION - 1));
        assert!(!Escrow::access_at(&BUYER, FIXED, 1 + RETENTION));
        assert!(Escrow::overdue_page(RETENTION, None, 100).is_empty());
        assert_eq!(Escrow::overdue_page(1 + RETENTION, None, 100), vec![id]);
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(STRANGER), id, h),
            Error::<Test>::NotBuyer
        );
        assert_ok!(Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h));
        assert_eq!(
            Orders::<Test>::get(id).expect("order").deletion,
            Some((h, 1))
        );
        assert!(Escrow::overdue_page(1 + RETENTION, None, 100).is_empty());
        assert_noop!(
            Escrow::attest_deletion(RuntimeOrigin::signed(BUYER), id, h),
            Error::<Test>::AlreadyAttested
        );
    });
}

#[test]
fn the_view_functions_show_orders_as_the_market_api_does() {
    ExtBuilder::default().build_and_execute(|| {
        let first = place(BUYER, FIXED, 1);
        let second = place(BUYER, SUB, 2);
        place(BUYER2, FIXED, 1);
        deliver(first);
        let view = Escrow::order_view(first).expect("a view of the order");
        assert_eq!(
            (
                view.id,
                view.buyer,
                view.provider,
                view.product_id,
                view.purpose
            ),
            (first, BUYER, PROVIDER, FIXED, R)
        );
        // Delivered: the owners' share (270) left the hold for the pool.
        assert_eq!((view.price, view.held, view.paid), (1_000, 730, 270));
        assert_eq!((view.placed, view.delivered, view.periods), (1, Some(1), 0));
        assert_eq!(view.delivery_ref, Some(reference().into_inner()));
        assert_eq!(view.state, OrderState::Delivered);
        assert_eq!(Escrow::order_view(second).expect("second").periods, 2);
        assert!(Escrow::order_view(99).is_none());
        // The record of processing: the buyer's orders only, oldest first.
        let ids: Vec<OrderId> = Escrow::record_of_processing(&BUYER, None, 100)
            .into_iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(ids, vec![first, second]);
        assert!(Escrow::access_at(&BUYER, FIXED, System::block_number()));
        assert!(!Escrow::access_at(&BUYER2, FIXED, System::block_number()));
        System::set_block_number(1 + RETENTION);
        let overdue: Vec<OrderId> = Escrow::overdue_deletions(None, 100)
            .into_iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(overdue, vec![first]);
    });
}

/// Deliver order `id` and let `buyer` confirm it (closing it).
fn close(buyer: u64, id: OrderId) {
    deliver(id);
    assert_ok!(Escrow::confirm(RuntimeOrigin::signed(buyer), id));
}

#[test]
fn the_record_of_processing_pages_oldest_first_from_a_cursor() {
    ExtBuilder::default().build_and_execute(|| {
        // Ids that cross a byte boundary (255 → 256): a little-endian key would sort 256
        // before 250.
        NextOrderId::<Test>::put(250);
        // Each order closed, so the buyer stays within its open orders' bound.
        let mut mine = Vec::new();
        for i in 0..8 {
            let id = place(BUYER, FIXED, 1);
            close(BUYER, id);
            mine.push(id);
            if i % 2 == 0 {
                let id = place(BUYER2, FIXED, 1);
                close(BUYER2, id);
            }
        }
        assert!(mine.iter().any(|id| *id > 255));
        let page = |after: Option<OrderId>, limit: u32| -> Vec<OrderId> {
            Escrow::record_of_processing(&BUYER, after, limit)
                .into_iter()
                .map(|o| o.id)
                .collect()
        };
        assert_eq!(page(None, 3), mine[..3].to_vec());
        assert_eq!(page(Some(mine[2]), 3), mine[3..6].to_vec());
        assert_eq!(page(Some(mine[5]), 3), mine[6..].to_vec());
        assert!(page(Some(mine[7]), 3).is_empty());
        // A cursor that is another buyer's order still pages this buyer's, after that id.
        let theirs = Escrow::record_of_processing(&BUYER2, None, 100)[0].id;
        assert!(page(Some(theirs), 100).iter().all(|id| *id > theirs));
        // The whole record equals the pages, and a limit above the cap is cut to it.
        let all: Vec<OrderId> = Escrow::record_of_processing(&BUYER, None, 100)
            .into_iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(all, mine);
        assert_eq!(page(None, u32::MAX), mine);
        assert!(Escrow::record_of_processing(&BUYER2, None, 0).is_empty());
        // The provider sees every order of both buyers, oldest first, paged the same way.
        let sold = |after: Option<OrderId>, limit: u32| -> Vec<OrderId> {
            Escrow::provider_orders(&PROVIDER, after, limit)
                .into_iter()
                .map(|o| o.id)
                .collect()
        };
        let every: Vec<OrderId> = (250..NextOrderId::<Test>::get()).collect();
        assert_eq!(every.len(), 12);
        assert_eq!(sold(None, 100), every);
        assert_eq!(sold(Some(every[4]), 3), every[5..8].to_vec());
        assert!(sold(Some(every[11]), 3).is_empty());
        assert!(Escrow::provider_orders(&BUYER, None, 100).is_empty());
    });
}

#[test]
fn access_is_one_read_for_closed_orders_and_the_open_ones_for_the_rest() {
    ExtBuilder::default().build_and_execute(|| {
        let first = place(BUYER, FIXED, 1);
        assert!(Access::<Test>::contains_key((BUYER, FIXED), first));
        deliver(first);
        assert!(Escrow::access_at(&BUYER, FIXED, 1));
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), first));
        // Settled: out of the open index, its end of access kept.
        assert!(!Access::<Test>::contains_key((BUYER, FIXED), first));
        assert_eq!(
            AccessUntil::<Test>::get((BUYER, FIXED)),
            Some(1 + RETENTION)
        );
        assert!(Escrow::access_at(&BUYER, FIXED, RETENTION));
        assert!(!Escrow::access_at(&BUYER, FIXED, 1 + RETENTION));
        // A later order, delivered later: the later end wins; the earlier never shortens it.
        System::set_block_number(5);
        let second = place(BUYER, FIXED, 1);
        deliver(second);
        assert!(Escrow::access_at(&BUYER, FIXED, 5 + RETENTION - 1));
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(BUYER), second));
        assert_eq!(
            AccessUntil::<Test>::get((BUYER, FIXED)),
            Some(5 + RETENTION)
        );
        assert_eq!(Access::<Test>::iter_prefix((BUYER, FIXED)).count(), 0);
        // An open order, not delivered, gives nothing and is listed.
        let third = place(BUYER, FIXED, 1);
        assert!(Access::<Test>::contains_key((BUYER, FIXED), third));
        assert!(!Escrow::access_at(&BUYER, FIXED, 5 + RETENTION));
        // A refunded order leaves the index and gives nothing.
        run_to(5 + DELIVERY + 1);
        assert_ok!(Escrow::reclaim(RuntimeOrigin::signed(BUYER), third));
        assert_eq!(Access::<Test>::iter_prefix((BUYER, FIXED)).count(), 0);
        assert_eq!(
            AccessUntil::<Test>::get((BUYER, FIXED)),
            Some(5 + RETENTION)
        );
        assert!(AccessUntil::<Test>::get((BUYER2, FIXED)).is_none());
    });
}

#[test]
fn a_resolved_dispute_leaves_no_access_behind() {
    ExtBuilder::default().build_and_execute(|| {
        let id = place(BUYER, FIXED, 1);
        deliver(id);
        dispute(BUYER, id);
        assert!(Escrow::access_at(&BUYER, FIXED, 2));
        assert_ok!(Escrow::resolve(RuntimeOrigin::signed(ARBITER), id, 0));
        assert!(!Access::<Test>::contains_key((BUYER, FIXED), id));
        assert!(AccessUntil::<Test>::get((BUYER, FIXED)).is_none());
        assert!(!Escrow::access_at(&BUYER, FIXED, 2));
    });
}

/// Security review S9: a provider whose DataProvider credential was revoked sells nothing new
/// (orders, offers, accepting an offer); an open order may still be delivered.
#[test]
fn a_revoked_provider_sells_nothing_new() {
    ExtBuilder::default().build_and_execute(|| {
        let open = place(BUYER, FIXED, 1);
        let o = offer(BUYER, 600, 50);
        revoke_provider(true);
        assert_noop!(
            Escrow::place_order(
                RuntimeOrigin::signed(BUYER),
                FIXED,
                R,
                5_000,
                KEY,
                1,
                version(FIXED)
            ),
            Error::<Test>::ProviderNotAccredited
        );
        assert_noop!(
            Escrow::make_offer(
                RuntimeOrigin::signed(BUYER2),
                NEGO,
                R,
                600,
                KEY,
                50,
                version(NEGO)
            ),
            Error::<Test>::ProviderNotAccredited
        );
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), o),
            Error::<Test>::ProviderNotAccredited
        );
        // What the buyer already paid for can still be delivered.
        deliver(open);
        revoke_provider(false);
    });
}
