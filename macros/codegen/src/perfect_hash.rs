//! Builds the perfect hash that finds a code in a big table. Only the
//! tables are built here, at compile time; the lookup that reads them lives
//! once in the runtime (`errtable::__private::CodeIndex`), and both hash
//! with `errtable_shared`, so they cannot disagree.

use errtable_shared::{bucket_of, slot_of};

/// A hash-and-displace perfect hash of distinct 64-bit code hashes: each
/// hash's bucket holds a seed that sends every hash of the bucket to a slot
/// of its own.
pub(crate) struct PerfectHash {
    /// Per bucket, the seed of its hashes' slots.
    pub seeds: Vec<u32>,
    /// Per slot, the row there plus one; 0 for an empty slot.
    pub slots: Vec<u32>,
}

impl PerfectHash {
    /// The perfect hash of `hashes` (row `i` has `hashes[i]`), or `None`
    /// when two rows have the same hash.
    pub(crate) fn build(hashes: &[u64]) -> Option<PerfectHash> {
        // Half-full slots and about four hashes a bucket: seeds come quickly.
        let slot_count = (hashes.len() * 2).next_power_of_two().max(2);
        let bucket_count = (hashes.len() / 4).next_power_of_two().max(2);
        let mut buckets: Vec<Vec<(u64, u32)>> = vec![Vec::new(); bucket_count];
        for (row, &hash) in (1u32..).zip(hashes) {
            buckets[bucket_of(hash, bucket_count)].push((hash, row));
        }
        // The biggest buckets first, while most slots are free.
        let mut sizes = Vec::with_capacity(bucket_count);
        for bucket in &buckets {
            sizes.push([usize::MAX - bucket.len(), 0, 0]);
        }
        let order = crate::sorted_order(&sizes);
        let mut seeds = vec![0u32; bucket_count];
        let mut slots = vec![0u32; slot_count];
        let mut taken: Vec<usize> = Vec::new();
        for bucket in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                continue;
            }
            // Distinct hashes find a seed within a few tries; equal ones
            // never do, and the bound ends the search.
            let seed = (0..100_000u32).find(|&seed| {
                taken.clear();
                members.iter().all(|&(hash, _)| {
                    let slot = slot_of(hash, seed, slot_count);
                    let free = slots[slot] == 0 && !taken.contains(&slot);
                    taken.push(slot);
                    free
                })
            })?;
            seeds[bucket] = seed;
            for &(hash, row) in members {
                slots[slot_of(hash, seed, slot_count)] = row;
            }
        }
        Some(PerfectHash { seeds, slots })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use errtable_shared::code_hash;

    /// What the runtime's lookup computes, over the built tables.
    fn row_of(index: &PerfectHash, code: &str) -> Option<usize> {
        let hash = code_hash(code.as_bytes());
        let seed = index.seeds[bucket_of(hash, index.seeds.len())];
        let entry = index.slots[slot_of(hash, seed, index.slots.len())];
        entry.checked_sub(1).map(|row| row as usize)
    }

    #[test]
    fn every_row_has_a_slot_of_its_own() {
        let codes: Vec<String> = (0..3000)
            .map(|i| format!("InvalidParameter{}For{}Exception", i % 37, i))
            .collect();
        let hashes: Vec<u64> = codes.iter().map(|c| code_hash(c.as_bytes())).collect();
        let index = PerfectHash::build(&hashes).unwrap();
        for (row, code) in codes.iter().enumerate() {
            assert_eq!(row_of(&index, code), Some(row));
        }
    }

    #[test]
    fn equal_hashes_have_no_perfect_hash() {
        assert!(PerfectHash::build(&[7, 7]).is_none());
        assert!(PerfectHash::build(&[]).is_some());
    }
}
