//! Settlement: the owners' share credited at delivery (and at the start of each later period
//! of a subscription) to the pool's members of that block; the platform's and provider's
//! parts paid once the dispute window passed or the buyer confirmed; resolving disputes and
//! cancelling subscriptions (security review S4).

use crate::{pallet::*, types::*, BasisPoints, RevenuePools, RevenueSink, Split};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{CheckedMul, CheckedSub, Saturating, Zero};

/// Where an order is: periods bought, periods whose owners' share was credited (begun) and
/// periods whose platform and provider parts were paid (released). A one-off order is one
/// period, begun at delivery.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Progress {
    /// Periods bought (1 for a one-off order).
    pub periods: u32,
    /// Periods whose owners' share was credited.
    pub begun: u32,
    /// Periods whose platform and provider parts were paid.
    pub released: u32,
}

impl<T: Config> Pallet<T> {
    /// The split of one period of `o`: its whole price for a one-off order.
    pub fn unit_split(o: &OrderOf<T>) -> Split<BalanceOf<T>> {
        let unit = match o.kind {
            OrderKind::OneOff => o.price,
            OrderKind::Subscription {
                price_per_period, ..
            } => price_per_period,
        };
        Split::of(unit, o.fee_bps, o.owners_share_bps)
    }

    /// The order's progress (see [`Progress`]).
    pub fn progress(o: &OrderOf<T>) -> Progress {
        match o.kind {
            OrderKind::OneOff => Progress {
                periods: 1,
                begun: u32::from(o.sale.is_some()),
                released: u32::from(o.state == OrderState::Settled),
            },
            OrderKind::Subscription {
                periods,
                begun,
                released,
                ..
            } => Progress {
                periods,
                begun,
                released,
            },
        }
    }

    fn set_progress(o: &mut OrderOf<T>, p: Progress) {
        if let OrderKind::Subscription {
            periods,
            begun,
            released,
            ..
        } = &mut o.kind
        {
            *periods = p.periods;
            *begun = p.begun;
            *released = p.released;
        }
    }

    /// What `o` must hold at `p`: the platform's and provider's parts of the periods begun
    /// and not paid, and the whole price of the periods not begun.
    pub fn expected_held(o: &OrderOf<T>, p: Progress) -> Option<BalanceOf<T>> {
        let unit = Self::unit_split(o);
        let whole = unit
            .fee
            .saturating_add(unit.owners)
            .saturating_add(unit.provider);
        let parts = unit
            .paid_parts()
            .checked_mul(&p.begun.checked_sub(p.released)?.into())?;
        let rest = whole.checked_mul(&p.periods.checked_sub(p.begun)?.into())?;
        parts.checked_add(&rest)
    }

    /// Credit the owners' share of `n` more periods of `order` to the pool's members now:
    /// one sale. Refused below k. Returns the funds the pool lists (for the weight).
    pub(crate) fn credit(order: OrderId, o: &mut OrderOf<T>, n: u32) -> Result<u32, DispatchError> {
        ensure!(
            T::Pools::member_count(o.product, o.purpose) >= o.min_owners,
            Error::<T>::TooFewOwners
        );
        let owners = Self::unit_split(o)
            .owners
            .checked_mul(&n.into())
            .ok_or(Error::<T>::Overflow)?;
        let (sale, funds) = T::Revenue::credit_sale(
            &o.buyer,
            &HoldReason::Escrow.into(),
            owners,
            o.product,
            o.purpose,
            order,
        )?;
        o.held = o.held.checked_sub(&owners).ok_or(Error::<T>::Overflow)?;
        o.paid = o.paid.saturating_add(owners);
        o.credited = o.credited.saturating_add(owners);
        o.sale = Some(sale);
        let mut p = Self::progress(o);
        p.begun = p.begun.saturating_add(n);
        Self::set_progress(o, p);
        Totals::<T>::mutate(|t| t.value_exchanged = t.value_exchanged.saturating_add(owners));
        Ok(funds)
    }

