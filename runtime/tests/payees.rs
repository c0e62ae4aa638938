//! Security review S4, in the real runtime with real signed extrinsics: the owners paid for a
//! sale are exactly those whose consent for its purpose was live in the block it was
//! delivered, at their weights then; their disclosures list exactly those sales; k is checked
//! again at delivery.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_primitives::{Purpose, RevenuePools};
use cityzen_runtime::{market_api, AccountId, Balance, Revenue, Runtime, RuntimeCall, UNIT};
use common::{check_all, citizen};
use frame_support::BoundedVec;

const R: Purpose = Purpose::ResearchAndDevelopment;
const PRICE: Balance = 1_000 * UNIT;

fn seed(i: usize) -> String {
    format!("//Citizen{:02}", i + 1)
}

fn ok(seed: &str, call: RuntimeCall) {
    assert_eq!(common::apply(seed, call), Ok(Ok(())), "{seed}");
}

/// Bob lists a product (k = 5, owners 50 %), adds citizens 0..7 with weight 1 each; citizens
/// 0..=5 consent for R (citizen 6 is a contributor without consent). Returns the product.
fn market() -> u64 {
    let id = pallet_data_products::NextProductId::<Runtime>::get();
    ok(
        "//Bob",
        RuntimeCall::DataProducts(pallet_data_products::Call::register_product {
            kind: pallet_data_products::ProductKind::Batch {
                content_hash: sp_core::H256::repeat_byte(1),
                size_bytes: 4_096,
            },
            metadata: BoundedVec::truncate_from(b"ipfs://meta".to_vec()),
            licence_hash: sp_core::H256::repeat_byte(2),
            terms: common::market_terms(PRICE),
        }),
    );
    let contributors: Vec<(AccountId, u64)> = (0..7).map(|i| (citizen(i), 1)).collect();
    ok(
        "//Bob",
        RuntimeCall::DataProducts(pallet_data_products::Call::add_contributors {
            product: id,
            contributors: BoundedVec::truncate_from(contributors),
        }),
    );
    for i in 0..6 {
        consent(i, id);
    }
    id
}

fn consent(i: usize, product: u64) {
    ok(
        &seed(i),
        RuntimeCall::Consent(pallet_consent::Call::give_consent {
            product,
            purposes: BoundedVec::truncate_from(vec![R]),
            expires_at: None,
            receipt_hash: sp_core::H256::repeat_byte(3),
        }),
    );
}

fn withdraw(i: usize, product: u64) {
    ok(
        &seed(i),
        RuntimeCall::Consent(pallet_consent::Call::withdraw_consent { product }),
    );
}

fn place(product: u64) -> u64 {
    let order = pallet_escrow::NextOrderId::<Runtime>::get();
    let version = pallet_data_products::Products::<Runtime>::get(product).map_or(0, |p| p.version);
    ok(
        "//Charlie",
        RuntimeCall::Escrow(pallet_escrow::Call::place_order {
            product,
            purpose: R,
            max_price: PRICE,
            buyer_key: [9u8; 32],
            periods: 1,
            terms_version: version,
        }),
    );
    order
}

fn deliver_call(order: u64) -> RuntimeCall {
    RuntimeCall::Escrow(pallet_escrow::Call::deliver {
        order,
        delivery_ref: BoundedVec::truncate_from(b"ipfs://encrypted".to_vec()),
    })
}

fn confirm(order: u64) {
    ok(
        "//Charlie",
        RuntimeCall::Escrow(pallet_escrow::Call::confirm { order }),
    );
}

/// What `who` earned in (product, R) so far: pending, claimed or left.
fn earned(who: &AccountId) -> Balance {
    Revenue::statement(who).earned
}

fn disclosed(who: &AccountId) -> Vec<u64> {
    market_api::disclosures(who.clone(), None, 100)
        .into_iter()
        .map(|d| d.order_id)
        .collect()
}

/// The owners' share of one sale: 2 % fee, half of the rest.
fn owners_share() -> Balance {
    (PRICE - PRICE * 2 / 100) / 2
}

/// One of six equal shares of a sale, to the unit (the accumulator rounds each division).
fn assert_sixth(got: Balance, who: &str) {
    let exact = owners_share() / 6;
    assert!(
        got.abs_diff(exact) <= 1,
        "{who}: {got} is not a sixth ({exact})"
    );
}

