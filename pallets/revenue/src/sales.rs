//! Sales: the owners' share credited at delivery to the pool's members of that block (and
//! the funds its altruists give to), each sale numbered and recorded for the members'
//! disclosures; the platform's and provider's parts paid at settlement (security review S4).

use crate::{pallet::*, types::*, ProductId, Purpose, RevenueSink};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::traits::{CheckedAdd, CheckedSub, Zero};

/// A sale's number as a storage key: big-endian, so a pool's sales iterate in sale order.
pub type SaleKey = [u8; 8];

/// The key of sale `n`.
pub fn sale_key(n: u64) -> SaleKey {
    n.to_be_bytes()
}

impl<T: Config> Pallet<T> {
    /// Credit sale `order` of pool `id`: move `owners` from `payer`'s hold into the pallet's
    /// account and divide it among the pool's members now and its funds. Returns the sale's
    /// number and the funds credited.
    pub fn do_credit_sale(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        owners: BalanceOf<T>,
        id: PoolId,
        order: u64,
    ) -> Result<(u64, u32), DispatchError> {
        let sale = SaleCount::<T>::get();
        let funds =
            frame_support::storage::with_storage_layer(|| -> Result<u32, DispatchError> {
                let pallet = Self::account_id();
                Self::pay_from_hold(payer, reason, &[(&pallet, owners)])?;
                let mut pool = Pools::<T>::get(id).unwrap_or_default();
                let mut funds = 0u32;
                if owners.is_zero() {
                    pool.distributions = pool.distributions.saturating_add(1);
                } else {
                    let (to_funds, credited) = Self::credit_funds(id, pool.total_weight, owners)?;
                    funds = credited;
                    let rest = owners.checked_sub(&to_funds).ok_or(Error::<T>::Overflow)?;
                    if rest.is_zero() {
                        // The funds took it all; an advance of an earlier division waits.
                        pool.distributions = pool.distributions.saturating_add(1);
                    } else {
                        pool.credit(rest).map_err(Error::<T>::from)?;
                    }
                    // The funds' part was paid into the pool and left its books at once.
                    pool.revenue = pool
                        .revenue
                        .checked_add(&to_funds)
                        .ok_or(Error::<T>::Overflow)?;
                    pool.released = pool
                        .released
                        .checked_add(&to_funds)
                        .ok_or(Error::<T>::Overflow)?;
                }
                Pools::<T>::insert(id, pool);
                PoolSales::<T>::insert(id, sale_key(sale), (order, owners));
                SaleCount::<T>::put(sale.checked_add(1).ok_or(Error::<T>::Overflow)?);
                Ok(funds)
            })?;
        Self::deposit_event(Event::SaleCredited {
            product: id.0,
            purpose: id.1,
            order,
            sale,
            payer: payer.clone(),
            amount: owners,
        });
        Ok((sale, funds))
    }

    /// Pay the platform's and the provider's parts of a sale of pool `id`.
    pub fn do_pay_parts(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        id: PoolId,
        provider: &T::AccountId,
        fee: BalanceOf<T>,
        to_provider: BalanceOf<T>,
    ) -> DispatchResult {
        let platform = T::PlatformAccount::get();
        frame_support::storage::with_storage_layer(|| {
            Self::pay_from_hold(payer, reason, &[(&platform, fee), (provider, to_provider)])
        })?;
        Self::deposit_event(Event::Distributed {
            product: id.0,
            purpose: id.1,
            payer: payer.clone(),
            provider: provider.clone(),
            fee,
            to_provider,
        });
        Ok(())
    }

    /// The sales of pool `id` numbered from `from` (inclusive) up to `until` (exclusive; no
    /// end if `None`), oldest first, at most `limit`, as (sale, order): read from the pool's
    /// index from the cursor, so the work is the page.
    pub fn pool_sales(id: PoolId, from: u64, until: Option<u64>, limit: u32) -> Vec<(u64, u64)> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let entries = match from.checked_sub(1) {
            Some(before) => PoolSales::<T>::iter_prefix_from(
                id,
                PoolSales::<T>::hashed_key_for(id, sale_key(before)),
            ),
            None => PoolSales::<T>::iter_prefix(id),
        };
        entries
            .map(|(k, (order, _))| (u64::from_be_bytes(k), order))
            .take_while(|(n, _)| until.is_none_or(|end| *n < end))
            .take(limit)
            .collect()
    }

    /// Check the payee records: each pool's sales add up to its revenue, sale numbers are
    /// below the count and each is used once.
    pub(crate) fn check_sales() -> Result<(), sp_runtime::TryRuntimeError> {
        let count = SaleCount::<T>::get();
        let mut seen = 0u64;
        for (id, pool) in Pools::<T>::iter() {
            let mut sum = BalanceOf::<T>::zero();
            for (k, (_, amount)) in PoolSales::<T>::iter_prefix(id) {
                ensure!(
                    u64::from_be_bytes(k) < count,
                    "a sale numbered past SaleCount"
                );
                sum = sum.checked_add(&amount).ok_or("sales sum overflow")?;
                seen = seen.saturating_add(1);
            }
            ensure!(
                sum == pool.revenue,
                "a pool's sales do not add up to its revenue"
            );
        }
        ensure!(seen == count, "SaleCount != the sales recorded in pools");
        Ok(())
    }
}

impl<T: Config> RevenueSink<T::AccountId, BalanceOf<T>, HoldReasonOf<T>> for Pallet<T> {
    fn credit_sale(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        owners: BalanceOf<T>,
        product: ProductId,
        purpose: Purpose,
        order: u64,
    ) -> Result<(u64, u32), DispatchError> {
        Self::do_credit_sale(payer, reason, owners, (product, purpose), order)
    }

    fn pay_parts(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        product: ProductId,
        purpose: Purpose,
        provider: &T::AccountId,
        fee: BalanceOf<T>,
        to_provider: BalanceOf<T>,
    ) -> DispatchResult {
        Self::do_pay_parts(
            payer,
            reason,
            (product, purpose),
            provider,
            fee,
            to_provider,
        )
    }

    fn fee_bps() -> crate::BasisPoints {
        PlatformFee::<T>::get()
    }

    fn max_funds() -> u32 {
        T::MaxFunds::get()
    }
}