    /// The platform's and provider's parts of `n` periods of `o` (the owners' part zero).
    fn parts_of(o: &OrderOf<T>, n: u32) -> Result<Split<BalanceOf<T>>, DispatchError> {
        let unit = Self::unit_split(o);
        let times = |v: BalanceOf<T>| v.checked_mul(&n.into()).ok_or(Error::<T>::Overflow);
        Ok(Split {
            fee: times(unit.fee)?,
            owners: Zero::zero(),
            provider: times(unit.provider)?,
        })
    }

    /// Pay the platform's and provider's parts of `n` more periods of `order` (`parts`, if
    /// given: what is left of them after a refund).
    pub(crate) fn pay_parts(
        order: OrderId,
        o: &mut OrderOf<T>,
        n: u32,
        parts: Option<Split<BalanceOf<T>>>,
    ) -> DispatchResult {
        let parts = match parts {
            Some(p) => p,
            None => Self::parts_of(o, n)?,
        };
        let amount = parts.paid_parts();
        if !amount.is_zero() {
            T::Revenue::pay_parts(
                &o.buyer,
                &HoldReason::Escrow.into(),
                o.product,
                o.purpose,
                &o.provider,
                parts.fee,
                parts.provider,
            )?;
        }
        o.held = o.held.checked_sub(&amount).ok_or(Error::<T>::Overflow)?;
        o.paid = o.paid.saturating_add(amount);
        let mut p = Self::progress(o);
        p.released = p.released.saturating_add(n);
        Self::set_progress(o, p);
        if !amount.is_zero() {
            Totals::<T>::mutate(|t| t.value_exchanged = t.value_exchanged.saturating_add(amount));
            Self::deposit_event(Event::Paid { order, amount });
        }
        Ok(())
    }

    pub(crate) fn do_confirm(who: &T::AccountId, order: OrderId) -> DispatchResult {
        let mut o = Self::open_buyer_order(who, order)?;
        Self::ensure_delivered_undisputed(&o)?;
        ensure!(!o.confirmed, Error::<T>::AlreadyConfirmed);
        o.confirmed = true;
        Self::deposit_event(Event::Confirmed { order });
        Self::advance(order, &mut o)?;
        Orders::<T>::insert(order, o);
        Ok(())
    }

    pub(crate) fn do_settle(order: OrderId) -> DispatchResult {
        let mut o = Self::find_order(order)?;
        ensure!(o.state.is_open(), Error::<T>::OrderClosed);
        Self::ensure_delivered_undisputed(&o)?;
        let before = o.held;
        Self::advance(order, &mut o)?;
        if o.held == before {
            return Err(if Self::payable(&o) {
                Error::<T>::NothingDue
            } else {
                Error::<T>::DisputeWindowOpen
            }
            .into());
        }
        Orders::<T>::insert(order, o);
        Ok(())
    }

    /// Whether the platform's and provider's parts may be paid: confirmed, or the dispute
    /// window passed.
    pub(crate) fn payable(o: &OrderOf<T>) -> bool {
        o.confirmed || o.dispute_until.is_some_and(|d| Self::now() >= d)
    }

    /// Bring a delivered, undisputed order up to now: the owners' share of each subscription
    /// period begun since is credited to the pool's members now (below k the subscription
    /// stops: the periods not begun are refunded); once payable, the parts of the periods
    /// ended (all of a one-off order) are paid. The next due work is queued.
    pub(crate) fn advance(order: OrderId, o: &mut OrderOf<T>) -> DispatchResult {
        let mut p = Self::progress(o);
        let ended = match (&o.kind, o.delivered_at) {
            (OrderKind::OneOff, _) => 1,
            (OrderKind::Subscription { period, .. }, Some(at)) => {
                Self::periods_ended(at, *period).min(p.periods)
            }
            (OrderKind::Subscription { .. }, None) => return Err(Error::<T>::NotDelivered.into()),
        };
        let target = ended.saturating_add(1).min(p.periods);
        if target > p.begun {
            if T::Pools::member_count(o.product, o.purpose) >= o.min_owners {
                Self::credit(order, o, target.saturating_sub(p.begun))?;
            } else {
                Self::stop_subscription(order, o, p.begun)?;
            }
            p = Self::progress(o);
        }
        if Self::payable(o) {
            let due = ended.min(p.begun).saturating_sub(p.released);
            if due > 0 {
                Self::pay_parts(order, o, due, None)?;
            }
            if p.released.saturating_add(due) >= p.periods {
                Self::close(order, o, OrderState::Settled);
                return Ok(());
            }
        }
        Self::queue_next(order, o, ended);
        Ok(())
    }

