//! Runtime tests of a sale across every marketplace pallet in the real runtime configuration:
//! credentials -> data products -> consent -> revenue pools -> escrow -> revenue split.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_primitives::{Purpose, RevenuePools};
use cityzen_runtime::{
    genesis_config_presets, AccountId, Balance, Consent, DataProducts, Escrow, Revenue, Runtime,
    RuntimeCall, RuntimeOrigin, System, UNIT,
};
use frame_support::{
    assert_noop, assert_ok, dispatch::CheckIfFeeless, traits::Hooks, weights::Weight, BoundedVec,
};
use pallet_data_products::ProductKind;
use sp_keyring::Sr25519Keyring;

const R: Purpose = Purpose::ResearchAndDevelopment;
const PRICE: Balance = 1_000 * UNIT;
const KEY: [u8; 32] = [9u8; 32];

use common::{acc, charlie, check_all, citizen, free, platform};

fn bob() -> AccountId {
    acc(Sr25519Keyring::Bob)
}

/// Bob lists a fixed-price product for Research (k = 5, owners' share 50 %) and adds six dev
/// citizens with weights 1..=6; each gives consent for R. Returns the product.
fn market() -> u64 {
    let id = pallet_data_products::NextProductId::<Runtime>::get();
    assert_ok!(DataProducts::register_product(
        RuntimeOrigin::signed(bob()),
        ProductKind::Batch {
            content_hash: sp_core::H256::repeat_byte(1),
            size_bytes: 4_096
        },
        BoundedVec::truncate_from(b"ipfs://meta".to_vec()),
        sp_core::H256::repeat_byte(2),
        common::market_terms(PRICE),
    ));
    let contributors: Vec<(AccountId, u64)> = (0..6).map(|i| (citizen(i), i as u64 + 1)).collect();
    assert_ok!(DataProducts::add_contributors(
        RuntimeOrigin::signed(bob()),
        id,
        BoundedVec::truncate_from(contributors),
    ));
    for i in 0..6 {
        assert_ok!(Consent::give_consent(
            RuntimeOrigin::signed(citizen(i)),
            id,
            BoundedVec::truncate_from(vec![R]),
            None,
            sp_core::H256::repeat_byte(3),
        ));
    }
    id
}

/// The current version of `product`'s terms (what a buyer saw).
fn version(product: u64) -> u32 {
    pallet_data_products::Products::<Runtime>::get(product).map_or(0, |p| p.version)
}

/// Charlie buys `product` for R and Bob delivers. Returns the order.
fn delivered(product: u64) -> u64 {
    let order = pallet_escrow::NextOrderId::<Runtime>::get();
    assert_ok!(Escrow::place_order(
        RuntimeOrigin::signed(charlie()),
        product,
        R,
        PRICE,
        KEY,
        1,
        version(product)
    ));
    assert_ok!(Escrow::deliver(
        RuntimeOrigin::signed(bob()),
        order,
        BoundedVec::truncate_from(b"ipfs://encrypted-for-charlie".to_vec()),
    ));
    order
}

/// Charlie buys `product` for R, Bob delivers, Charlie confirms. Returns the order.
fn sale(product: u64) -> u64 {
    let order = delivered(product);
    assert_ok!(Escrow::confirm(RuntimeOrigin::signed(charlie()), order));
    order
}

fn pending(who: &AccountId, product: u64) -> Balance {
    Revenue::pending_in((product, R), who).unwrap_or(0)
}

#[test]
fn a_sale_pays_the_city_the_owners_by_weight_and_the_provider_exactly() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        assert_eq!(Revenue::member_count(product, R), 6);
        let (platform_before, bob_before, charlie_before) =
            (free(&platform()), free(&bob()), free(&charlie()));
        let order = sale(product);
        assert_eq!(
            pallet_escrow::Orders::<Runtime>::get(order).map(|o| o.state),
            Some(pallet_escrow::OrderState::Settled)
        );
        // 2 % platform fee; owners 50 % of the rest; Bob the remainder.
        let fee = PRICE * 2 / 100;
        let owners = (PRICE - fee) / 2;
        assert_eq!(free(&platform()) - platform_before, fee);
        assert_eq!(free(&bob()) - bob_before, PRICE - fee - owners);
        assert!(charlie_before - free(&charlie()) >= PRICE);
        // Weights 1..=6 (total 21): each owner's exact weighted share, floored.
        let mut sum = 0;
        for i in 0..6 {
            let expect = owners * (i as u128 + 1) / 21;
            assert_eq!(pending(&citizen(i), product), expect, "citizen {i}");
            sum += expect;
        }
        assert!(owners - sum < 6, "dust is below one unit per owner");
        // Citizens have no balance of their own: claiming is fee-less, and pays exactly.
        let call = RuntimeCall::Revenue(pallet_revenue::Call::claim {
            product,
            purpose: R,
        });
        assert!(call.is_feeless(&RuntimeOrigin::signed(citizen(2))));
        assert_eq!(free(&citizen(2)), 0);
        assert_ok!(Revenue::claim(
            RuntimeOrigin::signed(citizen(2)),
            product,
            R
        ));
        assert_eq!(free(&citizen(2)), owners * 3 / 21);
        check_all();
    });
}

