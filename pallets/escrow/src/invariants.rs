//! The escrow's invariants, checked by `try_state` (try-runtime) and after every unit test.
//!
//! * For each buyer, what is held under [`HoldReason::Escrow`] equals the `held` of its open
//!   orders plus the amounts of its open offers.
//! * A closed order (settled, refunded, resolved) holds nothing.
//! * [`OpenCount`] of each buyer equals its open orders plus open offers, and no buyer without
//!   any has a count.
//! * No account has funds held in escrow without an open order or offer.
//! * [`BuyerOrders`] lists exactly the orders of each buyer, [`ProviderOrders`] of each provider.
//! * The payee rule's books: an order's `credited` is the owners' share of its periods begun
//!   (all of a delivered one-off order), it has a sale number exactly when something was
//!   begun, and an open order holds exactly the platform's and provider's parts not paid plus
//!   the whole price of the periods not begun.
//! * [`Access`] lists exactly the open orders of each buyer by product, and [`AccessUntil`]
//!   holds, for each buyer and product with a settled order, the latest end of their access.
//! * [`DeletionsDue`] lists exactly the orders with a retention due block and no deletion
//!   attested, at that block.
//! * Every page of due work ([`DueItems`]) is at or below its block's last page
//!   ([`DueLastPage`]), and no block keeps a last page above 0 without pages.

use crate::{
    pallet::*,
    types::{deletion_key, order_key, OrderState},
    ProductId,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{CheckedAdd, CheckedMul, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
    /// Check the invariants above.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let mut held: BTreeMap<T::AccountId, (BalanceOf<T>, u32)> = BTreeMap::new();
        let mut orders = 0u64;
        let mut open = 0u64;
        let mut access: BTreeMap<(T::AccountId, ProductId), BlockNumberFor<T>> = BTreeMap::new();
        let mut deletions_due = 0usize;
        for (id, o) in Orders::<T>::iter() {
            orders = orders.saturating_add(1);
            if let (Some(due), None) = (o.retention_due, o.deletion) {
                deletions_due = deletions_due.saturating_add(1);
                ensure!(
                    DeletionsDue::<T>::contains_key(deletion_key(due.unique_saturated_into(), id)),
                    "an order with a deletion due missing from the deletions-due index"
                );
            }
            ensure!(
                BuyerOrders::<T>::contains_key(&o.buyer, order_key(id)),
                "an order missing from its buyer's index"
            );
            ensure!(
                ProviderOrders::<T>::contains_key(&o.provider, order_key(id)),
                "an order missing from its provider's index"
            );
            // The payee rule's books: what was credited is the owners' share of the periods
            // begun, each begun order has its sale, and what is held is exactly what is left.
            let p = Self::progress(&o);
            let owners = Self::unit_split(&o)
                .owners
                .checked_mul(&p.begun.into())
                .ok_or("credited overflow")?;
            ensure!(
                o.credited == owners,
                "credited != the owners' share of the periods begun"
            );
            ensure!(
                o.sale.is_some() == (p.begun > 0),
                "an order credited without a sale, or the reverse"
            );
            ensure!(
                p.released <= p.begun && p.begun <= p.periods,
                "an order paid for periods not begun, or begun beyond those bought"
            );
            if o.state.is_open() {
                ensure!(
                    Self::expected_held(&o, p) == Some(o.held),
                    "an open order holds other than its unpaid parts and periods not begun"
                );
                open = open.saturating_add(1);
                ensure!(
                    Access::<T>::contains_key((o.buyer.clone(), o.product), id),
                    "an open order missing from the access index"
                );
                let e = held.entry(o.buyer.clone()).or_default();
                e.0 = e.0.checked_add(&o.held).ok_or("held overflow")?;
                e.1 = e.1.saturating_add(1);
            } else {
                ensure!(o.held.is_zero(), "a closed order still holds funds");
            }
            if let (OrderState::Settled, Some(until)) = (o.state, o.access_until) {
                let e = access.entry((o.buyer.clone(), o.product)).or_insert(until);
                *e = (*e).max(until);
            }
        }
        for (_, o) in Offers::<T>::iter() {
            let e = held.entry(o.buyer.clone()).or_default();
            e.0 = e.0.checked_add(&o.amount).ok_or("held overflow")?;
            e.1 = e.1.saturating_add(1);
        }
        ensure!(
            BuyerOrders::<T>::iter_keys().count() as u64 == orders,
            "the buyers' order index lists orders that do not exist"
        );
        ensure!(
            ProviderOrders::<T>::iter_keys().count() as u64 == orders,
            "the providers' order index lists orders that do not exist"
        );
        ensure!(
            Access::<T>::iter_keys().count() as u64 == open,
            "the access index lists orders that are not open"
        );
        ensure!(
            AccessUntil::<T>::iter().count() == access.len()
                && access
                    .iter()
                    .all(|(k, u)| AccessUntil::<T>::get(k) == Some(*u)),
            "AccessUntil != the latest end of access of settled orders"
        );
        ensure!(
            DeletionsDue::<T>::iter_keys().count() == deletions_due,
            "the deletions-due index lists orders with no deletion due"
        );
        for (block, page, _) in DueItems::<T>::iter() {
            ensure!(
                page <= DueLastPage::<T>::get(block),
                "a page of due work above its block's last page"
            );
        }
        for (block, last) in DueLastPage::<T>::iter() {
            ensure!(
                DueItems::<T>::contains_key(block, last),
                "a block's last page of due work is missing"
            );
        }
        let reason: T::RuntimeHoldReason = HoldReason::Escrow.into();
        for (buyer, (amount, count)) in held.iter() {
            ensure!(
                T::Currency::balance_on_hold(&reason, buyer) == *amount,
                "held in escrow != open orders and offers of a buyer"
            );
            ensure!(
                OpenCount::<T>::get(buyer) == *count,
                "OpenCount != open orders and offers"
            );
        }
        for (buyer, count) in OpenCount::<T>::iter() {
            ensure!(
                held.get(&buyer).map(|e| e.1) == Some(count),
                "OpenCount of a buyer without open orders"
            );
        }
        for who in frame_system::Account::<T>::iter_keys() {
            if !held.contains_key(&who) {
                ensure!(
                    T::Currency::balance_on_hold(&reason, &who).is_zero(),
                    "funds held in escrow without an open order or offer"
                );
            }
        }
        Ok(())
    }
}
