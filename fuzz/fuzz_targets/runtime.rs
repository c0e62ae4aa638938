//! The runtime fuzz target: every input is a sequence of signed calls and time lapses applied
//! to a fresh development chain (`cityzen_fuzz::run`), with every invariant checked after each
//! block. `CITYZEN_FUZZ_SEEDS=dir` writes the seed inputs into `dir` at start;
//! `CITYZEN_FUZZ_STATS=file` appends, per input, one line per call: `pallet.call ok err refused worst-ratio worst-call`.
#![no_main]

use std::io::Write;

libfuzzer_sys::fuzz_target!(
    init: {
        cityzen_fuzz::integrity();
        if let Ok(dir) = std::env::var("CITYZEN_FUZZ_SEEDS") {
            std::fs::create_dir_all(&dir).expect("seed dir");
            for (name, bytes) in cityzen_fuzz::seeds::all() {
                std::fs::write(format!("{dir}/seed-{name}"), bytes).expect("seed written");
            }
        }
    },
    |data: &[u8]| {
        let report = cityzen_fuzz::run(data);
        if let Ok(path) = std::env::var("CITYZEN_FUZZ_STATS") {
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("stats file");
            for (name, (ok, err, refused)) in &report.calls {
                writeln!(f, "{name} {ok} {err} {refused} {:.3} {}", report.worst_ratio, report.worst_call).expect("stats written");
            }
        }
    }
);
