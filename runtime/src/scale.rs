//! A city-scale state for benchmarks: a genesis that writes a market of the size the chain is
//! built for (by default 1 000 000 owners with a consent each, 10 000 products, 1 000 000
//! orders), through the pallets' own calls, so every index, counter and invariant is what the
//! chain itself would have written.
//!
//! It runs only when a genesis config carries the [`SCALE_KEY`] object (the node's
//! `--chain scale` / `--chain scale:OWNERS,PRODUCTS,ORDERS`, see `docs/city-scale.md`); a real
//! chain spec never does. The accounts are derived from an index ([`owner`], [`buyer`],
//! [`provider`]), so a benchmark can name them without a list.
//!
//! The shape: provider `p % providers` lists product `p` (purpose Research, fixed price, k = 5,
//! half to the owners); owner `i` contributes to product `i % products` and consents to
//! Research; order `j` is bought by buyer `j % buyers` on product `j % products`, delivered and
//! confirmed (settled: the split paid into the pool). Products with an even id keep data for one
//! block, so their orders are overdue for deletion from block 1; every fourth order's deletion
//! is attested.

use crate::{
    AccountId, Balance, Balances, Consent, Credentials, DataProducts, Escrow, RuntimeOrigin, UNIT,
};
use alloc::{format, string::String, vec::Vec};
use cityzen_primitives::{
    ConsumerClass, Loa, Pricing, ProductId, ProductKind, Purpose, Role, TermsBuilder,
};
use codec::Encode;
use frame_support::{
    traits::{fungible::Mutate, Get},
    BoundedVec,
};
use sp_core::H256;
use sp_runtime::{
    traits::{BlakeTwo256, Hash},
    DispatchError,
};

/// The key of the genesis config object that asks for the scale state.
pub const SCALE_KEY: &str = "cityzenScale";

/// The price of every scale product: 10 units.
pub const PRICE: Balance = 10 * UNIT;

/// How big a market to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScaleConfig {
    /// Data owners, each with a credential, a contribution and a consent.
    pub owners: u32,
    /// Products.
    pub products: u32,
    /// Orders, each delivered and settled.
    pub orders: u32,
    /// Buyers the orders are spread over.
    pub buyers: u32,
    /// Providers the products are spread over.
    pub providers: u32,
}

impl ScaleConfig {
    /// A market of `owners`, `products` and `orders`, with 100 orders per buyer and 100
    /// products per provider (at least one of each).
    pub fn new(owners: u32, products: u32, orders: u32) -> Self {
        Self {
            owners,
            products,
            orders,
            buyers: (orders / 100).max(1),
            providers: (products / 100).max(1),
        }
    }

    /// From its JSON object: `owners`, `products`, `orders` (numbers), and optionally `buyers`
    /// and `providers` (else as [`Self::new`]). Any other key is refused.
    pub fn from_json(v: &serde_json::Value) -> Result<Self, String> {
        let o = v
            .as_object()
            .ok_or_else(|| format!("{SCALE_KEY} must be an object"))?;
        for k in o.keys() {
            if !["owners", "products", "orders", "buyers", "providers"].contains(&k.as_str()) {
                return Err(format!("{SCALE_KEY}: unknown field {k}"));
            }
        }
        let n = |k: &str| -> Result<Option<u32>, String> {
            match o.get(k) {
                None => Ok(None),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| format!("{SCALE_KEY}.{k} must be a number below 2^32")),
            }
        };
        let need = |k: &str| n(k)?.ok_or_else(|| format!("{SCALE_KEY}.{k} is missing"));
        let mut cfg = Self::new(need("owners")?, need("products")?, need("orders")?);
        if let Some(b) = n("buyers")? {
            cfg.buyers = b;
        }
        if let Some(p) = n("providers")? {
            cfg.providers = p;
        }
        Ok(cfg)
    }

    /// Its JSON object (what [`Self::from_json`] reads).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "owners": self.owners,
            "products": self.products,
            "orders": self.orders,
            "buyers": self.buyers,
            "providers": self.providers,
        })
    }

    /// The size the chain is built for: 1 000 000 owners, 10 000 products, 1 000 000 orders.
    pub fn city() -> Self {
        Self::new(1_000_000, 10_000, 1_000_000)
    }
}

fn account(tag: &[u8], i: u32) -> AccountId {
    AccountId::from(BlakeTwo256::hash(&(b"cityzen/scale", tag, i).encode()).0)
}

/// The `i`-th data owner of the scale state.
pub fn owner(i: u32) -> AccountId {
    account(b"owner", i)
}

/// The `i`-th buyer of the scale state (a research consumer at LoA Substantial).
pub fn buyer(i: u32) -> AccountId {
    account(b"buyer", i)
}

/// The `i`-th provider of the scale state.
pub fn provider(i: u32) -> AccountId {
    account(b"provider", i)
}

/// The issuer of the scale state's credentials: Alice, the development preset's issuer of
/// every role.
pub fn issuer() -> AccountId {
    sp_keyring::Sr25519Keyring::Alice.to_account_id()
}

/// The runtime's genesis build: the config's state, then the scale market if the config
/// carries [`SCALE_KEY`].
pub fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
    let (config, scale) = take_config(config)?;
    frame_support::genesis_builder_helper::build_state::<crate::RuntimeGenesisConfig>(config)?;
    match scale {
        Some(scale) => populate(scale, &issuer()),
        None => Ok(()),
    }
}

