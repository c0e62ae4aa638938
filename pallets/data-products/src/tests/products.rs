//! Listing, updating, pausing, suspending and retiring products; market parameters.
use super::*;

#[test]
fn register_product_holds_the_deposit() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        System::assert_last_event(
            Event::ProductRegistered {
                product: 0,
                provider: PROVIDER,
                deposit: DEPOSIT,
            }
            .into(),
        );
        let p = Products::<Test>::get(0).unwrap();
        assert_eq!(
            (p.provider, p.version, p.status, p.deposit),
            (PROVIDER, 1, ProductStatus::Active, DEPOSIT)
        );
        assert_eq!(held(PROVIDER), DEPOSIT);
        assert_eq!(Balances::free_balance(PROVIDER), 1_000 - DEPOSIT);
        assert!(DataProducts::is_active(0));
        assert!(DataProducts::offers_purpose(0, R));
        assert!(!DataProducts::offers_purpose(0, B));
        // A stream product too; ids increase.
        assert_ok!(DataProducts::register_product(
            RuntimeOrigin::signed(PROVIDER2),
            ProductKind::Stream {
                stream_id: BoundedVec::truncate_from(b"city/air-quality".to_vec())
            },
            BoundedVec::truncate_from(b"cid".to_vec()),
            sp_core::H256::repeat_byte(2),
            Terms {
                pricing: Pricing::Subscription {
                    price_per_period: 10,
                    period: 100
                },
                ..terms()
            },
        ));
        assert!(Products::<Test>::contains_key(1));
    });
}

#[test]
fn register_product_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        let reg = |t| register(PROVIDER, t);
        assert_noop!(
            register(STRANGER, terms()),
            Error::<Test>::NotAccreditedProvider
        );
        assert_noop!(
            DataProducts::register_product(
                RuntimeOrigin::none(),
                batch(),
                BoundedVec::new(),
                sp_core::H256::zero(),
                terms()
            ),
            BadOrigin
        );
        assert_noop!(
            reg(Terms {
                purposes: BoundedVec::new(),
                ..terms()
            }),
            Error::<Test>::NoPurposes
        );
        assert_noop!(
            reg(Terms {
                purposes: BoundedVec::truncate_from(vec![R, S, R]),
                ..terms()
            }),
            Error::<Test>::DuplicatePurpose
        );
        assert_noop!(
            reg(Terms {
                classes: BoundedVec::new(),
                ..terms()
            }),
            Error::<Test>::NoConsumerClasses
        );
        assert_noop!(
            reg(Terms {
                classes: BoundedVec::truncate_from(vec![
                    ConsumerClass::Research,
                    ConsumerClass::Research
                ]),
                ..terms()
            }),
            Error::<Test>::DuplicateConsumerClass
        );
        assert_noop!(
            reg(Terms {
                owners_share_bps: 1_999,
                ..terms()
            }),
            Error::<Test>::ShareBelowMinimum
        );
        assert_noop!(
            reg(Terms {
                owners_share_bps: 10_001,
                ..terms()
            }),
            Error::<Test>::ShareAboveMaximum
        );
        assert_noop!(
            reg(Terms {
                min_owners: 2,
                ..terms()
            }),
            Error::<Test>::KBelowMinimum
        );
        assert_noop!(
            reg(Terms {
                pricing: Pricing::Fixed { price: 0 },
                ..terms()
            }),
            Error::<Test>::ZeroPrice
        );
        assert_noop!(
            reg(Terms {
                pricing: Pricing::Negotiated { floor: 0 },
                ..terms()
            }),
            Error::<Test>::ZeroPrice
        );
        assert_noop!(
            reg(Terms {
                pricing: Pricing::Subscription {
                    price_per_period: 0,
                    period: 10
                },
                ..terms()
            }),
            Error::<Test>::ZeroPrice
        );
        assert_noop!(
            reg(Terms {
                pricing: Pricing::Subscription {
                    price_per_period: 5,
                    period: 0
                },
                ..terms()
            }),
            Error::<Test>::ZeroPeriod
        );
        assert_noop!(
            DataProducts::register_product(
                RuntimeOrigin::signed(PROVIDER),
                ProductKind::Batch {
                    content_hash: sp_core::H256::zero(),
                    size_bytes: 0
                },
                BoundedVec::new(),
                sp_core::H256::zero(),
                terms()
            ),
            Error::<Test>::EmptyContent
        );
        assert_noop!(
            DataProducts::register_product(
                RuntimeOrigin::signed(PROVIDER),
                ProductKind::Stream {
                    stream_id: BoundedVec::new()
                },
                BoundedVec::new(),
                sp_core::H256::zero(),
                terms()
            ),
            Error::<Test>::EmptyContent
        );
        assert_noop!(
            register(POOR_PROVIDER, terms()),
            Error::<Test>::InsufficientBalance
        );
    });
}

