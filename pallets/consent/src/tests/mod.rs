//! Unit tests of the consent registry.
use crate::{
    mock::*, ConsentInspect, ConsentState, Consents, Error, Event, ExpiryQueue, LiveConsentCount,
    LiveProducts, Purpose, ReceiptHash,
};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Hooks, BoundedVec};
use sp_runtime::traits::BadOrigin;

/// Like `assert_noop!`, for calls that report a weight with their error: the error, nothing
/// written.
macro_rules! assert_refused {
    ($x:expr, $e:expr $(,)?) => {
        frame_support::assert_storage_noop!(assert_eq!(
            $x.map_err(|e: frame_support::dispatch::DispatchErrorWithPostInfo| e.error),
            Err($e.into())
        ))
    };
}

/// Every entry of block `at`'s expiry queue, all pages.
fn queued(at: u64) -> Vec<(u64, crate::ProductId)> {
    let mut all: Vec<(u64, crate::ProductId)> = ExpiryQueue::<Test>::iter_prefix(at)
        .flat_map(|(_, q)| q.into_inner())
        .collect();
    all.sort();
    all
}

const OWNER: u64 = 1;
const OWNER2: u64 = 2;
const STRANGER: u64 = FIRST_NON_OWNER;

type MaxPurposes = <Test as crate::Config>::MaxPurposes;

fn ps(list: &[Purpose]) -> BoundedVec<Purpose, MaxPurposes> {
    BoundedVec::truncate_from(list.to_vec())
}

fn receipt(n: u8) -> ReceiptHash {
    ReceiptHash::repeat_byte(n)
}

fn give(
    owner: u64,
    product: u64,
    list: &[Purpose],
    expires_at: Option<u64>,
) -> sp_runtime::DispatchResult {
    Consent::give_consent(
        RuntimeOrigin::signed(owner),
        product,
        ps(list),
        expires_at,
        receipt(1),
    )
    .map(|_| ())
    .map_err(|e| e.error)
}

fn run_to(n: u64) {
    while System::block_number() < n {
        let next = System::block_number() + 1;
        System::set_block_number(next);
        Consent::on_initialize(next);
    }
}

fn check() {
    Consent::do_try_state().unwrap();
}

const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;
const B: Purpose = Purpose::PublicBenefit;

/// The call OWNER's app sends to consent to PRODUCT for R (receipt 1).
fn give_call() -> crate::Call<Test> {
    crate::Call::<Test>::give_consent {
        product: PRODUCT,
        purposes: ps(&[R]),
        expires_at: None,
        receipt_hash: receipt(1),
    }
}

mod expiry;
mod fees;
mod giving;
mod invariants;
mod standing;
mod withdrawing;
