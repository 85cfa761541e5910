//! Smithy RPC v2 CBOR error bodies (`rpc-v2-cbor`), with minicbor: a map
//! of `__type`, `message` and the members.
//!
//! Reading takes any well-formed CBOR, as RFC 8949 allows writing it:
//! indefinite-length strings, arrays and maps, lengths longer than they
//! need be. It refuses what an error body cannot be, with where: a top
//! level that is not one map, keys that are not text, text that is not
//! UTF-8, nesting deeper than [`MAX_DEPTH`], integers beyond 64 bits, tags
//! other than 1 (epoch seconds, Smithy's timestamps), and bytes after the
//! map. Lengths are checked against the body as they are read, so a
//! length beyond it is an error, never an allocation.

use crate::body_error::{BodyError, CborError};
use crate::json_read::WireBody;
use crate::{Exception, MemberShape, ServiceError};
use minicbor::data::{Tag, Type};
use minicbor::{Decoder, Encoder};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// The deepest a value nests in an error body, the top map at depth 1: as
/// deep as the XML reader goes (AWS's error shapes nest two or three).
pub(crate) const MAX_DEPTH: usize = 16;

/// The members the reader takes as parts of the error: no field of these
/// names is written, so that whatever is read writes back the same.
const CBOR_PARTS: [&str; 3] = ["__type", "message", "Message"];

/// Tag 1: seconds since the Unix epoch, Smithy's timestamps.
const EPOCH_SECONDS: u64 = 1;

impl<E: Exception> ServiceError<E> {
    /// Appends the CBOR body: a map of `__type` (the model's shape id
    /// where the row has one, else the code), `message` unless it is
    /// empty, then the extra fields, timestamp members under tag 1.
    pub(crate) fn write_cbor(&self, out: &mut Vec<u8>) {
        let protocol = crate::Protocol::RpcV2Cbor;
        let fields: Vec<(&str, Cow<'_, Value>)> =
            self.json_fields(&CBOR_PARTS, &protocol, true).collect();
        let message = !self.message().is_empty();
        let len = 1 + u64::from(message) + fields.len() as u64;
        let code = self.exception().row_shape_id().unwrap_or(self.code());
        let mut cbor = Encoder::new(out);
        // Writing into a `Vec` cannot fail.
        let _ = cbor.map(len).and_then(|cbor| cbor.str("__type")?.str(code));
        if message {
            let _ = cbor
                .str("message")
                .and_then(|cbor| cbor.str(self.message()));
        }
        for (key, value) in fields {
            let _ = cbor.str(key);
            let timestamp = self
                .member(key)
                .is_some_and(|member| member.shape() == MemberShape::Timestamp);
            if timestamp && value.is_number() {
                let _ = cbor.tag(Tag::new(EPOCH_SECONDS));
            }
            write_value(&mut cbor, &value, 2);
        }
    }
}

/// A JSON value as CBOR; below [`MAX_DEPTH`], its JSON text, so that
/// whatever is written reads back.
fn write_value(cbor: &mut Encoder<&mut Vec<u8>>, value: &Value, depth: usize) {
    // Writing into a `Vec` cannot fail.
    let _ = match value {
        Value::Null => cbor.null().map(drop),
        Value::Bool(b) => cbor.bool(*b).map(drop),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => cbor.u64(u).map(drop),
            (None, Some(i), _) => cbor.i64(i).map(drop),
            (None, None, f) => cbor.f64(f.unwrap_or(f64::NAN)).map(drop),
        },
        Value::String(text) => cbor.str(text).map(drop),
        nested if depth > MAX_DEPTH => cbor.str(&nested.to_string()).map(drop),
        Value::Array(items) => cbor.array(items.len() as u64).map(|cbor| {
            for item in items {
                write_value(cbor, item, depth + 1);
            }
        }),
        Value::Object(object) => cbor.map(object.len() as u64).map(|cbor| {
            for (key, item) in object {
                let _ = cbor.str(key);
                write_value(cbor, item, depth + 1);
            }
        }),
    };
}

