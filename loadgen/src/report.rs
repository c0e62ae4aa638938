//! The report: a Markdown table of the windows side by side, the fate of every transaction,
//! and a PNG chart of the transactions included per block.

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

use anyhow::{Context, Result};
use plotters::prelude::*;

use crate::window::Outcome;

/// The side-by-side table, with the marketplace/transfers ratio and the node's peak memory.
pub fn markdown(outcomes: &[Outcome], peak_rss_kib: Option<u64>, header: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{header}\n");
    let _ = writeln!(
        s,
        "| window | submitted | included (ok / failed) | refused by the pool | not included | loaded blocks | tx/block | tx/s | finality lag p50 / p99 / max |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
    for o in outcomes {
        let ok: usize = o.ok.values().sum();
        let failed: usize = o.failed.values().sum();
        let (blocks, _) = o.span();
        let _ = writeln!(
            s,
            "| {} | {} | {} ({ok} / {failed}) | {} | {} | {blocks} | {:.0} | {:.1} | {} / {} / {} |",
            o.name,
            o.submitted,
            o.included(),
            o.refused.values().sum::<usize>(),
            o.missing.values().sum::<usize>(),
            o.per_block(),
            o.per_second(),
            o.lag_quantile(0.5),
            o.lag_quantile(0.99),
            o.lag.iter().max().copied().unwrap_or(0),
        );
        if o.lag.is_empty() || o.lag_missed > 0 {
            notes.push(format!(
                "{}: finality lag from {} samples, {} missed (the node did not answer)",
                o.name,
                o.lag.len(),
                o.lag_missed
            ));
        }
    }
    for n in &notes {
        let _ = writeln!(s, "\n_{n}._");
    }
    let rate = |name: &str| {
        outcomes
            .iter()
            .find(|o| o.name == name)
            .map(Outcome::per_second)
    };
    if let (Some(a), Some(b)) = (rate("transfers"), rate("market")) {
        let _ = writeln!(
            s,
            "\nMarketplace / transfers (tx/s, same run): **{:.2}**",
            b / a.max(f64::MIN_POSITIVE)
        );
    }
    if let Some(kib) = peak_rss_kib {
        let _ = writeln!(
            s,
            "\nNode peak resident memory (VmHWM): {:.0} MiB",
            kib as f64 / 1024.0
        );
    }
    let _ = writeln!(
        s,
        "\n### Blocks from submission to inclusion, by kind (p50 / p99 / max)\n"
    );
    for o in outcomes {
        let kinds: Vec<&str> = o
            .blocks
            .iter()
            .flat_map(|b| b.by_kind.keys().copied())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        for kind in kinds {
            let mut v = o.inclusion_blocks(kind);
            v.sort_unstable();
            let q = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
            if !v.is_empty() {
                let _ = writeln!(
                    s,
                    "- {} / {kind}: {} / {} / {} ({} included)",
                    o.name,
                    q(0.5),
                    q(0.99),
                    v[v.len() - 1],
                    v.len()
                );
            }
        }
    }
    let _ = writeln!(s, "\n### Every transaction's fate\n");
    for o in outcomes {
        let _ = writeln!(s, "- **{}**", o.name);
        for (kind, n) in &o.ok {
            let _ = writeln!(s, "  - included, succeeded: {kind} × {n}");
        }
        for (what, n) in &o.failed {
            let _ = writeln!(s, "  - included, failed: {what} × {n}");
        }
        for (why, n) in &o.refused {
            let _ = writeln!(s, "  - refused by the pool: {why} × {n}");
        }
        for (why, n) in &o.missing {
            let _ = writeln!(s, "  - not included in time: {why} × {n}");
        }
    }
    let _ = writeln!(
        s,
        "\n### When each kind got in (block of the window, 1 = the first one with load)\n"
    );
    let _ = writeln!(s, "| window | kind | included | first block | last block |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for o in outcomes {
        let start = o
            .blocks
            .iter()
            .position(|b| !b.by_kind.is_empty())
            .unwrap_or(0);
        let mut kinds: std::collections::BTreeMap<&str, (usize, usize, usize)> =
            std::collections::BTreeMap::new();
        for (i, b) in o.blocks.iter().enumerate().skip(start) {
            for (k, n) in &b.by_kind {
                let e = kinds.entry(k).or_insert((0, usize::MAX, 0));
                e.0 += n;
                e.1 = e.1.min(i - start + 1);
                e.2 = e.2.max(i - start + 1);
            }
        }
        for (k, (n, first, last)) in kinds {
            let _ = writeln!(s, "| {} | {k} | {n} | {first} | {last} |", o.name);
        }
    }
    let _ = writeln!(s, "\n### Per block\n");
    for o in outcomes {
        let _ = writeln!(s, "- **{}**", o.name);
        for b in &o.blocks {
            let line: Vec<String> = b.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let total: usize = b.by_kind.values().sum();
            let _ = writeln!(s, "  - #{}: {total} ({})", b.number, line.join(", "));
        }
    }
    s
}

/// A line per window: transactions included per block, block by block from the window's start.
pub fn chart(outcomes: &[Outcome], path: &Path) -> Result<()> {
    let font = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        .context("the chart needs DejaVuSans (Debian's fonts-dejavu-core)")?;
    let font: &'static [u8] = Box::leak(font.into_boxed_slice());
    plotters::style::register_font("sans-serif", FontStyle::Normal, font)
        .map_err(|_| anyhow::anyhow!("font not usable"))?;
    let max_blocks = outcomes
        .iter()
        .map(|o| o.blocks.len())
        .max()
        .unwrap_or(1)
        .max(2);
    let max_tx = outcomes
        .iter()
        .flat_map(|o| o.blocks.iter().map(|b| b.by_kind.values().sum::<usize>()))
        .max()
        .unwrap_or(1)
        .max(1);
    let root = BitMapBackend::new(path, (1000, 560)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut c = ChartBuilder::on(&root)
        .caption("Transactions included per block", ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0usize..max_blocks, 0usize..(max_tx + max_tx / 10 + 1))?;
    c.configure_mesh()
        .x_desc("block of the window")
        .y_desc("included")
        .label_style(("sans-serif", 14))
        .draw()?;
    let colours = [BLUE, RED, GREEN, MAGENTA, CYAN];
    for (i, o) in outcomes.iter().enumerate() {
        let colour = colours[i % colours.len()];
        let points: Vec<(usize, usize)> = o
            .blocks
            .iter()
            .enumerate()
            .map(|(j, b)| (j, b.by_kind.values().sum()))
            .collect();
        c.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
            .label(o.name.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
            });
        c.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 3, colour.filled())),
        )?;
    }
    c.configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()?;
    root.present()?;
    Ok(())
}