/// Splits the scale object off a genesis config (JSON): the config without it, and the scale
/// config if it was there.
pub fn take_config(config: Vec<u8>) -> Result<(Vec<u8>, Option<ScaleConfig>), String> {
    let mut json: serde_json::Value =
        serde_json::from_slice(&config).map_err(|e| format!("genesis config: {e}"))?;
    let Some(scale) = json.as_object_mut().and_then(|o| o.remove(SCALE_KEY)) else {
        return Ok((config, None));
    };
    let scale = ScaleConfig::from_json(&scale)?;
    let config = serde_json::to_vec(&json).map_err(|e| format!("genesis config: {e}"))?;
    Ok((config, Some(scale)))
}

fn hash(tag: &[u8], i: u32) -> H256 {
    BlakeTwo256::hash(&(tag, i).encode())
}

fn step(what: &str, i: u32, r: Result<(), DispatchError>) -> Result<(), String> {
    r.map_err(|e| format!("scale state: {what} {i}: {e:?}"))
}

/// `a % b`, 0 when `b` is 0 (no divisor here is).
fn rem(a: u32, b: u32) -> u32 {
    a.checked_rem(b).unwrap_or(0)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
    RuntimeOrigin::signed(who.clone())
}

/// Writes the scale market through the pallets' calls, as `issuer` (an issuer of every role,
/// Alice in the development preset). Call it at genesis, after the preset's state is built.
pub fn populate(cfg: ScaleConfig, issuer: &AccountId) -> Result<(), String> {
    let products = cfg.products.max(1);
    let buyers = cfg.buyers.max(1);
    let providers = cfg.providers.max(1);
    let issue = |who: AccountId, role: Role, class: Option<ConsumerClass>, i: u32| {
        step(
            "credential",
            i,
            Credentials::issue(
                signed(issuer),
                who,
                role,
                Loa::Substantial,
                class,
                None,
                hash(b"evidence", i),
            ),
        )
    };
    // Accounts: providers and buyers accredited and funded, owners accredited (no balance).
    let per_buyer = u128::from(cfg.orders.div_ceil(buyers));
    for p in 0..providers {
        issue(provider(p), Role::DataProvider, None, p)?;
        Balances::mint_into(&provider(p), 1_000_000 * UNIT)
            .map_err(|e| format!("scale state: fund provider {p}: {e:?}"))?;
    }
    for b in 0..buyers {
        issue(
            buyer(b),
            Role::DataConsumer,
            Some(ConsumerClass::Research),
            b,
        )?;
        Balances::mint_into(
            &buyer(b),
            PRICE.saturating_mul(per_buyer).saturating_add(UNIT),
        )
        .map_err(|e| format!("scale state: fund buyer {b}: {e:?}"))?;
    }
    for i in 0..cfg.owners {
        issue(owner(i), Role::DataOwner, None, i)?;
    }
    // Products, then their contributors in batches.
    let first: ProductId = pallet_data_products::NextProductId::<crate::Runtime>::get();
    for p in 0..products {
        let retention = if p % 2 == 0 { 1 } else { 1_000_000 };
        let terms = TermsBuilder::new(Pricing::Fixed { price: PRICE }, retention)
            .purposes(&[Purpose::ResearchAndDevelopment])
            .build();
        step(
            "product",
            p,
            DataProducts::register_product(
                signed(&provider(rem(p, providers))),
                ProductKind::Batch {
                    content_hash: hash(b"content", p),
                    size_bytes: 1 << 20,
                },
                BoundedVec::truncate_from(b"ipfs://scale".to_vec()),
                hash(b"licence", 0),
                terms,
            ),
        )?;
    }
    let batch: u32 = <crate::Runtime as pallet_data_products::Config>::MaxContributorBatch::get();
    for p in 0..products {
        let id = first.saturating_add(u64::from(p));
        let mut owners = (p..cfg.owners).step_by(products as usize).peekable();
        while owners.peek().is_some() {
            let list: Vec<(AccountId, u64)> = owners
                .by_ref()
                .take(batch as usize)
                .map(|i| (owner(i), 1))
                .collect();
            step(
                "contributors of product",
                p,
                DataProducts::add_contributors(
                    signed(&provider(rem(p, providers))),
                    id,
                    BoundedVec::truncate_from(list),
                )
                .map(|_| ())
                .map_err(|e| e.error),
            )?;
        }
    }
    for i in 0..cfg.owners {
        let id = first.saturating_add(u64::from(rem(i, products)));
        step(
            "consent of owner",
            i,
            Consent::give_consent(
                signed(&owner(i)),
                id,
                BoundedVec::truncate_from(alloc::vec![Purpose::ResearchAndDevelopment]),
                None,
                hash(b"receipt", i),
            )
            .map(|_| ())
            .map_err(|e| e.error),
        )?;
    }
    // Orders: placed, delivered, confirmed; every fourth deletion attested.
    for j in 0..cfg.orders {
        let p = rem(j, products);
        let who = buyer(rem(j, buyers));
        let order = pallet_escrow::NextOrderId::<crate::Runtime>::get();
        step(
            "order",
            j,
            Escrow::place_order(
                signed(&who),
                first.saturating_add(u64::from(p)),
                Purpose::ResearchAndDevelopment,
                PRICE,
                [7u8; 32],
                1,
                1,
            ),
        )?;
        step(
            "delivery",
            j,
            Escrow::deliver(
                signed(&provider(rem(p, providers))),
                order,
                BoundedVec::truncate_from(b"ipfs://delivery".to_vec()),
            )
            .map(|_| ())
            .map_err(|e| e.error),
        )?;
        step("confirm", j, Escrow::confirm(signed(&who), order))?;
        if rem(j, 4) == 0 {
            step(
                "deletion",
                j,
                Escrow::attest_deletion(signed(&who), order, hash(b"deleted", j)),
            )?;
        }
    }
    Ok(())
}
