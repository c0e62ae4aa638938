//! The JSON of each read shape, field by field, as docs/market-rpc.md documents it.

use super::*;
use serde_json::{json, to_value};
use sp_core::crypto::AccountId32;

fn alice() -> AccountId32 {
    AccountId32::new([1u8; 32])
}

const ALICE: &str = "5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT";

fn order(deletion: Option<(H256, u32)>) -> OrderView<AccountId32, u128, u32> {
    OrderView {
        id: 7,
        buyer: alice(),
        provider: alice(),
        product_id: 3,
        purpose: Purpose::Statistics,
        terms_version: 2,
        periods: 0,
        price: u128::MAX,
        held: 0,
        paid: 1_000,
        placed: 10,
        deliver_by: 30,
        delivered: Some(12),
        delivery_ref: Some(b"ab".to_vec()),
        dispute_until: None,
        access_until: Some(62),
        retention_due: Some(62),
        deletion,
        refund_bps: None,
        state: OrderState::Settled,
    }
}

#[test]
fn an_order_is_camel_case_with_balances_as_strings_and_the_deletion_split() {
    assert_eq!(
        to_value(order(None)).unwrap(),
        json!({
            "id": 7, "buyer": ALICE, "provider": ALICE, "productId": 3,
            "purpose": "Statistics", "termsVersion": 2, "periods": 0,
            "price": "340282366920938463463374607431768211455", "held": "0", "paid": "1000",
            "placed": 10, "deliverBy": 30, "delivered": 12, "deliveryRef": "0x6162",
            "disputeUntil": null, "accessUntil": 62, "retentionDue": 62,
            "deletionAttested": null, "deletionProof": null, "refundBps": null,
            "state": "Settled"
        })
    );
    let attested = to_value(order(Some((H256::repeat_byte(0xab), 70)))).unwrap();
    assert_eq!(attested["deletionAttested"], json!(70));
    assert_eq!(
        attested["deletionProof"],
        json!(format!("0x{}", "ab".repeat(32)))
    );
}

fn product(kind: KindView, pricing: Pricing<u128, u32>) -> ProductView<AccountId32, u128, u32> {
    ProductView {
        id: 1,
        provider: alice(),
        kind,
        metadata: b"m".to_vec(),
        licence_hash: H256::zero(),
        purposes: alloc::vec![Purpose::ResearchAndDevelopment],
        classes: alloc::vec![ConsumerClass::Research],
        pricing,
        owners_share_bps: 3_000,
        min_owners: 3,
        buyer_loa: Loa::Substantial,
        retention: 100,
        version: 1,
        status: ProductStatus::Active,
        deposit: 5,
        open_orders: 0,
        contributors: 4,
        created_at: 2,
        pools: alloc::vec![(Purpose::ResearchAndDevelopment, 4)],
    }
}

#[test]
fn a_product_flattens_its_kind_and_tags_its_pricing() {
    let batch = to_value(product(
        KindView::Batch {
            content_hash: H256::repeat_byte(1),
            size_bytes: 4096,
        },
        Pricing::Fixed { price: 10 },
    ))
    .unwrap();
    assert_eq!(
        batch,
        json!({
            "id": 1, "provider": ALICE, "kind": "Batch",
            "contentHash": format!("0x{}", "01".repeat(32)), "sizeBytes": 4096,
            "streamId": null, "metadata": "0x6d", "licenceHash": format!("0x{}", "00".repeat(32)),
            "purposes": ["ResearchAndDevelopment"], "classes": ["Research"],
            "pricing": { "model": "Fixed", "price": "10" }, "ownersShareBps": 3000,
            "minOwners": 3, "buyerLoa": "Substantial", "retention": 100, "version": 1,
            "status": "Active", "deposit": "5", "openOrders": 0, "contributors": 4,
            "createdAt": 2, "pools": [{ "purpose": "ResearchAndDevelopment", "members": 4 }]
        })
    );
    let stream = to_value(product(
        KindView::Stream {
            stream_id: b"s1".to_vec(),
        },
        Pricing::Subscription {
            price_per_period: 7,
            period: 10,
        },
    ))
    .unwrap();
    assert_eq!(stream["kind"], json!("Stream"));
    assert_eq!(stream["contentHash"], json!(null));
    assert_eq!(stream["sizeBytes"], json!(null));
    assert_eq!(stream["streamId"], json!("0x7331"));
    assert_eq!(
        stream["pricing"],
        json!({ "model": "Subscription", "pricePerPeriod": "7", "period": 10 })
    );
    let nego = to_value(product(
        KindView::Stream {
            stream_id: alloc::vec![],
        },
        Pricing::Negotiated { floor: 9 },
    ))
    .unwrap();
    assert_eq!(
        nego["pricing"],
        json!({ "model": "Negotiated", "floor": "9" })
    );
}

