//! Unit tests of the data products pallet.
use crate::{
    mock::*, ConsumerClass, Contributors, Error, Event, Loa, MarketParams, Pricing, ProductInspect,
    ProductKind, ProductOrders, ProductStatus, ProductTerms, Products, Purpose, Terms,
};
use frame_support::{
    assert_noop, assert_ok,
    dispatch::GetDispatchInfo,
    traits::{fungible::InspectHold, Hooks},
    BoundedVec,
};
use sp_runtime::traits::BadOrigin;

const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;
const B: Purpose = Purpose::PublicBenefit;

type MaxPurposes = <Test as crate::Config>::MaxPurposes;
type MaxStreamIdLen = <Test as crate::Config>::MaxStreamIdLen;

fn terms() -> Terms<u64, u64, MaxPurposes> {
    Terms {
        purposes: BoundedVec::truncate_from(vec![R, S]),
        classes: BoundedVec::truncate_from(vec![
            ConsumerClass::Research,
            ConsumerClass::PublicSector,
        ]),
        pricing: Pricing::Fixed { price: 500 },
        owners_share_bps: 5_000,
        min_owners: 5,
        buyer_loa: Loa::Substantial,
        retention: 1_000,
    }
}

fn batch() -> ProductKind<MaxStreamIdLen> {
    ProductKind::Batch {
        content_hash: sp_core::H256::repeat_byte(1),
        size_bytes: 4096,
    }
}

fn register(who: u64, t: Terms<u64, u64, MaxPurposes>) -> sp_runtime::DispatchResult {
    DataProducts::register_product(
        RuntimeOrigin::signed(who),
        batch(),
        BoundedVec::truncate_from(b"ipfs://bafy-metadata".to_vec()),
        sp_core::H256::repeat_byte(2),
        t,
    )
}

fn held(who: u64) -> u64 {
    Balances::balance_on_hold(
        &RuntimeHoldReason::DataProducts(crate::HoldReason::ProductDeposit),
        &who,
    )
}

fn add(product: u64, list: &[(u64, u64)]) -> sp_runtime::DispatchResult {
    DataProducts::add_contributors(
        RuntimeOrigin::signed(PROVIDER),
        product,
        BoundedVec::truncate_from(list.to_vec()),
    )
    .map(|_| ())
    .map_err(|e| e.error)
}

fn check() {
    DataProducts::do_try_state().unwrap();
}

mod contributors;
mod invariants;
mod products;
