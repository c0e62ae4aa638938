//! Giving, renewing and withdrawing consent: the bodies of the pallet's calls, and the
//! weights they are charged.

use crate::{
    pallet::*, types::*, Accreditation, ConsentListener, FeelessAllowance, Loa, ProductId,
    ProductInspect, Purpose, Role, WeightInfo,
};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;

impl<T: Config> Pallet<T> {
    /// The worst consent call: the largest of give, renew and withdraw at every purpose, each
    /// a revenue pool joined or left (the unit of an owner's fee-less allowance). Each call is
    /// charged its own benchmark; withdrawing never costs the owner more than giving
    /// (GDPR Art. 7(3)) because a withdrawal is always fee-less.
    pub fn consent_weight() -> Weight {
        Self::consent_weight_for(T::MaxPurposes::get())
    }

    /// The largest of the three consent calls touching `p` purposes.
    pub fn consent_weight_for(p: u32) -> Weight {
        let p = p.clamp(1, T::MaxPurposes::get());
        T::WeightInfo::give_consent(p)
            .max(T::WeightInfo::renew_consent(p))
            .max(T::WeightInfo::withdraw_consent(p))
    }

    /// Benchmarked range of purposes: `p` clamped to `1..=MaxPurposes`.
    fn purposes_in_range(p: u32) -> u32 {
        p.clamp(1, T::MaxPurposes::get())
    }

    /// What `give_consent` of `p` purposes is charged: its own benchmark.
    pub fn give_weight(p: u32) -> Weight {
        T::WeightInfo::give_consent(Self::purposes_in_range(p))
    }

    /// What `renew_consent` touching `p` pools is charged: its own benchmark.
    pub fn renew_weight(p: u32) -> Weight {
        T::WeightInfo::renew_consent(Self::purposes_in_range(p))
    }

    /// What `withdraw_consent` of `p` purposes is charged: a withdrawal's own benchmark, not
    /// a giving's.
    pub fn withdraw_weight(p: u32) -> Weight {
        T::WeightInfo::withdraw_consent(Self::purposes_in_range(p))
    }

    pub(crate) fn count(purposes: &BoundedVec<Purpose, T::MaxPurposes>) -> u32 {
        u32::try_from(purposes.len()).unwrap_or(u32::MAX)
    }

    pub(crate) fn is_feeless(origin: &OriginFor<T>) -> bool {
        match origin.clone().into() {
            Ok(frame_system::RawOrigin::Signed(who)) => T::Allowance::entitled(&who),
            _ => false,
        }
    }

    /// Whether the signer holds a live consent for `product` (for any product if `None`):
    /// the fee-less test of a withdrawal, one read, whatever the signer's credential.
    pub(crate) fn holds_live(origin: &OriginFor<T>, product: Option<ProductId>) -> bool {
        let Ok(frame_system::RawOrigin::Signed(who)) = origin.clone().into() else {
            return false;
        };
        let live = LiveProducts::<T>::get(&who);
        match product {
            Some(p) => live.contains(&p),
            None => !live.is_empty(),
        }
    }

    /// Fails unless `who` holds a valid DataOwner credential.
    pub(crate) fn ensure_owner(who: &T::AccountId) -> DispatchResult {
        ensure!(
            T::Accreditation::has(who, Role::DataOwner, Loa::Low),
            Error::<T>::NotDataOwner
        );
        Ok(())
    }

    pub(crate) fn check_terms(
        product: ProductId,
        purposes: &BoundedVec<Purpose, T::MaxPurposes>,
        expires_at: Option<BlockNumberFor<T>>,
    ) -> DispatchResult {
        ensure!(
            T::Products::is_active(product),
            Error::<T>::ProductNotActive
        );
        ensure!(!purposes.is_empty(), Error::<T>::NoPurposes);
        ensure!(
            !cityzen_primitives::has_duplicates(purposes),
            Error::<T>::DuplicatePurpose
        );
        ensure!(
            purposes
                .iter()
                .all(|p| T::Products::offers_purpose(product, *p)),
            Error::<T>::PurposeNotOffered
        );
        if let Some(at) = expires_at {
            ensure!(
                at > frame_system::Pallet::<T>::block_number(),
                Error::<T>::ExpiryNotInFuture
            );
        }
        Ok(())
    }

    pub(crate) fn do_give_consent(
        owner: T::AccountId,
        product: ProductId,
        purposes: BoundedVec<Purpose, T::MaxPurposes>,
        expires_at: Option<BlockNumberFor<T>>,
        receipt_hash: ReceiptHash,
    ) -> DispatchResultWithPostInfo {
        Self::ensure_owner(&owner)?;
        Self::check_terms(product, &purposes, expires_at)?;
        let charged = Self::give_weight(Self::count(&purposes));
        if let Some(record) = Consents::<T>::get(&owner, product) {
            ensure!(!record.state.is_live(), Error::<T>::AlreadyGiven);
        }
        let mut live = LiveProducts::<T>::get(&owner);
        live.try_push(product)
            .map_err(|_| Error::<T>::TooManyConsents)?;
        let expiry_page = expires_at.map_or(0, |at| Self::schedule_expiry(&owner, product, at));
        LiveProducts::<T>::insert(&owner, live);
        let now = frame_system::Pallet::<T>::block_number();
        Consents::<T>::insert(
            &owner,
            product,
            ConsentRecord {
                purposes: purposes.clone(),
                state: ConsentState::Given,
                expires_at,
                expiry_page,
                receipt_hash,
                given_at: now,
                updated_at: now,
            },
        );
        LiveConsentCount::<T>::mutate(|c| *c = c.saturating_add(1));
        for p in purposes.iter() {
            T::Listener::consent_started(&owner, product, *p);
        }
        Self::deposit_event(Event::ConsentGiven {
            owner,
            product,
            purposes,
            expires_at,
            receipt_hash,
        });
        Ok(Some(charged).into())
    }

