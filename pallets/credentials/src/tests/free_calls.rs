//! The fee-less call allowance of data owners, and the `FreeCalls` extension.
use super::*;

const ONE: Weight = Weight::from_parts(1_000, 0);

#[test]
fn free_call_allowance_is_per_owner_per_period() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        owner(CITIZEN2);
        for _ in 0..3 {
            assert!(Credentials::entitled(&CITIZEN));
            assert_ok!(Credentials::use_free_call(&CITIZEN, ONE, false));
            System::set_block_number(System::block_number() + 1);
        }
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 0);
        // Still entitled (a data owner), but nothing left in this period.
        assert!(Credentials::entitled(&CITIZEN));
        assert_noop!(
            Credentials::use_free_call(&CITIZEN, ONE, false),
            Error::<Test>::FreeCallsExhausted
        );
        // A withdrawal is never held back; it still counts.
        assert_ok!(Credentials::use_free_call(&CITIZEN, ONE, true));
        assert_eq!(FreeCallsUsed::<Test>::get(CITIZEN).unwrap().used, 4);
        // Another owner has its own allowance.
        assert_eq!(Credentials::free_calls_left(&CITIZEN2), 3);
        // The period started at block 1 and lasts 10 blocks: still exhausted at 10, renewed at 11.
        System::set_block_number(10);
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 0);
        System::set_block_number(11);
        assert_eq!(Credentials::free_calls_left(&CITIZEN), 3);
        assert_ok!(Credentials::use_free_call(&CITIZEN, ONE, false));
        assert_eq!(
            FreeCallsUsed::<Test>::get(CITIZEN).unwrap().period_start,
            11
        );
        // An owner whose issuer was removed is no longer entitled (the calls' `feeless_if`
        // asks this), but its account stays.
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
        assert!(!Credentials::entitled(&CITIZEN2));
        assert!(System::account_exists(&CITIZEN2));
    });
}

#[test]
fn free_weight_is_bounded_per_period_and_per_block_and_refunds_count() {
    ExtBuilder::default().build_and_execute(|| {
        owner(CITIZEN);
        let w = |n: u64| Weight::from_parts(n, 0);
        // Per block: 3 000. Two of 1 500 fit, a third does not (in this block).
        assert_ok!(Credentials::use_free_call(&CITIZEN, w(1_500), false));
        assert_ok!(Credentials::use_free_call(&CITIZEN, w(1_500), false));
        assert!(!Credentials::may_call_free(&CITIZEN, w(1), false));
        assert_eq!(Credentials::free_weight_left(&CITIZEN), (w(2_000), w(0)));
        // What a call did not use comes back, in the block and in the period.
        Credentials::refund_free_weight(&CITIZEN, w(1_000));
        assert_eq!(
            Credentials::free_weight_left(&CITIZEN),
            (w(3_000), w(1_000))
        );
        assert!(Credentials::may_call_free(&CITIZEN, w(1_000), false));
        assert!(!Credentials::may_call_free(&CITIZEN, w(1_001), false));
        // The next block has its own 3 000, but the period only 3 000 left.
        System::set_block_number(2);
        assert_eq!(
            Credentials::free_weight_left(&CITIZEN),
            (w(3_000), w(3_000))
        );
        assert!(!Credentials::may_call_free(&CITIZEN, w(3_001), false));
        assert_noop!(
            Credentials::use_free_call(&CITIZEN, w(3_001), false),
            Error::<Test>::FreeCallsExhausted
        );
        // A withdrawal goes through even past every bound, and its weight counts.
        assert_ok!(Credentials::use_free_call(&CITIZEN, w(9_000), true));
        assert_eq!(Credentials::free_weight_left(&CITIZEN), (w(0), w(0)));
        assert!(!Credentials::may_call_free(&CITIZEN, w(1), false));
        // A new period starts from nothing.
        System::set_block_number(11);
        assert_eq!(
            Credentials::free_weight_left(&CITIZEN),
            (w(5_000), w(3_000))
        );
    });
}

mod free_calls_extension {
    use super::*;
    use crate::FreeCalls;
    use cityzen_primitives::FREE_CALLS_EXHAUSTED;
    use frame_support::{
        dispatch::{DispatchErrorWithPostInfo, GetDispatchInfo, PostDispatchInfo},
        traits::fungible::{Inspect, Mutate},
    };
    use pallet_transaction_payment::ChargeTransactionPayment;
    use sp_runtime::{
        traits::DispatchTransaction,
        transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
    };

    type Ext = FreeCalls<Test, ChargeTransactionPayment<Test>>;
    /// Enough to pay a fee (the mock's fee is the weight in picoseconds).
    const FUNDS: u64 = 1_000_000_000_000;
    type Applied =
        Result<Result<PostDispatchInfo, DispatchErrorWithPostInfo>, TransactionValidityError>;

    fn ext() -> Ext {
        FreeCalls::from(ChargeTransactionPayment::<Test>::from(0))
    }

