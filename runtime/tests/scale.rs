//! The city-scale genesis (`cityzen_runtime::scale`) at a small size: built through the
//! runtime's genesis builder exactly as the node's `--chain scale:…` builds it, it must leave
//! every pallet's invariants holding and the market the shape the benchmarks assume.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_runtime::{
    genesis_config_presets, market_api,
    scale::{self, ScaleConfig, SCALE_KEY},
    System,
};

fn scale_ext(cfg: ScaleConfig) -> sp_io::TestExternalities {
    let mut config =
        serde_json::to_value(cityzen_runtime::RuntimeGenesisConfig::default()).expect("serializes");
    let patch = genesis_config_presets::development_config_genesis();
    if let (Some(c), Some(p)) = (config.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            // The preset's pallets, whole (the default's fields are all in the preset's).
            let base = c.entry(k.clone()).or_insert(serde_json::Value::Null);
            if let (Some(b), Some(v)) = (base.as_object_mut(), v.as_object()) {
                for (k2, v2) in v {
                    b.insert(k2.clone(), v2.clone());
                }
            } else {
                *base = v.clone();
            }
        }
        c.insert(SCALE_KEY.into(), cfg.to_json());
    }
    let json = serde_json::to_vec(&config).expect("json");
    let mut ext = sp_io::TestExternalities::new_empty();
    ext.execute_with(|| scale::build_state(json))
        .expect("the scale genesis builds");
    ext
}

#[test]
fn the_scale_genesis_writes_a_consistent_market_of_the_size_asked() {
    let cfg = ScaleConfig::new(2_000, 20, 1_000);
    let started = std::time::Instant::now();
    let mut ext = scale_ext(cfg);
    eprintln!("scale genesis {cfg:?}: {:?}", started.elapsed());
    ext.execute_with(|| {
        System::set_block_number(2);
        common::check_all();
        let kpis = market_api::kpis();
        let dev_citizens = genesis_config_presets::dev_citizens().len() as u32;
        assert_eq!(kpis.data_owners, 2_000 + dev_citizens);
        assert_eq!(kpis.live_consents, 2_000);
        assert_eq!(kpis.products_listed, 20);
        assert_eq!(kpis.orders_placed, 1_000);
        assert_eq!(kpis.contracts_established, 1_000);
        assert_eq!(kpis.value_exchanged, 1_000 * scale::PRICE);
        // Each product: its 100 contributors all consenting.
        let p = market_api::product(3).expect("product 3");
        assert_eq!(p.pools.first().map(|l| l.1), Some(100));
        // A buyer's record: its 100 orders, oldest first, paged.
        let record = market_api::record_of_processing(scale::buyer(0), None, 100);
        assert_eq!(record.len(), 100);
        assert!(record.windows(2).all(|w| w[0].id < w[1].id));
        assert!(record.iter().all(|o| o.buyer == scale::buyer(0)));
        // Overdue: orders on even products (one block's retention), less those attested
        // (every fourth order). With 20 products and order j on product j % 20, the even
        // products' orders are the even j: 500, of which the j % 4 == 0 ones are attested.
        let mut overdue = 0;
        let mut after = None;
        loop {
            let page = market_api::overdue_deletions(after, 100);
            overdue += page.len();
            match page.last() {
                Some(o) if page.len() == 100 => after = Some(o.id),
                _ => break,
            }
        }
        assert_eq!(overdue, 250);
        // An owner's consent is live and it is in the pool.
        let status = market_api::consent_status(
            scale::owner(41),
            41 % 20,
            cityzen_primitives::Purpose::ResearchAndDevelopment,
        )
        .expect("owner 41's consent");
        assert!(status.live);
    });
}

#[test]
fn the_scale_config_is_read_strictly() {
    let good = serde_json::json!({"owners": 10, "products": 2, "orders": 5});
    assert_eq!(
        ScaleConfig::from_json(&good),
        Ok(ScaleConfig::new(10, 2, 5))
    );
    let extra = serde_json::json!({"owners": 10, "products": 2, "orders": 5, "orderz": 1});
    assert!(ScaleConfig::from_json(&extra).is_err());
    let missing = serde_json::json!({"owners": 10, "products": 2});
    assert!(ScaleConfig::from_json(&missing).is_err());
    let big = serde_json::json!({"owners": 1u64 << 40, "products": 2, "orders": 5});
    assert!(ScaleConfig::from_json(&big).is_err());
    // A config without the key is passed through untouched.
    let plain = br#"{"system":{}}"#.to_vec();
    assert_eq!(scale::take_config(plain.clone()), Ok((plain, None)));
}