#[test]
fn a_withdrawn_owner_is_not_paid_by_the_next_sale_and_fewer_than_k_stops_sales() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        sale(product);
        let first = pending(&citizen(0), product);
        assert!(first > 0);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(citizen(0)),
            product,
        ));
        assert_eq!(Revenue::member_count(product, R), 5);
        // Its earnings stay claimable.
        assert_eq!(Revenue::statement(&citizen(0)).pending, first);
        let before: Vec<Balance> = (1..6).map(|i| pending(&citizen(i), product)).collect();
        sale(product);
        let owners = (PRICE - PRICE * 2 / 100) / 2;
        for i in 1..6 {
            // The remaining weights are 2..=6: total 20.
            let gained = pending(&citizen(i), product) - before[i - 1];
            assert_eq!(gained, owners * (i as u128 + 1) / 20, "citizen {i}");
        }
        assert_eq!(Revenue::statement(&citizen(0)).pending, first);
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(citizen(0))));
        assert_eq!(free(&citizen(0)), first);
        // One more withdrawal: 4 owners < k = 5.
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(citizen(1)),
            product,
        ));
        assert_noop!(
            Escrow::place_order(
                RuntimeOrigin::signed(charlie()),
                product,
                R,
                PRICE,
                KEY,
                1,
                version(product)
            ),
            pallet_escrow::Error::<Runtime>::TooFewOwners
        );
        check_all();
    });
}

#[test]
fn buyers_without_accreditation_or_of_another_class_are_refused() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        // Ferdie holds no credential; Dave is a Commercial consumer and the product is for
        // Research only; nobody consents to Statistics.
        for (buyer, purpose, error) in [
            (
                acc(Sr25519Keyring::Ferdie),
                R,
                pallet_escrow::Error::<Runtime>::NotAccreditedConsumer,
            ),
            (
                acc(Sr25519Keyring::Dave),
                R,
                pallet_escrow::Error::<Runtime>::ClassNotOffered,
            ),
            (
                charlie(),
                Purpose::Statistics,
                pallet_escrow::Error::<Runtime>::TooFewOwners,
            ),
        ] {
            assert_noop!(
                Escrow::place_order(
                    RuntimeOrigin::signed(buyer),
                    product,
                    purpose,
                    PRICE,
                    KEY,
                    1,
                    version(product)
                ),
                error
            );
        }
    });
}

#[test]
fn an_unconfirmed_order_is_settled_by_on_idle_and_a_retired_product_waits_for_it() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        let order = pallet_escrow::NextOrderId::<Runtime>::get();
        assert_ok!(Escrow::place_order(
            RuntimeOrigin::signed(charlie()),
            product,
            R,
            PRICE,
            KEY,
            1,
            version(product)
        ));
        assert_noop!(
            DataProducts::retire(RuntimeOrigin::signed(bob()), product),
            pallet_data_products::Error::<Runtime>::HasOpenOrders
        );
        assert_ok!(Escrow::deliver(
            RuntimeOrigin::signed(bob()),
            order,
            BoundedVec::truncate_from(b"ref".to_vec()),
        ));
        let window = genesis_config_presets::DEV_ESCROW_PARAMS.dispute_window;
        let due = System::block_number() + window;
        System::set_block_number(due);
        Escrow::on_idle(due, Weight::MAX);
        assert_eq!(
            pallet_escrow::Orders::<Runtime>::get(order).map(|o| o.state),
            Some(pallet_escrow::OrderState::Settled)
        );
        assert_ok!(DataProducts::retire(RuntimeOrigin::signed(bob()), product));
        check_all();
    });
}

