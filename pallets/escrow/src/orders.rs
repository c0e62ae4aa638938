//! Orders: the checks of a sale, placing, delivering, disputing, reclaiming and deletion, and
//! the small ledger helpers (holds, open counts, the due queue) the other files share.

use crate::{
    pallet::*, types::*, ProductOrders, ProductStatus, ProductTerms, RevenuePools, RevenueSink,
};
use cityzen_primitives::{
    Accreditation, Loa, ProductId, Purpose, Quote, QuoteError, Role, SaleTerms, Terms,
};
use frame_support::{
    ensure,
    pallet_prelude::*,
    traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, UniqueSaturatedInto, Zero};

/// A product's terms in the runtime's types.
pub type TermsOf<T> = Terms<
    BalanceOf<T>,
    BlockNumberFor<T>,
    <<T as Config>::Products as ProductTerms<
        <T as frame_system::Config>::AccountId,
        BalanceOf<T>,
        BlockNumberFor<T>,
    >>::MaxPurposes,
>;

/// What a sale was checked against: the product's terms now, their version and provider.
pub struct Sale<T: Config> {
    /// The product's terms.
    pub terms: TermsOf<T>,
    /// Their version.
    pub version: u32,
    /// The product's provider.
    pub provider: T::AccountId,
}

impl<T: Config> Pallet<T> {
    pub(crate) fn now() -> BlockNumberFor<T> {
        frame_system::Pallet::<T>::block_number()
    }

    /// An existing order.
    pub(crate) fn find_order(id: OrderId) -> Result<OrderOf<T>, DispatchError> {
        Orders::<T>::get(id).ok_or_else(|| Error::<T>::UnknownOrder.into())
    }

    /// An order of `who` as its buyer.
    pub(crate) fn buyer_order(
        who: &T::AccountId,
        id: OrderId,
    ) -> Result<OrderOf<T>, DispatchError> {
        let o = Self::find_order(id)?;
        ensure!(o.buyer == *who, Error::<T>::NotBuyer);
        Ok(o)
    }

    /// An open order of `who` as its buyer.
    pub(crate) fn open_buyer_order(
        who: &T::AccountId,
        id: OrderId,
    ) -> Result<OrderOf<T>, DispatchError> {
        let o = Self::buyer_order(who, id)?;
        ensure!(o.state.is_open(), Error::<T>::OrderClosed);
        Ok(o)
    }

    /// The order is delivered and not under dispute (it may be confirmed, paid or disputed).
    pub(crate) fn ensure_delivered_undisputed(o: &OrderOf<T>) -> DispatchResult {
        ensure!(o.state != OrderState::Placed, Error::<T>::NotDelivered);
        ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
        Ok(())
    }

    /// Every check of a sale but the price: product, the terms version the buyer saw,
    /// purpose, buyer, k.
    pub(crate) fn check_sale(
        buyer: &T::AccountId,
        product: ProductId,
        purpose: Purpose,
        terms_version: u32,
    ) -> Result<Sale<T>, DispatchError> {
        let SaleTerms {
            provider,
            status,
            terms,
            version,
        } = T::Products::sale_terms(product).ok_or(Error::<T>::UnknownProduct)?;
        ensure!(version == terms_version, Error::<T>::TermsChanged);
        ensure!(
            status == ProductStatus::Active,
            Error::<T>::ProductNotActive
        );
        ensure!(
            terms.purposes.contains(&purpose),
            Error::<T>::PurposeNotOffered
        );
        ensure!(*buyer != provider, Error::<T>::BuyerIsProvider);
        // A provider whose accreditation lapsed sells nothing new (security review S9); its
        // open orders may still be delivered, or reclaimed by their buyers.
        ensure!(
            T::Accreditation::has(&provider, Role::DataProvider, Loa::Low),
            Error::<T>::ProviderNotAccredited
        );
        ensure!(
            T::Accreditation::has(buyer, Role::DataConsumer, terms.buyer_loa),
            Error::<T>::NotAccreditedConsumer
        );
        let class = T::Accreditation::consumer_class(buyer).ok_or(Error::<T>::ClassNotOffered)?;
        ensure!(terms.classes.contains(&class), Error::<T>::ClassNotOffered);
        ensure!(
            T::Pools::member_count(product, purpose) >= terms.min_owners,
            Error::<T>::TooFewOwners
        );
        Ok(Sale {
            terms,
            version,
            provider,
        })
    }

