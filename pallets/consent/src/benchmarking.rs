//! Benchmarks of the consent registry (v2), each in its worst case.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{Get, Hooks},
    BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};

fn purposes<T: Config>(n: u32) -> BoundedVec<Purpose, T::MaxPurposes> {
    BoundedVec::truncate_from(
        Purpose::ALL
            .iter()
            .copied()
            .take(n as usize)
            .collect::<Vec<_>>(),
    )
}

fn owner<T: Config>(name: &'static str, i: u32) -> T::AccountId {
    let who: T::AccountId = account(name, i, 0);
    T::BenchmarkHelper::register_owner(&who);
    who
}

/// A registered owner who contributes to `product`: its consent joins the product's pools.
fn contributor<T: Config>(name: &'static str, i: u32, product: ProductId) -> T::AccountId {
    let who = owner::<T>(name, i);
    T::BenchmarkHelper::add_contributor(product, &who);
    who
}

/// Fills the expiry queue of block `at` up to one free slot.
fn fill_queue<T: Config>(at: BlockNumberFor<T>) {
    let n = T::MaxExpiriesPerBlock::get().saturating_sub(1);
    let entries: Vec<(T::AccountId, ProductId)> = (0..n)
        .map(|i| (account::<T::AccountId>("filler", i, 0), 0))
        .collect();
    ExpiryQueue::<T>::insert(at, 0, BoundedVec::truncate_from(entries));
    ExpiryPages::<T>::insert(at, 1);
}

fn give<T: Config>(who: &T::AccountId, product: ProductId, p: u32, at: BlockNumberFor<T>) {
    Pallet::<T>::give_consent(
        RawOrigin::Signed(who.clone()).into(),
        product,
        purposes::<T>(p),
        Some(at),
        ReceiptHash::repeat_byte(1),
    )
    .expect("benchmark consent can be given");
}

/// An owner with `c` live consents, each with an expiry and every purpose, on `c` products it
/// contributes to (each purpose a pool joined).
fn owner_with_consents<T: Config>(c: u32) -> T::AccountId {
    let who = owner::<T>("owner", 0);
    let p = T::MaxPurposes::get().min(8);
    for i in 0..c {
        let product = T::BenchmarkHelper::active_product();
        T::BenchmarkHelper::add_contributor(product, &who);
        give::<T>(&who, product, p, (1000u32.saturating_add(i)).into());
    }
    who
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn give_consent(p: Linear<1, { T::MaxPurposes::get().min(8) }>) {
        let product = T::BenchmarkHelper::active_product();
        let who = contributor::<T>("owner", 0, product);
        let at: BlockNumberFor<T> = 1000u32.into();
        fill_queue::<T>(at);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(who.clone()),
            product,
            purposes::<T>(p),
            Some(at),
            ReceiptHash::repeat_byte(2),
        );

        assert!(Consents::<T>::get(&who, product).is_some());
    }

    #[benchmark]
    fn renew_consent(p: Linear<1, { T::MaxPurposes::get().min(8) }>) {
        let product = T::BenchmarkHelper::active_product();
        let who = contributor::<T>("owner", 0, product);
        let old: BlockNumberFor<T> = 1000u32.into();
        let new: BlockNumberFor<T> = 2000u32.into();
        fill_queue::<T>(old);
        give::<T>(&who, product, 1, old);
        fill_queue::<T>(new);

        #[extrinsic_call]
        _(
            RawOrigin::Signed(who.clone()),
            product,
            purposes::<T>(p),
            Some(new),
            ReceiptHash::repeat_byte(2),
        );

        assert_eq!(
            Consents::<T>::get(&who, product).map(|r| r.state),
            Some(ConsentState::Renewed)
        );
    }

    #[benchmark]
    fn withdraw_consent(p: Linear<1, { T::MaxPurposes::get().min(8) }>) {
        let product = T::BenchmarkHelper::active_product();
        let who = contributor::<T>("owner", 0, product);
        let at: BlockNumberFor<T> = 1000u32.into();
        fill_queue::<T>(at);
        give::<T>(&who, product, p, at);

        #[extrinsic_call]
        _(RawOrigin::Signed(who.clone()), product);

        assert_eq!(
            Consents::<T>::get(&who, product).map(|r| r.state),
            Some(ConsentState::Withdrawn)
        );
    }

    /// `c` live consents, each with an expiry and every purpose, on `c` products the owner
    /// contributes to: all withdrawn, each purpose's pool left. (With none the call fails
    /// after one read, charged `withdraw_all(0)`.)
    #[benchmark]
    fn withdraw_all(c: Linear<1, { T::MaxConsentsPerOwner::get() }>) {
        let who = owner_with_consents::<T>(c);
        assert_eq!(LiveProducts::<T>::get(&who).len(), c as usize);

        #[extrinsic_call]
        _(RawOrigin::Signed(who.clone()));

        assert_eq!(LiveConsentCount::<T>::get(), 0);
    }

    /// `c` live consents with every purpose, on products the owner contributes to: the
    /// owner's credential lapsed, every purpose's pool left.
    #[benchmark]
    fn owner_lapsed(c: Linear<0, { T::MaxConsentsPerOwner::get() }>) {
        let who = owner_with_consents::<T>(c);

        #[block]
        {
            <Pallet<T> as cityzen_primitives::OwnerStanding<T::AccountId>>::lapsed(&who);
        }

        assert_eq!(LiveProducts::<T>::get(&who).len(), c as usize);
    }

    /// The same owner restored: every purpose's pool joined again.
    #[benchmark]
    fn owner_restored(c: Linear<0, { T::MaxConsentsPerOwner::get() }>) {
        let who = owner_with_consents::<T>(c);
        <Pallet<T> as cityzen_primitives::OwnerStanding<T::AccountId>>::lapsed(&who);

        #[block]
        {
            <Pallet<T> as cityzen_primitives::OwnerStanding<T::AccountId>>::restored(&who);
        }

        assert_eq!(LiveProducts::<T>::get(&who).len(), c as usize);
    }

    /// `n` consents expire in this block.
    #[benchmark]
    fn on_initialize_expiries(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
        let product = T::BenchmarkHelper::active_product();
        let at: BlockNumberFor<T> = 1000u32.into();
        let p = T::MaxPurposes::get().min(8);
        for i in 0..n {
            let who = contributor::<T>("owner", i, product);
            give::<T>(&who, product, p, at);
        }
        frame_system::Pallet::<T>::set_block_number(at);
        ExpiryCursor::<T>::put(at);

        #[block]
        {
            Pallet::<T>::on_initialize(at);
        }

        assert_eq!(ExpiryQueue::<T>::iter_prefix(at).count(), 0);
    }

    impl_benchmark_test_suite!(
        Pallet,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
