//! Benchmarks of the escrow pallet, run in the runtime with the real products, pools and
//! revenue split.
use super::*;
use crate::Pallet as Escrow;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{fungible::Mutate, EnsureOrigin, Get},
    weights::Weight,
    BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, CheckedDiv, One, Saturating};

const PURPOSE: Purpose = Purpose::ResearchAndDevelopment;
const KEY: BuyerKey = [7u8; 32];

fn unit<T: Config>() -> BalanceOf<T> {
    1_000_000u32.into()
}

fn buyer<T: Config>() -> T::AccountId {
    let who: T::AccountId = whitelisted_caller();
    let amount = BalanceOf::<T>::max_value()
        .checked_div(&4u32.into())
        .unwrap_or_default();
    let _ = T::Currency::set_balance(&who, amount);
    T::BenchmarkHelper::register_consumer(&who);
    who
}

fn fixed<T: Config>() -> (ProductId, T::AccountId) {
    fixed_with::<T>(0)
}

/// A fixed-price product whose pool lists `funds` public-interest funds.
fn fixed_with<T: Config>(funds: u32) -> (ProductId, T::AccountId) {
    T::BenchmarkHelper::product(Pricing::Fixed { price: unit::<T>() }, PURPOSE, funds)
}

fn subscription<T: Config>() -> (ProductId, T::AccountId) {
    subscription_with::<T>(0)
}

/// A subscription product whose pool lists `funds` public-interest funds.
fn subscription_with<T: Config>(funds: u32) -> (ProductId, T::AccountId) {
    T::BenchmarkHelper::product(
        Pricing::Subscription {
            price_per_period: unit::<T>(),
            period: 10u32.into(),
        },
        PURPOSE,
        funds,
    )
}

fn negotiated<T: Config>() -> (ProductId, T::AccountId) {
    T::BenchmarkHelper::product(Pricing::Negotiated { floor: unit::<T>() }, PURPOSE, 0)
}

fn now<T: Config>() -> BlockNumberFor<T> {
    frame_system::Pallet::<T>::block_number()
}

fn advance<T: Config>(by: BlockNumberFor<T>) {
    frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(by));
}

/// The worst case for `schedule`: block `at`'s last page is full, so a new page is started.
fn fill_due_page<T: Config>(at: BlockNumberFor<T>) {
    let full = (0..T::MaxDuePerPage::get())
        .map(|i| Due::Settle(u64::from(i).saturating_add(1_000_000)))
        .collect::<alloc::vec::Vec<_>>();
    DueItems::<T>::insert(at, 0, BoundedVec::truncate_from(full));
}

fn full_ref<T: Config>() -> BoundedVec<u8, T::MaxDeliveryRefLen> {
    BoundedVec::truncate_from(alloc::vec![1u8; T::MaxDeliveryRefLen::get() as usize])
}

/// The current version of `product`'s terms (what a buyer saw).
fn version<T: Config>(product: ProductId) -> u32 {
    T::Products::sale_terms(product).map_or(0, |s| s.version)
}

fn placed<T: Config>(who: &T::AccountId, product: ProductId, periods: u32) -> OrderId {
    let id = NextOrderId::<T>::get();
    assert!(Escrow::<T>::place_order(
        RawOrigin::Signed(who.clone()).into(),
        product,
        PURPOSE,
        BalanceOf::<T>::max_value(),
        KEY,
        periods,
        version::<T>(product)
    )
    .is_ok());
    id
}

fn delivered<T: Config>(
    who: &T::AccountId,
    product: ProductId,
    provider: &T::AccountId,
    periods: u32,
) -> OrderId {
    let id = placed::<T>(who, product, periods);
    assert!(Escrow::<T>::deliver(
        RawOrigin::Signed(provider.clone()).into(),
        id,
        full_ref::<T>()
    )
    .is_ok());
    id
}