    pub(crate) fn do_place_order(
        buyer: T::AccountId,
        product: ProductId,
        purpose: Purpose,
        max_price: BalanceOf<T>,
        buyer_key: BuyerKey,
        periods: u32,
        terms_version: u32,
    ) -> DispatchResult {
        let sale = Self::check_sale(&buyer, product, purpose, terms_version)?;
        let (quote, price) = sale
            .terms
            .pricing
            .quote(periods, T::MaxPeriods::get())
            .map_err(|e| match e {
                QuoteError::InvalidPeriods => Error::<T>::InvalidPeriods,
                QuoteError::Overflow => Error::<T>::Overflow,
                QuoteError::Negotiated => Error::<T>::NegotiatedProduct,
            })?;
        let kind = match quote {
            Quote::OneOff => OrderKind::OneOff,
            Quote::Subscription {
                price_per_period,
                period,
                periods,
            } => OrderKind::Subscription {
                price_per_period,
                period,
                periods,
                begun: 0,
                released: 0,
            },
        };
        ensure!(price <= max_price, Error::<T>::PriceAboveMax);
        Self::open(&buyer)?;
        Self::hold(&buyer, price)?;
        Self::create_order(buyer, product, purpose, sale, kind, price, buyer_key)?;
        Ok(())
    }

    /// Deliver `order`: k checked again, the owners' share (of the first period) credited to
    /// the pool's members now. Returns the funds the pool lists (for the weight).
    pub(crate) fn do_deliver(
        who: &T::AccountId,
        order: OrderId,
        delivery_ref: BoundedVec<u8, T::MaxDeliveryRefLen>,
    ) -> Result<u32, DispatchError> {
        let mut o = Self::find_order(order)?;
        ensure!(o.provider == *who, Error::<T>::NotProvider);
        ensure!(o.state.is_open(), Error::<T>::OrderClosed);
        ensure!(o.state == OrderState::Placed, Error::<T>::AlreadyDelivered);
        let now = Self::now();
        ensure!(now <= o.deliver_by, Error::<T>::DeliveryDeadlinePassed);
        ensure!(!delivery_ref.is_empty(), Error::<T>::EmptyDeliveryRef);
        let dispute_until = now.saturating_add(Self::params().dispute_window);
        let access_until = match &o.kind {
            OrderKind::OneOff => now.saturating_add(o.retention),
            OrderKind::Subscription {
                period, periods, ..
            } => now.saturating_add(period.saturating_mul((*periods).into())),
        };
        let funds = Self::credit(order, &mut o, 1)?;
        o.delivered_at = Some(now);
        o.delivery_ref = Some(delivery_ref);
        o.dispute_until = Some(dispute_until);
        o.access_until = Some(access_until);
        let due = Self::retention_due(&o, access_until);
        Self::set_retention_due(order, &mut o, due);
        o.state = OrderState::Delivered;
        Totals::<T>::mutate(|t| {
            t.contracts_established = t.contracts_established.saturating_add(1)
        });
        T::Products::order_delivered(o.product);
        Self::advance(order, &mut o)?;
        Orders::<T>::insert(order, o);
        Self::deposit_event(Event::Delivered {
            order,
            dispute_until,
        });
        Ok(funds)
    }

