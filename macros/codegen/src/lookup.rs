//! The code → variant lookup. Either way one full comparison confirms the
//! only candidate; no chain of string comparisons, whatever the shared
//! prefixes (`InvalidParameter...`).
//!
//! - Small tables dispatch on the length, then on the byte that best tells
//!   the remaining codes apart: a few branches the CPU learns quickly.
//! - Larger tables use a perfect hash: a few bytes of the code are folded
//!   into a key and two table loads find the candidate, so no branch depends
//!   on which code arrived (measured in benches/runtime.rs: branching wins
//!   on 16 codes, hashing on 200).

use crate::text::{each, Str};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Up to this many codes, dispatching beats hashing.
const DISPATCH_MAX_CODES: usize = 48;

/// Where a key byte is read: counted from the start or from the end of the
/// code; a code too short to have it reads 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Start(usize),
    End(usize),
}

impl At {
    fn read(self, code: &[u8]) -> u8 {
        match self {
            At::Start(i) => code.get(i).copied().unwrap_or(0),
            At::End(i) => code.len().checked_sub(i + 1).map_or(0, |j| code[j]),
        }
    }
}

/// Up to seven key bytes beside the length fit one `u64`.
const MAX_POSITIONS: usize = 7;

/// How the key of a code is made: its length and the bytes at `positions`,
/// or, when no seven bytes tell every code apart, a hash of all its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum KeyShape {
    Bytes(Vec<At>),
    WholeCode,
}

impl KeyShape {
    fn key(&self, code: &[u8]) -> u64 {
        match self {
            KeyShape::Bytes(positions) => positions
                .iter()
                .enumerate()
                .fold(code.len() as u64 & 0xff, |key, (n, at)| {
                    key | u64::from(at.read(code)) << (8 * (n + 1))
                }),
            KeyShape::WholeCode => fnv1a(FNV_OFFSET, code),
        }
    }

