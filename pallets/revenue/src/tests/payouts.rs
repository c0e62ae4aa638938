//! Paying the owners of a fulfilled data request: the fee, an equal part each, the leftover.
use super::*;
use cityzen_primitives::requests::RequestSplit;

fn pay(amount: u64, owners: &[u64]) -> Result<RequestSplit<u64>, DispatchError> {
    <Revenue as CreditOwners<u64, u64, TestHold>>::credit_equally(
        &BUYER,
        &TestHold::Escrow,
        amount,
        owners,
    )
}

#[test]
fn a_request_pays_the_fee_and_an_equal_part_to_each_owner_claimable_with_claim_all() {
    ExtBuilder::default().build_and_execute(|| {
        hold(BUYER, 1_003);
        // fee 5 % of 1 003 = 50; 953 / 3 = 317 each; 2 left on the payer's hold.
        let split = pay(1_003, &[10, 11, 12]).expect("paid");
        assert_eq!(
            split,
            RequestSplit {
                fee: 50,
                per_owner: 317,
                owners: 3,
                returned: 2
            }
        );
        assert_eq!(Balances::balance(&PLATFORM), ED + 50);
        assert_eq!(Balances::balance(&Revenue::account_id()), ED + 951);
        assert_eq!(Balances::balance_on_hold(&TestHold::Escrow, &BUYER), 2);
        assert_eq!(
            last_event(),
            RuntimeEvent::Revenue(Event::OwnersPaid {
                payer: BUYER,
                split
            })
        );
        assert_eq!(RequestPayouts::<Test>::get(), 951);
        for owner in [10, 11, 12] {
            let s = Revenue::statement(&owner);
            assert_eq!((s.unclaimed_left, s.earned, s.pending), (317, 317, 317));
        }
        check();
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(11)));
        assert_eq!(Balances::balance(&11), 317);
        assert_eq!(Revenue::statement(&11).pending, 0);
        check();
    });
}

#[test]
fn a_request_pays_nobody_without_owners_and_moves_nothing_it_cannot_move() {
    ExtBuilder::default().build_and_execute(|| {
        hold(BUYER, 100);
        assert_noop!(pay(100, &[]), Error::<Test>::NoOwnersToPay);
        // More than is held: nothing moves, nothing is credited.
        assert!(pay(1_000, &[10, 11]).is_err());
        assert_eq!(Balances::balance_on_hold(&TestHold::Escrow, &BUYER), 100);
        assert_eq!(Revenue::statement(&10).pending, 0);
        assert_eq!(RequestPayouts::<Test>::get(), 0);
    });
}
