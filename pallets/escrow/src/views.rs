//! Reads for dApps, stream brokers and auditors: what the market runtime API answers from this
//! pallet, in the shapes of [`cityzen_primitives::market`].

use crate::{pallet::*, types::*, ProductId};
use alloc::vec::Vec;
use cityzen_primitives::{
    market::{Disclosure, Kpis, OrderView, MAX_PAGE},
    Accreditation,
};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};

/// An order in the market's read shape, in the runtime's types.
pub type OrderViewOf<T> =
    OrderView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
    /// The delivery period and dispute window in force.
    pub fn params() -> EscrowParams<BlockNumberFor<T>> {
        Params::<T>::get().unwrap_or(EscrowParams {
            delivery_period: T::DeliveryPeriod::get(),
            dispute_window: T::DisputeWindow::get(),
        })
    }

    /// Whether `who` may access `product`'s data at block `at` (the current block or a later
    /// one): it bought it, the order was delivered, and `at` is within the paid access
    /// (one-off: until the retention period ends; subscription: the periods paid for). A
    /// dispute resolved ends access. One read for every closed order ([`AccessUntil`]), then
    /// the buyer's open orders of the product (at most `MaxOpenPerBuyer`): the work does not
    /// grow with the buyer's history.
    pub fn access_at(who: &T::AccountId, product: ProductId, at: BlockNumberFor<T>) -> bool {
        let key = (who.clone(), product);
        if AccessUntil::<T>::get(&key).is_some_and(|u| at < u) {
            return true;
        }
        Access::<T>::iter_key_prefix(key).any(|id| {
            Orders::<T>::get(id).is_some_and(|o| {
                matches!(
                    o.state,
                    OrderState::Delivered | OrderState::Disputed | OrderState::Settled
                ) && o.delivered_at.is_some_and(|d| d <= at)
                    && o.access_until.is_some_and(|u| at < u)
            })
        })
    }

    /// Delivered orders whose retention period has passed at `at` without a deletion
    /// attestation, by due block then id: at most `limit`, after order `after` (the last one
    /// of the previous page). Reads the deletions-due index from its start: the work is the
    /// page, not the order book.
    pub fn overdue_page(at: BlockNumberFor<T>, after: Option<OrderId>, limit: u32) -> Vec<OrderId> {
        let at: u64 = at.unique_saturated_into();
        let keys = match after.and_then(|id| Orders::<T>::get(id).map(|o| (id, o))) {
            Some((id, o)) => {
                let due: u64 = o.retention_due.map_or(0, |d| d.unique_saturated_into());
                DeletionsDue::<T>::iter_keys_from(DeletionsDue::<T>::hashed_key_for(deletion_key(
                    due, id,
                )))
            }
            None => DeletionsDue::<T>::iter_keys(),
        };
        keys.map(|k| parse_deletion_key(&k))
            .take_while(|(due, _)| *due <= at)
            .map(|(_, id)| id)
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect()
    }

    /// The ids of `buyer`'s orders after `after` (from the first if `None`), oldest first, at
    /// most `limit`: read from the buyer's index from the cursor, so the work is the page.
    pub fn orders_of_page(
        buyer: &T::AccountId,
        after: Option<OrderId>,
        limit: u32,
    ) -> Vec<OrderId> {
        let keys = match after {
            Some(id) => BuyerOrders::<T>::iter_key_prefix_from(
                buyer,
                BuyerOrders::<T>::hashed_key_for(buyer, order_key(id)),
            ),
            None => BuyerOrders::<T>::iter_key_prefix(buyer),
        };
        ids_page(keys, limit)
    }

    /// The ids of the orders placed on `provider`'s products after `after`, oldest first, at
    /// most `limit`: read from the provider's index from the cursor.
    pub fn provider_orders_page(
        provider: &T::AccountId,
        after: Option<OrderId>,
        limit: u32,
    ) -> Vec<OrderId> {
        let keys = match after {
            Some(id) => ProviderOrders::<T>::iter_key_prefix_from(
                provider,
                ProviderOrders::<T>::hashed_key_for(provider, order_key(id)),
            ),
            None => ProviderOrders::<T>::iter_key_prefix(provider),
        };
        ids_page(keys, limit)
    }

    /// A page of `buyer`'s record of processing: at most `limit` orders (capped at
    /// [`MAX_PAGE`]) after order `after`, oldest first.
    pub fn record_of_processing(
        buyer: &T::AccountId,
        after: Option<OrderId>,
        limit: u32,
    ) -> Vec<OrderViewOf<T>> {
        Self::orders_of_page(buyer, after, limit.min(MAX_PAGE))
            .into_iter()
            .filter_map(Self::order_view)
            .collect()
    }

    /// A page of the orders placed on `provider`'s products: at most `limit` (capped at
    /// [`MAX_PAGE`]) after order `after`, oldest first.
    pub fn provider_orders(
        provider: &T::AccountId,
        after: Option<OrderId>,
        limit: u32,
    ) -> Vec<OrderViewOf<T>> {
        Self::provider_orders_page(provider, after, limit.min(MAX_PAGE))
            .into_iter()
            .filter_map(Self::order_view)
            .collect()
    }

    /// A page of the delivered orders past their retention without a deletion attestation:
    /// at most `limit` (capped at [`MAX_PAGE`]) after order `after`, by due block then id.
    pub fn overdue_deletions(after: Option<OrderId>, limit: u32) -> Vec<OrderViewOf<T>> {
        Self::overdue_page(Self::now(), after, limit.min(MAX_PAGE))
            .into_iter()
            .filter_map(Self::order_view)
            .collect()
    }

    /// Sale `sale` of order `id` as a data owner sees it in "who has had my data": the buyer,
    /// its class and what became of the data.
    pub fn disclosure_view(
        (sale, id): (u64, OrderId),
    ) -> Option<Disclosure<T::AccountId, BlockNumberFor<T>>> {
        let o = Orders::<T>::get(id)?;
        let buyer_class = T::Accreditation::consumer_class(&o.buyer);
        Some(Disclosure {
            sale,
            order_id: id,
            product_id: o.product,
            purpose: o.purpose,
            buyer: o.buyer,
            buyer_class,
            placed: o.placed_at,
            delivered: o.delivered_at.unwrap_or(o.placed_at),
            state: o.state,
            retention_due: o.retention_due,
            deletion_attested: o.deletion.map(|(_, at)| at),
        })
    }

    /// This pallet's part of the KPIs: contracts established, orders placed and value
    /// exchanged, from counters kept on write.
    pub fn add_kpis(k: &mut Kpis<BalanceOf<T>>) {
        let totals = Totals::<T>::get();
        k.contracts_established = totals.contracts_established;
        k.orders_placed = NextOrderId::<T>::get();
        k.value_exchanged = k.value_exchanged.saturating_add(totals.value_exchanged);
    }

    /// An order in the market's read shape.
    pub fn order_view(id: OrderId) -> Option<OrderViewOf<T>> {
        let o = Orders::<T>::get(id)?;
        let periods = match o.kind {
            OrderKind::OneOff => 0,
            OrderKind::Subscription { periods, .. } => periods,
        };
        Some(OrderView {
            id,
            buyer: o.buyer,
            provider: o.provider,
            product_id: o.product,
            purpose: o.purpose,
            terms_version: o.terms_version,
            periods,
            price: o.price,
            held: o.held,
            paid: o.paid,
            placed: o.placed_at,
            deliver_by: o.deliver_by,
            delivered: o.delivered_at,
            delivery_ref: o.delivery_ref.map(|r| r.into_inner()),
            dispute_until: o.dispute_until,
            access_until: o.access_until,
            retention_due: o.retention_due,
            deletion: o.deletion,
            refund_bps: o.refund_bps,
            state: o.state,
        })
    }
}

/// At most `limit` order ids from an index's keys ([`OrderKey`]s).
fn ids_page(keys: impl Iterator<Item = OrderKey>, limit: u32) -> Vec<OrderId> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    keys.map(OrderId::from_be_bytes).take(limit).collect()
}
