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

/// Hold `amount` from the buyer and distribute it to pool (P, R) with the owners' share.
fn sell(amount: u64, share: u16) -> Split<u64> {
    hold(BUYER, amount);
    <Revenue as RevenueSink<u64, u64, TestHold>>::distribute(
        &BUYER,
        &TestHold::Escrow,
        amount,
        P,
        R,
        &PROVIDER,
        share,
        <Revenue as RevenueSink<u64, u64, TestHold>>::fee_bps(),
    )
    .expect("distribute")
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