/// The block of `o` that holds the most `kind` transactions where they are at least 80 % of
/// the block's extrinsics (inherents included): the block-level cost of that call type.
fn dominant<'a>(o: &'a Outcome, kind: &str) -> Option<&'a crate::window::BlockLoad> {
    o.blocks
        .iter()
        .filter(|b| {
            let n = b.by_kind.get(kind).copied().unwrap_or(0);
            n > 0 && n * 10 >= b.extrinsics * 8
        })
        .max_by_key(|b| b.by_kind.get(kind).copied().unwrap_or(0))
}

/// Charged weight ÷ build time, per call type, on the block of each window that call type
/// fills most (`builds`: block number → ms, from the node's log), and the sales per second
/// (`placeOrder` + `deliver` + `confirm`) one node's blocks hold: by charged weight and by
/// build time. `capacity`: normal weight per block (ps) and the block time (ms).
pub fn weights(
    outcomes: &[Outcome],
    builds: &std::collections::HashMap<u64, u64>,
    capacity: (u64, u64),
) -> String {
    let (normal, block_ms) = capacity;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n### Charged weight ÷ build time, per call type (the block each window fills most with it)\n"
    );
    let _ = writeln!(
        s,
        "| window | kind | block | of its extrinsics | charged ms | built ms | charged ÷ built | block full (charged ÷ normal limit) | charged µs / tx | built µs / tx |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
    // kind → (charged µs / tx, built µs / tx) of the fullest block seen.
    let mut per_tx: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for o in outcomes {
        let kinds: std::collections::BTreeSet<&'static str> = o
            .blocks
            .iter()
            .flat_map(|b| b.by_kind.keys().copied())
            .collect();
        for kind in kinds {
            let Some(b) = dominant(o, kind) else { continue };
            let Some(&built) = builds.get(&b.number) else {
                continue;
            };
            let n = b.by_kind.get(kind).copied().unwrap_or(0);
            let charged = b.charged as f64 / 1e9;
            let ratio = charged / (built.max(1) as f64);
            let c_tx = charged * 1e3 / n.max(1) as f64;
            let b_tx = built as f64 * 1e3 / n.max(1) as f64;
            let _ = writeln!(
                s,
                "| {} | {kind} | #{} | {n} / {} | {charged:.0} | {built} | {ratio:.2} | {:.2} | {c_tx:.0} | {b_tx:.0} |",
                o.name,
                b.number,
                b.extrinsics,
                b.charged as f64 / normal.max(1) as f64,
            );
            let e = per_tx.entry(kind).or_insert((c_tx, b_tx, 0));
            if n > e.2 {
                *e = (c_tx, b_tx, n);
            }
        }
    }
    let _ = writeln!(
        s,
        "\n_Built: the node's own `Prepared block for proposing (T ms)`, with its inherents and hooks; charged: `System::BlockWeight` of that block. A ratio under 1.00 is a block that took longer than it was charged._"
    );
    let sale = ["placeOrder", "deliver", "confirm"];
    let found: Vec<(f64, f64)> = sale
        .iter()
        .filter_map(|k| per_tx.get(k).map(|&(c, b, _)| (c, b)))
        .collect();
    if found.len() == sale.len() {
        let charged: f64 = found.iter().map(|x| x.0).sum();
        let built: f64 = found.iter().map(|x| x.1).sum();
        let per_block = |us: f64| normal as f64 / 1e6 / us.max(f64::MIN_POSITIVE);
        let secs = block_ms.max(1) as f64 / 1e3;
        let _ = writeln!(
            s,
            "\nsales/s: {:.0}  (placeOrder + deliver + confirm = {charged:.0} µs charged a sale; {:.0} sales in a block's normal limit of {:.0} ms, one block every {secs:.0} s; by build time, {built:.0} µs a sale: {:.0}/s)",
            per_block(charged) / secs,
            per_block(charged),
            normal as f64 / 1e9,
            per_block(built) / secs,
        );
    } else {
        let _ = writeln!(
            s,
            "\nsales/s: n/a (no block of this run is at least 80 % placeOrder, deliver and confirm each)"
        );
    }
    s
}
