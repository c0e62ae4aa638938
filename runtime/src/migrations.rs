//! Migrations of this runtime that read more than one pallet's storage. Each pallet's own are in
//! the pallet (`pallet_*::migrations`); all are listed in [`crate::Migrations`].

use frame_support::{
    migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};
use pallet_data_products::{Counts, ProductCounts, Products};

use crate::{DataProducts, Runtime};

/// Data products version 1 → 2: the running counts of the KPIs (products retired, bytes
/// delivered), built once; the bytes come from escrow's delivered orders.
pub type DataProductsV1ToV2 = VersionedMigration<
    1,
    2,
    CountProducts,
    DataProducts,
    <Runtime as frame_system::Config>::DbWeight,
>;

/// Builds [`Counts`] from the products and the orders delivered.
pub struct CountProducts;

impl UncheckedOnRuntimeUpgrade for CountProducts {
    fn on_runtime_upgrade() -> Weight {
        let mut reads = 0u64;
        let mut counts = ProductCounts::default();
        for p in Products::<Runtime>::iter_values() {
            reads = reads.saturating_add(1);
            if p.status == cityzen_primitives::ProductStatus::Retired {
                counts.retired = counts.retired.saturating_add(1);
            }
        }
        for o in pallet_escrow::Orders::<Runtime>::iter_values() {
            reads = reads.saturating_add(2);
            if o.delivered_at.is_none() {
                continue;
            }
            if let Some(cityzen_primitives::ProductKind::Batch { size_bytes, .. }) =
                Products::<Runtime>::get(o.product).map(|p| p.kind)
            {
                counts.data_volume_bytes = counts.data_volume_bytes.saturating_add(size_bytes);
            }
        }
        Counts::<Runtime>::put(counts);
        <Runtime as frame_system::Config>::DbWeight::get().reads_writes(reads, 1)
    }
}
