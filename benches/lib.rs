//! The subjects of errtable's benchmarks: errtable's derived tables, and the
//! same tables written by hand (a `match` and serde_derive bodies) and with
//! strum, all generated from the same rows (see build.rs).

#![allow(missing_docs)]

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// The seed's Glacier table, derived by errtable.
#[derive(errtable::ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

#[path = "spec_gen.rs"]
pub mod spec_gen;

/// The error body as a user writes it with serde_derive, for serializing.
#[derive(Serialize)]
pub struct BodyRef<'a> {
    pub code: &'a str,
    pub message: &'a str,
    #[serde(rename = "type")]
    pub error_type: &'a str,
}

/// The error body as a user writes it with serde_derive, for parsing.
#[derive(Deserialize)]
pub struct Body {
    pub code: String,
    pub message: String,
    #[serde(rename = "type")]
    pub error_type: String,
}

/// Codes that are not in a table but look like its codes: the last byte
/// changed, one byte more, one byte less, the first letter lower-cased.
pub fn misses<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    codes
        .flat_map(|code| {
            let mut changed = code.to_owned();
            changed.pop();
            changed.push('x');
            let mut lower = code.to_owned();
            lower[..1].make_ascii_lowercase();
            [
                changed,
                format!("{code}s"),
                code[..code.len() - 1].to_owned(),
                lower,
            ]
        })
        .collect()
}

/// The seed's Example 1 message.
pub const MESSAGE: &str = "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID";

/// Bodies to parse: a known code, an unknown code, a known code with keys
/// the reader must skip.
pub fn bodies() -> [(&'static str, String); 3] {
    [
        (
            "known",
            format!(
                r#"{{"code":"ResourceNotFoundException","message":"{MESSAGE}","type":"Client"}}"#
            ),
        ),
        (
            "unknown",
            format!(r#"{{"code":"BrandNewException","message":"{MESSAGE}","type":"Server"}}"#),
        ),
        (
            "extra_keys",
            format!(
                r#"{{"requestId":"AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg","code":"ResourceNotFoundException","details":{{"vault":"examplevault","retries":[1,2,3]}},"message":"{MESSAGE}","type":"Client"}}"#
            ),
        ),
    ]
}
