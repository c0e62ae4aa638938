//! Benchmarks of the revenue pallet. The pool size `n` is a component of every pool
//! operation: the generated weights show that it does not change their cost.
use super::*;
use crate::Pallet as Revenue;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
    fungible::{Inspect, Mutate, MutateHold},
    EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Bounded, CheckedDiv};

const PRODUCT: ProductId = 1;
const PURPOSE: Purpose = Purpose::ResearchAndDevelopment;
/// The largest pool the benchmarks build (the cost must not depend on it).
const MAX_POOL: u32 = BENCHMARKED_POOL_SIZE;

fn fund<T: Config>(who: &T::AccountId) {
    let amount = BalanceOf::<T>::max_value()
        .checked_div(&4u32.into())
        .unwrap_or_default();
    let _ = T::Currency::set_balance(who, amount);
}

/// A pool of `n` members (`owner` is the last one) that has had one sale.
fn pool_with_sale<T: Config>(n: u32, owner: &T::AccountId) {
    for i in 1..n {
        let who: T::AccountId = account("member", i, 0);
        assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), &who, u64::from(i)).is_ok());
    }
    assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), owner, 7).is_ok());
    sell::<T>(PURPOSE);
}

fn sell<T: Config>(purpose: Purpose) {
    let buyer: T::AccountId = account("buyer", 0, 0);
    let provider: T::AccountId = account("provider", 0, 0);
    fund::<T>(&buyer);
    fund::<T>(&provider);
    let amount: BalanceOf<T> = 1_000_000_000_000_000u128
        .try_into()
        .unwrap_or_else(|_| 1_000_000u32.into());
    assert!(T::Currency::hold(&T::BenchmarkHelper::hold_reason(), &buyer, amount).is_ok());
    assert!(Revenue::<T>::do_credit_sale(
        &buyer,
        &T::BenchmarkHelper::hold_reason(),
        amount,
        (PRODUCT, purpose),
        0,
    )
    .is_ok());
}

/// `count` approved funds, each named by one altruist member of the pool (`MaxFunds` is the
/// most work a sale can do); returns the funds.
fn funds_in_pool<T: Config>(count: u32) -> Vec<T::AccountId> {
    let mut funds = Vec::new();
    for i in 0..count {
        let fund: T::AccountId = account("fund", i, 0);
        assert!(Revenue::<T>::do_approve_fund(fund.clone()).is_ok());
        let altruist: T::AccountId = account("altruist", i, 0);
        assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), &altruist, 3).is_ok());
        assert!(Revenue::<T>::do_set_beneficiary(
            (PRODUCT, PURPOSE),
            altruist.clone(),
            Some(Beneficiary::Fund(fund.clone()))
        )
        .is_ok());
        funds.push(fund);
    }
    funds
}

/// Owners' accounts exist (a DataOwner credential gives them a sufficient reference).
fn existing<T: Config>(who: &T::AccountId) {
    let _ = T::Currency::set_balance(who, T::Currency::minimum_balance());
}