/// Reads a CBOR error body: its `__type`, `message` (or `Message`) and
/// other members, as the JSON readers give them.
pub(crate) fn read_cbor(body: &[u8]) -> Result<WireBody<'static>, BodyError> {
    crate::TooLarge::check(body.len())?;
    let mut reader = Reader {
        cbor: Decoder::new(body),
    };
    let top = reader.map_entries(1)?;
    if reader.cbor.position() != body.len() {
        return Err(reader.error("bytes after the error body's map").into());
    }
    let mut wire = WireBody {
        code: None,
        message: None,
        error_type: None,
        fields: Vec::with_capacity(top.len()),
    };
    let mut capital_message = None;
    for (key, value) in top {
        match (key.as_str(), value) {
            ("__type", Value::String(code)) => wire.code = Some(Cow::Owned(code)),
            ("__type", _) => return Err(CborError::at(0, "`__type` is not text").into()),
            ("message", Value::String(message)) => wire.message = Some(message),
            ("Message", Value::String(message)) => capital_message = Some(message),
            // A message that is not text is no message, nor a member.
            ("message" | "Message", _) => {}
            (_, value) => wire.fields.push((key, value)),
        }
    }
    wire.message = wire.message.or(capital_message);
    Ok(wire)
}

struct Reader<'b> {
    cbor: Decoder<'b>,
}

impl Reader<'_> {
    /// Where reading stopped, and why.
    fn error(&self, message: &str) -> CborError {
        CborError::at(self.cbor.position(), message)
    }

    fn failed(&self, err: &minicbor::decode::Error) -> CborError {
        self.error(&err.to_string())
    }

    /// The entries of the map that starts here, `depth` deep; a key given
    /// twice is refused, as the JSON readers refuse it.
    fn map_entries(&mut self, depth: usize) -> Result<Vec<(String, Value)>, CborError> {
        if depth > MAX_DEPTH {
            return Err(self.error("values nested too deep for an error body"));
        }
        let len = match self.cbor.datatype().map_err(|e| self.failed(&e))? {
            Type::Map | Type::MapIndef => self.cbor.map().map_err(|e| self.failed(&e))?,
            other => return Err(self.error(&format!("expected a map, found {other}"))),
        };
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut read = 0u64;
        while len.is_none_or(|len| read < len) {
            if len.is_none() && self.at_break()? {
                break;
            }
            let key = match self.cbor.datatype().map_err(|e| self.failed(&e))? {
                Type::String | Type::StringIndef => self.text()?,
                other => return Err(self.error(&format!("a map key must be text, found {other}"))),
            };
            if entries.iter().any(|(seen, _)| *seen == key) {
                return Err(self.error(&format!("key `{key}` appears twice in a map")));
            }
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            read += 1;
        }
        Ok(entries)
    }

    /// Whether the next byte ends an indefinite item, which it then skips.
    fn at_break(&mut self) -> Result<bool, CborError> {
        if self.cbor.datatype().map_err(|e| self.failed(&e))? != Type::Break {
            return Ok(false);
        }
        self.cbor.set_position(self.cbor.position() + 1);
        Ok(true)
    }

    /// A text string, definite or in chunks.
    fn text(&mut self) -> Result<String, CborError> {
        let at = self.cbor.position();
        let failed = |err: minicbor::decode::Error| CborError::at(at, &err.to_string());
        let mut text = String::new();
        for chunk in self.cbor.str_iter().map_err(failed)? {
            text.push_str(chunk.map_err(failed)?);
        }
        Ok(text)
    }

    /// The value that starts here, `depth` deep, as JSON holds it: byte
    /// strings as base64 text (as Smithy's JSON protocols send blobs),
    /// floats JSON cannot hold as `"NaN"`, `"Infinity"` and `"-Infinity"`
    /// (likewise), tag 1 as its number.
    fn value(&mut self, depth: usize) -> Result<Value, CborError> {
        let at = self.cbor.position();
        let failed = |err: minicbor::decode::Error| CborError::at(at, &err.to_string());
        let cbor = &mut self.cbor;
        Ok(match cbor.datatype().map_err(failed)? {
            Type::Bool => Value::Bool(cbor.bool().map_err(failed)?),
            Type::Null => cbor.null().map(|()| Value::Null).map_err(failed)?,
            Type::Undefined => cbor.undefined().map(|()| Value::Null).map_err(failed)?,
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => {
                Value::from(cbor.u64().map_err(failed)?)
            }
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => {
                let int = i128::from(cbor.int().map_err(failed)?);
                match (u64::try_from(int), i64::try_from(int)) {
                    (Ok(n), _) => Value::from(n),
                    (_, Ok(n)) => Value::from(n),
                    _ => return Err(CborError::at(at, "an integer beyond 64 bits")),
                }
            }
            Type::F16 => {
                let bits = cbor.input().get(at + 1..at + 3).ok_or_else(|| {
                    CborError::at(at, "the body ends inside a half-precision float")
                })?;
                cbor.set_position(at + 3);
                float(f16_to_f64(u16::from_be_bytes([bits[0], bits[1]])))
            }
            Type::F32 => float(f64::from(cbor.f32().map_err(failed)?)),
            Type::F64 => float(cbor.f64().map_err(failed)?),
            Type::Bytes | Type::BytesIndef => {
                let mut bytes = Vec::new();
                for chunk in cbor.bytes_iter().map_err(failed)? {
                    bytes.extend_from_slice(chunk.map_err(failed)?);
                }
                Value::String(base64(&bytes))
            }
            Type::String | Type::StringIndef => Value::String(self.text()?),
            Type::Array | Type::ArrayIndef => {
                if depth > MAX_DEPTH {
                    return Err(self.error("values nested too deep for an error body"));
                }
                let len = self.cbor.array().map_err(|e| self.failed(&e))?;
                let mut items = Vec::new();
                let mut read = 0u64;
                while len.is_none_or(|len| read < len) {
                    if len.is_none() && self.at_break()? {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    read += 1;
                }
                Value::Array(items)
            }
            Type::Map | Type::MapIndef => {
                Value::Object(self.map_entries(depth)?.into_iter().collect::<Map<_, _>>())
            }
            Type::Tag => {
                let tag = cbor.tag().map_err(failed)?;
                if tag.as_u64() != EPOCH_SECONDS {
                    return Err(CborError::at(
                        at,
                        &format!(
                            "tag {}: Smithy's RPC v2 CBOR tags only timestamps (tag 1)",
                            tag.as_u64()
                        ),
                    ));
                }
                match self.value(depth)? {
                    seconds @ Value::Number(_) => seconds,
                    _ => return Err(CborError::at(at, "tag 1 must hold a number of seconds")),
                }
            }
            Type::Break => return Err(CborError::at(at, "a break outside an indefinite item")),
            other => {
                return Err(CborError::at(
                    at,
                    &format!("{other} is not a value of an error body"),
                ))
            }
        })
    }
}

