//! Dividing a sale: platform fee, owners, provider; the fee and genesis accounts.
use super::*;

#[test]
fn genesis_gives_the_pallet_and_platform_accounts_the_minimum_balance() {
    ExtBuilder::default().build_and_execute(|| {
        assert_eq!(Balances::balance(&Revenue::account_id()), ED);
        assert_eq!(Balances::balance(&PLATFORM), ED);
        assert_eq!(PlatformFee::<Test>::get(), 500);
    });
}

#[test]
fn a_sale_is_split_between_platform_pool_and_provider_by_weight() {
    ExtBuilder::default().build_and_execute(|| {
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
                fee: 500,
                to_provider: 7_600,
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
    });
}

#[test]
fn set_platform_fee_is_for_governance_and_capped() {
    ExtBuilder::default().build_and_execute(|| {
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
fn a_sale_is_credited_to_the_members_of_its_block_and_numbered() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        hold(BUYER, 1_000);
        assert_eq!(
            Revenue::credit_sale(&BUYER, &TestHold::Escrow, 400, P, R, 42),
            Ok((0, 0))
        );
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::SaleCredited {
                product: P,
                purpose: R,
                order: 42,
                sale: 0,
                payer: BUYER,
                amount: 400
            })
        );
        // A member joining after the sale gets nothing of it; the one in the pool gets all.
        join(11, 1);
        assert_eq!((pending(10), pending(11)), (400, 0));
        assert_eq!(
            PoolSales::<Test>::get((P, R), sales::sale_key(0)),
            Some((42, 400))
        );
        assert_eq!(Revenue::pool_sales((P, R), 0, None, 10), vec![(0, 42)]);
        assert_eq!(SaleCount::<Test>::get(), 1);
        // The rest stays held until settlement pays it.
        assert_eq!(Balances::balance_on_hold(&TestHold::Escrow, &BUYER), 600);
        check();
    });
}

#[test]
fn a_sale_that_cannot_move_moves_nothing() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        hold(BUYER, 100);
        let before = (
            Balances::balance(&PLATFORM),
            Balances::balance(&Revenue::account_id()),
            Balances::balance_on_hold(&TestHold::Escrow, &BUYER),
        );
        // More than is held: nothing is credited, no sale is numbered.
        assert!(Revenue::credit_sale(&BUYER, &TestHold::Escrow, 150, P, R, 1).is_err());
        // The fee transfer would succeed, the provider's would not: neither moves.
        assert!(Revenue::pay_parts(&BUYER, &TestHold::Escrow, P, R, &PROVIDER, 50, 80).is_err());
        assert_eq!(
            before,
            (
                Balances::balance(&PLATFORM),
                Balances::balance(&Revenue::account_id()),
                Balances::balance_on_hold(&TestHold::Escrow, &BUYER),
            )
        );
        assert_eq!(SaleCount::<Test>::get(), 0);
        assert!(Pools::<Test>::get((P, R)).is_none_or(|p| p.revenue == 0));
        check();
    });
}

#[test]
fn a_pool_lists_its_sales_in_a_range_of_numbers_oldest_first() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        let mut mine = Vec::new();
        for i in 0..300u64 {
            if i % 3 == 0 {
                sales_elsewhere(1);
            } else {
                hold(BUYER, 10);
                let (sale, _) =
                    Revenue::credit_sale(&BUYER, &TestHold::Escrow, 10, P, R, 1_000 + i)
                        .expect("credit");
                mine.push((sale, 1_000 + i));
            }
        }
        assert!(mine.iter().any(|(n, _)| *n > 255), "past one byte of key");
        let page = |from, until, limit| Revenue::pool_sales((P, R), from, until, limit);
        assert_eq!(
            page(0, None, 1_000),
            mine,
            "every sale of the pool, none of another"
        );
        let (a, b) = (mine[3].0, mine[7].0);
        assert_eq!(page(a, None, 1_000), mine[3..].to_vec());
        assert_eq!(page(a, Some(b), 1_000), mine[3..7].to_vec());
        assert_eq!(page(a, Some(b), 2), mine[3..5].to_vec());
        assert!(page(a, Some(a), 100).is_empty(), "an empty range");
        assert!(
            page(SaleCount::<Test>::get(), None, 100).is_empty(),
            "past the end"
        );
        assert!(Revenue::pool_sales((P, S), 0, None, 100).is_empty());
        check();
    });
}
