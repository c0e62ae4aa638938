//! Offers for negotiated products.
use super::*;

#[test]
fn offers_accepted_countered_withdrawn_and_expired() {
    ExtBuilder::default().build_and_execute(|| {
        let offer = |amount: u64, expires: u64| {
            Escrow::make_offer(
                RuntimeOrigin::signed(BUYER),
                NEGO,
                R,
                amount,
                KEY,
                expires,
                version(NEGO),
            )
        };
        assert_noop!(offer(499, 50), Error::<Test>::BelowFloor);
        assert_noop!(offer(600, 1), Error::<Test>::InvalidExpiry);
        assert_noop!(offer(600, 102), Error::<Test>::InvalidExpiry);
        assert_noop!(
            Escrow::make_offer(
                RuntimeOrigin::signed(BUYER),
                FIXED,
                R,
                600,
                KEY,
                50,
                version(FIXED)
            ),
            Error::<Test>::NotNegotiated
        );
        assert_noop!(
            Escrow::make_offer(
                RuntimeOrigin::signed(STRANGER),
                NEGO,
                R,
                600,
                KEY,
                50,
                version(NEGO)
            ),
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
    });
}

#[test]
fn an_expired_offer_cannot_be_accepted_and_is_released() {
    ExtBuilder::default().build_and_execute(|| {
        offer(BUYER, 600, 10);
        offer(BUYER, 650, 10);
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
    });
}

#[test]
fn accepting_an_offer_checks_the_sale_again() {
    ExtBuilder::default().build_and_execute(|| {
        offer(BUYER, 600, 50);
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

/// Security review S7: an order, an offer and an accepted counter carry the terms version the
/// buyer saw; a provider who changes the terms in between cannot sell under the new ones.
#[test]
fn orders_and_offers_are_bound_to_the_terms_the_buyer_saw() {
    ExtBuilder::default().build_and_execute(|| {
        let seen = version(FIXED);
        // The provider changes the terms first (front-running the order).
        let (terms, v) = <MockProducts as ProductTerms<u64, u64, u64>>::sale_terms(FIXED)
            .map(|s| (s.terms, s.version))
            .expect("terms");
        set_terms(FIXED, terms, v + 1);
        assert_noop!(
            Escrow::place_order(RuntimeOrigin::signed(BUYER), FIXED, R, 5_000, KEY, 1, seen),
            Error::<Test>::TermsChanged
        );
        // Under the version now listed, it goes through.
        assert_ok!(Escrow::place_order(
            RuntimeOrigin::signed(BUYER),
            FIXED,
            R,
            5_000,
            KEY,
            1,
            seen + 1
        ));
        // An offer under an old version is refused at once.
        let stale = version(NEGO).wrapping_sub(1);
        assert_noop!(
            Escrow::make_offer(RuntimeOrigin::signed(BUYER), NEGO, R, 600, KEY, 50, stale),
            Error::<Test>::TermsChanged
        );
        // An offer made, then the terms change: it cannot be accepted, nor its counter.
        let o = offer(BUYER, 600, 50);
        assert_eq!(
            Offers::<Test>::get(o).map(|x| x.terms_version),
            Some(version(NEGO))
        );
        let (terms, v) = <MockProducts as ProductTerms<u64, u64, u64>>::sale_terms(NEGO)
            .map(|s| (s.terms, s.version))
            .expect("terms");
        set_terms(NEGO, terms, v + 1);
        assert_noop!(
            Escrow::accept_offer(RuntimeOrigin::signed(PROVIDER), o),
            Error::<Test>::TermsChanged
        );
        assert_ok!(Escrow::counter_offer(
            RuntimeOrigin::signed(PROVIDER),
            o,
            700
        ));
        assert_noop!(
            Escrow::accept_counter(RuntimeOrigin::signed(BUYER), o, 700),
            Error::<Test>::TermsChanged
        );
        // The buyer withdraws it and gets its hold back.
        assert_ok!(Escrow::withdraw_offer(RuntimeOrigin::signed(BUYER), o));
    });
}