fn offered<T: Config>(who: &T::AccountId, product: ProductId) -> OfferId {
    let id = NextOfferId::<T>::get();
    let expires = now::<T>().saturating_add(T::MaxOfferLifetime::get());
    assert!(Escrow::<T>::make_offer(
        RawOrigin::Signed(who.clone()).into(),
        product,
        PURPOSE,
        unit::<T>(),
        KEY,
        expires,
        version::<T>(product)
    )
    .is_ok());
    id
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn place_order() {
        let who = buyer::<T>();
        let (product, _) = subscription::<T>();
        let periods = T::MaxPeriods::get();
        #[extrinsic_call]
        _(
            RawOrigin::Signed(who.clone()),
            product,
            PURPOSE,
            BalanceOf::<T>::max_value(),
            KEY,
            periods,
            version::<T>(product),
        );
        assert_eq!(OpenCount::<T>::get(&who), 1);
    }

    /// Delivery credits the owners' share to a pool listing `f` funds (each credited).
    #[benchmark]
    fn deliver(f: Linear<0, { T::Revenue::max_funds() }>) {
        let who = buyer::<T>();
        let (product, provider) = fixed_with::<T>(f);
        let id = placed::<T>(&who, product, 1);
        // The call runs at block 1 (the benchmark's setup may run at 0).
        frame_system::Pallet::<T>::set_block_number(1u32.into());
        let at = now::<T>().saturating_add(Escrow::<T>::params().dispute_window);
        fill_due_page::<T>(at);
        #[extrinsic_call]
        _(RawOrigin::Signed(provider), id, full_ref::<T>());
        let pages: alloc::vec::Vec<(u32, usize)> = DueItems::<T>::iter_prefix(at)
            .map(|(p, q)| (p, q.len()))
            .collect();
        let due = Orders::<T>::get(id).and_then(|o| o.dispute_until);
        assert_eq!(
            DueLastPage::<T>::get(at),
            1,
            "pages at {at:?}: {pages:?}; dispute until {due:?}"
        );
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Delivered)
        );
    }

    #[benchmark]
    fn confirm() {
        let who = buyer::<T>();
        let (product, provider) = fixed::<T>();
        let id = delivered::<T>(&who, product, &provider, 1);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Settled)
        );
    }

    #[benchmark]
    fn settle() {
        let who = buyer::<T>();
        let (product, provider) = fixed::<T>();
        let id = delivered::<T>(&who, product, &provider, 1);
        advance::<T>(Escrow::<T>::params().dispute_window);
        #[extrinsic_call]
        _(RawOrigin::Signed(provider), id);
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Settled)
        );
    }

    #[benchmark]
    fn dispute() {
        let who = buyer::<T>();
        let (product, provider) = fixed::<T>();
        let id = delivered::<T>(&who, product, &provider, 1);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, Hash32::repeat_byte(1));
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Disputed)
        );
    }

    #[benchmark]
    fn resolve() {
        let who = buyer::<T>();
        let (product, provider) = fixed::<T>();
        let id = delivered::<T>(&who, product, &provider, 1);
        assert!(
            Escrow::<T>::dispute(RawOrigin::Signed(who).into(), id, Hash32::repeat_byte(1)).is_ok()
        );
        let arbiter: T::AccountId = account("arbiter", 0, 0);
        T::BenchmarkHelper::register_arbiter(&arbiter);
        #[extrinsic_call]
        _(RawOrigin::Signed(arbiter), id, 5_000);
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Resolved)
        );
    }

    #[benchmark]
    fn reclaim() {
        let who = buyer::<T>();
        let (product, _) = fixed::<T>();
        let id = placed::<T>(&who, product, 1);
        advance::<T>(
            Escrow::<T>::params()
                .delivery_period
                .saturating_add(One::one()),
        );
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.state),
            Some(OrderState::Refunded)
        );
    }

    #[benchmark]
    fn cancel_subscription() {
        let who = buyer::<T>();
        let (product, provider) = subscription::<T>();
        let id = delivered::<T>(&who, product, &provider, T::MaxPeriods::get());
        advance::<T>(5u32.into());
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id);
        assert_eq!(
            Orders::<T>::get(id).map(|o| o.kind),
            Some(OrderKind::Subscription {
                price_per_period: unit::<T>(),
                period: 10u32.into(),
                periods: 1,
                begun: 1,
                released: 0
            })
        );
    }

    #[benchmark]
    fn attest_deletion() {
        let who = buyer::<T>();
        let (product, provider) = fixed::<T>();
        let id = delivered::<T>(&who, product, &provider, 1);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), id, Hash32::repeat_byte(2));
        assert!(Orders::<T>::get(id).is_some_and(|o| o.deletion.is_some()));
    }

    #[benchmark]
    fn make_offer() {
        let who = buyer::<T>();
        let (product, _) = negotiated::<T>();
        let expires = now::<T>().saturating_add(T::MaxOfferLifetime::get());
        fill_due_page::<T>(expires);
        #[extrinsic_call]
        _(
            RawOrigin::Signed(who),
            product,
            PURPOSE,
            unit::<T>(),
            KEY,
            expires,
            version::<T>(product),
        );
        assert!(Offers::<T>::get(0).is_some());
        assert_eq!(DueLastPage::<T>::get(expires), 1);
    }

    #[benchmark]
    fn accept_offer() {
        let who = buyer::<T>();
        let (product, provider) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        #[extrinsic_call]
        _(RawOrigin::Signed(provider), offer);
        assert!(Offers::<T>::get(offer).is_none());
    }

    #[benchmark]
    fn counter_offer() {
        let who = buyer::<T>();
        let (product, provider) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        #[extrinsic_call]
        _(
            RawOrigin::Signed(provider),
            offer,
            unit::<T>().saturating_mul(2u32.into()),
        );
        assert!(Offers::<T>::get(offer).is_some_and(|o| o.counter.is_some()));
    }

    #[benchmark]
    fn accept_counter() {
        let who = buyer::<T>();
        let (product, provider) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        let counter = unit::<T>().saturating_mul(2u32.into());
        assert!(
            Escrow::<T>::counter_offer(RawOrigin::Signed(provider).into(), offer, counter).is_ok()
        );
        #[extrinsic_call]
        _(RawOrigin::Signed(who), offer, counter);
        assert!(Offers::<T>::get(offer).is_none());
    }

    #[benchmark]
    fn withdraw_offer() {
        let who = buyer::<T>();
        let (product, _) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        #[extrinsic_call]
        _(RawOrigin::Signed(who), offer);
        assert!(Offers::<T>::get(offer).is_none());
    }

    #[benchmark]
    fn expire_offer() {
        let who = buyer::<T>();
        let (product, provider) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        advance::<T>(T::MaxOfferLifetime::get());
        #[extrinsic_call]
        _(RawOrigin::Signed(provider), offer);
        assert!(Offers::<T>::get(offer).is_none());
    }

    /// The most a settlement item does: a subscription's next periods begin (their owners'
    /// share credited to a pool listing `MaxFunds` funds) and the ended ones are paid.
    #[benchmark]
    fn on_idle_settle() {
        let who = buyer::<T>();
        let (product, provider) = subscription_with::<T>(T::Revenue::max_funds());
        let id = delivered::<T>(&who, product, &provider, T::MaxPeriods::get());
        let first = Orders::<T>::get(id).and_then(|o| o.sale);
        advance::<T>(
            Escrow::<T>::params()
                .dispute_window
                .saturating_add(10u32.into()),
        );
        let at = now::<T>();
        DueCursor::<T>::put(at);
        assert!(Escrow::<T>::schedule(at, Due::Settle(id)).is_ok());
        #[block]
        {
            Escrow::<T>::process_due(at, Weight::MAX);
        }
        let o = Orders::<T>::get(id);
        assert!(
            o.as_ref().is_some_and(|o| o.sale != first),
            "a new period was credited"
        );
        assert!(o.is_some_and(
            |o| matches!(o.kind, OrderKind::Subscription { released, .. } if released > 0)
        ));
    }

    #[benchmark]
    fn on_idle_expire_offer() {
        let who = buyer::<T>();
        let (product, _) = negotiated::<T>();
        let offer = offered::<T>(&who, product);
        advance::<T>(T::MaxOfferLifetime::get());
        let at = now::<T>();
        DueCursor::<T>::put(at);
        #[block]
        {
            Escrow::<T>::process_due(at, Weight::MAX);
        }
        assert!(Offers::<T>::get(offer).is_none());
    }

    #[benchmark]
    fn set_params() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let params = EscrowParams {
            delivery_period: 100u32.into(),
            dispute_window: 50u32.into(),
        };
        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, params);
        assert_eq!(Params::<T>::get(), Some(params));
        Ok(())
    }

    impl_benchmark_test_suite!(
        Escrow,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