fn ensure_accounts<T: Config>() {
    for who in [Revenue::<T>::account_id(), T::PlatformAccount::get()] {
        if T::Currency::balance(&who) < T::Currency::minimum_balance() {
            let _ = T::Currency::set_balance(&who, T::Currency::minimum_balance());
        }
    }
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn claim(n: Linear<1, MAX_POOL>) {
        ensure_accounts::<T>();
        let owner: T::AccountId = whitelisted_caller();
        existing::<T>(&owner);
        pool_with_sale::<T>(n, &owner);
        #[extrinsic_call]
        _(RawOrigin::Signed(owner.clone()), PRODUCT, PURPOSE);
        assert!(T::Currency::balance(&owner) > T::Currency::minimum_balance());
    }

    #[benchmark]
    fn claim_all(n: Linear<1, { T::MaxPoolsPerOwner::get() }>) {
        ensure_accounts::<T>();
        let owner: T::AccountId = whitelisted_caller();
        for i in 0..n {
            let product = u64::from(i) + 1;
            assert!(Revenue::<T>::do_join((product, PURPOSE), &owner, 1).is_ok());
        }
        // A sale into every pool: each one is settled and paid.
        let buyer: T::AccountId = account("buyer", 0, 0);
        let provider: T::AccountId = account("provider", 0, 0);
        fund::<T>(&buyer);
        fund::<T>(&provider);
        existing::<T>(&owner);
        let amount: BalanceOf<T> = 1_000_000u32.into();
        for i in 0..n {
            assert!(T::Currency::hold(&T::BenchmarkHelper::hold_reason(), &buyer, amount).is_ok());
            assert!(Revenue::<T>::do_credit_sale(
                &buyer,
                &T::BenchmarkHelper::hold_reason(),
                amount,
                (u64::from(i) + 1, PURPOSE),
                u64::from(i),
            )
            .is_ok());
        }
        #[extrinsic_call]
        _(RawOrigin::Signed(owner.clone()));
        assert!(T::Currency::balance(&owner) > T::Currency::minimum_balance());
    }

    #[benchmark]
    fn set_platform_fee() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let bps = T::MaxPlatformFee::get();
        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, bps);
        assert_eq!(PlatformFee::<T>::get(), bps);
        Ok(())
    }

    #[benchmark]
    fn join(n: Linear<1, MAX_POOL>) -> Result<(), BenchmarkError> {
        ensure_accounts::<T>();
        let owner: T::AccountId = account("owner", 0, 0);
        pool_with_sale::<T>(n, &owner);
        // The most work: a former member rejoining, whose share goes to a fund the pool lists
        // already (its choice was kept when it left).
        let funds = funds_in_pool::<T>(T::MaxFunds::get());
        let newcomer: T::AccountId = account("newcomer", 0, 0);
        let fund = funds.last().cloned().ok_or(BenchmarkError::Weightless)?;
        assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), &newcomer, 5).is_ok());
        Revenue::<T>::do_set_beneficiary(
            (PRODUCT, PURPOSE),
            newcomer.clone(),
            Some(Beneficiary::Fund(fund)),
        )?;
        assert!(Revenue::<T>::do_leave((PRODUCT, PURPOSE), &newcomer).is_ok());
        #[block]
        {
            assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), &newcomer, 5).is_ok());
        }
        assert_eq!(
            Revenue::<T>::member_count(PRODUCT, PURPOSE),
            n.saturating_add(1).saturating_add(T::MaxFunds::get())
        );
        Ok(())
    }

    #[benchmark]
    fn change_weight(n: Linear<1, MAX_POOL>) {
        ensure_accounts::<T>();
        let owner: T::AccountId = account("owner", 0, 0);
        pool_with_sale::<T>(n, &owner);
        #[block]
        {
            assert!(Revenue::<T>::do_join((PRODUCT, PURPOSE), &owner, 9).is_ok());
        }
        assert_eq!(
            Members::<T>::get((PRODUCT, PURPOSE), &owner).map(|m| m.weight),
            Some(9)
        );
    }

    #[benchmark]
    fn leave(n: Linear<1, MAX_POOL>) -> Result<(), BenchmarkError> {
        ensure_accounts::<T>();
        let owner: T::AccountId = account("owner", 0, 0);
        pool_with_sale::<T>(n, &owner);
        // The most work: the leaver gives its share to a fund (listed, counted, named).
        let funds = funds_in_pool::<T>(T::MaxFunds::get());
        let fund = funds.last().cloned().ok_or(BenchmarkError::Weightless)?;
        Revenue::<T>::do_set_beneficiary(
            (PRODUCT, PURPOSE),
            owner.clone(),
            Some(Beneficiary::Fund(fund)),
        )?;
        #[block]
        {
            assert!(Revenue::<T>::do_leave((PRODUCT, PURPOSE), &owner).is_ok());
        }
        assert_eq!(
            Revenue::<T>::member_count(PRODUCT, PURPOSE),
            n.saturating_sub(1).saturating_add(T::MaxFunds::get())
        );
        Ok(())
    }

    #[benchmark]
    fn set_beneficiary() -> Result<(), BenchmarkError> {
        ensure_accounts::<T>();
        // The most work: a member moving its share from one listed fund to another, in a pool
        // listing `MaxFunds` funds, with a sale to settle.
        let owner: T::AccountId = whitelisted_caller();
        pool_with_sale::<T>(BENCHMARKED_POOL_SIZE, &owner);
        let funds = funds_in_pool::<T>(T::MaxFunds::get());
        let from = funds.first().cloned().ok_or(BenchmarkError::Weightless)?;
        let to = funds.last().cloned().ok_or(BenchmarkError::Weightless)?;
        Revenue::<T>::do_set_beneficiary(
            (PRODUCT, PURPOSE),
            owner.clone(),
            Some(Beneficiary::Fund(from)),
        )?;
        sell::<T>(PURPOSE);
        #[extrinsic_call]
        _(
            RawOrigin::Signed(owner.clone()),
            PRODUCT,
            PURPOSE,
            Some(Beneficiary::Fund(to.clone())),
        );
        assert_eq!(
            Altruism::<T>::get((PRODUCT, PURPOSE), &owner).map(|a| a.to),
            Some(Beneficiary::Fund(to))
        );
        Ok(())
    }

    #[benchmark]
    fn approve_fund() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let fund: T::AccountId = account("fund", 0, 0);
        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, fund.clone());
        assert!(Funds::<T>::get(&fund).is_some_and(|f| f.approved));
        Ok(())
    }

    #[benchmark]
    fn remove_fund() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let fund: T::AccountId = account("fund", 0, 0);
        Revenue::<T>::do_approve_fund(fund.clone())?;
        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, fund.clone());
        assert!(Funds::<T>::get(&fund).is_none());
        Ok(())
    }

    impl_benchmark_test_suite!(
        Revenue,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
