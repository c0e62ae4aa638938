//! Compacts a CityZEN node's RocksDB database (`<base-path>/chains/<id>/db/full`) fully: every
//! column, down to the bottom level, with the column options of the node (sc-client-db of
//! stable2609: 13 columns, the state column with 90 % of the cache budget).
//!
//! A scale chain's genesis (`--chain scale`) commits its whole state in one write; its files are
//! not what a chain that grew block by block has. Compacting them first makes `benchmark
//! storage` measure reads and writes of a settled database.
//!
//! Usage: `cityzen-db-compact <db path> [cache MiB, default 1024 as the node's --db-cache]`.

use std::{collections::HashMap, process::ExitCode, time::Instant};

/// Columns of sc-client-db's database (`utils::NUM_COLUMNS`).
const NUM_COLUMNS: u32 = 13;
/// The state column (`columns::STATE`).
const STATE: u32 = 1;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cityzen-db-compact <db path> [cache MiB]");
        return ExitCode::from(2);
    };
    let cache: usize = match args.get(1).map(|s| s.parse()) {
        None => 1024,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("cache MiB: {e}");
            return ExitCode::from(2);
        }
    };
    let mut config = kvdb_rocksdb::DatabaseConfig::with_columns(NUM_COLUMNS);
    config.create_if_missing = false;
    let state_budget = cache * 9 / 10;
    let other_budget = (cache - state_budget) / (NUM_COLUMNS as usize - 1);
    config.memory_budget = (0..NUM_COLUMNS)
        .map(|c| {
            (
                c,
                if c == STATE {
                    state_budget
                } else {
                    other_budget
                },
            )
        })
        .collect::<HashMap<_, _>>();
    let db = match kvdb_rocksdb::Database::open(&config, path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let all = Instant::now();
    for col in 0..NUM_COLUMNS {
        let t = Instant::now();
        if let Err(e) = db.force_compact(col) {
            eprintln!("column {col}: {e}");
            return ExitCode::FAILURE;
        }
        println!(
            "column {col}: compacted in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    println!(
        "all columns compacted in {:.1} s",
        all.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
