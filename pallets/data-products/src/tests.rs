//! Unit tests of the data products pallet.
use crate::{
    mock::*, ConsumerClass, Contributors, Error, Event, Loa, MarketParams, Pricing, ProductInspect,
    ProductKind, ProductOrders, ProductStatus, ProductTerms, Products, Purpose, Terms,
};
use frame_support::{
    assert_noop, assert_ok,
    traits::{fungible::InspectHold, Hooks},
    BoundedVec,
};
use sp_runtime::traits::BadOrigin;

const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;
const B: Purpose = Purpose::PublicBenefit;

type MaxPurposes = <Test as crate::Config>::MaxPurposes;
type MaxStreamIdLen = <Test as crate::Config>::MaxStreamIdLen;

fn terms() -> Terms<u64, u64, MaxPurposes> {
    Terms {
        purposes: BoundedVec::truncate_from(vec![R, S]),
        classes: BoundedVec::truncate_from(vec![
            ConsumerClass::Research,
            ConsumerClass::PublicSector,
        ]),
        pricing: Pricing::Fixed { price: 500 },
        owners_share_bps: 5_000,
        min_owners: 5,
        buyer_loa: Loa::Substantial,
        retention: 1_000,
    }
}

fn batch() -> ProductKind<MaxStreamIdLen> {
    ProductKind::Batch {
        content_hash: sp_core::H256::repeat_byte(1),
        size_bytes: 4096,
    }
}

fn register(who: u64, t: Terms<u64, u64, MaxPurposes>) -> sp_runtime::DispatchResult {
    DataProducts::register_product(
        RuntimeOrigin::signed(who),
        batch(),
        BoundedVec::truncate_from(b"ipfs://bafy-metadata".to_vec()),
        sp_core::H256::repeat_byte(2),
        t,
    )
}

fn held(who: u64) -> u64 {
    Balances::balance_on_hold(
        &RuntimeHoldReason::DataProducts(crate::HoldReason::ProductDeposit),
        &who,
    )
}

fn add(product: u64, list: &[(u64, u64)]) -> sp_runtime::DispatchResult {
    DataProducts::add_contributors(
        RuntimeOrigin::signed(PROVIDER),
        product,
        BoundedVec::truncate_from(list.to_vec()),
    )
}

fn check() {
    DataProducts::do_try_state().unwrap();
}

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
        assert!(DataProducts::product(0).is_some());
    });
}

#[test]
fn contributors_join_pools_only_with_live_consent() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        // Consent first, contributor second.
        set_consent(10, 0, R, true);
        assert!(pool(0, R).is_empty());
        assert_ok!(add(0, &[(10, 3), (11, 1)]));
        System::assert_last_event(
            Event::ContributorSet {
                product: 0,
                owner: 11,
                weight: 1,
            }
            .into(),
        );
        assert_eq!(pool(0, R), vec![(10, 3)]);
        assert!(pool(0, S).is_empty());
        // Contributor first, consent second.
        set_consent(11, 0, R, true);
        set_consent(11, 0, S, true);
        assert_eq!(pool(0, R), vec![(10, 3), (11, 1)]);
        assert_eq!(pool(0, S), vec![(11, 1)]);
        // Consent ends: leaves that purpose's pool only.
        set_consent(11, 0, R, false);
        assert_eq!(pool(0, R), vec![(10, 3)]);
        assert_eq!(pool(0, S), vec![(11, 1)]);
        // Consent of a non-contributor does nothing.
        set_consent(12, 0, R, true);
        assert_eq!(pool(0, R), vec![(10, 3)]);
        assert_eq!(Products::<Test>::get(0).unwrap().contributors, 2);
    });
}

#[test]
fn weight_change_and_removal_update_the_pools() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_ok!(add(0, &[(10, 3)]));
        set_consent(10, 0, R, true);
        assert_ok!(DataProducts::set_contributor_weight(
            RuntimeOrigin::signed(PROVIDER),
            0,
            10,
            8
        ));
        assert_eq!(pool(0, R), vec![(10, 8)]);
        assert_eq!(Contributors::<Test>::get(0, 10), Some(8));
        assert_ok!(DataProducts::remove_contributor(
            RuntimeOrigin::signed(PROVIDER),
            0,
            10
        ));
        System::assert_last_event(
            Event::ContributorRemoved {
                product: 0,
                owner: 10,
            }
            .into(),
        );
        assert!(pool(0, R).is_empty());
        assert_eq!(Products::<Test>::get(0).unwrap().contributors, 0);
        // Its consent alone does not bring it back.
        set_consent(10, 0, S, true);
        assert!(pool(0, S).is_empty());
    });
}

