//! Unit tests of the revenue pallet.
use crate::{mock::*, *};
use frame_support::{
    assert_noop, assert_ok,
    dispatch::CheckIfFeeless,
    traits::fungible::{Inspect, InspectHold},
};
use sp_core::U256;
use sp_runtime::DispatchError;

const P: ProductId = 7;
const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;

fn join(who: u64, weight: u64) {
    <Revenue as RevenuePools<u64>>::join(P, R, &who, weight);
}

fn leave(who: u64) {
    <Revenue as RevenuePools<u64>>::leave(P, R, &who);
}

/// Hold `amount` from the buyer and distribute it to pool (P, R) with the owners' share.
fn sell(amount: u64, share: u16) -> Split<u64> {
    hold(BUYER, amount);
    <Revenue as RevenueSink<u64, u64, TestHold>>::distribute(
        &BUYER,
        &TestHold::Escrow,
        amount,
        P,
        R,
        &PROVIDER,
        share,
    )
    .expect("distribute")
}

fn pending(who: u64) -> u64 {
    Revenue::pending_in((P, R), &who).unwrap_or(0)
}

fn check() {
    Revenue::do_try_state().expect("try_state");
}

fn last_event() -> RuntimeEvent {
    System::events().pop().expect("an event").event
}

#[test]
fn genesis_gives_the_pallet_and_platform_accounts_the_minimum_balance() {
    new_test_ext().execute_with(|| {
        assert_eq!(Balances::balance(&Revenue::account_id()), ED);
        assert_eq!(Balances::balance(&PLATFORM), ED);
        assert_eq!(PlatformFee::<Test>::get(), 500);
        check();
    });
}

#[test]
fn a_sale_is_split_between_platform_pool_and_provider_by_weight() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        join(11, 3);
        // 10 000: fee 5 % = 500; owners 20 % of 9 500 = 1 900; provider 7 600.
        let split = sell(10_000, 2_000);
        assert_eq!(
            split,
            Split {
                fee: 500,
                owners: 1_900,
                provider: 7_600
            }
        );
        assert_eq!(Balances::balance(&PLATFORM), ED + 500);
        assert_eq!(Balances::balance(&PROVIDER), 100 + 7_600);
        assert_eq!(Balances::balance(&Revenue::account_id()), ED + 1_900);
        assert_eq!(Balances::balance_on_hold(&TestHold::Escrow, &BUYER), 0);
        assert_eq!(pending(10), 475);
        assert_eq!(pending(11), 1_425);
        assert!(matches!(
            last_event(),
            RuntimeEvent::Revenue(Event::Distributed {
                product: P,
                purpose: R,
                ..
            })
        ));
        check();
        assert_ok!(Revenue::claim(RuntimeOrigin::signed(10), P, R));
        assert_ok!(Revenue::claim(RuntimeOrigin::signed(11), P, R));
        assert_eq!(Balances::balance(&10), 475);
        assert_eq!(Balances::balance(&11), 1_425);
        assert_eq!(Balances::balance(&Revenue::account_id()), ED);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::Claimed {
                product: P,
                purpose: R,
                who: 11,
                amount: 1_425
            })
        );
        let statement = Revenue::statement(&11);
        assert_eq!(statement.earned, 1_425);
        assert_eq!(statement.claimed, 1_425);
        assert_eq!(statement.pending, 0);
        assert_eq!(statement.pools.len(), 1);
        assert_eq!(statement.pools[0].weight, 3);
        assert_eq!(statement.pools[0].pool_weight, 4);
        check();
    });
}

#[test]
fn pools_are_separate_per_purpose() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        <Revenue as RevenuePools<u64>>::join(P, S, &11, 1);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 950);
        assert_eq!(Revenue::pending_in((P, S), &11), Some(0));
        assert_eq!(Revenue::member_count(P, R), 1);
        assert_eq!(Revenue::member_count(P, S), 1);
        assert_eq!(Revenue::member_count(P + 1, R), 0);
        check();
    });
}

#[test]
fn a_newcomer_earns_nothing_from_earlier_sales() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        sell(1_000, 10_000); // 950 to the pool
        join(11, 1);
        assert_eq!(pending(10), 950);
        assert_eq!(pending(11), 0);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 950 + 475);
        assert_eq!(pending(11), 475);
        check();
    });
}

