//! The calls' shared steps: the provider's product, status changes, joining pools, checking
//! terms.

use crate::weights::WeightInfo;
use crate::{pallet::*, types::*, ProductId};
use cityzen_primitives::{
    Accreditation, ConsentInspect, Loa, PricingError, RevenuePools, Role, FULL_SHARE,
};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
    /// A contributor's weight.
    pub fn contributor_weight(product: ProductId, owner: &T::AccountId) -> Option<u64> {
        Contributors::<T>::get(product, owner)
    }

    pub(crate) fn provider_product(
        who: &T::AccountId,
        product: ProductId,
    ) -> Result<ProductOf<T>, DispatchError> {
        let p = Products::<T>::get(product).ok_or(Error::<T>::UnknownProduct)?;
        ensure!(p.provider == *who, Error::<T>::NotProductProvider);
        Ok(p)
    }

    /// Move a product from status `from` (else the error that says it is not there) to
    /// `to`.
    pub(crate) fn move_status(
        product: ProductId,
        p: ProductOf<T>,
        from: ProductStatus,
        to: ProductStatus,
    ) -> DispatchResult {
        let not_there = match from {
            ProductStatus::Active => Error::<T>::NotActive,
            ProductStatus::Paused => Error::<T>::NotPaused,
            ProductStatus::Suspended => Error::<T>::NotSuspended,
            ProductStatus::Retired => Error::<T>::ProductRetired,
        };
        ensure!(p.status == from, not_there);
        Self::set_status(product, p, to);
        Ok(())
    }

    pub(crate) fn set_status(product: ProductId, mut p: ProductOf<T>, status: ProductStatus) {
        p.status = status;
        Products::<T>::insert(product, p);
        Self::deposit_event(Event::StatusChanged { product, status });
    }

    /// Puts `owner` with `weight` in the pool of each purpose of `product` it consents to;
    /// returns how many pools that was.
    pub(crate) fn join_live_pools(
        product: ProductId,
        p: &ProductOf<T>,
        owner: &T::AccountId,
        weight: u64,
    ) -> u32 {
        let mut joined = 0u32;
        for purpose in p.terms.purposes.iter() {
            if T::Consent::is_live(owner, product, *purpose) {
                T::Pools::join(product, *purpose, owner, weight);
                joined = joined.saturating_add(1);
            }
        }
        joined
    }

    /// The weight of adding `n` contributors that joined `joined` pools in all: between the
    /// benchmark where none consents and the one where all consent to every purpose, in
    /// proportion (rounded up).
    pub fn add_contributors_weight(n: u32, joined: u32) -> Weight {
        let none = T::WeightInfo::add_contributors_without_consent(n);
        let all = T::WeightInfo::add_contributors(n);
        let most = n.saturating_mul(T::MaxPurposes::get()).max(1);
        let share = Perbill::from_rational(joined.min(most), most);
        let extra = all.saturating_sub(none);
        none.saturating_add(Weight::from_parts(
            share.mul_ceil(extra.ref_time()),
            share.mul_ceil(extra.proof_size()),
        ))
    }

    /// Whether `new` is no wider for the owners than `old` (security review S6): every
    /// consent given under `old` then also covers `new`, so consent binds the terms it was
    /// given under. Pricing may change (orders are bound to the version the buyer saw).
    pub(crate) fn no_wider(old: &TermsOf<T>, new: &TermsOf<T>) -> bool {
        new.classes.iter().all(|c| old.classes.contains(c))
            && new.min_owners >= old.min_owners
            && new.buyer_loa >= old.buyer_loa
            && new.retention <= old.retention
            && new.owners_share_bps >= old.owners_share_bps
    }

    pub(crate) fn check_terms(terms: &TermsOf<T>) -> DispatchResult {
        let params = Params::<T>::get();
        ensure!(!terms.purposes.is_empty(), Error::<T>::NoPurposes);
        ensure!(
            !cityzen_primitives::has_duplicates(&terms.purposes),
            Error::<T>::DuplicatePurpose
        );
        ensure!(!terms.classes.is_empty(), Error::<T>::NoConsumerClasses);
        ensure!(
            !cityzen_primitives::has_duplicates(&terms.classes),
            Error::<T>::DuplicateConsumerClass
        );
        ensure!(
            terms.owners_share_bps <= FULL_SHARE,
            Error::<T>::ShareAboveMaximum
        );
        ensure!(
            terms.owners_share_bps >= params.min_owners_share_bps,
            Error::<T>::ShareBelowMinimum
        );
        ensure!(
            terms.min_owners >= params.min_owners,
            Error::<T>::KBelowMinimum
        );
        terms.pricing.validate().map_err(|e| match e {
            PricingError::ZeroPrice => Error::<T>::ZeroPrice,
            PricingError::ZeroPeriod => Error::<T>::ZeroPeriod,
        })?;
        Ok(())
    }

    /// List a product of an accredited provider, holding the deposit.
    pub(crate) fn do_register_product(
        provider: T::AccountId,
        kind: KindOf<T>,
        metadata: BoundedVec<u8, T::MaxMetadataLen>,
        licence_hash: ContentHash,
        terms: TermsOf<T>,
    ) -> DispatchResult {
        ensure!(
            T::Accreditation::has(&provider, Role::DataProvider, Loa::Low),
            Error::<T>::NotAccreditedProvider
        );
        match &kind {
            ProductKind::Batch { size_bytes, .. } => {
                ensure!(*size_bytes > 0, Error::<T>::EmptyContent)
            }
            ProductKind::Stream { stream_id } => {
                ensure!(!stream_id.is_empty(), Error::<T>::EmptyContent)
            }
        }
        Self::check_terms(&terms)?;
        let deposit = T::ProductDeposit::get();
        T::Currency::hold(&HoldReason::ProductDeposit.into(), &provider, deposit)
            .map_err(|_| Error::<T>::InsufficientBalance)?;
        let product = NextProductId::<T>::mutate(|id| {
            let current = *id;
            *id = id.saturating_add(1);
            current
        });
        Products::<T>::insert(
            product,
            Product {
                provider: provider.clone(),
                kind,
                metadata,
                licence_hash,
                terms,
                version: 1,
                status: ProductStatus::Active,
                deposit,
                open_orders: 0,
                contributors: 0,
                created_at: frame_system::Pallet::<T>::block_number(),
            },
        );
        Self::deposit_event(Event::ProductRegistered {
            product,
            provider,
            deposit,
        });
        Ok(())
    }

    /// Add `who`'s contributors to its product, each joining the pools it consents to.
    pub(crate) fn do_add_contributors(
        who: &T::AccountId,
        product: ProductId,
        contributors: BoundedVec<(T::AccountId, u64), T::MaxContributorBatch>,
    ) -> Result<u32, DispatchError> {
        let mut p = Self::provider_product(who, product)?;
        ensure!(
            p.status != ProductStatus::Retired,
            Error::<T>::ProductRetired
        );
        let total = p
            .contributors
            .checked_add(u32::try_from(contributors.len()).unwrap_or(u32::MAX))
            .filter(|t| *t <= T::MaxContributors::get())
            .ok_or(Error::<T>::TooManyContributors)?;
        let mut joined = 0u32;
        for (owner, weight) in contributors.iter() {
            ensure!(*weight > 0, Error::<T>::ZeroWeight);
            ensure!(
                !Contributors::<T>::contains_key(product, owner),
                Error::<T>::AlreadyContributor
            );
            Contributors::<T>::insert(product, owner, weight);
            OwnerProducts::<T>::insert(owner, product_key(product), ());
            joined = joined.saturating_add(Self::join_live_pools(product, &p, owner, *weight));
            Self::deposit_event(Event::ContributorSet {
                product,
                owner: owner.clone(),
                weight: *weight,
            });
        }
        p.contributors = total;
        Products::<T>::insert(product, p);
        Ok(joined)
    }
}
