//! The JSON error body: `{"code":"...","message":"...","type":"Client"}`.

use crate::{ErrorType, Exception, ServiceError, UnknownCode};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use std::borrow::Cow;
use std::fmt;

/// Bodies larger than this are refused before parsing: an error body is a
/// few hundred bytes, and a peer must not make us buffer without bound.
pub const MAX_BODY_LEN: usize = 1 << 20;

/// Why an error body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// The body is larger than [`MAX_BODY_LEN`].
    TooLarge(usize),
    /// The body is not valid JSON, or not an error object.
    Invalid(serde_json::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::TooLarge(len) => write!(
                f,
                "error body of {len} bytes is larger than the {MAX_BODY_LEN} bytes accepted"
            ),
            BodyError::Invalid(err) => write!(f, "invalid error body: {err}"),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::TooLarge(_) => None,
            BodyError::Invalid(err) => Some(err),
        }
    }
}

/// The code inside the decorations services add: `ns#Code` and
/// `Code:http://...` both give `Code`, as botocore and the AWS SDKs read them.
#[inline]
pub fn clean_code(raw: &str) -> &str {
    if !has_separator(raw.as_bytes()) {
        return raw;
    }
    // Both separators are ASCII, so the bounds fall on char boundaries.
    let (mut start, mut end) = (0, raw.len());
    for (at, &byte) in raw.as_bytes().iter().enumerate() {
        match byte {
            b':' => {
                end = at;
                break;
            }
            b'#' => start = at + 1,
            _ => {}
        }
    }
    raw.get(start..end).unwrap_or(raw)
}

/// Whether `bytes` holds `:` or `#`, eight bytes at a time: most codes
/// arrive bare, and this is then the only pass over them. The last word
/// overlaps the one before it rather than ending in a byte loop.
#[inline]
fn has_separator(bytes: &[u8]) -> bool {
    let found = |word: u64| bytes_equal(word, b':') | bytes_equal(word, b'#') != 0;
    let word_at = |at: usize| match bytes.get(at..at + 8) {
        Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])),
        None => 0,
    };
    let Some(last) = bytes.len().checked_sub(8) else {
        return bytes.iter().any(|&b| b == b':' || b == b'#');
    };
    let mut at = 0;
    while at < last {
        if found(word_at(at)) {
            return true;
        }
        at += 8;
    }
    found(word_at(last))
}

/// The high bit of each byte of `word` that equals `byte` is set (the exact
/// "has a zero byte" bit trick, applied to `word ^ byte…byte`).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// A code as received (header or body), cleaned; `None` when nothing is
/// left.
#[inline]
pub(crate) fn wire_code(raw: &str) -> Option<&str> {
    Some(clean_code(raw)).filter(|code| !code.is_empty())
}

impl<E: Exception> ServiceError<E> {
    /// The compact JSON body, exactly as [`serde::Serialize`] writes it.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(40 + self.code().len() + self.message().len());
        self.write_json(&mut out);
        // Only valid UTF-8 is written: `&str` inputs and ASCII escapes.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the compact JSON body to `out`, allocating nothing when
    /// `out` has room.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"code\":\"");
        escape_json(self.code(), out);
        out.extend_from_slice(b"\",\"message\":\"");
        escape_json(self.message(), out);
        out.extend_from_slice(b"\",\"type\":\"");
        out.extend_from_slice(self.error_type().as_str().as_bytes());
        out.extend_from_slice(b"\"}");
    }

    /// Parses an error body. Keys may come in any order and unknown keys
    /// are ignored. The code is read from `code`, then `Code`, then
    /// `__type`, with `ns#` prefixes and `:url` suffixes removed; the
    /// message from `message`, `Message` or `errorMessage` (empty when
    /// absent); the type from `type` (`Unknown` when absent). A known code
    /// takes the table's type and status; an unknown one keeps the type it
    /// came with.
    ///
    /// # Hostile input
    ///
    /// Never panics, on any bytes. What is refused and what is let through:
    /// - a body over [`MAX_BODY_LEN`] is [`BodyError::TooLarge`] before any
    ///   parsing. The limit counts the whole body, so a message round-trips
    ///   through [`to_json`](Self::to_json) as long as its escaped form and
    ///   the envelope fit (a 1 MiB message does not; serde, which has no
    ///   limit, still reads it);
    /// - invalid JSON, truncated input, trailing text, a top-level value that
    ///   is not an object, a leading byte order mark, a read field given
    ///   twice (`code`, `message`, ...), given `null` or given the wrong
    ///   type, a `type` other than `Client`/`Server`/`Unknown`, invalid
    ///   UTF-8 or a lone surrogate (`"\ud800"`) inside a read field, and an
    ///   empty code are [`BodyError::Invalid`];
    /// - lenient: the value of a key errtable does not read is skipped after
    ///   a syntax check only, so it may nest without a depth limit (it is
    ///   skipped without recursion), repeat, hold numbers beyond `f64`, lone
    ///   surrogates or invalid UTF-8 inside strings; `code` wins over `Code`
    ///   and `__type` when several are present, as with the message keys.
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        parse_body(body)
    }
}

