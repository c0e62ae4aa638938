//! Benchmarks of the credentials pallet (v2). Each call is measured in its worst case.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{EnsureOrigin, Hooks},
    weights::Weight,
};
use frame_system::RawOrigin;

fn all_roles() -> RoleSet {
    RoleSet::from_roles(&Role::ALL)
}

fn issuer<T: Config>() -> T::AccountId {
    let issuer: T::AccountId = account("issuer", 0, 0);
    Pallet::<T>::do_add_issuer(issuer.clone(), &Role::ALL, Loa::High)
        .expect("benchmark issuer can be added");
    issuer
}

/// An issuer and a subject holding a DataOwner credential from it, expiring at `expires_at`.
fn owner_credential<T: Config>(
    expires_at: Option<frame_system::pallet_prelude::BlockNumberFor<T>>,
) -> (T::AccountId, T::AccountId) {
    let issuer = issuer::<T>();
    let subject: T::AccountId = account("subject", 0, 0);
    Pallet::<T>::do_issue(
        &issuer,
        subject.clone(),
        Role::DataOwner,
        Loa::Low,
        None,
        expires_at,
        EvidenceHash::repeat_byte(1),
    )
    .expect("benchmark credential can be issued");
    (issuer, subject)
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn add_issuer() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let who: T::AccountId = account("issuer", 0, 0);

        #[extrinsic_call]
        _(
            origin as T::RuntimeOrigin,
            who.clone(),
            all_roles(),
            Loa::High,
        );

        assert!(Issuers::<T>::contains_key(&who));
        Ok(())
    }

    #[benchmark]
    fn remove_issuer() -> Result<(), BenchmarkError> {
        let origin =
            T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let who = issuer::<T>();

        #[extrinsic_call]
        _(origin as T::RuntimeOrigin, who.clone());

        assert!(!Issuers::<T>::contains_key(&who));
        Ok(())
    }

    /// Worst case: a DataOwner credential over an expired one (removes it, takes a reference).
    #[benchmark]
    fn issue() {
        let (issuer, subject) = owner_credential::<T>(Some(2u32.into()));
        frame_system::Pallet::<T>::set_block_number(10u32.into());
        // It lapsed: the new credential books its restoration.
        Lapsed::<T>::insert(&subject, ());

        #[extrinsic_call]
        _(
            RawOrigin::Signed(issuer),
            subject.clone(),
            Role::DataOwner,
            Loa::High,
            None,
            Some(1000u32.into()),
            EvidenceHash::repeat_byte(2),
        );

        assert!(Pallet::<T>::has(&subject, Role::DataOwner, Loa::High));
    }

    /// Worst case: revoked by its issuer (the governance check fails first), a DataOwner
    /// credential with an expiry (its end is taken off the counts too).
    #[benchmark]
    fn revoke() {
        let (issuer, subject) = owner_credential::<T>(Some(1000u32.into()));

        #[extrinsic_call]
        _(RawOrigin::Signed(issuer), subject.clone(), Role::DataOwner);

        assert!(!Credentials::<T>::contains_key(&subject, Role::DataOwner));
    }

    #[benchmark]
    fn renounce() {
        let (_issuer, subject) = owner_credential::<T>(Some(1000u32.into()));

        #[extrinsic_call]
        _(RawOrigin::Signed(subject.clone()), Role::DataOwner);

        assert!(!Credentials::<T>::contains_key(&subject, Role::DataOwner));
    }

    /// `n` issuers' credentials stop being valid in this block (one count entry each).
    #[benchmark]
    fn on_initialize_expiring(n: Linear<0, 50>) {
        let before = ValidCount::<T>::get(Role::DataProvider);
        for i in 0..n {
            let issuer: T::AccountId = account("issuer", i, 1);
            Pallet::<T>::do_add_issuer(issuer.clone(), &Role::ALL, Loa::High)
                .expect("benchmark issuer can be added");
            Pallet::<T>::do_issue(
                &issuer,
                account("subject", i, 1),
                Role::DataProvider,
                Loa::Low,
                None,
                Some(100u32.into()),
                EvidenceHash::repeat_byte(1),
            )
            .expect("benchmark credential can be issued");
        }
        assert_eq!(
            ValidCount::<T>::get(Role::DataProvider),
            before.saturating_add(n)
        );

        #[block]
        {
            Pallet::<T>::on_initialize(101u32.into());
        }

        assert_eq!(ValidCount::<T>::get(Role::DataProvider), before);
    }

    /// `n` owners' credentials stop being valid in this block: each one's lapse told (in the
    /// runtime to the consent pallet; the owners' own consents are weighed by its
    /// `OwnerStanding::weight_of`). No sweep waits.
    #[benchmark]
    fn lapse_expired(
        n: Linear<0, { <T::MaxOwnerLapsesPerBlock as frame_support::traits::Get<u32>>::get() }>,
    ) {
        let issuer: T::AccountId = account("issuer", 0, 2);
        Pallet::<T>::do_add_issuer(issuer.clone(), &Role::ALL, Loa::High)
            .expect("benchmark issuer can be added");
        let owners: Vec<T::AccountId> = (0..n).map(|i| account("expiring", i, 2)).collect();
        for who in &owners {
            Pallet::<T>::do_issue(
                &issuer,
                who.clone(),
                Role::DataOwner,
                Loa::Low,
                None,
                Some(100u32.into()),
                EvidenceHash::repeat_byte(1),
            )
            .expect("benchmark credential can be issued");
        }
        LapseCursor::<T>::put(frame_system::pallet_prelude::BlockNumberFor::<T>::from(
            101u32,
        ));
        frame_system::Pallet::<T>::set_block_number(101u32.into());

        #[block]
        {
            Pallet::<T>::tell_lapses_within(101u32.into(), Weight::MAX);
        }

        assert!(owners.iter().all(Lapsed::<T>::contains_key));
    }

    /// `n` owners of a removed issuer swept in this block, each one's lapse told. No expiry.
    #[benchmark]
    fn lapse_swept(
        n: Linear<0, { <T::MaxOwnerLapsesPerBlock as frame_support::traits::Get<u32>>::get() }>,
    ) {
        let removed: T::AccountId = account("issuer", 1, 2);
        Pallet::<T>::do_add_issuer(removed.clone(), &Role::ALL, Loa::High)
            .expect("benchmark issuer can be added");
        let owners: Vec<T::AccountId> = (0..n).map(|i| account("swept", i, 2)).collect();
        for who in &owners {
            Pallet::<T>::do_issue(
                &removed,
                who.clone(),
                Role::DataOwner,
                Loa::Low,
                None,
                None,
                EvidenceHash::repeat_byte(1),
            )
            .expect("benchmark credential can be issued");
        }
        let origin = T::GovernanceOrigin::try_successful_origin().expect("governance origin");
        Pallet::<T>::remove_issuer(origin, removed).expect("issuer can be removed");
        LapseCursor::<T>::put(frame_system::pallet_prelude::BlockNumberFor::<T>::from(
            101u32,
        ));

        #[block]
        {
            Pallet::<T>::tell_lapses_within(101u32.into(), Weight::MAX);
        }

        assert!(owners.iter().all(Lapsed::<T>::contains_key));
        assert!(Sweeps::<T>::get().is_empty());
    }

    /// The free-call bookkeeping of the `FreeCalls` transaction extension before dispatch:
    /// the owner's usage read and written (a period already started).
    #[benchmark]
    fn use_free_call() {
        let (_issuer, subject) = owner_credential::<T>(None);
        let one = Weight::from_parts(1, 0);
        Pallet::<T>::use_free_call(&subject, one, false).expect("first free call");

        #[block]
        {
            Pallet::<T>::use_free_call(&subject, one, false).expect("second free call");
        }

        assert_eq!(
            Pallet::<T>::free_calls_left(&subject),
            <T::FreeCallsPerPeriod as frame_support::traits::Get<u32>>::get().saturating_sub(2)
        );
    }

    /// The free-call bookkeeping after dispatch: the unused weight given back (usage read and
    /// written).
    #[benchmark]
    fn refund_free_weight() {
        let (_issuer, subject) = owner_credential::<T>(None);
        let two = Weight::from_parts(2, 0);
        Pallet::<T>::use_free_call(&subject, two, false).expect("a free call");

        #[block]
        {
            Pallet::<T>::refund_free_weight(&subject, Weight::from_parts(1, 0));
        }

        assert_eq!(
            crate::FreeCallsUsed::<T>::get(&subject).map(|u| u.weight),
            Some(1)
        );
    }

    impl_benchmark_test_suite!(
        Pallet,
        crate::mock::ExtBuilder::default().build(),
        crate::mock::Test
    );
}