#[test]
fn statements_kpis_and_consents_write_numbers_that_can_exceed_2_pow_53_as_strings() {
    let s = Statement::<u128> {
        pools: alloc::vec![PoolLine {
            product_id: 3,
            purpose: Purpose::Statistics,
            weight: u64::MAX,
            pool_weight: u128::MAX,
            earned: 5,
            claimed: 2,
            pending: 3,
        }],
        unclaimed_left: 1,
        earned: 6,
        claimed: 2,
        pending: 4,
    };
    assert_eq!(
        to_value(s).unwrap(),
        json!({
            "pools": [{
                "productId": 3, "purpose": "Statistics", "weight": "18446744073709551615",
                "poolWeight": "340282366920938463463374607431768211455",
                "earned": "5", "claimed": "2", "pending": "3"
            }],
            "unclaimedLeft": "1", "earned": "6", "claimed": "2", "pending": "4"
        })
    );
    let k = Kpis::<u128> {
        contracts_established: 1,
        orders_placed: 2,
        value_exchanged: 3,
        data_volume_bytes: 4,
        data_owners: 5,
        consumers: 6,
        providers: 7,
        live_consents: 8,
        products_listed: 9,
        given_to_funds: 10,
        requests_posted: 11,
        requests_fulfilled: 12,
        paid_by_requests: 13,
    };
    assert_eq!(
        to_value(k).unwrap(),
        json!({
            "contractsEstablished": 1, "ordersPlaced": 2, "valueExchanged": "3",
            "dataVolumeBytes": 4, "dataOwners": 5, "consumers": 6, "providers": 7,
            "liveConsents": 8, "productsListed": 9, "givenToFunds": "10",
            "requestsPosted": 11, "requestsFulfilled": 12, "paidByRequests": "13"
        })
    );
    let c = ConsentStatus::<u32> {
        state: ConsentState::Renewed,
        purposes: alloc::vec![Purpose::Statistics],
        expires_at: None,
        receipt_hash: H256::repeat_byte(2),
        given_at: 1,
        updated_at: 5,
        live: true,
    };
    assert_eq!(
        to_value(c).unwrap(),
        json!({
            "state": "Renewed", "purposes": ["Statistics"], "expiresAt": null,
            "receiptHash": format!("0x{}", "02".repeat(32)), "givenAt": 1, "updatedAt": 5,
            "live": true
        })
    );
}

#[test]
fn the_altruism_report_and_a_beneficiary_are_json_as_documented() {
    let report = AltruismReport::<AccountId32, u128> {
        to_funds: u128::MAX,
        to_other_owners: 2,
        funds: alloc::vec![FundLine {
            fund: alice(),
            approved: false,
            altruists: 1,
            received: 5,
            unclaimed: 3,
        }],
    };
    assert_eq!(
        to_value(report).unwrap(),
        json!({
            "toFunds": "340282366920938463463374607431768211455",
            "toOtherOwners": 2,
            "funds": [{
                "fund": ALICE, "approved": false, "altruists": 1, "received": "5", "unclaimed": "3"
            }]
        })
    );
    assert_eq!(
        to_value(Beneficiary::Fund(alice())).unwrap(),
        json!({ "Fund": ALICE })
    );
    assert_eq!(
        to_value(Beneficiary::<AccountId32>::OtherOwners).unwrap(),
        json!("OtherOwners")
    );
}

#[test]
fn a_request_and_a_response_are_json_as_documented() {
    use crate::requests::*;
    let r = RequestView::<AccountId32, u128, u32> {
        id: 2,
        seeker: alice(),
        seeker_class: ConsumerClass::PublicSector,
        purpose: Purpose::PublicBenefit,
        categories: alloc::vec![DataCategory::Travel, DataCategory::SensorReadings],
        terms_hash: H256::repeat_byte(3),
        min_owners: 3,
        max_owners: 10,
        owner_loa: crate::Loa::Substantial,
        price: RequestPrice::PerOwner(u128::MAX),
        held: 0,
        posted: 5,
        deadline: 25,
        retention: 100,
        state: RequestState::Fulfilled,
        respondents: 3,
        closed: Some(25),
        retention_due: Some(125),
        deletion_attested: None,
        split: Some(RequestSplit {
            fee: 1,
            per_owner: 2,
            owners: 3,
            returned: 4,
        }),
    };
    assert_eq!(
        to_value(r).unwrap(),
        json!({
            "id": 2, "seeker": ALICE, "seekerClass": "PublicSector", "purpose": "PublicBenefit",
            "categories": ["Travel", "SensorReadings"],
            "termsHash": format!("0x{}", "03".repeat(32)),
            "minOwners": 3, "maxOwners": 10, "ownerLoa": "Substantial",
            "price": { "perOwner": "340282366920938463463374607431768211455" },
            "held": "0", "posted": 5, "deadline": 25, "retention": 100, "state": "Fulfilled",
            "respondents": 3, "closed": 25, "retentionDue": 125, "deletionAttested": null,
            "split": { "fee": "1", "perOwner": "2", "owners": 3, "returned": "4" }
        })
    );
    let open = RequestView::<AccountId32, u128, u32> {
        price: RequestPrice::Total(7),
        state: RequestState::Open,
        split: None,
        closed: None,
        retention_due: None,
        ..r_clone()
    };
    let v = to_value(open).unwrap();
    assert_eq!(v["price"], json!({ "total": "7" }));
    assert_eq!(v["split"], json!(null));
    let resp = ResponseView::<AccountId32, u32> {
        request_id: 2,
        owner: alice(),
        at: 7,
        receipt_hash: H256::repeat_byte(4),
        withdrawn: Some(30),
    };
    assert_eq!(
        to_value(resp).unwrap(),
        json!({
            "requestId": 2, "owner": ALICE, "at": 7,
            "receiptHash": format!("0x{}", "04".repeat(32)), "withdrawn": 30
        })
    );
}

fn r_clone() -> crate::requests::RequestView<AccountId32, u128, u32> {
    use crate::requests::*;
    RequestView {
        id: 1,
        seeker: alice(),
        seeker_class: ConsumerClass::Research,
        purpose: Purpose::Statistics,
        categories: alloc::vec![DataCategory::Location],
        terms_hash: H256::zero(),
        min_owners: 3,
        max_owners: 3,
        owner_loa: crate::Loa::Low,
        price: RequestPrice::Total(3),
        held: 3,
        posted: 1,
        deadline: 2,
        retention: 3,
        state: RequestState::Open,
        respondents: 0,
        closed: None,
        retention_due: None,
        deletion_attested: None,
        split: None,
    }
}