#[test]
fn a_dispute_is_resolved_by_the_dev_arbiter() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        let charlie_before = free(&charlie());
        let order = delivered(product);
        assert_ok!(Escrow::dispute(
            RuntimeOrigin::signed(charlie()),
            order,
            sp_core::H256::repeat_byte(5)
        ));
        assert_ok!(Escrow::resolve(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Eve)),
            order,
            7_500
        ));
        // The owners' share was credited at delivery and stays theirs; 75 % of the platform's
        // and provider's parts went back (security review S4).
        let fee = PRICE * 2 / 100;
        let owners = (PRICE - fee) / 2;
        let back = fee * 3 / 4 + (PRICE - fee - owners) * 3 / 4;
        assert_eq!(charlie_before - free(&charlie()), PRICE - back);
        check_all();
    });
}

#[test]
fn the_market_api_reads_a_sale_from_every_pallet() {
    use cityzen_runtime::market_api;
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        let order = sale(product);
        let o = market_api::order(order);
        assert_eq!(o.map(|o| o.state), Some(pallet_escrow::OrderState::Settled));
        assert!(market_api::has_access(charlie(), product));
        let page = market_api::record_of_processing(charlie(), None, 100);
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].id, order);
        let p = market_api::product(product);
        assert_eq!(
            p.map(|p| p.pools),
            Some(vec![(R, 6), (Purpose::Statistics, 0)])
        );
        let consent = market_api::consent_status(citizen(0), product, R);
        assert!(consent.is_some_and(|c| c.live));
        let statement = market_api::owner_statement(citizen(5));
        assert_eq!(statement, Revenue::statement(&citizen(5)));
        assert!(statement.pending > 0);
    });
}

/// One door per read: a pallet keeps a view function only for what the market API does not
/// serve.
#[test]
fn view_functions_are_only_what_the_market_api_does_not_serve() {
    let views: Vec<String> = [
        pallet_consent::Pallet::<Runtime>::pallet_view_functions_metadata(),
        pallet_data_products::Pallet::<Runtime>::pallet_view_functions_metadata(),
        pallet_escrow::Pallet::<Runtime>::pallet_view_functions_metadata(),
        pallet_revenue::Pallet::<Runtime>::pallet_view_functions_metadata(),
        pallet_requests::Pallet::<Runtime>::pallet_view_functions_metadata(),
    ]
    .into_iter()
    .flatten()
    .map(|f| f.name.to_string())
    .collect();
    assert_eq!(views, ["beneficiary_of", "response"]);
}

#[test]
fn disclosures_list_the_sales_delivered_while_an_owner_was_in_the_pool_and_no_others() {
    use cityzen_runtime::market_api;
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        // Citizen 6 contributes but has not consented yet.
        assert_ok!(DataProducts::add_contributors(
            RuntimeOrigin::signed(bob()),
            product,
            BoundedVec::truncate_from(vec![(citizen(6), 7)]),
        ));
        let first = sale(product);
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(citizen(0)),
            product,
        ));
        assert_ok!(Consent::give_consent(
            RuntimeOrigin::signed(citizen(6)),
            product,
            BoundedVec::truncate_from(vec![R]),
            None,
            sp_core::H256::repeat_byte(3),
        ));
        let second = delivered(product);
        let ids = |who: AccountId| -> Vec<u64> {
            market_api::disclosures(who, None, 100)
                .into_iter()
                .map(|d| d.order_id)
                .collect()
        };
        assert_eq!(ids(citizen(0)), vec![first], "withdrew before the second");
        assert_eq!(ids(citizen(6)), vec![second], "joined after the first");
        assert_eq!(ids(citizen(1)), vec![first, second]);
        assert!(ids(citizen(7)).is_empty(), "never a contributor");
        // Pages from a cursor.
        let sale_of_first = market_api::disclosures(citizen(1), None, 1)[0].sale;
        let page = market_api::disclosures(citizen(1), Some(sale_of_first), 1);
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].order_id, second);
        assert_eq!(page[0].buyer, charlie());
        assert_eq!(
            page[0].buyer_class,
            Some(cityzen_primitives::ConsumerClass::Research)
        );
        assert_eq!(page[0].state, pallet_escrow::OrderState::Delivered);
        assert!(page[0].retention_due.is_some());
        assert_eq!(page[0].deletion_attested, None);
        // What each owner is asked to consent to, with its consent per purpose.
        let c0 = market_api::owner_contributions(citizen(0), None, 100);
        assert_eq!(c0.len(), 1);
        assert_eq!(c0[0].product.id, product);
        assert_eq!(c0[0].weight, 1);
        assert!(c0[0].live_purposes.is_empty());
        assert!(c0[0].consent.as_ref().is_some_and(|c| !c.live));
        let c6 = market_api::owner_contributions(citizen(6), None, 100);
        assert_eq!(c6[0].live_purposes, vec![R]);
        assert!(c6[0].consent.as_ref().is_some_and(|c| c.live));
        assert!(market_api::owner_contributions(citizen(6), Some(product), 100).is_empty());
        assert!(market_api::owner_contributions(citizen(7), None, 100).is_empty());
        check_all();
    });
}

