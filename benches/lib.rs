//! The subjects of errtable's benchmarks: tables derived by errtable, and
//! the same tables and error bodies as a user writes them by hand (a
//! `match` on the code, serde_derive structs), generated from the same rows
//! (see build.rs). The tables are real AWS error codes
//! (`tests/specs/realistic/`): mixed lengths, dotted codes, `...Fault`.

#![allow(missing_docs)]

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// The seed's Glacier table, derived by errtable.
#[derive(errtable::ErrorTable)]
#[error_table(spec = "../spec/glacier.md")]
pub struct Glacier;

/// S3's table as an S3-compatible store derives it: rest-xml, whose
/// request ids are S3's 16 hex digits with a host id.
#[derive(errtable::ErrorTable)]
#[error_table(spec = "../spec/s3.json", protocol = "rest-xml")]
pub struct S3;

/// The seed's Example 1 message.
pub const MESSAGE: &str = "The job ID was not found: HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID";

/// The error body as a user writes it with serde_derive, for serializing.
#[derive(Serialize)]
pub struct BodyRef<'a> {
    pub code: &'a str,
    pub message: &'a str,
    #[serde(rename = "type")]
    pub error_type: &'a str,
}

/// The body shapes real services send, each with the serde_derive struct a
/// user would write for exactly that shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The seed's REST-JSON body: `{"code","message","type"}`.
    RestJson,
    /// The same with a code the table does not have.
    RestJsonUnknown,
    /// The same with other members before and between the fields, which
    /// errtable keeps as the error's extra fields; by hand, a flattened map.
    ExtraKeys,
    /// AWS JSON 1.0: `{"__type":"ns#Code","message"}` (DynamoDB).
    DunderType,
    /// AWS JSON 1.1 and REST-JSON services: `{"__type":"ns#Code","Message"}`.
    DunderTypeCapital,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::RestJson,
        Shape::RestJsonUnknown,
        Shape::ExtraKeys,
        Shape::DunderType,
        Shape::DunderTypeCapital,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::RestJson => "rest-json",
            Shape::RestJsonUnknown => "rest-json-unknown",
            Shape::ExtraKeys => "extra-keys",
            Shape::DunderType => "dunder-type",
            Shape::DunderTypeCapital => "dunder-type-capital",
        }
    }

    pub fn body(self) -> Vec<u8> {
        let text = match self {
            Shape::RestJson => format!(
                r#"{{"code":"ResourceNotFoundException","message":"{MESSAGE}","type":"Client"}}"#
            ),
            Shape::RestJsonUnknown => {
                format!(r#"{{"code":"BrandNewException","message":"{MESSAGE}","type":"Server"}}"#)
            }
            Shape::ExtraKeys => format!(
                r#"{{"requestId":"AAABaZ9N92Iiyv4N7sru3ABEpSQkuFtmH3NP6aAC51ixfjg","code":"ResourceNotFoundException","details":{{"vault":"examplevault","retries":[1,2,3]}},"message":"{MESSAGE}","type":"Client"}}"#
            ),
            Shape::DunderType => format!(
                r#"{{"__type":"com.amazonaws.glacier#ResourceNotFoundException","message":"{MESSAGE}"}}"#
            ),
            Shape::DunderTypeCapital => format!(
                r#"{{"__type":"com.amazonaws.glacier#ResourceNotFoundException","Message":"{MESSAGE}"}}"#
            ),
        };
        text.into_bytes()
    }

    /// The body parsed as a user would by hand: the serde_derive struct of
    /// this shape, the code cleaned as the AWS SDKs do, the `match` lookup.
    pub fn parse_by_hand(self, body: &[u8]) -> Option<(Hand16, String)> {
        match self {
            Shape::RestJson | Shape::RestJsonUnknown => {
                let parsed: RestJsonBody = serde_json::from_slice(body).ok()?;
                let _ = parsed.error_type;
                Some((Hand16::from_code(&parsed.code), parsed.message))
            }
            Shape::ExtraKeys => {
                let parsed: RestJsonBodyWithExtras = serde_json::from_slice(body).ok()?;
                let _ = (parsed.error_type, parsed.extra);
                Some((Hand16::from_code(&parsed.code), parsed.message))
            }
            Shape::DunderType => {
                let parsed: DunderTypeBody = serde_json::from_slice(body).ok()?;
                Some((Hand16::from_code(after_hash(&parsed.code)), parsed.message))
            }
            Shape::DunderTypeCapital => {
                let parsed: DunderTypeCapitalBody = serde_json::from_slice(body).ok()?;
                Some((Hand16::from_code(after_hash(&parsed.code)), parsed.message))
            }
        }
    }
}

fn after_hash(code: &str) -> &str {
    code.rfind('#').map_or(code, |at| &code[at + 1..])
}

#[derive(Deserialize)]
pub struct RestJsonBody {
    pub code: String,
    pub message: String,
    #[serde(rename = "type")]
    pub error_type: String,
}

/// The REST-JSON body keeping its other members, as errtable does.
#[derive(Deserialize)]
pub struct RestJsonBodyWithExtras {
    pub code: String,
    pub message: String,
    #[serde(rename = "type")]
    pub error_type: String,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
pub struct DunderTypeBody {
    #[serde(rename = "__type")]
    pub code: String,
    pub message: String,
}

#[derive(Deserialize)]
pub struct DunderTypeCapitalBody {
    #[serde(rename = "__type")]
    pub code: String,
    #[serde(rename = "Message")]
    pub message: String,
}

/// Codes one edit away from each of `codes`: the last byte changed, one
/// byte more, one byte less, the first letter's case flipped.
pub fn near_misses<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    codes
        .flat_map(|code| {
            let mut changed = code.to_owned();
            changed.pop();
            changed.push('x');
            let mut flipped = code.to_owned();
            flipped[..1].make_ascii_lowercase();
            [
                changed,
                format!("{code}s"),
                code[..code.len() - 1].to_owned(),
                flipped,
            ]
        })
        .collect()
}
