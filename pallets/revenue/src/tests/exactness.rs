//! Exactness: rounding, dust, the property test, and `try_state`.
use super::*;

#[test]
fn rounding_dust_is_tracked_and_claims_plus_dust_equal_revenue() {
    ExtBuilder::default().build_and_execute(|| {
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
    });
}

#[test]
fn a_share_that_is_a_whole_number_of_units_is_paid_exactly() {
    ExtBuilder::default().build_and_execute(|| {
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
    });
}

#[test]
fn try_state_detects_broken_books() {
    // Breaks the books on purpose, so it cannot end with the invariants.
    ExtBuilder::default().build().execute_with(|| {
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
    ExtBuilder::default().build().execute_with(|| {
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

/// Random joins, leaves, weight changes, distributions, claims and altruistic choices (two
/// funds, approved and removed at random, and "to the other owners") over two pools and 12
/// owners, 200 seeds x 300 steps: after every step the books balance (try_state) and at the
/// end, when every owner has left and every owner and fund has claimed, claims + dust ==
/// revenue to the unit.
#[test]
fn property_claims_plus_dust_equal_revenue_exactly() {
    let mut seeds_with_funds = 0;
    for seed in 1..=200u64 {
        ExtBuilder::default().build_and_execute(|| {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let fee = rng.below(1_001) as u16;
            assert_ok!(Revenue::set_platform_fee(RuntimeOrigin::root(), fee));
            let pools = [(P, R), (P, S)];
            let owners: Vec<u64> = (100..112).collect();
            let funds = [200u64, 201];
            for fund in funds {
                assert_ok!(Revenue::approve_fund(RuntimeOrigin::root(), fund));
            }
            for who in owners.iter().chain(funds.iter()) {
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
                match rng.below(13) {
                    0..=2 => {
                        let weight = 1 + rng.below(1_000_000);
                        <Revenue as RevenuePools<u64>>::join(product, purpose, &who, weight);
                    }
                    3 => <Revenue as RevenuePools<u64>>::leave(product, purpose, &who),
                    4..=6 => {
                        let amount = 1 + rng.below(1_000_000_007);
                        let share = rng.below(10_001) as u16;
                        let split = sell_to((product, purpose), amount, share);
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
                    9 => {
                        let before = Balances::balance(&who);
                        if Revenue::claim_all(RuntimeOrigin::signed(who)).is_ok() {
                            claimed += Balances::balance(&who) - before;
                        }
                    }
                    10..=11 => {
                        let to = match rng.below(4) {
                            0 => None,
                            1 => Some(Beneficiary::OtherOwners),
                            n => Some(Beneficiary::Fund(funds[(n - 2) as usize])),
                        };
                        let _ = Revenue::set_beneficiary(
                            RuntimeOrigin::signed(who),
                            product,
                            purpose,
                            to,
                        );
                    }
                    _ => {
                        let fund = funds[rng.below(2) as usize];
                        if Revenue::remove_fund(RuntimeOrigin::root(), fund).is_err() {
                            let _ = Revenue::approve_fund(RuntimeOrigin::root(), fund);
                        }
                        let before = Balances::balance(&fund);
                        if Revenue::claim_all(RuntimeOrigin::signed(fund)).is_ok() {
                            claimed += Balances::balance(&fund) - before;
                        }
                    }
                }
                accredit();
                Revenue::do_try_state().unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
            }
            assert!(paid > 0 || sold_to_pools == 0);
            for who in owners.iter() {
                for (product, purpose) in pools {
                    <Revenue as RevenuePools<u64>>::leave(product, purpose, who);
                }
            }
            for who in owners.iter().chain(funds.iter()) {
                let before = Balances::balance(who);
                if Revenue::claim_all(RuntimeOrigin::signed(*who)).is_ok() {
                    claimed += Balances::balance(who) - before;
                }
            }
            assert_eq!(PoolFunds::<Test>::iter().count(), 0);
            if ToFunds::<Test>::get() > 0 {
                seeds_with_funds += 1;
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
    // The altruistic paths were taken, not just compiled.
    assert!(
        seeds_with_funds > 100,
        "only {seeds_with_funds} seeds paid a fund"
    );
}