#[test]
fn an_altruist_counts_for_k_and_its_share_goes_to_a_council_approved_fund() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        let fund = acc(Sr25519Keyring::Ferdie);
        // A citizen cannot name a fund the council has not approved.
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(citizen(5)),
                product,
                R,
                Some(pallet_revenue::Beneficiary::Fund(fund.clone()))
            ),
            pallet_revenue::Error::<Runtime>::UnknownFund
        );
        assert_noop!(
            Revenue::approve_fund(RuntimeOrigin::signed(citizen(5)), fund.clone()),
            sp_runtime::DispatchError::BadOrigin
        );
        let approve =
            RuntimeCall::Revenue(pallet_revenue::Call::approve_fund { fund: fund.clone() });
        let len = codec::Encode::encoded_size(&approve) as u32;
        assert_ok!(cityzen_runtime::Council::propose(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Alice)),
            1,
            Box::new(approve),
            len
        ));
        assert!(pallet_revenue::Funds::<Runtime>::get(&fund).is_some_and(|f| f.approved));
        // Citizen 5 (weight 6 of 21, no balance) gives its share away, fee-less.
        let choose = RuntimeCall::Revenue(pallet_revenue::Call::set_beneficiary {
            product,
            purpose: R,
            to: Some(pallet_revenue::Beneficiary::Fund(fund.clone())),
        });
        assert!(choose.is_feeless(&RuntimeOrigin::signed(citizen(5))));
        assert_ok!(Revenue::set_beneficiary(
            RuntimeOrigin::signed(citizen(5)),
            product,
            R,
            Some(pallet_revenue::Beneficiary::Fund(fund.clone()))
        ));
        // Citizen 0 withdraws: five owners remain, the altruist among them, so k = 5 holds.
        assert_ok!(Consent::withdraw_consent(
            RuntimeOrigin::signed(citizen(0)),
            product,
        ));
        assert_eq!(Revenue::member_count(product, R), 5);
        let fund_before = free(&fund);
        sale(product);
        let owners = (PRICE - PRICE * 2 / 100) / 2;
        // Weights 2..=5 are paid (14), 6 goes to the fund: 20 in all.
        let to_fund = owners * 6 / 20;
        assert_eq!(
            pallet_revenue::OwnerAccounts::<Runtime>::get(&fund).unclaimed_left,
            to_fund
        );
        assert_eq!(pending(&citizen(5), product), 0);
        for i in 1..5 {
            assert_eq!(
                pending(&citizen(i), product),
                (owners - to_fund) * (i as u128 + 1) / 14,
                "citizen {i}"
            );
        }
        let report = Revenue::altruism_report();
        assert_eq!(report.to_funds, to_fund);
        assert_eq!(
            (report.funds[0].altruists, report.funds[0].received),
            (1, to_fund)
        );
        // The fund claims what it was credited, exactly.
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(fund.clone())));
        assert!(
            free(&fund) + UNIT >= fund_before + to_fund,
            "the fund paid at most a fee"
        );
        assert_eq!(Revenue::statement(&fund).claimed, to_fund);
        // Back to paid in one call: the next sale pays citizen 5 again.
        assert_ok!(Revenue::set_beneficiary(
            RuntimeOrigin::signed(citizen(5)),
            product,
            R,
            None
        ));
        sale(product);
        assert_eq!(pending(&citizen(5), product), owners * 6 / 20);
        check_all();
    });
}

