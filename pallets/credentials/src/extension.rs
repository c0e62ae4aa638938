//! [`FreeCalls`]: the transaction extension that makes data owners' calls fee-less, within an
//! allowance that counts every included call, whether its dispatch succeeds or fails.
//!
//! It wraps the payment extension `S` (`ChargeTransactionPayment`) the way
//! `pallet_skip_feeless_payment::SkipCheckIfFeeless` does, and is invisible from outside: wallets
//! see `S` (same identifier, same encoding: the tip).
//!
//! For a call whose `feeless_if` holds for its sender (a data owner's consent call, a claim
//! with something to claim, a withdrawal of a live record):
//! - if it fits the sender's allowance (calls and weight of the period, weight of the block;
//!   a withdrawal always fits): the fee is skipped (`FeeSkipped` event) and the call's full
//!   weight is booked in `prepare`, before dispatch, so it survives a failing dispatch (which
//!   rolls back only the call's own storage changes); after dispatch the weight the call did
//!   not use is given back, so the allowance counts the work really done;
//! - if not: the call is charged normally; if the sender cannot pay, the transaction is
//!   refused (by the pool, and by block authorship) with
//!   `InvalidTransaction::Custom(`[`FREE_CALLS_EXHAUSTED`]`)`.
//!
//! Every other call is charged by `S` as usual. A block can therefore never hold more fee-less
//! calls from one owner than its allowance: each one is validated against the state left by the
//! ones before it in the block.

use crate::{Config, Pallet, WeightInfo};
use cityzen_primitives::FREE_CALLS_EXHAUSTED;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::traits::{Contains, Get, OriginTrait};
use frame_support::{
    dispatch::{CheckIfFeeless, DispatchInfo, DispatchResult, PostDispatchInfo},
    pallet_prelude::TransactionSource,
    weights::Weight,
};
use pallet_skip_feeless_payment::{Intermediate, SkipCheckIfFeeless};
use scale_info::{StaticTypeInfo, TypeInfo};
use sp_runtime::{
    traits::{
        AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
        PostDispatchInfoOf, TransactionExtension, ValidateResult,
    },
    transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

/// Fee-less calls within the data owner's allowance; the wrapped payment extension `S` for the
/// rest. See the [module documentation](self).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct FreeCalls<T, S>(pub SkipCheckIfFeeless<T, S>);

impl<T, S> FreeCalls<T, S> {
    /// Wraps the payment extension `inner`.
    pub fn new(inner: S) -> Self {
        Self(SkipCheckIfFeeless::from(inner))
    }
}

impl<T, S> From<S> for FreeCalls<T, S> {
    fn from(inner: S) -> Self {
        Self::new(inner)
    }
}

// Invisible in the metadata: it is the wrapped extension from the outside.
impl<T, S: StaticTypeInfo> TypeInfo for FreeCalls<T, S> {
    type Identity = S;
    fn type_info() -> scale_info::Type {
        S::type_info()
    }
}

impl<T, S: Encode> core::fmt::Debug for FreeCalls<T, S> {
    #[cfg(feature = "std")]
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "FreeCalls<{:?}>", self.0 .0.encode())
    }
    #[cfg(not(feature = "std"))]
    fn fmt(&self, _: &mut core::fmt::Formatter) -> core::fmt::Result {
        Ok(())
    }
}

/// What [`FreeCalls`] passes from `validate` to `prepare` and from `prepare` to
/// `post_dispatch`.
pub enum Stage<Free, Charge, Who> {
    /// A fee-less call within the allowance of `Who` (in `Pre`: the payment extension's weight,
    /// not used since the fee was skipped, and the sender).
    Free(Free, Who),
    /// A call charged by the wrapped extension; the extension's own weight it did not use.
    Charge(Charge, Weight),
}

type SkipOf<T, S> = SkipCheckIfFeeless<T, S>;

impl<T: Config, S> FreeCalls<T, S> {
    /// The allowance's bookkeeping: booking a fee-less call before dispatch and giving back
    /// what it did not use after.
    fn bookkeeping() -> Weight {
        <T as Config>::WeightInfo::use_free_call()
            .saturating_add(<T as Config>::WeightInfo::refund_free_weight())
    }
}
type CallOf<T> = <T as frame_system::Config>::RuntimeCall;