    pub(crate) fn do_renew_consent(
        owner: T::AccountId,
        product: ProductId,
        purposes: BoundedVec<Purpose, T::MaxPurposes>,
        expires_at: Option<BlockNumberFor<T>>,
        receipt_hash: ReceiptHash,
    ) -> DispatchResultWithPostInfo {
        Self::ensure_owner(&owner)?;
        let now = frame_system::Pallet::<T>::block_number();
        // A consent past its expiry is not renewed: it is given again.
        let mut record = Consents::<T>::get(&owner, product)
            .filter(|r| r.state.is_live() && r.expires_at.is_none_or(|at| now < at))
            .ok_or(Error::<T>::NothingToRenew)?;
        Self::check_terms(product, &purposes, expires_at)?;
        // Pools left and joined, plus one: the benchmark's 1 → p renewal joins p − 1.
        let changed = record
            .purposes
            .iter()
            .filter(|p| !purposes.contains(p))
            .chain(purposes.iter().filter(|p| !record.purposes.contains(p)))
            .count();
        let charged =
            Self::renew_weight(u32::try_from(changed.saturating_add(1)).unwrap_or(u32::MAX));
        if record.expires_at != expires_at {
            if let Some(old) = record.expires_at {
                Self::unschedule_expiry(&owner, product, old, record.expiry_page);
            }
            record.expiry_page =
                expires_at.map_or(0, |at| Self::schedule_expiry(&owner, product, at));
        }
        for p in record.purposes.iter().filter(|p| !purposes.contains(p)) {
            T::Listener::consent_ended(&owner, product, *p);
        }
        for p in purposes.iter().filter(|p| !record.purposes.contains(p)) {
            T::Listener::consent_started(&owner, product, *p);
        }
        record.purposes = purposes.clone();
        record.state = ConsentState::Renewed;
        record.expires_at = expires_at;
        record.receipt_hash = receipt_hash;
        record.updated_at = frame_system::Pallet::<T>::block_number();
        Consents::<T>::insert(&owner, product, record);
        Self::deposit_event(Event::ConsentRenewed {
            owner,
            product,
            purposes,
            expires_at,
            receipt_hash,
        });
        Ok(Some(charged).into())
    }

    pub(crate) fn do_withdraw_consent(
        owner: &T::AccountId,
        product: ProductId,
    ) -> DispatchResultWithPostInfo {
        let purposes = Self::do_withdraw(owner, product).ok_or(Error::<T>::NothingToWithdraw)?;
        Ok(Some(Self::withdraw_weight(purposes)).into())
    }

    /// Withdraws every live consent of `owner`; how many.
    pub(crate) fn do_withdraw_all(owner: &T::AccountId) -> Result<u32, DispatchError> {
        let products = LiveProducts::<T>::get(owner);
        ensure!(!products.is_empty(), Error::<T>::NothingToWithdraw);
        let mut count: u32 = 0;
        for product in products {
            if Self::do_withdraw(owner, product).is_some() {
                count = count.saturating_add(1);
            }
        }
        Self::deposit_event(Event::AllWithdrawn {
            owner: owner.clone(),
            count,
        });
        Ok(count)
    }

    /// Withdraws the live consent of `owner` for `product`; how many purposes it had, or
    /// `None` if there was none.
    pub(crate) fn do_withdraw(owner: &T::AccountId, product: ProductId) -> Option<u32> {
        let mut record = Consents::<T>::get(owner, product).filter(|r| r.state.is_live())?;
        let purposes = Self::count(&record.purposes);
        if let Some(at) = record.expires_at {
            Self::unschedule_expiry(owner, product, at, record.expiry_page);
        }
        Self::end(owner, product, &mut record, ConsentState::Withdrawn);
        Self::deposit_event(Event::ConsentWithdrawn {
            owner: owner.clone(),
            product,
        });
        Some(purposes)
    }

    pub(crate) fn end(
        owner: &T::AccountId,
        product: ProductId,
        record: &mut ConsentRecordOf<T>,
        state: ConsentState,
    ) {
        record.state = state;
        record.updated_at = frame_system::Pallet::<T>::block_number();
        Consents::<T>::insert(owner, product, record.clone());
        LiveProducts::<T>::mutate_exists(owner, |live| {
            if let Some(l) = live {
                l.retain(|p| *p != product);
                if l.is_empty() {
                    *live = None;
                }
            }
        });
        LiveConsentCount::<T>::mutate(|c| *c = c.saturating_sub(1));
        for p in record.purposes.iter() {
            T::Listener::consent_ended(owner, product, *p);
        }
    }

    /// The state to report for `(owner, product)`: the stored one, except that a live
    /// record whose product is no longer active is reported `Invalidated`.
    pub fn effective_state(owner: &T::AccountId, product: ProductId) -> Option<ConsentState> {
        Consents::<T>::get(owner, product).map(|r| {
            if r.state.is_live() && !T::Products::is_active(product) {
                ConsentState::Invalidated
            } else {
                r.state
            }
        })
    }
}