/// Escapes a string for a JSON string literal exactly as serde_json does
/// (`\"`, `\\`, `\n`-style escapes, `\u00XX` for other control bytes).
/// Eight bytes are checked at a time, so plain text is copied in bulk.
fn escape_json(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !needs_escape(word) {
                at += 8;
                continue;
            }
        }
        // A chunk (or the tail) with something to escape: byte by byte.
        let end = (at + 8).min(bytes.len());
        for (i, &byte) in bytes[at..end].iter().enumerate() {
            if let Some(escape) = escape_for(byte) {
                out.extend_from_slice(&bytes[plain_from..at + i]);
                out.extend_from_slice(&escape.0[..escape.1]);
                plain_from = at + i + 1;
            }
        }
        at = end;
    }
    out.extend_from_slice(&bytes[plain_from..]);
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is below 0x20, `"` or `\` (the classic
/// "has a byte less than n" and "has a zero byte" bit tricks, both exact).
fn needs_escape(word: u64) -> bool {
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    // Bitwise, not short-circuit: no branches in the hot loop.
    control | bytes_equal(word, b'"') | bytes_equal(word, b'\\') != 0
}

/// The escape of one byte, if it needs one: bytes and their count.
fn escape_for(byte: u8) -> Option<([u8; 6], usize)> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Some(([b'\\', c, 0, 0, 0, 0], 2));
    match byte {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        b'\n' => short(b'n'),
        b'\r' => short(b'r'),
        b'\t' => short(b't'),
        0x08 => short(b'b'),
        0x0c => short(b'f'),
        0x00..=0x1f => Some((
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ],
            6,
        )),
        _ => None,
    }
}

impl<E: Exception> serde::Serialize for ServiceError<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("ServiceError", 3)?;
        body.serialize_field("code", self.code())?;
        body.serialize_field("message", self.message())?;
        body.serialize_field("type", &self.error_type())?;
        body.end()
    }
}

/// The keys of an error body errtable reads, one variant per spelling.
#[derive(Clone, Copy)]
enum Key {
    Code,
    CapitalCode,
    DunderType,
    Message,
    CapitalMessage,
    ErrorMessage,
    Type,
    Other,
}

impl<'de> serde::Deserialize<'de> for Key {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key of an error body")
            }
            #[inline]
            fn visit_str<Err: de::Error>(self, key: &str) -> Result<Key, Err> {
                Ok(match key {
                    "code" => Key::Code,
                    "message" => Key::Message,
                    "type" => Key::Type,
                    "Code" => Key::CapitalCode,
                    "__type" => Key::DunderType,
                    "Message" => Key::CapitalMessage,
                    "errorMessage" => Key::ErrorMessage,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A string that borrows from the input when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<Err: de::Error>(self, v: &'de str) -> Result<Text<'de>, Err> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<Err: de::Error>(self, v: &str) -> Result<Text<'de>, Err> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<Err: de::Error>(self, v: String) -> Result<Text<'de>, Err> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Stores a value, refusing a key that appears twice.
fn set_once<'de, T, M>(slot: &mut Option<T>, map: &mut M, key: &'static str) -> Result<(), M::Error>
where
    T: serde::Deserialize<'de>,
    M: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The fields of an error body, as sent: the code before clean-up, and
/// each field absent when the body lacks it. Shared by
/// [`ServiceError::from_json`] and the HTTP parser, which treat a missing
/// code differently.
pub(crate) struct WireBody<'de> {
    /// `code`, else `Code`, else `__type`, not yet cleaned.
    pub(crate) code: Option<Cow<'de, str>>,
    /// `message`, else `Message`, else `errorMessage`.
    pub(crate) message: Option<String>,
    /// `type`.
    pub(crate) error_type: Option<ErrorType>,
}

/// Parses a body of at most [`MAX_BODY_LEN`] bytes into what `T` builds
/// from its fields, or from the failure. Inlined so that the body reader
/// is compiled in the caller's crate, next to the table's lookup.
#[inline]
pub(crate) fn parse_body<'de, T: ParsedBody<'de>>(body: &'de [u8]) -> T {
    if body.len() > MAX_BODY_LEN {
        return T::failed(BodyError::TooLarge(body.len()));
    }
    // The visitor writes the result into `slot`, which is already the
    // returned type: a value returned through serde_json's layers and
    // re-wrapped on the way out was copied at each step, and each copy
    // stalled on the stores just made. The placeholder is overwritten
    // whenever the visitor returns `Ok`.
    let mut slot = T::failed(BodyError::TooLarge(0));
    let mut de = serde_json::Deserializer::from_slice(body);
    if let Err(err) = de
        .deserialize_map(BodyVisitor(&mut slot))
        .and_then(|()| de.end())
    {
        return T::failed(BodyError::Invalid(err));
    }
    slot
}

impl<'de> WireBody<'de> {
    /// The error this body describes, if it names a code. A received
    /// `status` is kept for codes the table lacks.
    #[inline]
    pub(crate) fn into_error<E: Exception, DeErr: de::Error>(
        self,
        status: Option<u16>,
    ) -> Result<ServiceError<E>, DeErr> {
        let raw = self.code.ok_or_else(|| DeErr::missing_field("code"))?;
        // A table's codes never hold `#` or `:` (validation refuses them),
        // so a known code as sent needs no clean-up scan: the common case.
        let exception = match E::known(&raw) {
            Some(known) => known,
            None => {
                let code = wire_code(&raw).ok_or_else(|| {
                    DeErr::invalid_value(de::Unexpected::Str(&raw), &"a non-empty error code")
                })?;
                let error_type = self.error_type.unwrap_or(ErrorType::Unknown);
                if code.len() == raw.len() {
                    // Nothing was cleaned: `known` already said no.
                    E::unknown(UnknownCode::received(code, error_type, status))
                } else {
                    E::from_wire(code, error_type, status)
                }
            }
        };
        Ok(ServiceError::new(
            exception,
            self.message.unwrap_or_default(),
        ))
    }
}