    fn ping(ok: bool) -> RuntimeCall {
        RuntimeCall::FreeTest(free_test::Call::ping { ok })
    }

    fn work(units: u32, used: u32) -> RuntimeCall {
        RuntimeCall::FreeTest(free_test::Call::work { units, used })
    }

    fn leave(live: bool) -> RuntimeCall {
        RuntimeCall::FreeTest(free_test::Call::leave { live })
    }

    fn weight_used(who: u64) -> u64 {
        FreeCallsUsed::<Test>::get(who).map_or(0, |u| u.weight)
    }

    /// What `Executive` passes an extension: the call's weight and the extension's own.
    fn info(call: &RuntimeCall) -> frame_support::dispatch::DispatchInfo {
        use sp_runtime::traits::TransactionExtension;
        let mut info = call.get_dispatch_info();
        info.extension_weight = ext().weight(call);
        info
    }

    /// Applies `call` from `who` as a block would: validate, prepare, dispatch, post-dispatch.
    fn apply(who: u64, call: RuntimeCall) -> Applied {
        let info = info(&call);
        ext().dispatch_transaction(RuntimeOrigin::signed(who), call, &info, 10, 0)
    }

    /// Validates `call` from `who` as the pool does, without applying it: its priority.
    fn priority(who: u64, call: RuntimeCall) -> Result<u64, TransactionValidityError> {
        ext()
            .validate_only(
                RuntimeOrigin::signed(who),
                &call,
                &info(&call),
                10,
                TransactionSource::External,
                0,
            )
            .map(|(valid, _, _)| valid.priority)
    }

    /// Validates `call` from `who` as the pool does, without applying it.
    fn validate(who: u64, call: RuntimeCall) -> Result<(), TransactionValidityError> {
        priority(who, call).map(|_| ())
    }

    fn exhausted() -> TransactionValidityError {
        InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into()
    }

    fn used(who: u64) -> u32 {
        FreeCallsUsed::<Test>::get(who).map_or(0, |u| u.used)
    }

