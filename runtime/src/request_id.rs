//! The one place request ids are made, in each protocol's shape: the
//! request-context layer's for a request that brings none, and the
//! transports' for an error sent outside the layer without one.

use crate::Protocol;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// A new request id in `protocol`'s shape: S3's 16 uppercase hex digits
/// (`4442587FB7D0A2F9`) for rest-xml, a random UUID
/// (`f47ac10b-58cc-4372-a567-0e02b2c3d479`) elsewhere, as AWS's other
/// services and most HTTP APIs send. Not for secrets.
pub(crate) fn new_request_id(protocol: &Protocol) -> String {
    if protocol.is_s3() {
        let mut id = [0u8; 16];
        write_hex(&mut id, random_u64(), b"0123456789ABCDEF");
        return ascii_string(&id);
    }
    uuid()
}

/// A new host id shaped like S3's `x-amz-id-2`: 64 characters of base64
/// (its own alphabet, `+` and `/` included, as S3 writes them).
pub(crate) fn new_host_id() -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut id = [0u8; 64];
    // 48 random bytes, 16 groups of three, four characters each.
    for chars in id.chunks_exact_mut(8) {
        let bits = random_u64();
        for (at, char) in chars.iter_mut().enumerate() {
            *char = ALPHABET[usize::try_from((bits >> (58 - 6 * at)) & 0x3f).unwrap_or(0)];
        }
    }
    ascii_string(&id)
}

/// A random (version 4) UUID, lowercase: `f47ac10b-58cc-4372-a567-0e02b2c3d479`.
fn uuid() -> String {
    let high = random_u64() & !0xF000 | 0x4000; // version 4
    let low = random_u64() & !(0b11 << 62) | (0b10 << 62); // RFC 9562 variant
    let mut uuid = [b'-'; 36];
    // The 32 digits, around the dashes at 8, 13, 18 and 23.
    let (first, rest) = uuid.split_at_mut(8);
    let (second, rest) = rest[1..].split_at_mut(4);
    let (third, rest) = rest[1..].split_at_mut(4);
    let (fourth, fifth) = rest[1..].split_at_mut(4);
    let mut digits = [0u8; 32];
    write_hex(&mut digits[..16], high, b"0123456789abcdef");
    write_hex(&mut digits[16..], low, b"0123456789abcdef");
    first.copy_from_slice(&digits[..8]);
    second.copy_from_slice(&digits[8..12]);
    third.copy_from_slice(&digits[12..16]);
    fourth.copy_from_slice(&digits[16..20]);
    fifth[1..].copy_from_slice(&digits[20..]);
    ascii_string(&uuid)
}

/// Writes `value` as the 16 hex digits of `digits` that fill `out`.
fn write_hex(out: &mut [u8], value: u64, digits: &[u8; 16]) {
    for (at, byte) in out.iter_mut().enumerate() {
        *byte = digits[usize::try_from((value >> ((15 - at) * 4)) & 0xf).unwrap_or(0)];
    }
}

/// ASCII bytes as a `String` (every id here is ASCII: the fallback is
/// never taken).
fn ascii_string(bytes: &[u8]) -> String {
    std::str::from_utf8(bytes).unwrap_or_default().to_owned()
}

/// 64 random bits for ids: `SplitMix64` over a per-thread state, seeded once
/// per thread by std's randomly keyed `SipHash` (`RandomState`) of a
/// process-wide counter and the time. Unpredictable from outside the
/// process, no repeats short of a 64-bit collision of thread seeds, and a
/// few instructions a call after the first. Not for secrets.
fn random_u64() -> u64 {
    thread_local! {
        static STATE: std::cell::Cell<u64> = std::cell::Cell::new(thread_seed());
    }
    STATE.with(|state| {
        let next = state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        state.set(next);
        let mut z = next;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    })
}

/// A thread's seed: distinct per thread and per process.
fn thread_seed() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(nanos);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_each_shape_and_no_repeats() {
        #[cfg(feature = "xml")]
        {
            let s3 = new_request_id(&crate::Protocol::RestXml);
            assert_eq!(s3.len(), 16, "{s3}");
            assert!(
                s3.bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
                "{s3}"
            );
        }
        let host = new_host_id();
        assert_eq!(host.len(), 64, "{host}");
        assert!(host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'));
        assert_ne!(host, new_host_id());
        let uuids: Vec<String> = (0..1000)
            .map(|_| new_request_id(&crate::Protocol::RestJson))
            .collect();
        for uuid in &uuids {
            let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
            assert_eq!(&uuid[14..15], "4", "{uuid}");
            assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
            assert!(uuid
                .bytes()
                .all(|b| b == b'-' || b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
        let unique: std::collections::HashSet<&String> = uuids.iter().collect();
        assert_eq!(unique.len(), uuids.len());
        // Threads draw from their own streams, which do not meet.
        let other: Vec<String> = std::thread::spawn(|| {
            (0..1000)
                .map(|_| new_request_id(&crate::Protocol::RestJson))
                .collect()
        })
        .join()
        .unwrap();
        assert!(other.iter().all(|uuid| !unique.contains(uuid)));
    }
}