#[test]
fn update_product_changes_terms_for_the_future() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        let new = Terms {
            pricing: Pricing::Negotiated { floor: 300 },
            min_owners: 7,
            ..terms()
        };
        assert_ok!(DataProducts::update_product(
            RuntimeOrigin::signed(PROVIDER),
            0,
            new.clone()
        ));
        System::assert_last_event(
            Event::ProductUpdated {
                product: 0,
                version: 2,
            }
            .into(),
        );
        let p = Products::<Test>::get(0).unwrap();
        assert_eq!((p.version, p.terms), (2, new));
    });
}

#[test]
fn update_product_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_noop!(
            DataProducts::update_product(RuntimeOrigin::signed(PROVIDER2), 0, terms()),
            Error::<Test>::NotProductProvider
        );
        assert_noop!(
            DataProducts::update_product(RuntimeOrigin::signed(PROVIDER), 7, terms()),
            Error::<Test>::UnknownProduct
        );
        assert_noop!(
            DataProducts::update_product(
                RuntimeOrigin::signed(PROVIDER),
                0,
                Terms {
                    min_owners: 1,
                    ..terms()
                }
            ),
            Error::<Test>::KBelowMinimum
        );
        assert_noop!(
            DataProducts::update_product(
                RuntimeOrigin::signed(PROVIDER),
                0,
                Terms {
                    purposes: BoundedVec::truncate_from(vec![R, B]),
                    ..terms()
                }
            ),
            Error::<Test>::PurposesImmutable
        );
        assert_ok!(DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0));
        assert_noop!(
            DataProducts::update_product(RuntimeOrigin::signed(PROVIDER), 0, terms()),
            Error::<Test>::ProductRetired
        );
    });
}

#[test]
fn pause_resume_suspend_lifecycle() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_noop!(
            DataProducts::resume(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::NotPaused
        );
        assert_noop!(
            DataProducts::pause(RuntimeOrigin::signed(PROVIDER2), 0),
            Error::<Test>::NotProductProvider
        );
        assert_ok!(DataProducts::pause(RuntimeOrigin::signed(PROVIDER), 0));
        System::assert_last_event(
            Event::StatusChanged {
                product: 0,
                status: ProductStatus::Paused,
            }
            .into(),
        );
        assert!(!DataProducts::is_active(0));
        assert_noop!(
            DataProducts::pause(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::NotActive
        );
        assert_ok!(DataProducts::resume(RuntimeOrigin::signed(PROVIDER), 0));
        assert!(DataProducts::is_active(0));

        assert_noop!(
            DataProducts::suspend(RuntimeOrigin::signed(PROVIDER), 0),
            BadOrigin
        );
        assert_noop!(
            DataProducts::suspend(RuntimeOrigin::root(), 9),
            Error::<Test>::UnknownProduct
        );
        assert_noop!(
            DataProducts::unsuspend(RuntimeOrigin::root(), 0),
            Error::<Test>::NotSuspended
        );
        assert_ok!(DataProducts::suspend(RuntimeOrigin::root(), 0));
        assert!(!DataProducts::is_active(0));
        // The provider cannot lift a suspension by resuming.
        assert_noop!(
            DataProducts::resume(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::NotPaused
        );
        assert_noop!(
            DataProducts::unsuspend(RuntimeOrigin::signed(PROVIDER), 0),
            BadOrigin
        );
        assert_ok!(DataProducts::unsuspend(RuntimeOrigin::root(), 0));
        assert!(DataProducts::is_active(0));
    });
}