/// What the body visitor builds from the fields it read, inside the
/// visitor: building the error there writes it once, where returning the
/// fields and converting them afterwards moved them through the stack.
pub(crate) trait FromWire<'de> {
    /// Builds the value from the fields as read.
    fn from_wire(wire: WireBody<'de>) -> Self;
}

/// A [`FromWire`] that also stands for a body that could not be read.
pub(crate) trait ParsedBody<'de>: FromWire<'de> {
    /// The value for a body refused before or while parsing.
    fn failed(err: BodyError) -> Self;
}

impl<'de> FromWire<'de> for Result<WireBody<'de>, BodyError> {
    #[inline]
    fn from_wire(wire: WireBody<'de>) -> Self {
        Ok(wire)
    }
}

impl<'de> ParsedBody<'de> for Result<WireBody<'de>, BodyError> {
    #[inline]
    fn failed(err: BodyError) -> Self {
        Err(err)
    }
}

/// The error, or why the fields name none. The failure stays a value so
/// that it reaches the caller as it did when the conversion ran after the
/// parse (serde_json would add a position to an error the visitor returns).
impl<'de, E: Exception> FromWire<'de> for Result<ServiceError<E>, BodyError> {
    #[inline]
    fn from_wire(wire: WireBody<'de>) -> Self {
        wire.into_error(None).map_err(BodyError::Invalid)
    }
}