#[test]
fn a_weight_change_settles_earnings_first() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        join(11, 1);
        sell(2_000, 10_000); // 1 900: 950 each
        join(10, 3); // change weight: 950 settled at weight 1
        assert!(matches!(
            last_event(),
            RuntimeEvent::Revenue(Event::WeightChanged { weight: 3, .. })
        ));
        assert_eq!(Pools::<Test>::get((P, R)).expect("pool").total_weight, 4);
        assert_eq!(Pools::<Test>::get((P, R)).expect("pool").members, 2);
        assert_eq!(pending(10), 950);
        sell(4_000, 10_000); // 3 800: 2 850 and 950
        assert_eq!(pending(10), 950 + 2_850);
        assert_eq!(pending(11), 950 + 950);
        check();
    });
}

#[test]
fn leaving_keeps_earnings_and_stops_future_ones() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        join(11, 1);
        sell(2_000, 10_000);
        leave(10);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::Left {
                product: P,
                purpose: R,
                who: 10,
                kept: 950
            })
        );
        assert_eq!(Revenue::member_count(P, R), 1);
        sell(2_000, 10_000);
        assert_eq!(pending(11), 950 + 1_900);
        // The pool left is no longer claimable by itself; claim_all pays it.
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NotMember
        );
        assert_eq!(Revenue::statement(&10).pending, 950);
        assert_eq!(Revenue::statement(&10).unclaimed_left, 950);
        check();
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(10)));
        assert_eq!(Balances::balance(&10), 950);
        assert_eq!(OwnerAccounts::<Test>::get(10).unclaimed_left, 0);
        assert_eq!(OwnerAccounts::<Test>::get(10).claimed, 950);
        // Leaving twice, or a pool one is not in, changes nothing.
        leave(10);
        <Revenue as RevenuePools<u64>>::leave(99, R, &10);
        check();
    });
}

#[test]
fn weight_zero_means_leaving() {
    new_test_ext().execute_with(|| {
        join(10, 2);
        join(10, 0);
        assert_eq!(Revenue::member_count(P, R), 0);
        assert_eq!(OwnerPoolCount::<Test>::get(10), 0);
        check();
    });
}

#[test]
fn revenue_of_a_pool_without_members_waits_for_the_next_distribution() {
    new_test_ext().execute_with(|| {
        sell(1_000, 10_000); // 950 into an empty pool
        let pool = Pools::<Test>::get((P, R)).expect("pool");
        assert_eq!(pool.undistributed, U256::from(950u64) * U256::from(SCALE));
        assert_eq!(pool.acc, U256::zero());
        check();
        join(10, 1);
        assert_eq!(pending(10), 0);
        sell(1_000, 10_000);
        assert_eq!(pending(10), 1_900);
        check();
    });
}

#[test]
fn rounding_dust_is_tracked_and_claims_plus_dust_equal_revenue() {
    new_test_ext().execute_with(|| {
        assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), 0));
        for who in [10, 11, 12] {
            assert_eq!(
                <Balances as frame_support::traits::fungible::Mutate<u64>>::set_balance(&who, ED),
                ED
            );
        }
        join(10, 1);
        join(11, 1);
        join(12, 1);
        sell(10, 10_000); // 10 / 3
        assert_eq!(pending(10), 3);
        assert_eq!(pending(11), 3);
        assert_eq!(pending(12), 3);
        check();
        for who in [10, 11, 12] {
            assert_ok!(Revenue::claim(RuntimeOrigin::signed(who), P, R));
            leave(who);
        }
        let pool = Pools::<Test>::get((P, R)).expect("pool");
        // Each member forfeited a third of a unit when it left: one whole unit of dust.
        assert_eq!(pool.undistributed - pool.overcredited, U256::from(SCALE));
        assert_eq!(pool.revenue, 10);
        assert_eq!(pool.released, 9);
        assert_eq!(Balances::balance(&Revenue::account_id()), ED + 1);
        assert_eq!(Balances::balance(&10), ED + 3);
        check();
    });
}

#[test]
fn a_claim_below_the_minimum_balance_to_a_missing_account_is_refused() {
    new_test_ext().execute_with(|| {
        assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), 0));
        join(10, 1);
        sell(ED - 1, 10_000);
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::BelowMinimumBalance
        );
        sell(1, 10_000);
        assert_ok!(Revenue::claim(RuntimeOrigin::signed(10), P, R));
        assert_eq!(Balances::balance(&10), ED);
    });
}