    /// Queue the order's next due work: the end of the current period of a subscription, or
    /// the end of the dispute window if that comes first and it is not payable yet.
    fn queue_next(order: OrderId, o: &mut OrderOf<T>, ended: u32) {
        let boundary = match (&o.kind, o.delivered_at) {
            (
                OrderKind::Subscription {
                    period, periods, ..
                },
                Some(at),
            ) if ended < *periods => {
                Some(at.saturating_add(period.saturating_mul(ended.saturating_add(1).into())))
            }
            _ => None,
        };
        let window = o.dispute_until.filter(|_| !Self::payable(o));
        let next = match (boundary, window) {
            (Some(b), Some(w)) => Some(b.min(w)),
            (b, w) => b.or(w),
        };
        if let Some(next) = next {
            if o.next_settle != Some(next) && Self::schedule(next, Due::Settle(order)).is_ok() {
                // Only a page-count overflow can refuse it; `settle` works anyway.
                o.next_settle = Some(next);
            }
        }
    }

    /// Stop a subscription whose pool fell below k at the start of a period: the periods not
    /// begun are refunded; those begun run to their end and are paid.
    fn stop_subscription(order: OrderId, o: &mut OrderOf<T>, begun: u32) -> DispatchResult {
        let OrderKind::Subscription {
            price_per_period,
            period,
            periods,
            ..
        } = o.kind.clone()
        else {
            return Err(Error::<T>::NotSubscription.into());
        };
        let refund = price_per_period
            .checked_mul(&periods.saturating_sub(begun).into())
            .ok_or(Error::<T>::Overflow)?;
        Self::release(&o.buyer, refund)?;
        o.held = o.held.checked_sub(&refund).ok_or(Error::<T>::Overflow)?;
        let mut p = Self::progress(o);
        p.periods = begun;
        Self::set_progress(o, p);
        if let Some(at) = o.delivered_at {
            let until = at.saturating_add(period.saturating_mul(begun.into()));
            o.access_until = Some(until);
            let due = Self::retention_due(o, until);
            Self::set_retention_due(order, o, due);
        }
        Self::deposit_event(Event::SubscriptionStopped {
            order,
            periods: begun,
            refunded: refund,
        });
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
        ensure!(refund_bps <= crate::FULL_SHARE, Error::<T>::InvalidShare);
        // The periods begun and not paid: `refund_bps` of their platform and provider parts
        // goes back; the periods not begun are refunded whole (access ends now).
        let p = Self::progress(&o);
        let n = p.begun.saturating_sub(p.released);
        let (kept, _) = Self::parts_of(&o, n)?.less_refund(refund_bps);
        let paid = kept.paid_parts();
        Self::pay_parts(order, &mut o, n, Some(kept))?;
        let refunded = o.held;
        Self::release(&o.buyer, refunded)?;
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
            ..
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
        // The periods not started were never begun: their whole price goes back.
        let refund = price_per_period
            .checked_mul(&periods.saturating_sub(started).into())
            .ok_or(Error::<T>::Overflow)?;
        Self::release(&o.buyer, refund)?;
        o.held = o.held.checked_sub(&refund).ok_or(Error::<T>::Overflow)?;
        let mut p = Self::progress(&o);
        p.periods = started;
        Self::set_progress(&mut o, p);
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
        } else if p.released >= started {
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
}