impl<T, S> TransactionExtension<CallOf<T>> for FreeCalls<T, S>
where
    T: Config + pallet_skip_feeless_payment::Config + Send + Sync,
    S: TransactionExtension<CallOf<T>>,
    CallOf<T>: CheckIfFeeless<Origin = frame_system::pallet_prelude::OriginFor<T>>
        + Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
    DispatchOriginOf<CallOf<T>>: AsSystemOriginSigner<T::AccountId> + Clone,
{
    const IDENTIFIER: &'static str = S::IDENTIFIER;
    type Implicit = S::Implicit;

    fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
        S::metadata()
    }

    fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
        self.0 .0.implicit()
    }

    type Val = Stage<<SkipOf<T, S> as TransactionExtension<CallOf<T>>>::Val, S::Val, T::AccountId>;
    type Pre = Stage<
        <SkipOf<T, S> as TransactionExtension<CallOf<T>>>::Pre,
        S::Pre,
        (Weight, T::AccountId),
    >;

    fn weight(&self, call: &CallOf<T>) -> Weight {
        self.0.weight(call).saturating_add(Self::bookkeeping())
    }

    fn validate(
        &self,
        origin: DispatchOriginOf<CallOf<T>>,
        call: &CallOf<T>,
        info: &DispatchInfoOf<CallOf<T>>,
        len: usize,
        self_implicit: S::Implicit,
        inherited_implication: &impl Implication,
        source: TransactionSource,
    ) -> ValidateResult<Self::Val, CallOf<T>> {
        let entitled_signer = call
            .is_feeless(&origin)
            .then(|| origin.as_system_origin_signer().cloned())
            .flatten();
        // Validation as a charged call (by the payment extension inside).
        let charged = move |origin| {
            self.0 .0.validate(
                origin,
                call,
                info,
                len,
                self_implicit,
                inherited_implication,
                source,
            )
        };
        let Some(who) = entitled_signer else {
            // Not a fee-less call: charged as usual; the free-call bookkeeping is not used.
            let (valid, val, origin) = charged(origin)?;
            return Ok((valid, Stage::Charge(val, Self::bookkeeping()), origin));
        };
        let withdrawal = <T as Config>::Withdrawals::contains(call);
        if Pallet::<T>::may_call_free(&who, info.call_weight, withdrawal) {
            // What `SkipCheckIfFeeless::validate` gives a fee-less call, without asking
            // `is_feeless` a second time.
            // Its priority lets it through paid load (withdrawal as easy as giving consent);
            // the allowance bounds how much one owner can send.
            let skip = Intermediate::Skip(origin.caller().clone());
            let valid = ValidTransaction {
                priority: <T as Config>::FreeCallPriority::get(),
                ..Default::default()
            };
            return Ok((valid, Stage::Free(skip, who), origin));
        }
        // Allowance used up: charge normally, or refuse with a reason the sender can read.
        match charged(origin) {
            Ok((valid, val, origin)) => {
                let unused = <T as Config>::WeightInfo::refund_free_weight();
                Ok((valid, Stage::Charge(val, unused), origin))
            }
            Err(TransactionValidityError::Invalid(InvalidTransaction::Payment)) => {
                Err(InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into())
            }
            Err(e) => Err(e),
        }
    }

    fn prepare(
        self,
        val: Self::Val,
        origin: &DispatchOriginOf<CallOf<T>>,
        call: &CallOf<T>,
        info: &DispatchInfoOf<CallOf<T>>,
        len: usize,
    ) -> Result<Self::Pre, TransactionValidityError> {
        match val {
            Stage::Free(val, who) => {
                // Booked here, outside the dispatch's storage layer: a failing call counts.
                let withdrawal = <T as Config>::Withdrawals::contains(call);
                Pallet::<T>::use_free_call(&who, info.call_weight, withdrawal)
                    .map_err(|_| InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED))?;
                let unused = self.0 .0.weight(call);
                let pre = self.0.prepare(val, origin, call, info, len)?;
                Ok(Stage::Free(pre, (unused, who)))
            }
            Stage::Charge(val, unused) => {
                let pre = self.0 .0.prepare(val, origin, call, info, len)?;
                Ok(Stage::Charge(pre, unused))
            }
        }
    }

    fn post_dispatch_details(
        pre: Self::Pre,
        info: &DispatchInfoOf<CallOf<T>>,
        post_info: &PostDispatchInfoOf<CallOf<T>>,
        len: usize,
        result: &DispatchResult,
    ) -> Result<Weight, TransactionValidityError> {
        match pre {
            Stage::Free(pre, (unused, who)) => {
                // The allowance counts what the call really used. Here the post-dispatch weight
                // is the call's actual weight plus the extensions' weight, less what the
                // extensions before this one gave back (none of the runtime's do: nonce, era,
                // genesis, versions and `CheckWeight` refund nothing), so the call's own is that
                // less the extensions' weight.
                let used = post_info
                    .actual_weight
                    .unwrap_or(info.total_weight())
                    .saturating_sub(info.extension_weight)
                    .min(info.call_weight);
                let refund = info.call_weight.saturating_sub(used);
                Pallet::<T>::refund_free_weight(&who, refund);
                SkipOf::<T, S>::post_dispatch_details(pre, info, post_info, len, result)
                    .map(|w| w.saturating_add(unused))
            }
            Stage::Charge(pre, unused) => {
                S::post_dispatch_details(pre, info, post_info, len, result)
                    .map(|w| w.saturating_add(unused))
            }
        }
    }
}