/// A float as JSON holds it; those it cannot as Smithy's JSON protocols
/// send them.
fn float(f: f64) -> Value {
    match Number::from_f64(f) {
        Some(number) => Value::Number(number),
        None if f.is_nan() => Value::from("NaN"),
        None if f > 0.0 => Value::from("Infinity"),
        None => Value::from("-Infinity"),
    }
}

/// An IEEE 754 half-precision float (minicbor reads them only with its
/// `half` feature, which pulls in zerocopy's derive macros).
fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x3ff);
    sign * match exponent {
        0 => fraction * 2f64.powi(-24),
        31 if fraction == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + fraction / 1024.0) * 2f64.powi(exponent - 15),
    }
}

/// Bytes as base64 text, with padding (RFC 4648, as Smithy sends blobs).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |bits, (at, &b)| bits | u32::from(b) << (16 - 8 * at));
        for at in 0..4 {
            if at <= group.len() {
                out.push(char::from(
                    ALPHABET[(bits >> (18 - 6 * at)) as usize & 0x3f],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp, reason = "each of these halves is exact in an f64")]
    fn half_floats_decode_as_ieee_754_says() {
        assert_eq!(f16_to_f64(0x3c00), 1.0);
        assert_eq!(f16_to_f64(0xc000), -2.0);
        assert_eq!(f16_to_f64(0x7bff), 65504.0);
        assert_eq!(f16_to_f64(0x0001), 2f64.powi(-24));
        assert_eq!(f16_to_f64(0x7c00), f64::INFINITY);
        assert!(f16_to_f64(0x7e00).is_nan());
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }
}
