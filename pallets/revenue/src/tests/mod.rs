//! Unit tests of the revenue pallet.
use crate::{mock::*, *};
use frame_support::{
    assert_noop, assert_ok,
    dispatch::CheckIfFeeless,
    traits::fungible::{Inspect, InspectHold},
};
use sp_core::U256;
use sp_runtime::DispatchError;

const P: ProductId = 7;
const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;

fn join(who: u64, weight: u64) {
    <Revenue as RevenuePools<u64>>::join(P, R, &who, weight);
}

fn leave(who: u64) {
    <Revenue as RevenuePools<u64>>::leave(P, R, &who);
}

/// A sale of `amount` on pool `id` with the owners' share, in the two steps escrow takes:
/// the owners' share credited (delivery), then the platform and provider paid (settlement).
fn sell_to(id: PoolId, amount: u64, share: u16) -> Split<u64> {
    hold(BUYER, amount);
    let split = Split::of(amount, PlatformFee::<Test>::get(), share);
    <Revenue as RevenueSink<u64, u64, TestHold>>::credit_sale(
        &BUYER,
        &TestHold::Escrow,
        split.owners,
        id.0,
        id.1,
        0,
    )
    .expect("credit_sale");
    <Revenue as RevenueSink<u64, u64, TestHold>>::pay_parts(
        &BUYER,
        &TestHold::Escrow,
        id.0,
        id.1,
        &PROVIDER,
        split.fee,
        split.provider,
    )
    .expect("pay_parts");
    split
}

/// Hold `amount` from the buyer and sell it on pool (P, R) with the owners' share.
fn sell(amount: u64, share: u16) -> Split<u64> {
    sell_to((P, R), amount, share)
}

/// `n` sales on another pool (with no members): the sale clock moves on by `n`.
fn sales_elsewhere(n: u64) {
    for _ in 0..n {
        sell_to((99, S), 10, 5_000);
    }
}

fn pending(who: u64) -> u64 {
    Revenue::pending_in((P, R), &who).unwrap_or(0)
}

fn check() {
    Revenue::do_try_state().expect("try_state");
}

fn last_event() -> RuntimeEvent {
    System::events().pop().expect("an event").event
}

mod altruism;
mod claims;
mod exactness;
mod payouts;
mod pools;
mod split;