/// Security review II, S5: an owner whose DataOwner credential lapses (revoked, expired, its
/// issuer removed) stops counting for k and stops earning from the block it lapsed, keeps what
/// it earned, and counts again once it holds a credential again.
#[test]
fn s5_a_lapsed_owner_stops_counting_for_k_and_earning_and_keeps_what_it_earned() {
    use cityzen_primitives::{Loa, Role};
    use cityzen_runtime::Credentials;
    common::ext_from_preset("development").execute_with(|| {
        let alice = acc(Sr25519Keyring::Alice);
        // The next block's on_initialize: where a lapse booked by a call is told.
        let next_block = || {
            let n = System::block_number() + 1;
            System::set_block_number(n);
            Credentials::on_initialize(n);
        };
        let product = market();
        sale(product);
        let (c0, c1) = (citizen(0), citizen(1));
        let earned = pending(&c0, product);
        assert!(earned > 0);
        // Revoked: out of the pool from the next block, its earnings kept (claimable).
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::signed(alice.clone()),
            c0.clone(),
            Role::DataOwner
        ));
        next_block();
        assert_eq!(Revenue::member_count(product, R), 5);
        assert_eq!(Revenue::statement(&c0).pending, earned);
        // The next sale pays the five others only.
        let c1_before = pending(&c1, product);
        sale(product);
        assert_eq!(
            Revenue::statement(&c0).pending,
            earned,
            "earns nothing more"
        );
        assert!(pending(&c1, product) > c1_before);
        // Its consent is still on record (and withdrawable), but counts for nothing.
        assert!(pallet_consent::LiveProducts::<Runtime>::get(&c0).contains(&product));
        assert!(!<Consent as cityzen_primitives::ConsentInspect<
            AccountId,
        >>::is_live(&c0, product, R));
        // A second lapse takes the pool below k = 5: no sale.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::root(),
            c1.clone(),
            Role::DataOwner
        ));
        next_block();
        assert_noop!(
            Escrow::place_order(
                RuntimeOrigin::signed(charlie()),
                product,
                R,
                PRICE,
                KEY,
                1,
                version(product)
            ),
            pallet_escrow::Error::<Runtime>::TooFewOwners
        );
        // Re-issued with an expiry: counts again until the block after it.
        let now = System::block_number();
        assert_ok!(Credentials::issue(
            RuntimeOrigin::signed(alice.clone()),
            c1.clone(),
            Role::DataOwner,
            Loa::Substantial,
            None,
            Some(now + 2),
            sp_core::H256::repeat_byte(4),
        ));
        next_block();
        assert_eq!(Revenue::member_count(product, R), 5, "restored");
        delivered(product);
        next_block();
        assert_eq!(
            Revenue::member_count(product, R),
            5,
            "valid in its last block"
        );
        next_block();
        assert_eq!(Revenue::member_count(product, R), 4, "expired");
        // A removed issuer's owners leave from the next block on.
        let ferdie = acc(Sr25519Keyring::Ferdie);
        assert_ok!(Credentials::add_issuer(
            RuntimeOrigin::root(),
            ferdie.clone(),
            cityzen_primitives::RoleSet::from_roles(&[Role::DataOwner]),
            Loa::High
        ));
        assert_ok!(Credentials::issue(
            RuntimeOrigin::signed(ferdie.clone()),
            c0.clone(),
            Role::DataOwner,
            Loa::Low,
            None,
            None,
            sp_core::H256::repeat_byte(5),
        ));
        next_block();
        assert_eq!(Revenue::member_count(product, R), 5, "c0 restored");
        assert_ok!(Credentials::remove_issuer(RuntimeOrigin::root(), ferdie));
        next_block();
        assert_eq!(Revenue::member_count(product, R), 4, "swept");
        check_all();
    });
}

/// Security review II, I2: the platform fee of a sale is the one in force when the order was
/// placed; a later change by the council applies to later orders only.
#[test]
fn i2_a_sale_pays_the_platform_fee_of_its_placement() {
    common::ext_from_preset("development").execute_with(|| {
        let product = market();
        let order = delivered(product);
        let fee_then = pallet_revenue::PlatformFee::<Runtime>::get();
        assert_ok!(Revenue::set_platform_fee(
            RuntimeOrigin::root(),
            fee_then + 300
        ));
        let before = free(&platform());
        assert_ok!(Escrow::confirm(RuntimeOrigin::signed(charlie()), order));
        assert_eq!(
            free(&platform()) - before,
            PRICE * Balance::from(fee_then) / 10_000
        );
        let before = free(&platform());
        sale(product);
        assert_eq!(
            free(&platform()) - before,
            PRICE * Balance::from(fee_then + 300) / 10_000
        );
        check_all();
    });
}
