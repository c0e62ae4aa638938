//! Contributors and the revenue pools they join with live consent.
use super::*;
use crate::NextProductId;

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
fn adding_contributors_is_charged_every_pool_and_refunded_the_ones_not_joined() {
    ExtBuilder::default().build_and_execute(|| {
        use crate::WeightInfo;
        assert_ok!(register(PROVIDER, terms()));
        let none = <() as WeightInfo>::add_contributors_without_consent(2);
        let all = <() as WeightInfo>::add_contributors(2);
        assert!(all.ref_time() > none.ref_time(), "joining pools costs");
        // Before dispatch: the worst case.
        let call = crate::Call::<Test>::add_contributors {
            product: 0,
            contributors: BoundedVec::truncate_from(vec![(10, 1), (11, 1)]),
        };
        assert_eq!(call.get_dispatch_info().call_weight, all);
        // One of the two consents to one of the product's two purposes: 1 pool of 2 × 8.
        set_consent(10, 0, R, true);
        let post = DataProducts::add_contributors(
            RuntimeOrigin::signed(PROVIDER),
            0,
            BoundedVec::truncate_from(vec![(10, 1), (11, 1)]),
        )
        .expect("added");
        let expected = DataProducts::add_contributors_weight(2, 1);
        assert_eq!(post.actual_weight, Some(expected));
        assert!(none.all_lte(expected) && expected.all_lte(all));
        assert_eq!(DataProducts::add_contributors_weight(2, 0), none);
        assert_eq!(DataProducts::add_contributors_weight(2, 16), all);
        // Rounded up: the share of one pool in sixteen.
        let extra = all.ref_time() - none.ref_time();
        assert_eq!(expected.ref_time(), none.ref_time() + extra.div_ceil(16));
    });
}

#[test]
fn each_owner_has_an_index_of_its_products_paged_by_id() {
    ExtBuilder::default().build_and_execute(|| {
        // Product ids cross 255 → 256, so little-endian keys would sort them wrongly.
        NextProductId::<Test>::put(254);
        for _ in 0..4 {
            assert_ok!(register(PROVIDER, terms()));
        }
        let ids = [254u64, 255, 256, 257];
        for id in ids {
            assert_ok!(add(id, &[(10, 1), (11, 2)]));
        }
        assert_ok!(add(257, &[(12, 1)]));
        let page = |who: u64, after, limit| DataProducts::owner_products_page(&who, after, limit);
        assert_eq!(page(10, None, 100), ids.to_vec());
        assert_eq!(page(10, None, 2), ids[..2].to_vec());
        assert_eq!(page(10, Some(255), 100), ids[2..].to_vec());
        assert!(page(10, Some(257), 100).is_empty());
        assert_eq!(page(12, None, 100), vec![257]);
        assert!(page(13, None, 100).is_empty(), "an owner of nothing");
        // Removal takes the product off the owner's index, and only that owner's.
        assert_ok!(DataProducts::remove_contributor(
            RuntimeOrigin::signed(PROVIDER),
            255,
            10
        ));
        assert_eq!(page(10, None, 100), vec![254, 256, 257]);
        assert_eq!(page(11, None, 100), ids.to_vec());
        // A limit above the cap is cut to it.
        assert_eq!(page(11, None, u32::MAX).len(), 4);
    });
}
