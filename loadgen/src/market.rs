//! The marketplace mix: onboarding (batched from //Alice, the dev chain's issuer) and a set-up
//! market, then a window of independent marketplace transactions, all pre-signed:
//! 30 % `giveConsent` (fee-less), 10 % `withdrawConsent` (fee-less), 20 % `placeOrder`,
//! 15 % `deliver`, 15 % `confirm` (with the revenue split), 10 % `claim` (fee-less).
//! No transaction of the window depends on another one of the window: the orders delivered or
//! confirmed in it were placed (and delivered) during the set-up.

use anyhow::Result;
use subxt::dynamic::Value;
use subxt_signer::sr25519::{dev, Keypair};

use crate::{
    chain::{self, accounts, id, run_all, Client, Signer, UNIT},
    window::Tx,
};

/// The purpose every product offers and every order is for.
const PURPOSE: &str = "ResearchAndDevelopment";
/// k: the dev chain's minimum number of owners in a pool.
const K: usize = 3;
/// Providers (one product each).
const PROVIDERS: usize = 20;

fn purpose() -> Value {
    Value::unnamed_variant(PURPOSE, [])
}

fn tx(pallet: &str, call: &str, args: Vec<Value>) -> subxt::tx::DynamicPayload {
    subxt::dynamic::tx(pallet, call, args)
}

fn batch(calls: Vec<subxt::tx::DynamicPayload>) -> subxt::tx::DynamicPayload {
    let calls: Vec<Value> = calls.into_iter().map(|c| c.into_value()).collect();
    tx(
        "Utility",
        "batch_all",
        vec![Value::unnamed_composite(calls)],
    )
}

fn issue(who: &Keypair, role: &str) -> subxt::tx::DynamicPayload {
    let class = if role == "DataConsumer" {
        Value::unnamed_variant("Some", [Value::unnamed_variant("Research", [])])
    } else {
        Value::unnamed_variant("None", [])
    };
    tx(
        "Credentials",
        "issue",
        vec![
            id(who),
            Value::unnamed_variant(role, []),
            Value::unnamed_variant("High", []),
            class,
            Value::unnamed_variant("None", []),
            Value::from_bytes([1u8; 32]),
        ],
    )
}

fn register_product() -> subxt::tx::DynamicPayload {
    let terms = Value::named_composite([
        ("purposes", Value::unnamed_composite([purpose()])),
        (
            "classes",
            Value::unnamed_composite([Value::unnamed_variant("Research", [])]),
        ),
        (
            "pricing",
            Value::named_variant("Fixed", [("price", Value::u128(UNIT))]),
        ),
        ("owners_share_bps", Value::u128(5_000)),
        ("min_owners", Value::u128(K as u128)),
        ("buyer_loa", Value::unnamed_variant("Low", [])),
        ("retention", Value::u128(100_000)),
    ]);
    tx(
        "DataProducts",
        "register_product",
        vec![
            Value::named_variant(
                "Batch",
                [
                    ("content_hash", Value::from_bytes([3u8; 32])),
                    ("size_bytes", Value::u128(1 << 20)),
                ],
            ),
            Value::from_bytes(b"ipfs://load"),
            Value::from_bytes([4u8; 32]),
            terms,
        ],
    )
}

fn give(product: u64) -> subxt::tx::DynamicPayload {
    tx(
        "Consent",
        "give_consent",
        vec![
            Value::u128(product.into()),
            Value::unnamed_composite([purpose()]),
            Value::unnamed_variant("None", []),
            Value::from_bytes([5u8; 32]),
        ],
    )
}

fn place(product: u64) -> subxt::tx::DynamicPayload {
    tx(
        "Escrow",
        "place_order",
        vec![
            Value::u128(product.into()),
            purpose(),
            Value::u128(UNIT),
            Value::from_bytes([7u8; 32]),
            Value::u128(1),
            // The terms version the order is placed under: the product was never updated.
            Value::u128(1),
        ],
    )
}

fn order_call(call: &str, order: u64) -> subxt::tx::DynamicPayload {
    tx("Escrow", call, vec![Value::u128(order.into())])
}

fn deliver(order: u64) -> subxt::tx::DynamicPayload {
    tx(
        "Escrow",
        "deliver",
        vec![
            Value::u128(order.into()),
            Value::from_bytes(b"enc:delivery"),
        ],
    )
}

/// How many of each kind a window of `n` holds.
struct Mix {
    give: usize,
    withdraw: usize,
    place: usize,
    deliver: usize,
    confirm: usize,
    claim: usize,
}

impl Mix {
    fn of(n: usize) -> Self {
        let part = |pct: usize| (n * pct).div_ceil(100).max(1);
        Self {
            give: part(30),
            withdraw: part(10),
            place: part(20),
            deliver: part(15),
            confirm: part(15),
            claim: part(10),
        }
    }
}