#[test]
fn retire_releases_the_deposit_only_without_open_orders() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        DataProducts::order_opened(0);
        DataProducts::order_opened(0);
        assert_noop!(
            DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::HasOpenOrders
        );
        assert_eq!(held(PROVIDER), DEPOSIT);
        DataProducts::order_closed(0);
        assert_noop!(
            DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::HasOpenOrders
        );
        DataProducts::order_closed(0);
        assert_noop!(
            DataProducts::retire(RuntimeOrigin::signed(PROVIDER2), 0),
            Error::<Test>::NotProductProvider
        );
        assert_ok!(DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0));
        System::assert_last_event(
            Event::StatusChanged {
                product: 0,
                status: ProductStatus::Retired,
            }
            .into(),
        );
        assert_eq!(held(PROVIDER), 0);
        assert_eq!(Balances::free_balance(PROVIDER), 1_000);
        assert!(!DataProducts::is_active(0));
        assert_noop!(
            DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0),
            Error::<Test>::ProductRetired
        );
        assert_noop!(
            DataProducts::suspend(RuntimeOrigin::root(), 0),
            Error::<Test>::ProductRetired
        );
        // Still readable for audit.
        assert!(DataProducts::product_view(0).is_some());
    });
}

#[test]
fn market_params_are_set_by_the_council() {
    ExtBuilder::default().build_and_execute(|| {
        let params = MarketParams {
            min_owners: 10,
            min_owners_share_bps: 6_000,
        };
        assert_noop!(
            DataProducts::set_market_params(RuntimeOrigin::signed(PROVIDER), params),
            BadOrigin
        );
        assert_noop!(
            DataProducts::set_market_params(
                RuntimeOrigin::root(),
                MarketParams {
                    min_owners: 1,
                    min_owners_share_bps: 10_001
                }
            ),
            Error::<Test>::ShareAboveMaximum
        );
        assert_ok!(DataProducts::set_market_params(
            RuntimeOrigin::root(),
            params
        ));
        System::assert_last_event(Event::MarketParamsSet { params }.into());
        // The old terms are now below the floors.
        assert_noop!(
            register(PROVIDER, terms()),
            Error::<Test>::ShareBelowMinimum
        );
        assert_noop!(
            register(
                PROVIDER,
                Terms {
                    owners_share_bps: 6_000,
                    ..terms()
                }
            ),
            Error::<Test>::KBelowMinimum
        );
        assert_ok!(register(
            PROVIDER,
            Terms {
                owners_share_bps: 6_000,
                min_owners: 10,
                ..terms()
            }
        ));
    });
}

#[test]
fn product_terms_trait_reads_provider_terms_version_and_status() {
    let sale = |id| {
        <DataProducts as ProductTerms<u64, u64, u64>>::sale_terms(id)
            .map(|s| (s.provider, s.terms, s.version, s.status))
    };
    ExtBuilder::default().build_and_execute(|| {
        assert_eq!(sale(0), None);
        assert_ok!(register(PROVIDER, terms()));
        assert_eq!(sale(0), Some((PROVIDER, terms(), 1, ProductStatus::Active)));
        let new = Terms {
            pricing: Pricing::Fixed { price: 9 },
            ..terms()
        };
        assert_ok!(DataProducts::update_product(
            RuntimeOrigin::signed(PROVIDER),
            0,
            new.clone()
        ));
        assert_eq!(
            sale(0),
            Some((PROVIDER, new.clone(), 2, ProductStatus::Active))
        );
        assert_ok!(DataProducts::pause(RuntimeOrigin::signed(PROVIDER), 0));
        assert_eq!(sale(0), Some((PROVIDER, new, 2, ProductStatus::Paused)));
    });
}
