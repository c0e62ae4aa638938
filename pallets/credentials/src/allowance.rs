//! The fee-less call allowance of data owners, kept for the [`crate::FreeCalls`] transaction
//! extension: calls and weight per period, weight per block. Which calls are fee-less at all,
//! and for whom, is each call's own `feeless_if`; this only bounds how much.

use crate::{Config, FreeCallUsage, FreeCallsUsed, Pallet};
use frame_support::{ensure, traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Saturating, DispatchResult};

/// Usage of `who` as of block `now`: a new period and block start from zero.
fn current<T: Config>(
    who: &T::AccountId,
    now: BlockNumberFor<T>,
) -> FreeCallUsage<BlockNumberFor<T>> {
    let mut usage = FreeCallsUsed::<T>::get(who).unwrap_or_default();
    if now.saturating_sub(usage.period_start) >= T::FreeCallPeriod::get() || usage.used == 0 {
        usage.period_start = now;
        usage.used = 0;
        usage.weight = 0;
    }
    if usage.block != now {
        usage.block = now;
        usage.block_weight = 0;
    }
    usage
}

impl<T: Config> Pallet<T> {
    /// Fee-less calls `who` has left in the current period.
    pub fn free_calls_left(who: &T::AccountId) -> u32 {
        let usage = current::<T>(who, frame_system::Pallet::<T>::block_number());
        T::FreeCallsPerPeriod::get().saturating_sub(usage.used)
    }

    /// Fee-less weight `who` has left: in the current period, and in this block.
    pub fn free_weight_left(who: &T::AccountId) -> (Weight, Weight) {
        let usage = current::<T>(who, frame_system::Pallet::<T>::block_number());
        (
            Weight::from_parts(
                T::FreeWeightPerPeriod::get()
                    .ref_time()
                    .saturating_sub(usage.weight),
                0,
            ),
            Weight::from_parts(
                T::FreeWeightPerBlock::get()
                    .ref_time()
                    .saturating_sub(usage.block_weight),
                0,
            ),
        )
    }

    /// Whether a fee-less call of `weight` by `who` fits its allowance now. A withdrawal
    /// always does.
    pub fn may_call_free(who: &T::AccountId, weight: Weight, withdrawal: bool) -> bool {
        if withdrawal {
            return true;
        }
        let usage = current::<T>(who, frame_system::Pallet::<T>::block_number());
        let w = weight.ref_time();
        usage.used < T::FreeCallsPerPeriod::get()
            && usage.weight.saturating_add(w) <= T::FreeWeightPerPeriod::get().ref_time()
            && usage.block_weight.saturating_add(w) <= T::FreeWeightPerBlock::get().ref_time()
    }

    /// Use a fee-less call of `weight` (charged in full before dispatch; the unused part is
    /// given back by [`Self::refund_free_weight`]). The transaction extension calls this
    /// before dispatch. Fails with [`crate::Error::FreeCallsExhausted`] if it does not fit.
    pub fn use_free_call(who: &T::AccountId, weight: Weight, withdrawal: bool) -> DispatchResult {
        ensure!(
            Self::may_call_free(who, weight, withdrawal),
            crate::Error::<T>::FreeCallsExhausted
        );
        let mut usage = current::<T>(who, frame_system::Pallet::<T>::block_number());
        let w = weight.ref_time();
        usage.used = usage.used.saturating_add(1);
        usage.weight = usage.weight.saturating_add(w);
        usage.block_weight = usage.block_weight.saturating_add(w);
        FreeCallsUsed::<T>::insert(who, usage);
        Ok(())
    }

    /// Give back the part of a fee-less call's weight it did not use (after dispatch).
    pub fn refund_free_weight(who: &T::AccountId, unused: Weight) {
        if unused.ref_time() == 0 {
            return;
        }
        FreeCallsUsed::<T>::mutate(who, |u| {
            if let Some(usage) = u {
                usage.weight = usage.weight.saturating_sub(unused.ref_time());
                usage.block_weight = usage.block_weight.saturating_sub(unused.ref_time());
            }
        });
    }
}
