//! The hash a big table's index is built on. The derive hashes every code
//! of the table when it builds the index; the runtime hashes the code it
//! looks up. Both call these functions, so they cannot disagree.
//!
//! The index is a hash-and-displace perfect hash: a code's bucket holds a
//! seed that sends every code of that bucket to a slot of its own.

const WORD_MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;
const SEED_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
const SLOT_MULTIPLIER: u64 = 0xc4ce_b9fe_1a85_ec53;

/// The 64-bit hash of a code: its length, then its bytes eight at a time,
/// then murmur3's finaliser so that every bit of the result depends on
/// every byte.
#[inline]
pub fn code_hash(code: &[u8]) -> u64 {
    let mut hash = code.len() as u64;
    let mut words = code.chunks_exact(8);
    for chunk in &mut words {
        hash = add_word(
            hash,
            <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes),
        );
    }
    if !words.remainder().is_empty() {
        // Assembled in a register: copying the last bytes into a zeroed
        // array and loading it as a word stalled every lookup on the
        // store buffer (perf: a third of the hash's time).
        let tail = words
            .remainder()
            .iter()
            .rev()
            .fold(0, |word, &byte| word << 8 | u64::from(byte));
        hash = add_word(hash, tail);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// Folds eight bytes, read little-endian, into `hash`: a folded multiply
/// (the 128-bit product's halves `XORed`, as foldhash and rapidhash do), so
/// that a difference in a word's high bytes reaches the low bits too. A
/// plain 64-bit multiply carries only upwards: 1,000 codes
/// `Error0000Exception`... had 28 colliding hashes, and their table no
/// perfect hash.
#[inline]
fn add_word(hash: u64, word: u64) -> u64 {
    let product = u128::from(hash ^ word) * u128::from(WORD_MULTIPLIER);
    #[allow(clippy::cast_possible_truncation, reason = "the product's two halves")]
    let halves = (product as u64, (product >> 64) as u64);
    halves.0 ^ halves.1
}

/// The bucket of a code's hash among `buckets` (a power of two).
#[inline]
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the low bits pick the bucket; the rest are dropped on purpose"
)]
pub fn bucket_of(hash: u64, buckets: usize) -> usize {
    hash as usize & buckets.wrapping_sub(1)
}

/// The slot among `slots` (a power of two) that `seed` sends a code's
/// hash to.
#[inline]
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the high half's low bits pick the slot"
)]
pub fn slot_of(hash: u64, seed: u32, slots: usize) -> usize {
    let mixed =
        (hash ^ u64::from(seed).wrapping_mul(SEED_MULTIPLIER)).wrapping_mul(SLOT_MULTIPLIER);
    (mixed >> 32) as usize & slots.wrapping_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_and_the_length_count() {
        let base = code_hash(b"ResourceNotFoundException");
        assert_ne!(base, code_hash(b"ResourceNotFoundExceptioN"));
        assert_ne!(base, code_hash(b"resourceNotFoundException"));
        assert_ne!(code_hash(b"ab"), code_hash(b"ab\0"));
        assert_ne!(code_hash(b""), code_hash(b"\0"));
    }

    /// Codes that differ only in a few bytes, at the ends of words: the
    /// families real tables are made of (numbered, templated) must not
    /// collide, or a big table loses its perfect hash.
    #[test]
    fn code_families_do_not_collide() {
        let mut codes: Vec<String> = Vec::new();
        for i in 0..20_000 {
            codes.push(format!("Error{i:05}Exception"));
            codes.push(format!("Invalid{i}"));
            codes.push(format!("AWS.Service{}.Error{}", i % 100, i / 100));
            codes.push(format!("{i:08}"));
        }
        for a in b'A'..=b'Z' {
            for b in b'a'..=b'z' {
                for at in [0, 7, 8, 15, 16, 23] {
                    let mut code = b"ResourceNotFoundException".to_vec();
                    code[at] = a;
                    code[at + 1] = b;
                    codes.push(String::from_utf8(code).unwrap());
                }
            }
        }
        codes.sort();
        codes.dedup();
        let mut hashes: Vec<u64> = codes.iter().map(|c| code_hash(c.as_bytes())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), codes.len());
    }

    #[test]
    fn buckets_and_slots_stay_in_range() {
        for code in [
            "",
            "a",
            "ThrottlingException",
            "AWS.SimpleQueueService.NonExistentQueue",
        ] {
            let hash = code_hash(code.as_bytes());
            assert!(bucket_of(hash, 8) < 8);
            for seed in 0..100 {
                assert!(slot_of(hash, seed, 64) < 64);
            }
        }
    }
}
