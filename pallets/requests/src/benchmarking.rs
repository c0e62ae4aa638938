//! Benchmarks of the requests pallet, run in the runtime with the real credentials and the
//! revenue pallet's payout.
use super::*;
use crate::Pallet as DataRequests;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{fungible::Mutate, Get},
    BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::{Bounded, CheckedDiv, One, Saturating};

fn seeker<T: Config>() -> T::AccountId {
    let who: T::AccountId = whitelisted_caller();
    let amount = BalanceOf::<T>::max_value()
        .checked_div(&4u32.into())
        .unwrap_or_default();
    let _ = T::Currency::set_balance(&who, amount);
    T::BenchmarkHelper::register_seeker(&who);
    who
}

fn now<T: Config>() -> BlockNumberFor<T> {
    frame_system::Pallet::<T>::block_number()
}

/// The largest request: every category the chain allows, `MaxRespondents` owners, a price per
/// owner (so that closing also gives back the unused budget).
fn terms<T: Config>(max_owners: u32) -> NewRequestOf<T> {
    let all = [
        DataCategory::Location,
        DataCategory::Travel,
        DataCategory::EnergyUse,
        DataCategory::Health,
        DataCategory::Financial,
        DataCategory::Demographic,
        DataCategory::Behavioural,
        DataCategory::Opinion,
        DataCategory::SensorReadings,
    ];
    NewRequest {
        purpose: Purpose::PublicBenefit,
        categories: BoundedVec::truncate_from(all.to_vec()),
        terms_hash: H256::repeat_byte(1),
        min_owners: T::MinOwners::get(),
        max_owners,
        owner_loa: Loa::Substantial,
        price: RequestPrice::PerOwner(T::MinPerOwner::get().saturating_mul(1_000u32.into())),
        deadline: now::<T>().saturating_add(T::MaxLifetime::get()),
        retention: T::MaxRetention::get(),
    }
}

fn posted<T: Config>(who: &T::AccountId) -> RequestId {
    assert!(DataRequests::<T>::post_request(
        RawOrigin::Signed(who.clone()).into(),
        terms::<T>(T::MaxRespondents::get())
    )
    .is_ok());
    RequestCount::<T>::get()
}

fn owner<T: Config>(i: u32) -> T::AccountId {
    let who: T::AccountId = account("owner", i, 0);
    T::BenchmarkHelper::register_owner(&who);
    who
}

fn answer<T: Config>(id: RequestId, n: u32) {
    for i in 0..n {
        assert!(DataRequests::<T>::respond(
            RawOrigin::Signed(owner::<T>(i)).into(),
            id,
            H256::repeat_byte(2)
        )
        .is_ok());
    }
}

fn at_deadline<T: Config>(id: RequestId) {
    if let Some(r) = Requests::<T>::get(id) {
        frame_system::Pallet::<T>::set_block_number(r.deadline);
    }
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn post_request() {
        let who = seeker::<T>();
        let t = terms::<T>(T::MaxRespondents::get());
        #[extrinsic_call]
        _(RawOrigin::Signed(who), t);
        assert_eq!(RequestCount::<T>::get(), 1);
    }

    /// The last place of the largest request.
    #[benchmark]
    fn respond() {
        let who = seeker::<T>();
        let id = posted::<T>(&who);
        let max = T::MaxRespondents::get();
        answer::<T>(id, max.saturating_sub(1));
        let last = owner::<T>(max);
        #[extrinsic_call]
        _(RawOrigin::Signed(last.clone()), id, H256::repeat_byte(3));
        assert!(Responses::<T>::contains_key(id, &last));
    }

    /// The last of a full list leaves an open request.
    #[benchmark]
    fn withdraw_response() {
        let who = seeker::<T>();
        let id = posted::<T>(&who);
        let max = T::MaxRespondents::get();
        answer::<T>(id, max);
        let last = owner::<T>(max.saturating_sub(1));
        #[extrinsic_call]
        _(RawOrigin::Signed(last.clone()), id);
        assert!(!Responses::<T>::contains_key(id, &last));
    }

    /// Fulfilled with `n` owners paid, the unused budget given back.
    #[benchmark]
    fn close(n: Linear<1, { T::MaxRespondents::get() }>) {
        let who = seeker::<T>();
        let id = posted::<T>(&who);
        let n = n.max(T::MinOwners::get());
        answer::<T>(id, n);
        at_deadline::<T>(id);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);
        assert_eq!(
            Requests::<T>::get(id).map(|r| r.state),
            Some(RequestState::Fulfilled)
        );
    }

    #[benchmark]
    fn cancel() {
        let who = seeker::<T>();
        let id = posted::<T>(&who);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);
        assert_eq!(
            Requests::<T>::get(id).map(|r| r.state),
            Some(RequestState::Cancelled)
        );
    }

    #[benchmark]
    fn attest_deletion() {
        let who = seeker::<T>();
        let id = posted::<T>(&who);
        answer::<T>(id, T::MinOwners::get());
        at_deadline::<T>(id);
        assert!(DataRequests::<T>::close(RawOrigin::Signed(who.clone()).into(), id).is_ok());
        frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(One::one()));
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, H256::repeat_byte(4));
        assert!(Requests::<T>::get(id).and_then(|r| r.deletion).is_some());
    }

    impl_benchmark_test_suite!(
        DataRequests,
        crate::mock::new_bench_ext(),
        crate::mock::Test
    );
}
