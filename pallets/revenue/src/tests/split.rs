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
fn distribute_refuses_a_share_above_full_and_moves_nothing_on_failure() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        hold(BUYER, 100);
        assert_noop!(
            Revenue::distribute(&BUYER, &TestHold::Escrow, 100, P, R, &PROVIDER, 10_001, 0),
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
            Revenue::distribute(&BUYER, &TestHold::Escrow, 150, P, R, &PROVIDER, 5_000, 0).is_err()
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
    });
}