#[test]
fn a_share_that_is_a_whole_number_of_units_is_paid_exactly() {
    new_test_ext().execute_with(|| {
        assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), 0));
        for (who, weight) in (10..16).zip(1..=6) {
            join(who, weight);
        }
        // 490 divided by weights 1..=6 (total 21): 23.33, 46.67, 70, 93.33, 116.67, 140.
        sell(490, 10_000);
        let shares: Vec<u64> = (10..16).map(pending).collect();
        assert_eq!(shares, vec![23, 46, 70, 93, 116, 140]);
        check();
        // Many small sales: rounding up never pays more than the pool received.
        for _ in 0..50 {
            sell(7, 10_000);
        }
        let total: u64 = (10..16).map(pending).sum();
        assert!(total <= 490 + 50 * 7);
        assert!(490 + 50 * 7 - total < 6);
        check();
    });
}

#[test]
fn set_platform_fee_is_for_governance_and_capped() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            Revenue::set_platform_fee(RuntimeOrigin::signed(10), 100),
            DispatchError::BadOrigin
        );
        assert_noop!(
            Revenue::set_platform_fee(RuntimeOrigin::root(), 1_001),
            Error::<Test>::FeeAboveCap
        );
        assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), 1_000));
        assert_eq!(PlatformFee::<Test>::get(), 1_000);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::PlatformFeeSet { bps: 1_000 })
        );
    });
}

#[test]
fn claims_are_refused_without_membership_or_earnings() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NotMember
        );
        assert_noop!(
            Revenue::claim(RuntimeOrigin::none(), P, R),
            DispatchError::BadOrigin
        );
        join(10, 1);
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(10), P, R),
            Error::<Test>::NothingToClaim
        );
        assert_noop!(
            Revenue::claim_all(RuntimeOrigin::signed(10)),
            Error::<Test>::NothingToClaim
        );
        assert_noop!(
            Revenue::claim_all(RuntimeOrigin::root()),
            DispatchError::BadOrigin
        );
    });
}

#[test]
fn distribute_refuses_a_share_above_full_and_moves_nothing_on_failure() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        hold(BUYER, 100);
        assert_noop!(
            Revenue::distribute(&BUYER, &TestHold::Escrow, 100, P, R, &PROVIDER, 10_001),
            Error::<Test>::ShareAboveFull
        );
        // More than is held: the fee transfer would succeed, the provider's would not;
        // nothing moves.
        let before = (
            Balances::balance(&PLATFORM),
            Balances::balance(&Revenue::account_id()),
            Balances::balance_on_hold(&TestHold::Escrow, &BUYER),
        );
        assert!(
            Revenue::distribute(&BUYER, &TestHold::Escrow, 150, P, R, &PROVIDER, 5_000).is_err()
        );
        assert_eq!(
            before,
            (
                Balances::balance(&PLATFORM),
                Balances::balance(&Revenue::account_id()),
                Balances::balance_on_hold(&TestHold::Escrow, &BUYER),
            )
        );
        assert!(Pools::<Test>::get((P, R)).expect("pool").revenue == 0);
        check();
    });
}

#[test]
fn claim_all_pays_every_pool_and_reports_how_many() {
    new_test_ext().execute_with(|| {
        <Revenue as RevenuePools<u64>>::join(P, R, &10, 1);
        <Revenue as RevenuePools<u64>>::join(P, S, &10, 1);
        sell(1_000, 10_000);
        hold(BUYER, 1_000);
        assert_ok!(Revenue::distribute(
            &BUYER,
            &TestHold::Escrow,
            1_000,
            P,
            S,
            &PROVIDER,
            10_000
        ));
        let post = Revenue::claim_all(RuntimeOrigin::signed(10)).expect("claim_all");
        assert_eq!(post.actual_weight, Some(<() as WeightInfo>::claim_all(2)));
        assert_eq!(Balances::balance(&10), 1_900);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::ClaimedAll {
                who: 10,
                amount: 1_900,
                pools: 2
            })
        );
        assert_eq!(Revenue::statement(&10).claimed, 1_900);
        assert_eq!(Revenue::statement(&10).earned, 1_900);
        check();
    });
}

