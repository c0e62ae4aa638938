//! Posting, answering, withdrawing, cancelling and attesting deletion: the bodies of the
//! pallet's calls, and the fee-less tests of its owners' calls.

use crate::{
    pallet::*, types::*, Accreditation, FeelessAllowance, Loa, RequestId, RequestPrice,
    RequestState, Role,
};
use frame_support::{
    pallet_prelude::*,
    traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::traits::{CheckedMul, Saturating, Zero};

impl<T: Config> Pallet<T> {
    /// Whether the signer of `origin` is entitled to fee-less calls.
    pub(crate) fn is_entitled(origin: &OriginFor<T>) -> bool {
        match origin.clone().into() {
            Ok(frame_system::RawOrigin::Signed(who)) => T::Allowance::entitled(&who),
            _ => false,
        }
    }

    /// `withdraw_response`'s fee-less test: the signer answered request `id` and has not
    /// withdrawn (one read), whatever its credential.
    pub(crate) fn has_live_response(origin: &OriginFor<T>, id: RequestId) -> bool {
        match origin.clone().into() {
            Ok(frame_system::RawOrigin::Signed(who)) => {
                Responses::<T>::get(id, &who).is_some_and(|r| r.withdrawn.is_none())
            }
            _ => false,
        }
    }

    /// The budget `terms` hold.
    pub(crate) fn budget_of(
        price: &RequestPrice<BalanceOf<T>>,
        max_owners: u32,
    ) -> Result<BalanceOf<T>, Error<T>> {
        let min = T::MinPerOwner::get();
        let n = BalanceOf::<T>::from(max_owners);
        match *price {
            RequestPrice::PerOwner(p) => {
                ensure!(p >= min, Error::<T>::BudgetTooSmall);
                p.checked_mul(&n).ok_or(Error::<T>::BudgetOverflow)
            }
            RequestPrice::Total(b) => {
                let floor = min.checked_mul(&n).ok_or(Error::<T>::BudgetOverflow)?;
                ensure!(b >= floor, Error::<T>::BudgetTooSmall);
                Ok(b)
            }
        }
    }

    pub(crate) fn do_post(seeker: T::AccountId, t: NewRequestOf<T>) -> DispatchResult {
        ensure!(
            T::Accreditation::has(&seeker, Role::DataConsumer, Loa::Low),
            Error::<T>::NotAConsumer
        );
        let class = T::Accreditation::consumer_class(&seeker).ok_or(Error::<T>::NotAConsumer)?;
        ensure!(!t.categories.is_empty(), Error::<T>::NoCategories);
        ensure!(
            !cityzen_primitives::has_duplicates(&t.categories),
            Error::<T>::DuplicateCategory
        );
        ensure!(
            t.min_owners >= T::MinOwners::get(),
            Error::<T>::KBelowMinimum
        );
        ensure!(t.max_owners >= t.min_owners, Error::<T>::MaxBelowMin);
        ensure!(
            t.max_owners <= T::MaxRespondents::get(),
            Error::<T>::TooManyOwners
        );
        let now = frame_system::Pallet::<T>::block_number();
        ensure!(t.deadline > now, Error::<T>::DeadlineNotInFuture);
        ensure!(
            t.deadline <= now.saturating_add(T::MaxLifetime::get()),
            Error::<T>::DeadlineTooFar
        );
        ensure!(!t.retention.is_zero(), Error::<T>::ZeroRetention);
        ensure!(
            t.retention <= T::MaxRetention::get(),
            Error::<T>::RetentionTooLong
        );
        let budget = Self::budget_of(&t.price, t.max_owners)?;
        let id = RequestCount::<T>::get()
            .checked_add(1)
            .ok_or(Error::<T>::Overflow)?;
        T::Currency::hold(&HoldReason::Budget.into(), &seeker, budget)
            .map_err(|_| Error::<T>::InsufficientFunds)?;
        RequestCount::<T>::put(id);
        Due::<T>::insert(due_key::<T>(t.deadline, id), ());
        Self::deposit_event(Event::RequestPosted {
            id,
            seeker: seeker.clone(),
            purpose: t.purpose,
            min_owners: t.min_owners,
            budget,
            deadline: t.deadline,
        });
        Requests::<T>::insert(
            id,
            Request {
                seeker,
                seeker_class: class,
                purpose: t.purpose,
                categories: t.categories,
                terms_hash: t.terms_hash,
                min_owners: t.min_owners,
                max_owners: t.max_owners,
                owner_loa: t.owner_loa,
                price: t.price,
                held: budget,
                posted: now,
                deadline: t.deadline,
                retention: t.retention,
                state: RequestState::Open,
                respondents: 0,
                closed: None,
                deletion: None,
                split: None,
            },
        );
        Ok(())
    }

    /// An open request before its deadline, or why it cannot take answers.
    pub(crate) fn open_request(id: RequestId) -> Result<RequestOf<T>, Error<T>> {
        let r = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
        ensure!(r.state == RequestState::Open, Error::<T>::NotOpen);
        let now = frame_system::Pallet::<T>::block_number();
        ensure!(now < r.deadline, Error::<T>::DeadlinePassed);
        Ok(r)
    }

    pub(crate) fn do_respond(
        owner: T::AccountId,
        id: RequestId,
        receipt_hash: H256,
    ) -> DispatchResult {
        let mut r = Self::open_request(id)?;
        ensure!(owner != r.seeker, Error::<T>::OwnRequest);
        ensure!(
            T::Accreditation::has(&owner, Role::DataOwner, r.owner_loa),
            Error::<T>::NotDataOwner
        );
        ensure!(
            !Responses::<T>::contains_key(id, &owner),
            Error::<T>::AlreadyResponded
        );
        ensure!(r.respondents < r.max_owners, Error::<T>::RequestFull);
        Respondents::<T>::try_mutate(id, |list| list.try_push(owner.clone()))
            .map_err(|_| Error::<T>::RequestFull)?;
        r.respondents = r.respondents.saturating_add(1);
        let now = frame_system::Pallet::<T>::block_number();
        Responses::<T>::insert(
            id,
            &owner,
            Response {
                at: now,
                receipt_hash,
                withdrawn: None,
            },
        );
        OwnerResponses::<T>::insert(&owner, request_key(id), ());
        Requests::<T>::insert(id, r);
        Self::deposit_event(Event::Responded {
            id,
            owner,
            receipt_hash,
        });
        Ok(())
    }

    pub(crate) fn do_withdraw(owner: T::AccountId, id: RequestId) -> DispatchResult {
        let mut r = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
        let mut response = Responses::<T>::get(id, &owner).ok_or(Error::<T>::NotResponded)?;
        ensure!(response.withdrawn.is_none(), Error::<T>::AlreadyWithdrawn);
        if r.state == RequestState::Open {
            // Before the deadline is closed, the owner simply leaves the request.
            Respondents::<T>::mutate(id, |list| list.retain(|a| a != &owner));
            Responses::<T>::remove(id, &owner);
            OwnerResponses::<T>::remove(&owner, request_key(id));
            r.respondents = r.respondents.saturating_sub(1);
            Requests::<T>::insert(id, r);
        } else {
            response.withdrawn = Some(frame_system::Pallet::<T>::block_number());
            Responses::<T>::insert(id, &owner, response);
        }
        Self::deposit_event(Event::ResponseWithdrawn { id, owner });
        Ok(())
    }

    pub(crate) fn do_cancel(seeker: T::AccountId, id: RequestId) -> DispatchResult {
        let mut r = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
        ensure!(r.seeker == seeker, Error::<T>::NotSeeker);
        ensure!(r.state == RequestState::Open, Error::<T>::NotOpen);
        ensure!(r.respondents == 0, Error::<T>::HasRespondents);
        if !r.held.is_zero() {
            T::Currency::release(
                &HoldReason::Budget.into(),
                &seeker,
                r.held,
                Precision::Exact,
            )?;
        }
        Due::<T>::remove(due_key::<T>(r.deadline, id));
        Totals::<T>::mutate(|t| t.cancelled = t.cancelled.saturating_add(1));
        let refunded = r.held;
        r.held = Zero::zero();
        r.state = RequestState::Cancelled;
        r.closed = Some(frame_system::Pallet::<T>::block_number());
        Requests::<T>::insert(id, r);
        Self::deposit_event(Event::RequestCancelled { id, refunded });
        Ok(())
    }

    pub(crate) fn do_attest(seeker: T::AccountId, id: RequestId, proof: H256) -> DispatchResult {
        let mut r = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
        ensure!(r.seeker == seeker, Error::<T>::NotSeeker);
        ensure!(r.state == RequestState::Fulfilled, Error::<T>::NotFulfilled);
        ensure!(r.deletion.is_none(), Error::<T>::AlreadyAttested);
        r.deletion = Some((proof, frame_system::Pallet::<T>::block_number()));
        Requests::<T>::insert(id, r);
        Self::deposit_event(Event::DeletionAttested { id, proof });
        Ok(())
    }
}
