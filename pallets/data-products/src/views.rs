//! Reads for dApps: products in the market's read shape ([`cityzen_primitives::market`]),
//! with the member count of each purpose's pool.

use crate::{pallet::*, types::product_key, ProductId, RevenuePools};
use alloc::vec::Vec;
use cityzen_primitives::{
    market::{KindView, Kpis, ProductView, MAX_PAGE},
    ProductKind,
};
use frame_system::pallet_prelude::BlockNumberFor;

/// A product in the market's read shape, in the runtime's types.
pub type ProductViewOf<T> =
    ProductView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
    /// A product in the market's read shape.
    pub fn product_view(id: ProductId) -> Option<ProductViewOf<T>> {
        let p = Products::<T>::get(id)?;
        let kind = match p.kind {
            ProductKind::Batch {
                content_hash,
                size_bytes,
            } => KindView::Batch {
                content_hash,
                size_bytes,
            },
            ProductKind::Stream { stream_id } => KindView::Stream {
                stream_id: stream_id.into_inner(),
            },
        };
        let pools = p
            .terms
            .purposes
            .iter()
            .map(|purpose| (*purpose, T::Pools::member_count(id, *purpose)))
            .collect();
        Some(ProductView {
            id,
            provider: p.provider,
            kind,
            metadata: p.metadata.into_inner(),
            licence_hash: p.licence_hash,
            purposes: p.terms.purposes.into_inner(),
            classes: p.terms.classes.into_inner(),
            pricing: p.terms.pricing,
            owners_share_bps: p.terms.owners_share_bps,
            min_owners: p.terms.min_owners,
            buyer_loa: p.terms.buyer_loa,
            retention: p.terms.retention,
            version: p.version,
            status: p.status,
            deposit: p.deposit,
            open_orders: p.open_orders,
            contributors: p.contributors,
            created_at: p.created_at,
            pools,
        })
    }

    /// Products by id after product `after` (from the first if `None`), at most `limit`
    /// (capped at [`MAX_PAGE`]).
    pub fn products_page(after: Option<ProductId>, limit: u32) -> Vec<ProductViewOf<T>> {
        let first = after.map_or(0, |a| a.saturating_add(1));
        (first..NextProductId::<T>::get())
            .filter_map(Self::product_view)
            .take(limit.min(MAX_PAGE) as usize)
            .collect()
    }

    /// Product `id` with `owner`'s weight in it, if `owner` contributes to it.
    pub fn contribution(id: ProductId, owner: &T::AccountId) -> Option<(ProductViewOf<T>, u64)> {
        let weight = Contributors::<T>::get(id, owner)?;
        Some((Self::product_view(id)?, weight))
    }

    /// This pallet's part of the KPIs: products listed (not retired) and the bytes of
    /// datasets delivered, from counters kept on write.
    pub fn add_kpis<Balance>(k: &mut Kpis<Balance>) {
        let counts = Counts::<T>::get();
        let listed = NextProductId::<T>::get().saturating_sub(u64::from(counts.retired));
        k.products_listed = u32::try_from(listed).unwrap_or(u32::MAX);
        k.data_volume_bytes = counts.data_volume_bytes;
    }

    /// The ids of the products `owner` contributes to, after product `after` (from the first
    /// if `None`), by id, at most `limit` (capped at [`MAX_PAGE`]): read from the
    /// owner's index from the cursor, so the work is the page.
    pub fn owner_products_page(
        owner: &T::AccountId,
        after: Option<ProductId>,
        limit: u32,
    ) -> Vec<ProductId> {
        let limit = limit.min(MAX_PAGE) as usize;
        let keys = match after {
            Some(id) => OwnerProducts::<T>::iter_key_prefix_from(
                owner,
                OwnerProducts::<T>::hashed_key_for(owner, product_key(id)),
            ),
            None => OwnerProducts::<T>::iter_key_prefix(owner),
        };
        keys.map(ProductId::from_be_bytes).take(limit).collect()
    }
}