#[test]
fn claims_are_fee_less_only_for_an_entitled_owner_with_something_to_claim() {
    new_test_ext().execute_with(|| {
        let claim = RuntimeCall::Revenue(Call::claim {
            product: P,
            purpose: R,
        });
        let all = RuntimeCall::Revenue(Call::claim_all {});
        join(10, 1);
        assert!(!claim.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(!all.is_feeless(&RuntimeOrigin::signed(10)));
        sell(1_000, 10_000);
        assert!(claim.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(all.is_feeless(&RuntimeOrigin::signed(10)));
        assert!(!claim.is_feeless(&RuntimeOrigin::signed(11)));
        assert!(!claim.is_feeless(&RuntimeOrigin::root()));
        UNENTITLED.with(|f| f.borrow_mut().insert(10));
        assert!(!claim.is_feeless(&RuntimeOrigin::signed(10)));
    });
}

#[test]
fn try_state_detects_broken_books() {
    new_test_ext().execute_with(|| {
        join(10, 1);
        sell(1_000, 5_000);
        check();
        Pools::<Test>::mutate((P, R), |p| {
            if let Some(p) = p {
                p.total_weight += 1
            }
        });
        assert!(Revenue::do_try_state().is_err());
    });
    new_test_ext().execute_with(|| {
        join(10, 1);
        sell(1_000, 5_000);
        // A unit leaves the pallet account behind the books' back.
        assert_ok!(
            <Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
                &Revenue::account_id(),
                &99,
                ED,
                frame_support::traits::tokens::Preservation::Expendable,
            )
        );
        assert!(Revenue::do_try_state().is_err());
    });
}

/// A small deterministic generator for the property test (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Random joins, leaves, weight changes, distributions and claims over two pools and 12
/// owners, 200 seeds x 300 steps: after every step the books balance (try_state) and at the
/// end, when every owner has left and claimed, claims + dust == revenue to the unit.
#[test]
fn property_claims_plus_dust_equal_revenue_exactly() {
    for seed in 1..=200u64 {
        new_test_ext().execute_with(|| {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let fee = rng.below(1_001) as u16;
            assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), fee));
            let pools = [(P, R), (P, S)];
            let owners: Vec<u64> = (100..112).collect();
            for who in owners.iter() {
                assert_eq!(
                    <Balances as frame_support::traits::fungible::Mutate<u64>>::set_balance(
                        who, ED
                    ),
                    ED
                );
            }
            let mut sold_to_pools = 0u64;
            let mut claimed = 0u64;
            let mut paid = 0u64;
            for _ in 0..300 {
                let (product, purpose) = pools[rng.below(2) as usize];
                let who = owners[rng.below(owners.len() as u64) as usize];
                match rng.below(10) {
                    0..=2 => {
                        let weight = 1 + rng.below(1_000_000);
                        <Revenue as RevenuePools<u64>>::join(product, purpose, &who, weight);
                    }
                    3 => <Revenue as RevenuePools<u64>>::leave(product, purpose, &who),
                    4..=6 => {
                        let amount = 1 + rng.below(1_000_000_007);
                        let share = rng.below(10_001) as u16;
                        hold(BUYER, amount);
                        let split = Revenue::distribute(
                            &BUYER,
                            &TestHold::Escrow,
                            amount,
                            product,
                            purpose,
                            &PROVIDER,
                            share,
                        )
                        .expect("distribute");
                        assert_eq!(split.fee + split.owners + split.provider, amount);
                        sold_to_pools += split.owners;
                        paid += amount;
                    }
                    7..=8 => {
                        let before = Balances::balance(&who);
                        if Revenue::claim(RuntimeOrigin::signed(who), product, purpose).is_ok() {
                            claimed += Balances::balance(&who) - before;
                        }
                    }
                    _ => {
                        let before = Balances::balance(&who);
                        if Revenue::claim_all(RuntimeOrigin::signed(who)).is_ok() {
                            claimed += Balances::balance(&who) - before;
                        }
                    }
                }
                UNENTITLED.with(|f| f.borrow_mut().clear());
                Revenue::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
            }
            assert!(paid > 0 || sold_to_pools == 0);
            for who in owners.iter() {
                for (product, purpose) in pools {
                    <Revenue as RevenuePools<u64>>::leave(product, purpose, who);
                }
                let before = Balances::balance(who);
                if Revenue::claim_all(RuntimeOrigin::signed(*who)).is_ok() {
                    claimed += Balances::balance(who) - before;
                }
            }
            let mut dust = 0u64;
            let mut revenue = 0u64;
            for id in pools {
                let Some(pool) = Pools::<Test>::get(id) else {
                    continue;
                };
                assert_eq!(pool.members, 0);
                let left = pool.undistributed - pool.overcredited;
                assert_eq!(left % U256::from(SCALE), U256::zero());
                dust += (left / U256::from(SCALE)).low_u64();
                revenue += pool.revenue;
            }
            assert_eq!(revenue, sold_to_pools, "seed {seed}");
            assert_eq!(claimed + dust, revenue, "seed {seed}");
            assert_eq!(Balances::balance(&Revenue::account_id()), ED + dust);
            check();
        });
    }
}
