//! Work due at a block, the pallets' one way: a [`BlockKey`] (the block, then an id, both
//! big-endian) orders a map stored with `Identity` hashing by block then id, so its first key is
//! the earliest work; [`service_due`] does the due items while a [`WeightMeter`] has room for
//! the heaviest, and handles a failed item one way (`defensive!`, then the next item).

use frame_support::weights::{Weight, WeightMeter};

/// A key that sorts by block, then by id: both as big-endian `u64`.
pub type BlockKey = [u8; 16];

/// The key of `id` due at `block`.
pub fn block_key(block: u64, id: u64) -> BlockKey {
    let mut key = [0u8; 16];
    key[..8].copy_from_slice(&block.to_be_bytes());
    key[8..].copy_from_slice(&id.to_be_bytes());
    key
}

/// The block and id of a [`BlockKey`].
pub fn split_block_key(key: &BlockKey) -> (u64, u64) {
    let mut block = [0u8; 8];
    let mut id = [0u8; 8];
    block.copy_from_slice(&key[..8]);
    id.copy_from_slice(&key[8..]);
    (u64::from_be_bytes(block), u64::from_be_bytes(id))
}

/// How one item of due work went.
pub enum Done {
    /// Done, for this weight.
    Ok(Weight),
    /// It failed (its effects were rolled back): charged this weight, and the loop goes on.
    Failed(Weight, &'static str),
}

/// Does due items while `meter` has room for `worst` (the heaviest item and the read that
/// finds it): `next()` gives the next due item (`None`: nothing is due), `run` does it. A failed
/// item is reported with `defensive!` and never blocks the queue (`run` must take it off).
/// Returns how many items were done or failed.
pub fn service_due<I>(
    meter: &mut WeightMeter,
    worst: Weight,
    mut next: impl FnMut() -> Option<I>,
    mut run: impl FnMut(I) -> Done,
) -> u32 {
    let mut count = 0u32;
    while meter.can_consume(worst) {
        let Some(item) = next() else { break };
        let used = match run(item) {
            Done::Ok(w) => w,
            Done::Failed(w, what) => {
                frame_support::defensive!(what);
                w
            }
        };
        // `used` is at most `worst`, which the meter had room for.
        meter.consume(used.min(worst));
        count = count.saturating_add(1);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_by_block_then_id_and_split_back() {
        let keys = [
            block_key(1, 9),
            block_key(2, 0),
            block_key(2, 3),
            block_key(256, 1),
        ];
        let mut sorted = keys;
        sorted.sort();
        assert_eq!(sorted, keys);
        assert_eq!(split_block_key(&block_key(u64::MAX, 7)), (u64::MAX, 7));
    }

    // `defensive!` panics where debug assertions are on; the tiers test in release.
    #[test]
    #[cfg_attr(debug_assertions, should_panic)]
    fn the_meter_bounds_the_work_and_a_failure_does_not_stop_it() {
        let mut queue = alloc::vec![1u32, 2, 3, 4, 5];
        let mut meter = WeightMeter::with_limit(Weight::from_parts(35, 35));
        let worst = Weight::from_parts(10, 10);
        let mut seen = alloc::vec::Vec::new();
        let done = service_due(
            &mut meter,
            worst,
            || (!queue.is_empty()).then(|| queue.remove(0)),
            |i| {
                seen.push(i);
                if i == 2 {
                    Done::Failed(Weight::from_parts(5, 5), "item 2 fails")
                } else {
                    Done::Ok(worst)
                }
            },
        );
        // 10 + 5 + 10 + 10 = 35 consumed: no room for the fifth.
        assert_eq!((done, seen), (4, alloc::vec![1, 2, 3, 4]));
        assert_eq!(meter.consumed(), Weight::from_parts(35, 35));
        assert_eq!(queue, alloc::vec![5]);
    }
}