    #[test]
    fn failing_free_calls_use_the_allowance_then_are_refused() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            for n in 1..=3 {
                // Included, dispatch fails, no fee: the count still goes up.
                let applied = apply(CITIZEN, ping(false)).expect("valid transaction");
                assert_eq!(
                    applied.map_err(|e| e.error),
                    Err(free_test::Error::<Test>::Refused.into())
                );
                assert_eq!(used(CITIZEN), n);
                assert_eq!(Balances::balance(&CITIZEN), 0);
            }
            // The fourth: the owner cannot pay, so it is refused with the documented code,
            // whether it would succeed or fail.
            assert_eq!(apply(CITIZEN, ping(false)), Err(exhausted()));
            assert_eq!(apply(CITIZEN, ping(true)), Err(exhausted()));
            assert_eq!(used(CITIZEN), 3);
            // The pool sees the same: validation alone refuses it and changes nothing.
            assert_eq!(validate(CITIZEN, ping(true)), Err(exhausted()));
            // The next period gives the allowance back.
            System::set_block_number(11);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert_eq!(used(CITIZEN), 1);
            check();
        });
    }

    #[test]
    fn successful_free_calls_skip_the_fee_and_count() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert_eq!(used(CITIZEN), 1);
            assert_eq!(Balances::balance(&CITIZEN), 0);
            System::assert_last_event(
                pallet_skip_feeless_payment::Event::<Test>::FeeSkipped {
                    origin: frame_system::RawOrigin::Signed(CITIZEN).into(),
                }
                .into(),
            );
            // Validation alone does not use a free call.
            assert_eq!(validate(CITIZEN, ping(true)), Ok(()));
            assert_eq!(used(CITIZEN), 1);
        });
    }

    #[test]
    fn past_the_allowance_an_owner_who_can_pay_is_charged() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            for _ in 0..3 {
                assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            }
            assert_ok!(Balances::mint_into(&CITIZEN, FUNDS));
            let before = Balances::balance(&CITIZEN);
            assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            assert!(Balances::balance(&CITIZEN) < before, "the fee was charged");
            assert_eq!(used(CITIZEN), 3);
        });
    }

    #[test]
    fn other_calls_and_other_senders_are_charged_and_not_counted() {
        ExtBuilder::default().build_and_execute(|| {
            // Not a data owner: the fee-less call is charged; ORG can pay.
            assert_ok!(Balances::mint_into(&ORG, FUNDS));
            let before = Balances::balance(&ORG);
            assert!(apply(ORG, ping(true)).expect("valid").is_ok());
            assert!(Balances::balance(&ORG) < before);
            assert_eq!(used(ORG), 0);
            // A data owner's call that is not fee-less is charged: with no balance, refused
            // for payment (not as an exhausted allowance).
            owner(CITIZEN);
            let renounce = RuntimeCall::Credentials(crate::Call::renounce {
                role: Role::DataOwner,
            });
            assert_eq!(
                apply(CITIZEN, renounce),
                Err(InvalidTransaction::Payment.into())
            );
            assert_eq!(used(CITIZEN), 0);
        });
    }

    #[test]
    fn free_calls_outrank_paid_ones_in_the_pool() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            assert_ok!(Balances::mint_into(&ORG, FUNDS));
            let free = priority(CITIZEN, ping(true)).expect("valid");
            assert_eq!(free, u64::MAX / 2, "the configured FreeCallPriority");
            // The same call, paid (ORG is not an owner), even with a tip: far below.
            let paid = FreeCalls::<Test, _>::from(ChargeTransactionPayment::<Test>::from(1_000))
                .validate_only(
                    RuntimeOrigin::signed(ORG),
                    &ping(true),
                    &info(&ping(true)),
                    10,
                    TransactionSource::External,
                    0,
                )
                .expect("valid")
                .0
                .priority;
            assert!(paid > 0 && paid < free, "paid {paid} vs free {free}");
            // Past the allowance the call is paid, at a paid call's priority.
            for _ in 0..3 {
                assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            }
            assert_ok!(Balances::mint_into(&CITIZEN, FUNDS));
            assert!(priority(CITIZEN, ping(true)).expect("valid") < free);
        });
    }

    #[test]
    fn the_part_of_the_extension_weight_not_used_is_refunded() {
        ExtBuilder::default().build_and_execute(|| {
            use sp_runtime::traits::{TransactionExtension, Zero};
            owner(CITIZEN);
            assert_ok!(Balances::mint_into(&ORG, FUNDS));
            let call = ping(true);
            let charged = info(&call).total_weight();
            let payment = ChargeTransactionPayment::<Test>::from(0).weight(&call);
            let free_call = <() as crate::WeightInfo>::use_free_call()
                + <() as crate::WeightInfo>::refund_free_weight();
            assert!(!payment.is_zero() && !free_call.is_zero());
            assert_eq!(ext().weight(&call), payment + free_call);
            // A free call: the payment extension's part was not used.
            let post = apply(CITIZEN, call.clone()).expect("valid").expect("ok");
            assert_eq!(post.actual_weight, Some(charged - payment));
            // A charged call: the allowance bookkeeping was not used.
            let post = apply(ORG, call).expect("valid").expect("ok");
            assert_eq!(post.actual_weight, Some(charged - free_call));
        });
    }

    /// Security review S1: a fee-less call is bounded by the weight it really used, per
    /// block and per period, not only by the count of calls.
    #[test]
    fn fee_less_calls_are_bounded_by_the_weight_they_really_use() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            // 2 000 booked, 500 used: 500 counted.
            assert!(apply(CITIZEN, work(2, 0)).expect("valid").is_ok());
            assert_eq!(weight_used(CITIZEN), 0);
            assert!(apply(CITIZEN, work(2, 1)).expect("valid").is_ok());
            assert_eq!(weight_used(CITIZEN), 1_000);
            // 3 000 in one block at most: a call of 3 000 does not fit after 1 000, and the
            // citizen cannot pay.
            assert_eq!(validate(CITIZEN, work(3, 3)), Err(exhausted()));
            assert_eq!(apply(CITIZEN, work(3, 3)), Err(exhausted()));
            // The next block has room; the period (5 000) too: 1 000 + 3 000.
            System::set_block_number(2);
            assert!(apply(CITIZEN, work(3, 3)).expect("valid").is_ok());
            assert_eq!(weight_used(CITIZEN), 4_000);
            assert_eq!(used(CITIZEN), 3);
            assert_eq!(Balances::balance(&CITIZEN), 0);
        });
    }

    /// Security review S1/S5: a withdrawal is fee-less for whoever its `feeless_if` admits
    /// (a live record), credential or not, and never held back by the allowance.
    #[test]
    fn withdrawals_are_never_held_back_and_need_no_credential() {
        ExtBuilder::default().build_and_execute(|| {
            owner(CITIZEN);
            for _ in 0..3 {
                assert!(apply(CITIZEN, ping(true)).expect("valid").is_ok());
            }
            assert_eq!(apply(CITIZEN, ping(true)), Err(exhausted()));
            // Allowance used up: a withdrawal still goes through, fee-less, and counts.
            assert!(apply(CITIZEN, leave(true)).expect("valid").is_ok());
            assert_eq!(used(CITIZEN), 4);
            assert_eq!(Balances::balance(&CITIZEN), 0);
            // With the credential gone (issuer removed), still fee-less.
            assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), CITY));
            assert!(!Credentials::entitled(&CITIZEN));
            assert!(apply(CITIZEN, leave(true)).expect("valid").is_ok());
            // One with nothing to withdraw is not fee-less: charged, so refused for payment.
            assert_eq!(
                apply(CITIZEN, leave(false)),
                Err(InvalidTransaction::Payment.into())
            );
            assert_eq!(Balances::balance(&CITIZEN), 0);
        });
    }
}
