//! Settlement: paying held funds through the revenue split (confirm, settle, the periods of a
//! subscription), resolving disputes and cancelling subscriptions.

use crate::{pallet::*, types::*, BasisPoints, RevenuePools, RevenueSink, FULL_SHARE};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
    traits::{CheckedMul, CheckedSub, Saturating, Zero},
    Permill,
};

impl<T: Config> Pallet<T> {
    pub(crate) fn do_confirm(who: &T::AccountId, order: OrderId) -> DispatchResult {
        let mut o = Self::open_buyer_order(who, order)?;
        Self::ensure_delivered_undisputed(&o)?;
        ensure!(!o.confirmed, Error::<T>::AlreadyConfirmed);
        o.confirmed = true;
        Self::deposit_event(Event::Confirmed { order });
        Self::pay_due(order, &mut o)?;
        Orders::<T>::insert(order, o);
        Ok(())
    }

    pub(crate) fn do_settle(order: OrderId) -> DispatchResult {
        let mut o = Self::find_order(order)?;
        ensure!(o.state.is_open(), Error::<T>::OrderClosed);
        Self::ensure_delivered_undisputed(&o)?;
        ensure!(
            o.confirmed || o.dispute_until.is_some_and(|d| Self::now() >= d),
            Error::<T>::DisputeWindowOpen
        );
        let before = o.held;
        Self::pay_due(order, &mut o)?;
        ensure!(o.held != before, Error::<T>::NothingDue);
        Orders::<T>::insert(order, o);
        Ok(())
    }

    /// Resolve a disputed order; `arbiter` is `None` for the council.
    pub(crate) fn do_resolve(
        arbiter: Option<&T::AccountId>,
        order: OrderId,
        refund_bps: BasisPoints,
    ) -> DispatchResult {
        let mut o = Self::find_order(order)?;
        if let Some(a) = arbiter {
            ensure!(
                *a != o.buyer && *a != o.provider,
                Error::<T>::ArbiterIsParty
            );
            ensure!(
                !T::Pools::has_stake(o.product, o.purpose, a),
                Error::<T>::ArbiterHasStake
            );
        }
        ensure!(o.state == OrderState::Disputed, Error::<T>::NotDisputed);
        ensure!(refund_bps <= FULL_SHARE, Error::<T>::InvalidShare);
        let refunded =
            Permill::from_parts(u32::from(refund_bps).saturating_mul(100)).mul_floor(o.held);
        let paid = o.held.checked_sub(&refunded).ok_or(Error::<T>::Overflow)?;
        Self::release(&o.buyer, refunded)?;
        if !paid.is_zero() {
            Self::pay(order, &mut o, paid)?;
        }
        o.held = Zero::zero();
        o.refund_bps = Some(refund_bps);
        o.access_until = Some(Self::now());
        let due = Self::retention_due(&o, Self::now());
        Self::set_retention_due(order, &mut o, due);
        Self::close(order, &mut o, OrderState::Resolved);
        Orders::<T>::insert(order, o);
        Self::deposit_event(Event::Resolved {
            order,
            refunded,
            paid,
        });
        Ok(())
    }

    pub(crate) fn do_cancel_subscription(who: &T::AccountId, order: OrderId) -> DispatchResult {
        let mut o = Self::open_buyer_order(who, order)?;
        ensure!(o.state != OrderState::Disputed, Error::<T>::UnderDispute);
        let OrderKind::Subscription {
            price_per_period,
            period,
            periods,
            released,
        } = o.kind.clone()
        else {
            return Err(Error::<T>::NotSubscription.into());
        };
        let started = match o.delivered_at {
            None => 0,
            Some(at) => Self::periods_ended(at, period)
                .saturating_add(1)
                .min(periods),
        };
        let refund = price_per_period
            .checked_mul(&periods.saturating_sub(started).into())
            .ok_or(Error::<T>::Overflow)?;
        Self::release(&o.buyer, refund)?;
        o.held = o.held.checked_sub(&refund).ok_or(Error::<T>::Overflow)?;
        o.kind = OrderKind::Subscription {
            price_per_period,
            period,
            periods: started,
            released,
        };
        if let Some(at) = o.delivered_at {
            let until = at.saturating_add(period.saturating_mul(started.into()));
            o.access_until = Some(until);
            let due = Self::retention_due(&o, until);
            Self::set_retention_due(order, &mut o, due);
        }
        Self::deposit_event(Event::SubscriptionCancelled {
            order,
            periods: started,
        });
        if !refund.is_zero() {
            Self::deposit_event(Event::Refunded {
                order,
                amount: refund,
            });
        }
        if started == 0 {
            Self::close(order, &mut o, OrderState::Refunded);
        } else if released >= started {
            Self::close(order, &mut o, OrderState::Settled);
        }
        Orders::<T>::insert(order, o);
        Ok(())
    }

    /// Whole periods ended since `delivered_at`.
    pub(crate) fn periods_ended(delivered_at: BlockNumberFor<T>, period: BlockNumberFor<T>) -> u32 {
        if period.is_zero() {
            return u32::MAX;
        }
        let elapsed = Self::now().saturating_sub(delivered_at);
        let n = elapsed.checked_div(&period).unwrap_or_default();
        n.try_into().unwrap_or(u32::MAX)
    }

    /// Pay `amount` of the order's hold through the revenue split.
    pub(crate) fn pay(order: OrderId, o: &mut OrderOf<T>, amount: BalanceOf<T>) -> DispatchResult {
        T::Revenue::distribute(
            &o.buyer,
            &HoldReason::Escrow.into(),
            amount,
            o.product,
            o.purpose,
            &o.provider,
            o.owners_share_bps,
            o.fee_bps,
        )?;
        o.paid = o.paid.saturating_add(amount);
        Totals::<T>::mutate(|t| t.value_exchanged = t.value_exchanged.saturating_add(amount));
        Self::deposit_event(Event::Paid { order, amount });
        Ok(())
    }

    /// Pay what is due on a delivered order whose window passed or that was confirmed.
    /// A subscription's next period end is scheduled.
    pub(crate) fn pay_due(order: OrderId, o: &mut OrderOf<T>) -> DispatchResult {
        match o.kind.clone() {
            OrderKind::OneOff => {
                let amount = o.held;
                Self::pay(order, o, amount)?;
                o.held = Zero::zero();
                Self::close(order, o, OrderState::Settled);
            }
            OrderKind::Subscription {
                price_per_period,
                period,
                periods,
                released,
            } => {
                let at = o.delivered_at.ok_or(Error::<T>::NotDelivered)?;
                let ended = Self::periods_ended(at, period).min(periods);
                let due = ended.saturating_sub(released);
                if due > 0 {
                    let amount = price_per_period
                        .checked_mul(&due.into())
                        .ok_or(Error::<T>::Overflow)?;
                    Self::pay(order, o, amount)?;
                    o.held = o.held.checked_sub(&amount).ok_or(Error::<T>::Overflow)?;
                    o.kind = OrderKind::Subscription {
                        price_per_period,
                        period,
                        periods,
                        released: ended,
                    };
                }
                if ended >= periods {
                    Self::close(order, o, OrderState::Settled);
                } else {
                    let next =
                        at.saturating_add(period.saturating_mul(ended.saturating_add(1).into()));
                    if o.next_settle != Some(next) {
                        // Only a page-count overflow can refuse it; `settle` works anyway.
                        if Self::schedule(next, Due::Settle(order)).is_ok() {
                            o.next_settle = Some(next);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
