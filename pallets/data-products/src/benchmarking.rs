//! Benchmarks of the data products pallet (v2), each in its worst case.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{EnsureOrigin, Get},
    BoundedVec,
};
use frame_system::RawOrigin;

fn terms<T: Config>(purposes: u32) -> TermsOf<T> {
    let params = Params::<T>::get();
    let purposes: Vec<Purpose> = Purpose::ALL
        .iter()
        .copied()
        .take(purposes.min(T::MaxPurposes::get()) as usize)
        .collect();
    cityzen_primitives::TermsBuilder::new(
        Pricing::Subscription {
            price_per_period: 1_000u32.into(),
            period: 100u32.into(),
        },
        1_000u32.into(),
    )
    .purposes(&purposes)
    .classes(&[
        ConsumerClass::PublicSector,
        ConsumerClass::Research,
        ConsumerClass::Commercial,
        ConsumerClass::NonProfit,
    ])
    .owners_share_bps(params.min_owners_share_bps.max(5_000))
    .min_owners(params.min_owners.max(1))
    .build()
}

fn provider<T: Config>() -> T::AccountId {
    let who: T::AccountId = account("provider", 0, 0);
    T::BenchmarkHelper::register_provider(&who);
    who
}

fn listed<T: Config>(who: &T::AccountId, purposes: u32) -> ProductId {
    let id = NextProductId::<T>::get();
    Pallet::<T>::register_product(
        RawOrigin::Signed(who.clone()).into(),
        ProductKind::Batch {
            content_hash: ContentHash::repeat_byte(1),
            size_bytes: 1 << 20,
        },
        BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxMetadataLen::get() as usize]),
        ContentHash::repeat_byte(2),
        terms::<T>(purposes),
    )
    .expect("benchmark product can be registered");
    id
}

fn contributors<T: Config>(n: u32) -> BoundedVec<(T::AccountId, u64), T::MaxContributorBatch> {
    BoundedVec::truncate_from(
        (0..n)
            .map(|i| (account::<T::AccountId>("owner", i, 0), 1_000u64))
            .collect::<Vec<_>>(),
    )
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn register_product() {
        let who = provider::<T>();
        let id = NextProductId::<T>::get();

        #[extrinsic_call]
        _(
            RawOrigin::Signed(who),
            ProductKind::Batch {
                content_hash: ContentHash::repeat_byte(1),
                size_bytes: 1 << 20,
            },
            BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxMetadataLen::get() as usize]),
            ContentHash::repeat_byte(2),
            terms::<T>(T::MaxPurposes::get()),
        );

        assert!(Products::<T>::contains_key(id));
    }

    #[benchmark]
    fn update_product() {
        let who = provider::<T>();
        let id = listed::<T>(&who, T::MaxPurposes::get());
        let mut new = terms::<T>(T::MaxPurposes::get());
        new.pricing = Pricing::Negotiated {
            floor: 5_000u32.into(),
        };

        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, new);

        assert_eq!(Products::<T>::get(id).map(|p| p.version), Some(2));
    }

    /// Pause (the other status changes cost the same: one read, one write, one event).
    #[benchmark]
    fn set_status() {
        let who = provider::<T>();
        let id = listed::<T>(&who, 1);

        #[extrinsic_call]
        pause(RawOrigin::Signed(who), id);

        assert_eq!(
            Products::<T>::get(id).map(|p| p.status),
            Some(ProductStatus::Paused)
        );
    }

    #[benchmark]
    fn retire() {
        let who = provider::<T>();
        let id = listed::<T>(&who, 1);

        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);

        assert_eq!(
            Products::<T>::get(id).map(|p| p.status),
            Some(ProductStatus::Retired)
        );
    }

    /// `n` contributors in one batch, every purpose offered, each consenting to all of them:
    /// every contributor joins every pool (the charge before dispatch).
    #[benchmark]
    fn add_contributors(n: Linear<1, { T::MaxContributorBatch::get() }>) {
        let who = provider::<T>();
        let id = listed::<T>(&who, T::MaxPurposes::get());
        let batch = contributors::<T>(n);
        for (owner, _) in batch.iter() {
            T::BenchmarkHelper::give_consent(id, owner);
        }

        #[extrinsic_call]
        add_contributors(RawOrigin::Signed(who), id, batch);

        assert_eq!(Products::<T>::get(id).map(|p| p.contributors), Some(n));
    }

    /// `n` contributors in one batch, none consenting yet: no pool joined (the refund's floor).
    #[benchmark]
    fn add_contributors_without_consent(n: Linear<1, { T::MaxContributorBatch::get() }>) {
        let who = provider::<T>();
        let id = listed::<T>(&who, T::MaxPurposes::get());

        #[extrinsic_call]
        add_contributors(RawOrigin::Signed(who), id, contributors::<T>(n));

        assert_eq!(Products::<T>::get(id).map(|p| p.contributors), Some(n));
    }

    /// A contributor consenting to every purpose: its weight changes in every pool.
    #[benchmark]
    fn set_contributor_weight() {
        let who = provider::<T>();
        let id = listed::<T>(&who, T::MaxPurposes::get());
        let owner: T::AccountId = account("owner", 0, 0);
        T::BenchmarkHelper::give_consent(id, &owner);
        Pallet::<T>::add_contributors(
            RawOrigin::Signed(who.clone()).into(),
            id,
            contributors::<T>(1),
        )
        .expect("benchmark contributor can be added");

        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, owner.clone(), 7u64);

        assert_eq!(Contributors::<T>::get(id, owner), Some(7));
    }

    /// A contributor consenting to every purpose: it leaves every pool.
    #[benchmark]
    fn remove_contributor() {
        let who = provider::<T>();
        let id = listed::<T>(&who, T::MaxPurposes::get());
        let owner: T::AccountId = account("owner", 0, 0);
        T::BenchmarkHelper::give_consent(id, &owner);
        Pallet::<T>::add_contributors(
            RawOrigin::Signed(who.clone()).into(),
            id,
            contributors::<T>(1),
        )
        .expect("benchmark contributor can be added");

        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, owner.clone());

        assert!(!Contributors::<T>::contains_key(id, owner));
    }

    #[benchmark]
    fn set_market_params() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let params = MarketParams {
            min_owners: 5,
            min_owners_share_bps: 3_000,
        };

        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, params);

        assert_eq!(Params::<T>::get(), params);
        Ok(())
    }

    impl_benchmark_test_suite!(
        Pallet,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
