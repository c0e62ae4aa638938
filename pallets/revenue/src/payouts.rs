//! Paying the owners of a fulfilled data request ([`CreditOwners`], called by the requests
//! pallet): the platform fee at the rate sales pay, the rest divided equally, each owner's
//! part credited in its owner account (claimable with `claim_all`, like the earnings of pools
//! left). Nothing is minted or lost: `fee + per_owner * owners + returned == amount`, and the
//! `returned` units stay on the payer's hold.

use crate::{pallet::*, CreditOwners};
use cityzen_primitives::requests::RequestSplit;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::traits::{CheckedDiv, CheckedMul, CheckedSub, Saturating, Zero};

impl<T: Config> Pallet<T> {
    /// Pay `owners` an equal part of `amount`, held from `payer` under `reason`, after the
    /// platform fee (see [`CreditOwners::credit_equally`]).
    pub fn do_credit_equally(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        amount: BalanceOf<T>,
        owners: &[T::AccountId],
    ) -> Result<RequestSplit<BalanceOf<T>>, DispatchError> {
        let count = u32::try_from(owners.len()).map_err(|_| Error::<T>::Overflow)?;
        ensure!(count > 0, Error::<T>::NoOwnersToPay);
        let n = BalanceOf::<T>::from(count);
        let fee = Self::platform_fee(amount);
        let net = amount.checked_sub(&fee).ok_or(Error::<T>::Overflow)?;
        let per_owner = net.checked_div(&n).ok_or(Error::<T>::Overflow)?;
        let owners_total = per_owner.checked_mul(&n).ok_or(Error::<T>::Overflow)?;
        let returned = net.checked_sub(&owners_total).ok_or(Error::<T>::Overflow)?;
        frame_support::storage::with_storage_layer(|| -> DispatchResult {
            let platform = T::PlatformAccount::get();
            let pallet = Self::account_id();
            Self::pay_from_hold(payer, reason, &[(&platform, fee), (&pallet, owners_total)])?;
            if !per_owner.is_zero() {
                for owner in owners {
                    Self::credit_account(owner, per_owner)?;
                }
            }
            RequestPayouts::<T>::mutate(|p| *p = p.saturating_add(owners_total));
            Ok(())
        })?;
        let split = RequestSplit {
            fee,
            per_owner,
            owners: count,
            returned,
        };
        Self::deposit_event(Event::OwnersPaid {
            payer: payer.clone(),
            split,
        });
        Ok(split)
    }
}

impl<T: Config> CreditOwners<T::AccountId, BalanceOf<T>, HoldReasonOf<T>> for Pallet<T> {
    fn credit_equally(
        payer: &T::AccountId,
        reason: &HoldReasonOf<T>,
        amount: BalanceOf<T>,
        owners: &[T::AccountId],
    ) -> Result<RequestSplit<BalanceOf<T>>, DispatchError> {
        Self::do_credit_equally(payer, reason, amount, owners)
    }
}
