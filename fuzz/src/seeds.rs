//! Seed inputs: the marketplace's real flows, so that the fuzzer starts from deep states (a
//! listed product with consenting owners, orders in every state, requests, council motions)
//! and mutates from there. Signers: 0 Alice, 1 Bob (provider), 2 Charlie (research
//! consumer), 3 Dave (commercial consumer), 4 Eve (arbiter), 5 Ferdie, 6.. the citizens.

use cityzen_primitives::{
    requests::{Categories, DataCategory, RequestPrice},
    Loa, Pricing, Purpose, TermsBuilder,
};
use cityzen_runtime::{AccountId, Runtime, RuntimeCall, UNIT};
use frame_support::BoundedVec;
use sp_core::H256;

use crate::{genesis, pairs, Step};

const R: Purpose = Purpose::ResearchAndDevelopment;
const BOB: u8 = 1;
const CHARLIE: u8 = 2;
const EVE: u8 = 4;
const FERDIE: u8 = 5;
const CITIZEN0: u8 = 6;

fn step(lapse: u8, signer: u8, call: RuntimeCall) -> Step {
    Step {
        lapse,
        signer,
        call,
    }
}

fn account(signer: u8) -> AccountId {
    pairs()[usize::from(signer)].1.clone()
}

/// The ids the dev genesis hands out next: (product, order, request).
fn next_ids() -> (u64, u64, u64) {
    sp_state_machine::BasicExternalities::new(genesis().clone()).execute_with(|| {
        (
            pallet_data_products::NextProductId::<Runtime>::get(),
            pallet_escrow::NextOrderId::<Runtime>::get(),
            pallet_requests::RequestCount::<Runtime>::get(),
        )
    })
}

/// Bob lists `pricing`; six citizens are added with weights 1..=6 and consent for R.
fn market(product: u64, pricing: Pricing<u128, u32>) -> Vec<Step> {
    let terms = TermsBuilder::new(pricing, 100).min_owners(3).build();
    let mut s = vec![
        step(
            0,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::register_product {
                kind: pallet_data_products::ProductKind::Batch {
                    content_hash: H256::repeat_byte(1),
                    size_bytes: 4_096,
                },
                metadata: BoundedVec::truncate_from(b"ipfs://meta".to_vec()),
                licence_hash: H256::repeat_byte(2),
                terms,
            }),
        ),
        step(
            0,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::add_contributors {
                product,
                contributors: BoundedVec::truncate_from(
                    (0..6u8)
                        .map(|i| (account(CITIZEN0 + i), u64::from(i) + 1))
                        .collect(),
                ),
            }),
        ),
    ];
    for i in 0..6u8 {
        s.push(step(
            0,
            CITIZEN0 + i,
            RuntimeCall::Consent(pallet_consent::Call::give_consent {
                product,
                purposes: BoundedVec::truncate_from(vec![R]),
                expires_at: None,
                receipt_hash: H256::repeat_byte(i),
            }),
        ));
    }
    s
}

fn order(product: u64, price: u128) -> Step {
    step(
        1,
        CHARLIE,
        RuntimeCall::Escrow(pallet_escrow::Call::place_order {
            product,
            purpose: R,
            max_price: price,
            buyer_key: [9u8; 32],
            periods: 1,
            terms_version: 1,
        }),
    )
}

fn deliver(order: u64) -> Step {
    step(
        0,
        BOB,
        RuntimeCall::Escrow(pallet_escrow::Call::deliver {
            order,
            delivery_ref: BoundedVec::truncate_from(b"ipfs://sealed".to_vec()),
        }),
    )
}

/// The six citizens claim, the first after `lapse`.
fn claims(lapse: u8) -> Vec<Step> {
    (0..6u8)
        .map(|i| {
            step(
                if i == 0 { lapse } else { 0 },
                CITIZEN0 + i,
                RuntimeCall::Revenue(pallet_revenue::Call::claim_all {}),
            )
        })
        .collect()
}

fn request(deadline: u32, price: RequestPrice<u128>) -> Step {
    step(
        0,
        CHARLIE,
        RuntimeCall::DataRequests(pallet_requests::Call::post_request {
            terms: pallet_requests::NewRequest {
                purpose: R,
                categories: Categories::truncate_from(vec![
                    DataCategory::Travel,
                    DataCategory::Location,
                ]),
                terms_hash: H256::repeat_byte(7),
                min_owners: 3,
                max_owners: 5,
                owner_loa: Loa::Low,
                price,
                deadline,
                retention: 100,
            },
        }),
    )
}