    /// The same computation as [`KeyShape::key`], as code over `bytes`.
    fn tokens(&self) -> TokenStream {
        match self {
            KeyShape::Bytes(positions) => {
                let parts = positions.iter().enumerate().map(|(n, at)| {
                    let shift = Literal::u32_unsuffixed(8 * (n as u32 + 1));
                    let byte = match *at {
                        At::Start(i) => {
                            let i = Literal::usize_unsuffixed(i);
                            quote!(match bytes.get(#i) { ::core::option::Option::Some(&b) => b, ::core::option::Option::None => 0 })
                        }
                        At::End(i) => {
                            let back = Literal::usize_unsuffixed(i + 1);
                            quote!(match bytes.len().checked_sub(#back) { ::core::option::Option::Some(j) => bytes[j], ::core::option::Option::None => 0 })
                        }
                    };
                    quote!( | (#byte as u64) << #shift )
                });
                quote!( (bytes.len() as u64 & 0xff) #( #parts )* )
            }
            KeyShape::WholeCode => quote! {{
                let mut hash: u64 = #FNV_OFFSET;
                for &byte in bytes {
                    hash = (hash ^ byte as u64).wrapping_mul(#FNV_PRIME);
                }
                hash
            }},
        }
    }
}

/// FNV-1a's starting value and multiplier, shared by the generated code
/// and the macro's own hashing so the two cannot disagree.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Folds `bytes` into an FNV-1a `hash`: the whole-code key for adversarial
/// tables, and the validation indexes' hasher.
pub(crate) fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}

/// About how many colliding codes are scored per round.
const SCORED_CODES: usize = 4096;

/// Picks the fewest positions (greedily) whose bytes, with the length, tell
/// every code apart. Only codes that still collide are looked at: adding a
/// position never merges keys that were already distinct.
fn key_shape(codes: &[&[u8]]) -> KeyShape {
    let longest = codes.iter().map(|c| c.len()).max().unwrap_or(0);
    let mut chosen: Vec<At> = Vec::new();
    let mut colliding: Vec<&[u8]> = codes.to_vec();
    loop {
        let shape = KeyShape::Bytes(chosen.clone());
        // Codes that share a key, as runs.
        let keyed = sorted_keys(&colliding, &shape);
        let runs: Vec<&[(u64, &[u8])]> = keyed
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
            .collect();
        if runs.is_empty() {
            return shape;
        }
        if chosen.len() == MAX_POSITIONS {
            return KeyShape::WholeCode;
        }
        // Big tables: every k-th run is scored, enough to rank positions
        // and bounded in cost (the macro usually runs unoptimised).
        let step = (colliding.len() / SCORED_CODES).max(1);
        let sample: Vec<_> = runs.iter().step_by(step).copied().collect();
        let scores = split_scores(&sample, longest);
        // Ties go to the earliest candidate: stable output.
        let best = (0..longest)
            .map(At::Start)
            .chain((0..longest).map(At::End))
            .zip(scores)
            .filter(|(at, _)| !chosen.contains(at))
            .max_by_key(|&(at, score)| (score, std::cmp::Reverse(position_rank(at))));
        match best {
            Some((at, _)) => chosen.push(at),
            None => return KeyShape::WholeCode,
        }
        colliding = runs
            .iter()
            .flat_map(|run| run.iter().map(|&(_, code)| code))
            .collect();
    }
}

/// For each candidate position (`Start(i)` at `i`, `End(i)` at
/// `longest + i`), how many distinct bytes it reads within each run of
/// colliding codes, summed over the runs. One pass over each code's bytes
/// scores every position at once.
fn split_scores(runs: &[&[(u64, &[u8])]], longest: usize) -> Vec<usize> {
    let mut scores = vec![0usize; 2 * longest];
    // Per position, a 256-bit set of the bytes seen in the current run.
    let mut seen = vec![[0u64; 4]; 2 * longest];
    for run in runs {
        for &(_, code) in run.iter() {
            let len = code.len();
            for i in 0..longest {
                let (start, end) = if i < len {
                    (code[i], code[len - 1 - i])
                } else {
                    (0, 0)
                };
                seen[i][usize::from(start >> 6)] |= 1 << (start & 63);
                seen[longest + i][usize::from(end >> 6)] |= 1 << (end & 63);
            }
        }
        for (score, bits) in scores.iter_mut().zip(seen.iter_mut()) {
            *score += bits.iter().map(|b| b.count_ones() as usize).sum::<usize>();
            *bits = [0; 4];
        }
    }
    scores
}

fn position_rank(at: At) -> (usize, bool) {
    match at {
        At::Start(i) => (i, false),
        At::End(i) => (i, true),
    }
}

fn sorted_keys<'a>(codes: &[&'a [u8]], shape: &KeyShape) -> Vec<(u64, &'a [u8])> {
    let mut keys: Vec<(u64, &[u8])> = codes.iter().map(|&c| (shape.key(c), c)).collect();
    keys.sort_unstable_by_key(|&(key, _)| key);
    keys
}

const BUCKET_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED_MULTIPLIER: u64 = 0xff51_afd7_ed55_8ccd;
const SLOT_MULTIPLIER: u64 = 0xc4ce_b9fe_1a85_ec53;

/// Multiply-shift hashing: the top bits of a product depend on every key
/// bit, and cost one multiplication.
fn bucket_of(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(BUCKET_MULTIPLIER) >> (64 - bits)) as usize
}

fn slot_of(key: u64, seed: u32, bits: u32) -> usize {
    ((key ^ u64::from(seed).wrapping_mul(SEED_MULTIPLIER)).wrapping_mul(SLOT_MULTIPLIER)
        >> (64 - bits)) as usize
}

/// A hash-and-displace perfect hash of distinct keys: each key's bucket
/// holds a seed that sends every key of the bucket to a slot of its own.
struct PerfectHash {
    bucket_bits: u32,
    slot_bits: u32,
    seeds: Vec<u32>,
    /// Slot → index + 1 of the code there; 0 for an empty slot.
    slots: Vec<u32>,
}

impl PerfectHash {
    fn build(keys: &[u64]) -> Option<PerfectHash> {
        // Half-full slots and about four keys a bucket: seeds come quickly.
        let slot_bits = (keys.len() * 2).next_power_of_two().max(2).trailing_zeros();
        let bucket_bits = (keys.len() / 4).next_power_of_two().max(2).trailing_zeros();
        let mut buckets: Vec<Vec<(u64, u32)>> = vec![Vec::new(); 1 << bucket_bits];
        for (index, &key) in (1u32..).zip(keys) {
            buckets[bucket_of(key, bucket_bits)].push((key, index));
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut seeds = vec![0u32; buckets.len()];
        let mut slots = vec![0u32; 1 << slot_bits];
        let mut taken: Vec<usize> = Vec::new();
        for bucket in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                continue;
            }
            // Keys are distinct, so some seed fits; the bound only keeps a
            // broken invariant from looping forever.
            let seed = (0..1_000_000u32).find(|&seed| {
                taken.clear();
                members.iter().all(|&(key, _)| {
                    let slot = slot_of(key, seed, slot_bits);
                    let free = slots[slot] == 0 && !taken.contains(&slot);
                    taken.push(slot);
                    free
                })
            })?;
            seeds[bucket] = seed;
            for &(key, index) in members {
                slots[slot_of(key, seed, slot_bits)] = index;
            }
        }
        Some(PerfectHash {
            bucket_bits,
            slot_bits,
            seeds,
            slots,
        })
    }

    /// What the generated code computes (used by the tests).
    #[cfg(test)]
    fn index_of(&self, key: u64) -> Option<usize> {
        let seed = self.seeds[bucket_of(key, self.bucket_bits)];
        let entry = self.slots[slot_of(key, seed, self.slot_bits)];
        entry.checked_sub(1).map(|i| i as usize)
    }
}

/// The body of `known(code: &str) -> Option<Self>` for `codes`, where
/// `variants[i]` names the variant of `codes[i]`.
pub fn known_body(codes: &[&str], variants: &[&str]) -> TokenStream {
    let none = quote!(::core::option::Option::None);
    let bytes: Vec<&[u8]> = codes.iter().map(|c| c.as_bytes()).collect();
    if codes.len() <= DISPATCH_MAX_CODES {
        let variants: Vec<Ident> = variants
            .iter()
            .map(|v| Ident::new(v, Span::call_site()))
            .collect();
        return dispatch_by_length(&bytes, &variants);
    }
    let shape = key_shape(&bytes);
    let keys: Vec<u64> = bytes.iter().map(|c| shape.key(c)).collect();
    // Distinct keys always have a perfect hash; the comparison chain only
    // keeps this total.
    let Some(hash) = PerfectHash::build(&keys) else {
        let arms = each(codes.iter().zip(variants), |s, (code, variant)| {
            write!(
                s,
                "{} => ::core::option::Option::Some(Self::{variant}),",
                Str(code)
            )
        });
        return quote! {
            match code {
                #arms
                _ => #none,
            }
        };
    };
    let key = shape.tokens();
    let seeds = each(&hash.seeds, |s, seed| write!(s, "{seed},"));
    let slots = each(&hash.slots, |s, slot| write!(s, "{slot},"));
    let code_list = each(codes, |s, code| write!(s, "{},", Str(code)));
    let arms = each(variants.iter().enumerate(), |s, (index, variant)| {
        write!(s, "{index} => Self::{variant},")
    });
    let (seed_count, slot_count, code_count) = (
        Literal::usize_unsuffixed(hash.seeds.len()),
        Literal::usize_unsuffixed(hash.slots.len()),
        Literal::usize_unsuffixed(codes.len()),
    );
    let (bucket_shift, slot_shift) = (
        Literal::u32_unsuffixed(64 - hash.bucket_bits),
        Literal::u32_unsuffixed(64 - hash.slot_bits),
    );
    quote! {
        const SEEDS: [u32; #seed_count] = [ #seeds ];
        const SLOTS: [u32; #slot_count] = [ #slots ];
        const CODES: [&str; #code_count] = [ #code_list ];
        let bytes = code.as_bytes();
        let key: u64 = #key;
        let seed = SEEDS[(key.wrapping_mul(#BUCKET_MULTIPLIER) >> #bucket_shift) as usize];
        let slot = ((key ^ (seed as u64).wrapping_mul(#SEED_MULTIPLIER))
            .wrapping_mul(#SLOT_MULTIPLIER) >> #slot_shift) as usize;
        let index = match SLOTS[slot].checked_sub(1) {
            ::core::option::Option::Some(index) if CODES[index as usize] == code => index,
            _ => return #none,
        };
        // A `match` of constants compiles to a table load, not branches.
        ::core::option::Option::Some(match index {
            #arms
            _ => return #none,
        })
    }
}

/// Dispatch on the length; as a fixed-size array the code then needs no
/// bounds checks and the final comparison is a few word compares.
fn dispatch_by_length(codes: &[&[u8]], variants: &[Ident]) -> TokenStream {
    let mut by_len: BTreeMap<usize, Vec<(&[u8], &Ident)>> = BTreeMap::new();
    for (&code, variant) in codes.iter().zip(variants) {
        by_len.entry(code.len()).or_default().push((code, variant));
    }
    let arms = by_len.iter().map(|(&len, group)| {
        let dispatch = dispatch_by_byte(group);
        let len = Literal::usize_unsuffixed(len);
        quote! {
            #len => match <&[u8; #len]>::try_from(bytes) {
                ::core::result::Result::Ok(bytes) => #dispatch,
                ::core::result::Result::Err(_) => ::core::option::Option::None,
            }
        }
    });
    quote! {
        let bytes = code.as_bytes();
        match bytes.len() {
            #( #arms, )*
            _ => ::core::option::Option::None,
        }
    }
}

/// Codes of one length: split on the most telling byte until one is left.
fn dispatch_by_byte(group: &[(&[u8], &Ident)]) -> TokenStream {
    if let [(code, variant)] = group {
        let code = Literal::byte_string(code);
        return quote! {
            if *bytes == *#code { ::core::option::Option::Some(Self::#variant) } else { ::core::option::Option::None }
        };
    }
    let len = group.first().map_or(0, |(code, _)| code.len());
    let best = (0..len).max_by_key(|&at| {
        let mut seen: Vec<u8> = group.iter().map(|(code, _)| code[at]).collect();
        seen.sort_unstable();
        seen.dedup();
        (seen.len(), std::cmp::Reverse(at))
    });
    let mut by_byte: BTreeMap<u8, Vec<(&[u8], &Ident)>> = BTreeMap::new();
    if let Some(at) = best {
        for &(code, variant) in group {
            by_byte.entry(code[at]).or_default().push((code, variant));
        }
    }
    match best {
        Some(at) if by_byte.len() > 1 => {
            let values = by_byte.keys().map(|&b| Literal::u8_suffixed(b));
            let arms = by_byte.values().map(|sub| dispatch_by_byte(sub));
            let at = Literal::usize_unsuffixed(at);
            quote! {
                match bytes[#at] {
                    #( #values => #arms, )*
                    _ => ::core::option::Option::None,
                }
            }
        }
        // Only equal codes agree on every byte; validation rules them out,
        // but a plain comparison keeps this total.
        _ => {
            let (codes, variants): (Vec<_>, Vec<_>) = group
                .iter()
                .map(|(code, variant)| (Literal::byte_string(code), *variant))
                .unzip();
            quote! {
                match bytes {
                    #( #codes => ::core::option::Option::Some(Self::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generated `known` computes, for a table built once.
    fn table<'a>(codes: &'a [&'a str]) -> impl Fn(&str) -> Option<usize> + 'a {
        let bytes: Vec<&[u8]> = codes.iter().map(|c| c.as_bytes()).collect();
        let shape = key_shape(&bytes);
        let keys: Vec<u64> = bytes.iter().map(|c| shape.key(c)).collect();
        let hash = PerfectHash::build(&keys).unwrap();
        move |probe: &str| {
            let index = hash.index_of(shape.key(probe.as_bytes()))?;
            (codes[index] == probe).then_some(index)
        }
    }

    #[test]
    fn finds_every_code_and_nothing_else() {
        let owned: Vec<String> = (0..2000)
            .map(|i| format!("InvalidParameter{}For{}Exception", i % 37, i))
            .collect();
        let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
        let lookup = table(&codes);
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(lookup(code), Some(i));
        }
        for miss in [
            "",
            "I",
            "InvalidParameter0For0Exceptio",
            "InvalidParameter0For0Exceptionn",
            "x",
        ] {
            assert_eq!(lookup(miss), None, "{miss}");
        }
    }

    #[test]
    fn big_tables_scored_on_a_sample_still_find_every_code() {
        // More colliding codes than `SCORED_CODES`: positions are chosen
        // from a sample of them, and the table must stay exact.
        let owned: Vec<String> = (0..3 * SCORED_CODES)
            .map(|i| format!("ResourceNotFound{}For{}Exception", i % 97, i))
            .collect();
        let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
        let bytes: Vec<&[u8]> = codes.iter().map(|c| c.as_bytes()).collect();
        assert!(matches!(key_shape(&bytes), KeyShape::Bytes(_)));
        let lookup = table(&codes);
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(lookup(code), Some(i));
        }
        assert_eq!(lookup("ResourceNotFound0For0Exceptio"), None);
        assert_eq!(lookup("resourceNotFound0For0Exception"), None);
    }

    #[test]
    fn reads_bytes_from_both_ends() {
        assert_eq!(At::Start(1).read(b"ab"), b'b');
        assert_eq!(At::Start(2).read(b"ab"), 0);
        assert_eq!(At::End(0).read(b"ab"), b'b');
        assert_eq!(At::End(2).read(b"ab"), 0);
    }

    #[test]
    fn adversarial_codes_fall_back_to_hashing_the_whole_code() {
        // Codes that differ in one middle byte each need many positions.
        let owned: Vec<String> = (0..9)
            .map(|i| {
                let mut code = vec![b'a'; 9];
                code[i] = b'b';
                String::from_utf8(code).unwrap()
            })
            .collect();
        let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
        let bytes: Vec<&[u8]> = codes.iter().map(|c| c.as_bytes()).collect();
        assert_eq!(key_shape(&bytes), KeyShape::WholeCode);
        let lookup = table(&codes);
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(lookup(code), Some(i));
        }
        assert_eq!(lookup("aaaaaaaaa"), None);
    }
}