/// Every order's sales in revenue add up to what escrow says it credited.
fn credited_agrees(order: u64) {
    let o = pallet_escrow::Orders::<Runtime>::get(order).unwrap();
    let sum: Balance = pallet_revenue::PoolSales::<Runtime>::iter_prefix((o.product, o.purpose))
        .filter(|(_, (id, _))| *id == order)
        .map(|(_, (_, amount))| amount)
        .sum();
    assert_eq!(
        sum, o.credited,
        "order {order}: revenue's sales != escrow's credited"
    );
}

#[test]
fn s4_a_late_joiner_is_not_paid_nor_disclosed_for_a_sale_delivered_before_it_joined() {
    common::ext_from_preset("development").execute_with(|| {
        let p = market();
        let order = place(p);
        ok("//Bob", deliver_call(order));
        // Citizen 6 consents after delivery, before settlement.
        consent(6, p);
        confirm(order);
        assert_eq!(
            earned(&citizen(6)),
            0,
            "the late joiner earns nothing of it"
        );
        assert!(disclosed(&citizen(6)).is_empty());
        assert_sixth(earned(&citizen(0)), "citizen 0");
        assert_eq!(disclosed(&citizen(0)), vec![order]);
        credited_agrees(order);
        check_all();
    });
}

#[test]
fn s4_an_owner_who_withdrew_after_delivery_is_paid_and_disclosed() {
    common::ext_from_preset("development").execute_with(|| {
        let p = market();
        let order = place(p);
        ok("//Bob", deliver_call(order));
        withdraw(0, p);
        confirm(order);
        assert_sixth(earned(&citizen(0)), "citizen 0");
        assert_eq!(disclosed(&citizen(0)), vec![order]);
        credited_agrees(order);
        check_all();
    });
}

#[test]
fn s4_an_owner_who_withdrew_before_delivery_is_neither_paid_nor_disclosed() {
    common::ext_from_preset("development").execute_with(|| {
        let p = market();
        // Citizen 6 consents too, so that k (5) still holds without citizen 0.
        consent(6, p);
        let order = place(p);
        withdraw(0, p);
        ok("//Bob", deliver_call(order));
        confirm(order);
        assert_eq!(earned(&citizen(0)), 0);
        assert!(disclosed(&citizen(0)).is_empty());
        // The six in the pool at delivery share it.
        assert_sixth(earned(&citizen(6)), "citizen 6");
        assert_eq!(disclosed(&citizen(6)), vec![order]);
        credited_agrees(order);
        check_all();
    });
}

#[test]
fn s4_a_weight_raised_after_delivery_changes_nothing_for_that_sale() {
    common::ext_from_preset("development").execute_with(|| {
        let p = market();
        let order = place(p);
        ok("//Bob", deliver_call(order));
        ok(
            "//Bob",
            RuntimeCall::DataProducts(pallet_data_products::Call::set_contributor_weight {
                product: p,
                owner: citizen(1),
                weight: 1_000_000,
            }),
        );
        confirm(order);
        for i in 0..6 {
            assert_sixth(earned(&citizen(i)), &format!("citizen {i}"));
        }
        credited_agrees(order);
        check_all();
    });
}

#[test]
fn s4_delivery_below_k_is_refused_and_nothing_moves() {
    common::ext_from_preset("development").execute_with(|| {
        let p = market();
        let order = place(p);
        withdraw(0, p);
        withdraw(1, p);
        assert_eq!(Revenue::member_count(p, R), 4);
        let before = (
            pallet_escrow::Orders::<Runtime>::get(order),
            pallet_revenue::Pools::<Runtime>::get((p, R)),
            pallet_revenue::SaleCount::<Runtime>::get(),
        );
        let refused = common::apply("//Bob", deliver_call(order)).unwrap();
        assert_eq!(
            refused,
            Err(pallet_escrow::Error::<Runtime>::TooFewOwners.into())
        );
        assert_eq!(
            before,
            (
                pallet_escrow::Orders::<Runtime>::get(order),
                pallet_revenue::Pools::<Runtime>::get((p, R)),
                pallet_revenue::SaleCount::<Runtime>::get(),
            )
        );
        check_all();
    });
}
