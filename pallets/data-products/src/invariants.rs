//! The invariants, checked by `try_state` (try-runtime) and after every unit test.

use crate::{pallet::*, types::*};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::InspectHold};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
    /// Checks the invariants: every product's contributor count matches its contributors
    /// and stays bounded; every product's held deposit is held (0 once retired); ids are
    /// below the next id; the owners' index lists exactly every contributor.
    pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
        let next = NextProductId::<T>::get();
        let mut held = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
        for (id, p) in Products::<T>::iter() {
            ensure!(id < next, "product id not below the next id");
            let count = Contributors::<T>::iter_prefix(id).count();
            ensure!(
                count == p.contributors as usize,
                "contributor count mismatch"
            );
            ensure!(
                p.contributors <= T::MaxContributors::get(),
                "too many contributors"
            );
            if p.status == ProductStatus::Retired {
                ensure!(p.deposit.is_zero(), "retired product with a deposit");
                ensure!(p.open_orders == 0, "retired product with open orders");
            }
            let h = held.entry(p.provider.clone()).or_default();
            *h = h.saturating_add(p.deposit);
        }
        let mut contributors = 0usize;
        for (id, owner, _) in Contributors::<T>::iter() {
            contributors = contributors.saturating_add(1);
            ensure!(
                OwnerProducts::<T>::contains_key(&owner, product_key(id)),
                "a contributor missing from the owners' index"
            );
        }
        ensure!(
            OwnerProducts::<T>::iter_keys().count() == contributors,
            "the owners' index lists a product the owner does not contribute to"
        );
        for (provider, amount) in held {
            ensure!(
                T::Currency::balance_on_hold(&HoldReason::ProductDeposit.into(), &provider)
                    == amount,
                "held deposit differs from the products' deposits"
            );
        }
        Ok(())
    }
}