impl<'de, E: Exception> ParsedBody<'de> for Result<ServiceError<E>, BodyError> {
    #[inline]
    fn failed(err: BodyError) -> Self {
        Err(err)
    }
}

/// As above, for [`serde::Deserialize`]: `None` until the visitor ran.
impl<'de, E: Exception, DeErr: de::Error> FromWire<'de> for Option<Result<ServiceError<E>, DeErr>> {
    #[inline]
    fn from_wire(wire: WireBody<'de>) -> Self {
        Some(wire.into_error(None))
    }
}

/// Reads an error body's fields into a `T`.
struct BodyVisitor<'a, T>(&'a mut T);

impl<'de, T: FromWire<'de>> Visitor<'de> for BodyVisitor<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error body with a code")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let mut code: Option<Text<'de>> = None;
        let mut capital_code: Option<Text<'de>> = None;
        let mut dunder_type: Option<Text<'de>> = None;
        let mut message: Option<String> = None;
        let mut capital_message: Option<String> = None;
        let mut error_message: Option<String> = None;
        let mut error_type: Option<ErrorType> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Code => set_once(&mut code, &mut map, "code")?,
                Key::CapitalCode => set_once(&mut capital_code, &mut map, "Code")?,
                Key::DunderType => set_once(&mut dunder_type, &mut map, "__type")?,
                Key::Message => set_once(&mut message, &mut map, "message")?,
                Key::CapitalMessage => set_once(&mut capital_message, &mut map, "Message")?,
                Key::ErrorMessage => set_once(&mut error_message, &mut map, "errorMessage")?,
                Key::Type => set_once(&mut error_type, &mut map, "type")?,
                Key::Other => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        *self.0 = T::from_wire(WireBody {
            code: code.or(capital_code).or(dunder_type).map(|text| text.0),
            message: message.or(capital_message).or(error_message),
            error_type,
        });
        Ok(())
    }
}

impl<'de, E: Exception> serde::Deserialize<'de> for ServiceError<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut slot = None;
        deserializer.deserialize_map(BodyVisitor::<Option<Result<Self, D::Error>>>(&mut slot))?;
        slot.unwrap_or_else(|| Err(de::Error::custom("no error body was read")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_codes_like_the_clients() {
        assert_eq!(
            clean_code("ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(
            clean_code("com.amazon#ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
        assert_eq!(
            clean_code("ThrottlingException:http://internal.amazon.com/"),
            "ThrottlingException"
        );
        assert_eq!(clean_code("a#b#C:x:y"), "C");
    }

    #[test]
    fn finds_separators_at_every_length_and_position() {
        for len in 0..40 {
            let bare = "x".repeat(len);
            assert!(!has_separator(bare.as_bytes()), "{len}");
            for at in 0..len {
                for separator in [b'#', b':'] {
                    let mut bytes = bare.clone().into_bytes();
                    bytes[at] = separator;
                    assert!(has_separator(&bytes), "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn escapes_like_serde_json() {
        let samples = [
            "plain",
            "q\"b\\s/",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "ünï 💥 \u{2028}",
        ];
        for sample in samples {
            let mut ours = Vec::new();
            escape_json(sample, &mut ours);
            let theirs = serde_json::to_string(sample).unwrap();
            assert_eq!(format!("\"{}\"", String::from_utf8(ours).unwrap()), theirs);
        }
    }
}