    pub(crate) fn do_dispute(who: &T::AccountId, order: OrderId, reason: Hash32) -> DispatchResult {
        let mut o = Self::open_buyer_order(who, order)?;
        Self::ensure_delivered_undisputed(&o)?;
        ensure!(!o.confirmed, Error::<T>::AlreadyConfirmed);
        ensure!(
            o.dispute_until.is_some_and(|d| Self::now() < d),
            Error::<T>::DisputeWindowClosed
        );
        // Unheard disputes end: refunded once the arbiters' time is over (security review I1).
        let resolve_by = Self::now().saturating_add(T::ResolvePeriod::get());
        Self::schedule(
            resolve_by.saturating_add(One::one()),
            Due::ExpireDispute(order),
        )?;
        o.state = OrderState::Disputed;
        o.dispute_reason = Some(reason);
        Orders::<T>::insert(order, o);
        Self::deposit_event(Event::Disputed {
            order,
            reason,
            resolve_by,
        });
        Ok(())
    }

    pub(crate) fn do_reclaim(who: &T::AccountId, order: OrderId) -> DispatchResult {
        let mut o = Self::open_buyer_order(who, order)?;
        ensure!(o.state == OrderState::Placed, Error::<T>::AlreadyDelivered);
        ensure!(
            Self::now() > o.deliver_by,
            Error::<T>::DeliveryDeadlineNotPassed
        );
        let amount = o.held;
        Self::release(&o.buyer, amount)?;
        o.held = Zero::zero();
        Self::close(order, &mut o, OrderState::Refunded);
        Orders::<T>::insert(order, o);
        Self::deposit_event(Event::Refunded { order, amount });
        Ok(())
    }

    pub(crate) fn do_attest_deletion(
        who: &T::AccountId,
        order: OrderId,
        proof: Hash32,
    ) -> DispatchResult {
        let mut o = Self::buyer_order(who, order)?;
        ensure!(o.delivered_at.is_some(), Error::<T>::NotDelivered);
        ensure!(o.deletion.is_none(), Error::<T>::AlreadyAttested);
        o.deletion = Some((proof, Self::now()));
        if let Some(due) = o.retention_due {
            DeletionsDue::<T>::remove(deletion_key(due.unique_saturated_into(), order));
        }
        Orders::<T>::insert(order, o);
        Self::deposit_event(Event::DeletionAttested { order, proof });
        Ok(())
    }

    /// Count a new open order or offer of `buyer`, within `MaxOpenPerBuyer`.
    pub(crate) fn open(buyer: &T::AccountId) -> DispatchResult {
        OpenCount::<T>::try_mutate(buyer, |c| {
            ensure!(*c < T::MaxOpenPerBuyer::get(), Error::<T>::TooManyOpen);
            *c = c.saturating_add(1);
            Ok(())
        })
    }

    /// Count one open order or offer of `buyer` fewer.
    pub(crate) fn opened_closed(buyer: &T::AccountId) {
        OpenCount::<T>::mutate_exists(buyer, |c| {
            *c = c.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
        });
    }

    pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
        T::Currency::hold(&HoldReason::Escrow.into(), who, amount)
            .map_err(|_| Error::<T>::InsufficientBalance.into())
    }

    pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
        if amount.is_zero() {
            return Ok(());
        }
        T::Currency::release(&HoldReason::Escrow.into(), who, amount, Precision::Exact)?;
        Ok(())
    }

    pub(crate) fn retention_due(
        o: &OrderOf<T>,
        access_until: BlockNumberFor<T>,
    ) -> BlockNumberFor<T> {
        match o.kind {
            // A one-off order's access lasts the retention period itself.
            OrderKind::OneOff => access_until,
            OrderKind::Subscription { .. } => access_until.saturating_add(o.retention),
        }
    }

    /// Set the block by which `order`'s data must be deleted, and keep the deletions-due
    /// index in step (an attested deletion is not in it).
    pub(crate) fn set_retention_due(order: OrderId, o: &mut OrderOf<T>, due: BlockNumberFor<T>) {
        if o.deletion.is_some() {
            o.retention_due = Some(due);
            return;
        }
        if let Some(old) = o.retention_due {
            DeletionsDue::<T>::remove(deletion_key(old.unique_saturated_into(), order));
        }
        o.retention_due = Some(due);
        DeletionsDue::<T>::insert(deletion_key(due.unique_saturated_into(), order), ());
    }

    /// Queue `item` for `on_idle` from block `at`: on the block's last page, or on a new page
    /// if that one is full (never refused: a block's due work has no bound but weight).
    pub(crate) fn schedule(at: BlockNumberFor<T>, item: Due) -> DispatchResult {
        let page = DueLastPage::<T>::get(at);
        if DueItems::<T>::try_mutate(at, page, |q| q.try_push(item)).is_ok() {
            return Ok(());
        }
        let next = page.checked_add(1).ok_or(Error::<T>::Overflow)?;
        let mut fresh = BoundedVec::new();
        fresh.try_push(item).map_err(|_| Error::<T>::Overflow)?;
        DueItems::<T>::insert(at, next, fresh);
        DueLastPage::<T>::insert(at, next);
        Ok(())
    }

    /// Record a new order (its price already held and counted open).
    pub(crate) fn create_order(
        buyer: T::AccountId,
        product: ProductId,
        purpose: Purpose,
        sale: Sale<T>,
        kind: OrderKind<BalanceOf<T>, BlockNumberFor<T>>,
        price: BalanceOf<T>,
        buyer_key: BuyerKey,
    ) -> Result<OrderId, DispatchError> {
        let order = NextOrderId::<T>::get();
        NextOrderId::<T>::put(order.checked_add(1).ok_or(Error::<T>::Overflow)?);
        let now = Self::now();
        Orders::<T>::insert(
            order,
            Order {
                buyer: buyer.clone(),
                provider: sale.provider.clone(),
                product,
                purpose,
                terms_version: sale.version,
                owners_share_bps: sale.terms.owners_share_bps,
                min_owners: sale.terms.min_owners,
                fee_bps: T::Revenue::fee_bps(),
                retention: sale.terms.retention,
                kind,
                price,
                held: price,
                paid: Zero::zero(),
                credited: Zero::zero(),
                sale: None,
                buyer_key,
                placed_at: now,
                deliver_by: now.saturating_add(Self::params().delivery_period),
                delivered_at: None,
                delivery_ref: None,
                dispute_until: None,
                confirmed: false,
                dispute_reason: None,
                refund_bps: None,
                access_until: None,
                retention_due: None,
                deletion: None,
                next_settle: None,
                state: OrderState::Placed,
            },
        );
        BuyerOrders::<T>::insert(&buyer, order_key(order), ());
        ProviderOrders::<T>::insert(&sale.provider, order_key(order), ());
        Access::<T>::insert((buyer.clone(), product), order, ());
        T::Products::order_opened(product);
        Self::deposit_event(Event::OrderPlaced {
            order,
            buyer,
            product,
            purpose,
            price,
        });
        Ok(order)
    }

    /// Close an order in a final state.
    pub(crate) fn close(order: OrderId, o: &mut OrderOf<T>, state: OrderState) {
        o.state = state;
        let key = (o.buyer.clone(), o.product);
        Access::<T>::remove(&key, order);
        if let (OrderState::Settled, Some(until)) = (state, o.access_until) {
            Self::extend_access(key, until);
        }
        Self::opened_closed(&o.buyer);
        T::Products::order_closed(o.product);
        if state == OrderState::Settled {
            Self::deposit_event(Event::Settled { order });
        }
    }

    /// Keep `until` as the end of the access closed orders gave, if it is later.
    pub(crate) fn extend_access(key: (T::AccountId, ProductId), until: BlockNumberFor<T>) {
        AccessUntil::<T>::mutate(key, |u| {
            if (*u).is_none_or(|current| current < until) {
                *u = Some(until);
            }
        });
    }
}