/// Sets up the market on the node and returns the window's pre-signed transactions
/// (about `n`; every kind at least once).
pub async fn prepare(
    client: &Client,
    alice_signer: &mut Signer,
    n: usize,
    tag: &str,
) -> Result<Vec<Tx>> {
    let mix = Mix::of(n);
    let providers = accounts(&format!("{tag}Provider"), PROVIDERS)?;
    // Owners: k anchors per product (never withdraw), then the window's withdrawers and
    // claimers (consenting in the set-up), then the window's new consents.
    let anchors = accounts(&format!("{tag}Anchor"), K * PROVIDERS)?;
    let withdrawers = accounts(&format!("{tag}Withdrawer"), mix.withdraw)?;
    let claimers = accounts(&format!("{tag}Claimer"), mix.claim)?;
    let newcomers = accounts(&format!("{tag}Newcomer"), mix.give)?;
    // Buyers: one order each.
    let placers = accounts(&format!("{tag}Placer"), mix.place)?;
    let to_deliver = accounts(&format!("{tag}ToDeliver"), mix.deliver)?;
    let to_confirm = accounts(&format!("{tag}ToConfirm"), mix.confirm)?;
    let earners = accounts(&format!("{tag}Earner"), PROVIDERS)?;

    let alice = dev::alice();

    // 1. Funds and credentials, from Alice in batches.
    let mut calls = Vec::new();
    for p in &providers {
        calls.push(chain::transfer(p, 1_000 * UNIT));
        calls.push(issue(p, "DataProvider"));
    }
    for b in placers
        .iter()
        .chain(&to_deliver)
        .chain(&to_confirm)
        .chain(&earners)
    {
        calls.push(chain::transfer(b, 10 * UNIT));
        calls.push(issue(b, "DataConsumer"));
    }
    let owners: Vec<&Keypair> = anchors
        .iter()
        .chain(&withdrawers)
        .chain(&claimers)
        .chain(&newcomers)
        .collect();
    for o in &owners {
        calls.push(issue(o, "DataOwner"));
    }
    let mut signed = Vec::new();
    for chunk in calls.chunks(400) {
        signed.push(alice_signer.sign(client, &alice, &batch(chunk.to_vec()))?);
    }
    run_all("onboarding", signed).await?;

    // 2. One product per provider.
    let mut signer = Signer::new();
    let signed = providers
        .iter()
        .map(|p| signer.sign(client, p, &register_product()))
        .collect::<Result<Vec<_>>>()?;
    let products: Vec<u64> = run_all("products", signed)
        .await?
        .iter()
        .map(|e| chain::event_u64(e, "DataProducts", "ProductRegistered", "product"))
        .collect::<Result<_>>()?;
    let product_of = |i: usize| products[i % products.len()];

    // 3. Contributors: every owner contributes to one product (round robin; anchors k each).
    let mut per_product: Vec<Vec<&Keypair>> = vec![Vec::new(); products.len()];
    for (i, a) in anchors.iter().enumerate() {
        per_product[i / K].push(a);
    }
    for (i, o) in withdrawers
        .iter()
        .chain(&claimers)
        .chain(&newcomers)
        .enumerate()
    {
        per_product[i % products.len()].push(o);
    }
    let mut signed = Vec::new();
    for (i, list) in per_product.iter().enumerate() {
        for chunk in list.chunks(100) {
            let entries: Vec<Value> = chunk
                .iter()
                .map(|o| Value::unnamed_composite([id(o), Value::u128(1)]))
                .collect();
            let call = tx(
                "DataProducts",
                "add_contributors",
                vec![
                    Value::u128(products[i].into()),
                    Value::unnamed_composite(entries),
                ],
            );
            signed.push(signer.sign(client, &providers[i], &call)?);
        }
    }
    run_all("contributors", signed).await?;
    let product_of_owner = |kp: &Keypair| -> u64 {
        let key = kp.public_key().0;
        per_product
            .iter()
            .position(|l| l.iter().any(|o| o.public_key().0 == key))
            .map_or(products[0], |i| products[i])
    };

    // 4. Set-up consents: anchors, withdrawers, claimers (fee-less).
    let mut owner_signer = Signer::new();
    let signed = anchors
        .iter()
        .chain(&withdrawers)
        .chain(&claimers)
        .map(|o| owner_signer.sign(client, o, &give(product_of_owner(o))))
        .collect::<Result<Vec<_>>>()?;
    run_all("consents", signed).await?;

    // 5. Long deadlines for the orders placed from now on (a council motion: Alice is the dev
    //    chain's only member, threshold 1 executes at once), so that a window measures
    //    throughput, not deadlines passing behind other load. A chain on the runtime's own
    //    periods (no `Escrow::Params`: 3 days to deliver, 2 to dispute, as the `local` network)
    //    has long ones already.
    let params = client
        .storage()
        .at_latest()
        .await?
        .fetch(&subxt::dynamic::storage("Escrow", "Params", ()))
        .await?;
    if params.is_some() {
        let set_params = tx(
            "Escrow",
            "set_params",
            vec![Value::named_composite([
                ("delivery_period", Value::u128(10_000)),
                ("dispute_window", Value::u128(1_000)),
            ])],
        );
        let length = client.tx().call_data(&set_params)?.len();
        let motion = tx(
            "Council",
            "propose",
            vec![
                Value::u128(1),
                set_params.into_value(),
                Value::u128(length as u128),
            ],
        );
        let events = run_all(
            "escrow params",
            vec![alice_signer.sign(client, &alice, &motion)?],
        )
        .await?;
        let set = events.iter().any(|e| {
            e.iter().any(|ev| {
                ev.is_ok_and(|ev| ev.pallet_name() == "Escrow" && ev.variant_name() == "ParamsSet")
            })
        });
        anyhow::ensure!(set, "the council motion did not set the escrow periods");
    }

    // 6. Set-up orders: to deliver in the window, to confirm in it, and one per product to
    //    settle now so that the pools have earnings to claim.
    let mut buyer_signer = Signer::new();
    let place_all = |list: &[Keypair], s: &mut Signer| -> Result<Vec<chain::Signed>> {
        list.iter()
            .enumerate()
            .map(|(i, b)| s.sign(client, b, &place(product_of(i))))
            .collect()
    };
    let mut signed = place_all(&to_deliver, &mut buyer_signer)?;
    signed.extend(place_all(&to_confirm, &mut buyer_signer)?);
    signed.extend(place_all(&earners, &mut buyer_signer)?);
    let orders: Vec<u64> = run_all("orders", signed)
        .await?
        .iter()
        .map(|e| chain::event_u64(e, "Escrow", "OrderPlaced", "order"))
        .collect::<Result<_>>()?;
    let (deliver_later, rest) = orders.split_at(to_deliver.len());
    let (confirm_later, settle_now) = rest.split_at(to_confirm.len());
    let provider_of = |i: usize| &providers[i % providers.len()];

    // 7. Deliver what the window confirms, and the orders settled now; confirm those.
    let signed = confirm_later
        .iter()
        .enumerate()
        .chain(settle_now.iter().enumerate())
        .map(|(i, o)| signer.sign(client, provider_of(i), &deliver(*o)))
        .collect::<Result<Vec<_>>>()?;
    run_all("deliveries", signed).await?;
    let signed = earners
        .iter()
        .zip(settle_now)
        .map(|(b, o)| buyer_signer.sign(client, b, &order_call("confirm", *o)))
        .collect::<Result<Vec<_>>>()?;
    run_all("settlements", signed).await?;

    // The window, pre-signed, interleaved by kind.
    let mut kinds: Vec<Vec<Tx>> = Vec::new();
    let sign = |kind: &'static str,
                s: &mut Signer,
                who: &Keypair,
                call: subxt::tx::DynamicPayload|
     -> Result<Tx> {
        Ok(Tx {
            kind,
            signed: s.sign(client, who, &call)?,
        })
    };
    kinds.push(
        newcomers
            .iter()
            .map(|o| {
                sign(
                    "giveConsent",
                    &mut owner_signer,
                    o,
                    give(product_of_owner(o)),
                )
            })
            .collect::<Result<_>>()?,
    );
    kinds.push(
        withdrawers
            .iter()
            .map(|o| {
                let call = tx(
                    "Consent",
                    "withdraw_consent",
                    vec![Value::u128(product_of_owner(o).into())],
                );
                sign("withdrawConsent", &mut owner_signer, o, call)
            })
            .collect::<Result<_>>()?,
    );
    kinds.push(
        placers
            .iter()
            .enumerate()
            .map(|(i, b)| sign("placeOrder", &mut buyer_signer, b, place(product_of(i))))
            .collect::<Result<_>>()?,
    );
    kinds.push(
        deliver_later
            .iter()
            .enumerate()
            .map(|(i, o)| sign("deliver", &mut signer, provider_of(i), deliver(*o)))
            .collect::<Result<_>>()?,
    );
    kinds.push(
        to_confirm
            .iter()
            .zip(confirm_later)
            .map(|(b, o)| sign("confirm", &mut buyer_signer, b, order_call("confirm", *o)))
            .collect::<Result<_>>()?,
    );
    kinds.push(
        claimers
            .iter()
            .map(|o| {
                let call = tx(
                    "Revenue",
                    "claim",
                    vec![Value::u128(product_of_owner(o).into()), purpose()],
                );
                sign("claim", &mut owner_signer, o, call)
            })
            .collect::<Result<_>>()?,
    );
    Ok(interleave(kinds))
}

/// Round robin over the lists, so that every block sees the whole mix.
pub fn interleave(mut lists: Vec<Vec<Tx>>) -> Vec<Tx> {
    for l in &mut lists {
        l.reverse();
    }
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for l in &mut lists {
            if let Some(t) = l.pop() {
                out.push(t);
                any = true;
            }
        }
        if !any {
            return out;
        }
    }
}
