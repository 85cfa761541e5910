//! Glacier's checksums: the SHA-256 of a whole payload
//! (`x-amz-content-sha256`) and the SHA-256 tree hash
//! (`x-amz-sha256-tree-hash`): the SHA-256 of each 1 MiB chunk, then of
//! each pair of hashes, level by level, an odd last hash going up alone,
//! until one is left.

use sha2::{Digest as _, Sha256};

/// The tree's leaf size.
pub const CHUNK: usize = 1 << 20;

/// A SHA-256 digest.
pub type Digest = [u8; 32];

/// The SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> Digest {
    Sha256::digest(data).into()
}

/// The SHA-256 tree hash of `data`. An empty payload hashes as one empty
/// chunk, as botocore computes it.
pub fn tree_hash(data: &[u8]) -> Digest {
    let mut level: Vec<Digest> = data.chunks(CHUNK).map(sha256).collect();
    if level.is_empty() {
        return sha256(&[]);
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => {
                    let mut hasher = Sha256::new();
                    hasher.update(left);
                    hasher.update(right);
                    hasher.finalize().into()
                }
                // An odd last hash goes up alone (chunks(2) yields one or two).
                _ => pair[0],
            })
            .collect();
    }
    level[0]
}

/// Lower-case hexadecimal, as Glacier sends checksums.
pub fn to_hex(digest: &Digest) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(64);
    for byte in digest {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
    text
}

/// 64 hexadecimal digits, either case; `None` for anything else.
pub fn parse_hex(text: &str) -> Option<Digest> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let nibble = |b: u8| char::from(b).to_digit(16).map(|d| d as u8);
    let mut digest = [0; 32];
    for (out, pair) in digest.iter_mut().zip(bytes.chunks(2)) {
        *out = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(digest)
}

/// Whether bytes `start..=end` of a payload of `size` bytes start on a
/// megabyte and end one byte before a megabyte or at the payload's end:
/// the ranges whose tree hash Glacier returns with their bytes, and that a
/// client can check against the tree it computed.
pub fn is_megabyte_aligned(start: u64, end: u64, size: u64) -> bool {
    const MIB: u64 = CHUNK as u64;
    start <= end
        && end < size
        && start.is_multiple_of(MIB)
        && ((end + 1).is_multiple_of(MIB) || end + 1 == size)
}

/// Whether bytes `start..=end` are exactly the leaves of one node of the
/// payload's tree: then their tree hash is that node's, and Glacier reports
/// it for a retrieval of that range (`SHA256TreeHash` in DescribeJob).
pub fn is_tree_hash_aligned(start: u64, end: u64, size: u64) -> bool {
    if !is_megabyte_aligned(start, end, size) {
        return false;
    }
    // A node at height h covers the chunks [j * 2^h, (j + 1) * 2^h), cut
    // at the payload's end.
    let mut block = CHUNK as u64;
    loop {
        if !start.is_multiple_of(block) {
            return false;
        }
        if end + 1 == (start + block).min(size) {
            return true;
        }
        if block >= size {
            return false;
        }
        block *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic bytes, as generated for the expected values below.
    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| ((i * 7 + 3) % 251) as u8).collect()
    }

    #[test]
    fn agrees_with_botocore() {
        // python3 -c "from botocore.utils import calculate_tree_hash; ..."
        // over the same bytes.
        for (len, expected) in [
            (
                0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                1,
                "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5",
            ),
            (
                CHUNK,
                "1ac437f476c488acba4000af7ae89ef53f7ffbeef2e937850985f5ceb8b5ae6f",
            ),
            (
                CHUNK + 1,
                "e7408dee4d5a8cbdd0e8d58bee8ed7030fd0ef32716ace3a88556b816fcde32e",
            ),
            (
                3 * CHUNK + 5,
                "eca2d1c47dd0530fe9b40c744640afa287fffb6d492422a738dd2f58d14ff96e",
            ),
            (
                5 * CHUNK,
                "25cbfd0b6adcaeb034ddf2b9f63f377a7f67b403fae212cade0c422140cf288b",
            ),
        ] {
            assert_eq!(to_hex(&tree_hash(&data(len))), expected, "{len} bytes");
        }
    }

    #[test]
    fn one_chunk_is_its_sha256_and_two_are_hashed_together() {
        let small = data(1000);
        assert_eq!(tree_hash(&small), sha256(&small));
        let two = data(CHUNK + 10);
        let mut joined = sha256(&two[..CHUNK]).to_vec();
        joined.extend_from_slice(&sha256(&two[CHUNK..]));
        assert_eq!(tree_hash(&two), sha256(&joined));
    }

    #[test]
    fn hex_round_trips_and_refuses_anything_else() {
        let digest = sha256(b"glacier");
        assert_eq!(parse_hex(&to_hex(&digest)), Some(digest));
        assert_eq!(parse_hex(&to_hex(&digest).to_uppercase()), Some(digest));
        for bad in [
            "",
            "00",
            &"0".repeat(63),
            &"0".repeat(65),
            &"g".repeat(64),
            &"é".repeat(32),
        ] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn megabyte_alignment() {
        const MIB: u64 = CHUNK as u64;
        let size = 3 * MIB + 5;
        assert!(is_megabyte_aligned(0, size - 1, size));
        assert!(is_megabyte_aligned(0, MIB - 1, size));
        assert!(is_megabyte_aligned(MIB, 3 * MIB - 1, size));
        assert!(is_megabyte_aligned(3 * MIB, size - 1, size));
        assert!(!is_megabyte_aligned(1, MIB - 1, size));
        assert!(!is_megabyte_aligned(0, MIB, size));
        assert!(!is_megabyte_aligned(0, size, size));
        assert!(!is_megabyte_aligned(MIB, MIB - 1, size));
    }

    #[test]
    fn tree_hash_alignment_is_one_node_of_the_tree() {
        const MIB: u64 = CHUNK as u64;
        let size = 3 * MIB + 5; // leaves 0 1 2 3; nodes 01, 23, 0123
        for (start, end, aligned) in [
            (0, size - 1, true),
            (0, MIB - 1, true),
            (MIB, 2 * MIB - 1, true),
            (0, 2 * MIB - 1, true),
            (2 * MIB, size - 1, true),
            (3 * MIB, size - 1, true),
            (MIB, 3 * MIB - 1, false), // leaves 1 and 2: two nodes
            (0, 3 * MIB - 1, false),
            (MIB, size - 1, false),
        ] {
            assert_eq!(
                is_tree_hash_aligned(start, end, size),
                aligned,
                "{start}-{end}"
            );
        }
        // Whatever node it is, its hash is the tree hash of its bytes.
        let bytes = data(size as usize);
        let node = tree_hash(&bytes[2 * CHUNK..]);
        let mut pair = sha256(&bytes[2 * CHUNK..3 * CHUNK]).to_vec();
        pair.extend_from_slice(&sha256(&bytes[3 * CHUNK..]));
        assert_eq!(node, sha256(&pair));
    }
}