#[test]
fn contributor_refusals() {
    ExtBuilder::default().build_and_execute(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_noop!(
            DataProducts::add_contributors(
                RuntimeOrigin::signed(PROVIDER2),
                0,
                BoundedVec::truncate_from(vec![(10, 1)])
            ),
            Error::<Test>::NotProductProvider
        );
        assert_noop!(add(5, &[(10, 1)]), Error::<Test>::UnknownProduct);
        assert_noop!(add(0, &[(10, 0)]), Error::<Test>::ZeroWeight);
        assert_noop!(
            add(0, &[(10, 1), (10, 2)]),
            Error::<Test>::AlreadyContributor
        );
        assert_ok!(add(0, &[(10, 1), (11, 1), (12, 1)]));
        assert_noop!(add(0, &[(10, 1)]), Error::<Test>::AlreadyContributor);
        // MaxContributors = 5.
        assert_noop!(
            add(0, &[(13, 1), (14, 1), (15, 1)]),
            Error::<Test>::TooManyContributors
        );
        assert_ok!(add(0, &[(13, 1), (14, 1)]));
        assert_noop!(add(0, &[(15, 1)]), Error::<Test>::TooManyContributors);
        assert_noop!(
            DataProducts::set_contributor_weight(RuntimeOrigin::signed(PROVIDER), 0, 10, 0),
            Error::<Test>::ZeroWeight
        );
        assert_noop!(
            DataProducts::set_contributor_weight(RuntimeOrigin::signed(PROVIDER), 0, 99, 1),
            Error::<Test>::UnknownContributor
        );
        assert_noop!(
            DataProducts::set_contributor_weight(RuntimeOrigin::signed(PROVIDER2), 0, 10, 1),
            Error::<Test>::NotProductProvider
        );
        assert_noop!(
            DataProducts::remove_contributor(RuntimeOrigin::signed(PROVIDER), 0, 99),
            Error::<Test>::UnknownContributor
        );
        assert_noop!(
            DataProducts::remove_contributor(RuntimeOrigin::signed(PROVIDER2), 0, 10),
            Error::<Test>::NotProductProvider
        );
        assert_ok!(DataProducts::retire(RuntimeOrigin::signed(PROVIDER), 0));
        assert_noop!(add(0, &[(20, 1)]), Error::<Test>::ProductRetired);
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
fn try_state_detects_a_wrong_contributor_count_and_deposit() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
        assert_ok!(register(PROVIDER, terms()));
        assert_ok!(add(0, &[(10, 1)]));
        check();
        Products::<Test>::mutate(0, |p| p.as_mut().unwrap().contributors = 2);
        assert!(DataProducts::do_try_state().is_err());
        Products::<Test>::mutate(0, |p| {
            let p = p.as_mut().unwrap();
            p.contributors = 1;
            p.deposit = 7;
        });
        assert!(DataProducts::do_try_state().is_err());
    });
}

#[test]
fn integrity_test_passes() {
    ExtBuilder::default().build_and_execute(<DataProducts as Hooks<u64>>::integrity_test);
}

#[test]
fn product_terms_trait_reads_provider_terms_version_and_status() {
    ExtBuilder::default().build_and_execute(|| {
        assert_eq!(
            <DataProducts as ProductTerms<u64, u64, u64>>::provider(0),
            None
        );
        assert_eq!(
            <DataProducts as ProductTerms<u64, u64, u64>>::terms(0),
            None
        );
        assert_ok!(register(PROVIDER, terms()));
        assert_eq!(
            <DataProducts as ProductTerms<u64, u64, u64>>::provider(0),
            Some(PROVIDER)
        );
        assert_eq!(
            <DataProducts as ProductTerms<u64, u64, u64>>::terms(0),
            Some((terms(), 1))
        );
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
            <DataProducts as ProductTerms<u64, u64, u64>>::terms(0),
            Some((new, 2))
        );
        assert_ok!(DataProducts::pause(RuntimeOrigin::signed(PROVIDER), 0));
        assert_eq!(
            <DataProducts as ProductTerms<u64, u64, u64>>::status(0),
            Some(ProductStatus::Paused)
        );
    });
}
