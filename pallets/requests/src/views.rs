//! The requests pallet's read side: the shapes of `market_request*`.
use crate::{pallet::*, types::*, RequestId, RequestState};
use alloc::vec::Vec;
use cityzen_primitives::market::{Kpis, MAX_PAGE};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
    /// Request `id` as the market API shows it.
    pub fn request_view(id: RequestId) -> Option<RequestViewOf<T>> {
        let r = Requests::<T>::get(id)?;
        let retention_due = match (r.state, r.closed) {
            (RequestState::Fulfilled, Some(closed)) => Some(closed.saturating_add(r.retention)),
            _ => None,
        };
        Some(RequestViewOf::<T> {
            id,
            seeker: r.seeker,
            seeker_class: r.seeker_class,
            purpose: r.purpose,
            categories: r.categories.into_inner(),
            terms_hash: r.terms_hash,
            min_owners: r.min_owners,
            max_owners: r.max_owners,
            owner_loa: r.owner_loa,
            price: r.price,
            held: r.held,
            posted: r.posted,
            deadline: r.deadline,
            retention: r.retention,
            state: r.state,
            respondents: r.respondents,
            closed: r.closed,
            retention_due,
            deletion_attested: r.deletion.map(|(_, at)| at),
            split: r.split,
        })
    }

    /// Requests by id after `after` (from the first if `None`), at most `limit` (capped at
    /// [`MAX_PAGE`]).
    pub fn requests_page(after: Option<RequestId>, limit: u32) -> Vec<RequestViewOf<T>> {
        let last = RequestCount::<T>::get();
        let first = after.unwrap_or(0).saturating_add(1);
        let limit = u64::from(limit.min(MAX_PAGE));
        let end = first.saturating_add(limit).min(last.saturating_add(1));
        (first..end).filter_map(Self::request_view).collect()
    }

    /// `owner`'s answer to request `id`.
    pub fn response_view(id: RequestId, owner: &T::AccountId) -> Option<ResponseViewOf<T>> {
        let r = Responses::<T>::get(id, owner)?;
        Some(ResponseViewOf::<T> {
            request_id: id,
            owner: owner.clone(),
            at: r.at,
            receipt_hash: r.receipt_hash,
            withdrawn: r.withdrawn,
        })
    }

    /// The answers to request `id`, in the order the owners gave them, after the answer of
    /// owner `after` (from the first if `None`; nothing if `after` did not answer), at most
    /// `limit` (capped at [`MAX_PAGE`]).
    pub fn responses_page(
        id: RequestId,
        after: Option<&T::AccountId>,
        limit: u32,
    ) -> Vec<ResponseViewOf<T>> {
        let limit = limit.min(MAX_PAGE) as usize;
        let owners = Respondents::<T>::get(id);
        let first = match after {
            None => 0,
            Some(a) => match owners.iter().position(|o| o == a) {
                Some(at) => at.saturating_add(1),
                // Nothing follows an owner who did not answer.
                None => return Vec::new(),
            },
        };
        owners
            .iter()
            .skip(first)
            .take(limit)
            .filter_map(|owner| Self::response_view(id, owner))
            .collect()
    }

    /// This pallet's part of the KPIs: requests posted and fulfilled, and what seekers paid
    /// for them (counted in the value exchanged too).
    pub fn add_kpis(k: &mut Kpis<BalanceOf<T>>) {
        let totals = Totals::<T>::get();
        k.requests_posted = RequestCount::<T>::get();
        k.requests_fulfilled = totals.fulfilled;
        k.paid_by_requests = totals.paid;
        k.value_exchanged = k.value_exchanged.saturating_add(totals.paid);
    }

    /// The requests `owner` answered, by id after `after`, at most `limit` (capped at
    /// [`MAX_PAGE`]).
    pub fn owner_responses_page(
        owner: &T::AccountId,
        after: Option<RequestId>,
        limit: u32,
    ) -> Vec<ResponseViewOf<T>> {
        let limit = limit.min(MAX_PAGE) as usize;
        let keys = match after {
            Some(id) => OwnerResponses::<T>::iter_key_prefix_from(
                owner,
                OwnerResponses::<T>::hashed_key_for(owner, request_key(id)),
            ),
            None => OwnerResponses::<T>::iter_key_prefix(owner),
        };
        keys.map(RequestId::from_be_bytes)
            .take(limit)
            .filter_map(|id| Self::response_view(id, owner))
            .collect()
    }
}
