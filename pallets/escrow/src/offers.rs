//! Offers for negotiated products: make, counter, accept (it becomes an order), withdraw and
//! expire.

use crate::{pallet::*, types::*, Pricing, ProductId, ProductTerms, Purpose};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
    /// An open offer.
    pub(crate) fn find_offer(id: OfferId) -> Result<OfferOf<T>, DispatchError> {
        Offers::<T>::get(id).ok_or_else(|| Error::<T>::UnknownOffer.into())
    }

    /// An offer made by `who`.
    pub(crate) fn buyer_offer(
        who: &T::AccountId,
        id: OfferId,
    ) -> Result<OfferOf<T>, DispatchError> {
        let o = Self::find_offer(id)?;
        ensure!(o.buyer == *who, Error::<T>::NotBuyer);
        Ok(o)
    }

    /// An offer, not expired, on a product of `who` as its provider.
    pub(crate) fn provider_offer(
        who: &T::AccountId,
        id: OfferId,
    ) -> Result<OfferOf<T>, DispatchError> {
        let o = Self::find_offer(id)?;
        ensure!(
            T::Products::sale_terms(o.product)
                .map(|s| s.provider)
                .as_ref()
                == Some(who),
            Error::<T>::NotProvider
        );
        ensure!(Self::now() < o.expires_at, Error::<T>::OfferExpired);
        Ok(o)
    }

    pub(crate) fn do_make_offer(
        buyer: T::AccountId,
        product: ProductId,
        purpose: Purpose,
        amount: BalanceOf<T>,
        buyer_key: BuyerKey,
        expires_at: BlockNumberFor<T>,
        terms_version: u32,
    ) -> DispatchResult {
        let sale = Self::check_sale(&buyer, product, purpose, terms_version)?;
        let Pricing::Negotiated { floor } = sale.terms.pricing else {
            return Err(Error::<T>::NotNegotiated.into());
        };
        ensure!(amount >= floor, Error::<T>::BelowFloor);
        let now = Self::now();
        ensure!(
            expires_at > now && expires_at <= now.saturating_add(T::MaxOfferLifetime::get()),
            Error::<T>::InvalidExpiry
        );
        Self::open(&buyer)?;
        Self::hold(&buyer, amount)?;
        let offer = NextOfferId::<T>::get();
        NextOfferId::<T>::put(offer.checked_add(1).ok_or(Error::<T>::Overflow)?);
        Self::schedule(expires_at, Due::ExpireOffer(offer))?;
        Offers::<T>::insert(
            offer,
            Offer {
                buyer: buyer.clone(),
                product,
                purpose,
                amount,
                counter: None,
                buyer_key,
                expires_at,
                terms_version,
            },
        );
        Self::deposit_event(Event::OfferMade {
            offer,
            buyer,
            product,
            amount,
        });
        Ok(())
    }

    pub(crate) fn do_accept_offer(who: &T::AccountId, offer: OfferId) -> DispatchResult {
        let o = Self::provider_offer(who, offer)?;
        let amount = o.amount;
        Self::offer_to_order(offer, o, amount)
    }

    pub(crate) fn do_counter_offer(
        who: &T::AccountId,
        offer: OfferId,
        amount: BalanceOf<T>,
    ) -> DispatchResult {
        let mut o = Self::provider_offer(who, offer)?;
        ensure!(amount != o.amount, Error::<T>::SameAmount);
        o.counter = Some(amount);
        Offers::<T>::insert(offer, o);
        Self::deposit_event(Event::OfferCountered { offer, amount });
        Ok(())
    }

    pub(crate) fn do_accept_counter(
        who: &T::AccountId,
        offer: OfferId,
        max_price: BalanceOf<T>,
    ) -> DispatchResult {
        let o = Self::buyer_offer(who, offer)?;
        ensure!(Self::now() < o.expires_at, Error::<T>::OfferExpired);
        let counter = o.counter.ok_or(Error::<T>::NoCounter)?;
        ensure!(counter <= max_price, Error::<T>::PriceAboveMax);
        if counter > o.amount {
            Self::hold(who, counter.saturating_sub(o.amount))?;
        } else {
            Self::release(who, o.amount.saturating_sub(counter))?;
        }
        Self::offer_to_order(offer, o, counter)
    }

    pub(crate) fn do_expire_offer(offer: OfferId) -> DispatchResult {
        let o = Self::find_offer(offer)?;
        ensure!(Self::now() >= o.expires_at, Error::<T>::OfferNotExpired);
        Self::close_offer(offer, o, true)
    }

    /// An accepted offer becomes a one-off order at `price` (its hold and open count carry
    /// over), checked again as a sale.
    pub(crate) fn offer_to_order(
        offer: OfferId,
        o: OfferOf<T>,
        price: BalanceOf<T>,
    ) -> DispatchResult {
        // The offer was made under these terms: if the provider changed them since, the buyer
        // must make a new offer.
        let sale = Self::check_sale(&o.buyer, o.product, o.purpose, o.terms_version)?;
        let order = Self::create_order(
            o.buyer,
            o.product,
            o.purpose,
            sale,
            OrderKind::OneOff,
            price,
            o.buyer_key,
        )?;
        Offers::<T>::remove(offer);
        Self::deposit_event(Event::OfferAccepted { offer, order });
        Ok(())
    }

    /// Release an offer's hold and remove it (withdrawn, or `expired`).
    pub(crate) fn close_offer(offer: OfferId, o: OfferOf<T>, expired: bool) -> DispatchResult {
        Self::release(&o.buyer, o.amount)?;
        Offers::<T>::remove(offer);
        Self::opened_closed(&o.buyer);
        Self::deposit_event(Event::OfferClosed { offer, expired });
        Ok(())
    }
}