/// The seed inputs, by name.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    let (product, order0, request0) = next_ids();
    let price = 100 * UNIT;
    let mut out = Vec::new();

    // A sale: listed, consented, ordered, delivered, confirmed, claimed; deletion attested.
    let mut sale = market(product, Pricing::Fixed { price });
    sale.extend([
        order(product, price),
        deliver(order0),
        step(
            0,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::confirm { order: order0 }),
        ),
    ]);
    sale.extend(claims(0));
    sale.push(step(
        120,
        CHARLIE,
        RuntimeCall::Escrow(pallet_escrow::Call::attest_deletion {
            order: order0,
            proof: H256::repeat_byte(8),
        }),
    ));
    out.push(("sale", crate::encode(&sale)));

    // A dispute resolved by the arbiter, then a withdrawal and an order refused below k.
    let mut dispute = market(product, Pricing::Fixed { price });
    dispute.extend([
        order(product, price),
        deliver(order0),
        step(
            0,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::dispute {
                order: order0,
                reason: H256::repeat_byte(5),
            }),
        ),
        step(
            1,
            EVE,
            RuntimeCall::Escrow(pallet_escrow::Call::resolve {
                order: order0,
                refund_bps: 7_500,
            }),
        ),
    ]);
    for i in 0..4u8 {
        dispute.push(step(
            0,
            CITIZEN0 + i,
            RuntimeCall::Consent(pallet_consent::Call::withdraw_consent { product }),
        ));
    }
    dispute.push(order(product, price));
    out.push(("dispute", crate::encode(&dispute)));

    // An unconfirmed delivery settled by on_idle after the dispute window.
    let mut idle = market(product, Pricing::Fixed { price });
    idle.extend([order(product, price), deliver(order0)]);
    idle.push(step(
        210,
        FERDIE,
        RuntimeCall::System(frame_system::Call::remark {
            remark: b"later".to_vec(),
        }),
    ));
    idle.extend(claims(1));
    out.push(("settled-by-idle", crate::encode(&idle)));

    // A subscription and a negotiated product with an offer and a counter.
    let mut offers = market(product, Pricing::Negotiated { floor: 10 * UNIT });
    offers.extend([
        step(
            1,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::make_offer {
                product,
                purpose: R,
                amount: 12 * UNIT,
                buyer_key: [9u8; 32],
                expires_at: 50,
                terms_version: 1,
            }),
        ),
        step(
            0,
            BOB,
            RuntimeCall::Escrow(pallet_escrow::Call::counter_offer {
                offer: 0,
                amount: 15 * UNIT,
            }),
        ),
        step(
            1,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::accept_counter {
                offer: 0,
                max_price: 15 * UNIT,
            }),
        ),
        deliver(order0),
    ]);
    out.push(("offers", crate::encode(&offers)));

    // Data requests: one fulfilled (four answers, closed by on_idle, claimed, withdrawn after),
    // one refunded (one answer), one cancelled.
    let mut req = vec![
        request(12, RequestPrice::PerOwner(10 * UNIT)),
        request(12, RequestPrice::Total(90 * UNIT)),
        request(12, RequestPrice::PerOwner(UNIT)),
        step(
            0,
            CHARLIE,
            RuntimeCall::DataRequests(pallet_requests::Call::cancel { id: request0 + 3 }),
        ),
    ];
    for i in 0..4u8 {
        req.push(step(
            0,
            CITIZEN0 + i,
            RuntimeCall::DataRequests(pallet_requests::Call::respond {
                id: request0 + 1,
                receipt_hash: H256::repeat_byte(i),
            }),
        ));
    }
    req.push(step(
        0,
        CITIZEN0 + 5,
        RuntimeCall::DataRequests(pallet_requests::Call::respond {
            id: request0 + 2,
            receipt_hash: H256::repeat_byte(5),
        }),
    ));
    // Closed by on_idle at the end of the block after the jump; claimed in the next.
    req.push(step(
        14,
        FERDIE,
        RuntimeCall::System(frame_system::Call::remark {
            remark: b"deadline".to_vec(),
        }),
    ));
    req.push(step(
        1,
        CITIZEN0,
        RuntimeCall::Revenue(pallet_revenue::Call::claim_all {}),
    ));
    req.push(step(
        0,
        CITIZEN0 + 1,
        RuntimeCall::DataRequests(pallet_requests::Call::withdraw_response { id: request0 + 1 }),
    ));
    req.push(step(
        0,
        CHARLIE,
        RuntimeCall::DataRequests(pallet_requests::Call::attest_deletion {
            id: request0 + 1,
            proof: H256::repeat_byte(9),
        }),
    ));
    out.push(("requests", crate::encode(&req)));

    // Governance: a council motion (threshold 1) approves Ferdie as a fund; a citizen gives
    // its share to it; a sale pays the fund, which claims.
    let mut gov = market(product, Pricing::Fixed { price });
    let approve = RuntimeCall::Revenue(pallet_revenue::Call::approve_fund {
        fund: account(FERDIE),
    });
    let len = codec::Encode::encoded_size(&approve) as u32;
    gov.extend([
        step(
            0,
            0,
            RuntimeCall::Council(pallet_collective::Call::propose {
                threshold: 1,
                proposal: Box::new(approve),
                length_bound: len,
            }),
        ),
        step(
            1,
            CITIZEN0,
            RuntimeCall::Revenue(pallet_revenue::Call::set_beneficiary {
                product,
                purpose: R,
                to: Some(cityzen_primitives::market::Beneficiary::Fund(account(
                    FERDIE,
                ))),
            }),
        ),
        order(product, price),
        deliver(order0),
        step(
            0,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::confirm { order: order0 }),
        ),
        step(
            0,
            FERDIE,
            RuntimeCall::Revenue(pallet_revenue::Call::claim_all {}),
        ),
        step(
            0,
            FERDIE,
            RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
                dest: account(CITIZEN0 + 7).into(),
                value: UNIT,
            }),
        ),
        step(
            0,
            CITIZEN0 + 7,
            RuntimeCall::Balances(pallet_balances::Call::burn {
                value: UNIT / 2,
                keep_alive: false,
            }),
        ),
    ]);
    out.push(("governance", crate::encode(&gov)));

    // A product's life: a subscription of three periods, delivered and confirmed; the
    // provider pauses and resumes the product and changes its pool; one owner claims from one
    // pool, one renews, one withdraws everything; the buyer cancels the subscription; the
    // council (motions of its one dev member) suspends and unsuspends the product; the owners
    // claim, one from one pool only; the provider retires the product once access has ended.
    let subscription = Pricing::Subscription {
        price_per_period: 10 * UNIT,
        period: 20,
    };
    let mut life = market(product, subscription);
    let in_council = |call: RuntimeCall| {
        let len = codec::Encode::encoded_size(&call) as u32;
        RuntimeCall::Council(pallet_collective::Call::propose {
            threshold: 1,
            proposal: Box::new(call),
            length_bound: len,
        })
    };
    life.extend([
        step(
            1,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::place_order {
                product,
                purpose: R,
                max_price: 30 * UNIT,
                buyer_key: [9u8; 32],
                periods: 3,
                terms_version: 1,
            }),
        ),
        deliver(order0),
        step(
            0,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::confirm { order: order0 }),
        ),
        step(
            0,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::pause { product }),
        ),
        step(
            1,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::resume { product }),
        ),
        step(
            0,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::set_contributor_weight {
                product,
                owner: account(CITIZEN0 + 1),
                weight: 9,
            }),
        ),
        step(
            0,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::remove_contributor {
                product,
                owner: account(CITIZEN0 + 5),
            }),
        ),
        step(
            0,
            CITIZEN0 + 1,
            RuntimeCall::Consent(pallet_consent::Call::renew_consent {
                product,
                purposes: BoundedVec::truncate_from(vec![R]),
                expires_at: Some(400),
                receipt_hash: H256::repeat_byte(11),
            }),
        ),
        step(
            0,
            CITIZEN0 + 2,
            RuntimeCall::Consent(pallet_consent::Call::withdraw_all {}),
        ),
        step(
            25,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::cancel_subscription { order: order0 }),
        ),
        step(
            0,
            0,
            in_council(RuntimeCall::DataProducts(
                pallet_data_products::Call::suspend { product },
            )),
        ),
        step(
            1,
            0,
            in_council(RuntimeCall::DataProducts(
                pallet_data_products::Call::unsuspend { product },
            )),
        ),
        step(
            1,
            CITIZEN0 + 1,
            RuntimeCall::Revenue(pallet_revenue::Call::claim {
                product,
                purpose: R,
            }),
        ),
    ]);
    life.extend(claims(30));
    life.extend([
        // Block #100 would start a session, whose rotation fills the block (pallet-session
        // charges the whole block for it): retire in the block after.
        step(
            41,
            BOB,
            RuntimeCall::DataProducts(pallet_data_products::Call::retire { product }),
        ),
    ]);
    out.push(("product-life", crate::encode(&life)));

    // Below k (security review S4): a subscription of three periods and a one-off order are
    // placed while six owners consent; four withdraw; the one-off's delivery is refused
    // (`TooFewOwners`, nothing moves); the subscription's first period was delivered and is
    // paid, its second begins below k and the subscription stops, the periods not begun
    // refunded.
    let mut below = market(
        product,
        Pricing::Subscription {
            price_per_period: 10 * UNIT,
            period: 20,
        },
    );
    below.extend([
        step(
            1,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::place_order {
                product,
                purpose: R,
                max_price: 30 * UNIT,
                buyer_key: [9u8; 32],
                periods: 3,
                terms_version: 1,
            }),
        ),
        deliver(order0),
        step(
            0,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::place_order {
                product,
                purpose: R,
                max_price: 10 * UNIT,
                buyer_key: [9u8; 32],
                periods: 1,
                terms_version: 1,
            }),
        ),
    ]);
    below.extend((0..4u8).map(|i| {
        step(
            if i == 0 { 1 } else { 0 },
            CITIZEN0 + i,
            RuntimeCall::Consent(pallet_consent::Call::withdraw_all {}),
        )
    }));
    below.extend([
        deliver(order0 + 1),
        step(
            21,
            CHARLIE,
            RuntimeCall::Escrow(pallet_escrow::Call::confirm { order: order0 }),
        ),
    ]);
    below.extend(claims(1));
    out.push(("below-k", crate::encode(&below)));
    out
}
