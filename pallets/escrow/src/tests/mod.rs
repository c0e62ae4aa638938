//! Unit tests of the escrow pallet.
use crate::{mock::*, *};
use frame_support::{
    assert_noop, assert_ok,
    traits::{fungible::InspectHold, Hooks},
    weights::Weight,
    BoundedVec,
};
use sp_runtime::DispatchError;

const R: Purpose = Purpose::ResearchAndDevelopment;
const KEY: BuyerKey = [7u8; 32];

fn held(who: u64) -> u64 {
    Balances::balance_on_hold(&HoldReason::Escrow.into(), &who)
}

fn free(who: u64) -> u64 {
    Balances::free_balance(who)
}

/// The current version of `product`'s terms (what a buyer saw).
fn version(product: ProductId) -> u32 {
    <Test as crate::Config>::Products::sale_terms(product).map_or(0, |s| s.version)
}

fn place(buyer: u64, product: ProductId, periods: u32) -> OrderId {
    let id = NextOrderId::<Test>::get();
    assert_ok!(Escrow::place_order(
        RuntimeOrigin::signed(buyer),
        product,
        R,
        1_000_000,
        KEY,
        periods,
        version(product)
    ));
    id
}

fn reference() -> BoundedVec<u8, ConstU32<64>> {
    BoundedVec::truncate_from(b"ipfs://bafy-encrypted-to-buyer".to_vec())
}

fn deliver(order: OrderId) {
    assert_ok!(Escrow::deliver(
        RuntimeOrigin::signed(PROVIDER),
        order,
        reference()
    ));
}

/// `buyer` offers `amount` for the negotiated product (purpose R) until block `expires_at`;
/// returns the offer.
fn offer(buyer: u64, amount: u64, expires_at: u64) -> OfferId {
    let id = NextOfferId::<Test>::get();
    assert_ok!(Escrow::make_offer(
        RuntimeOrigin::signed(buyer),
        NEGO,
        R,
        amount,
        KEY,
        expires_at,
        version(NEGO)
    ));
    id
}

/// `buyer` disputes `order` (reason hash 0x09…).
fn dispute(buyer: u64, order: OrderId) {
    assert_ok!(Escrow::dispute(
        RuntimeOrigin::signed(buyer),
        order,
        Hash32::repeat_byte(9)
    ));
}

fn state(order: OrderId) -> OrderState {
    Orders::<Test>::get(order).expect("order").state
}

/// Go to block `n`, running `on_idle` with plenty of weight in each block.
fn run_to(n: u64) {
    while System::block_number() < n {
        let b = System::block_number() + 1;
        System::set_block_number(b);
        Escrow::on_idle(b, Weight::MAX);
    }
}

fn check() {
    Escrow::do_try_state().expect("try_state");
}

use frame_support::traits::ConstU32;

mod disputes;
mod due;
mod invariants;
mod offers;
mod orders;
mod settlement;
mod subscriptions;
