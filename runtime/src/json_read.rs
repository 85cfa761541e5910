//! Reading JSON error bodies: the spellings AWS services use, and RFC 9457
//! problem details.

use crate::body_error::{BodyError, TooLarge};
use crate::wire_code::wire_code;
use crate::{ErrorType, Exception, ServiceError, UnknownCode};
use serde_core::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

impl<E: Exception> ServiceError<E> {
    /// Parses an error body. Keys may come in any order and unknown keys
    /// become the error's extra fields. The code is read from `code`, then `Code`, then
    /// `__type`, with `ns#` prefixes and `:url` suffixes removed; the
    /// message from `message`, `Message` or `errorMessage` (empty when
    /// absent); the type from `type` (`Unknown` when absent). A known code
    /// takes the table's type and status; an unknown one keeps the type it
    /// came with.
    ///
    /// # Errors
    ///
    /// Never panics, on any bytes. What is refused and what is let through:
    /// - a body over [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) is
    ///   [`BodyError::TooLarge`] before any parsing. The limit counts the
    ///   whole body, so a message round-trips through
    ///   [`to_json`](Self::to_json) as long as its escaped form and the
    ///   envelope fit (a 1 MiB message does not; serde, which has no limit,
    ///   still reads it);
    /// - invalid JSON, truncated input, trailing text, a top-level value that
    ///   is not an object, a leading byte order mark, a read field given
    ///   twice (`code`, `message`, ...), given `null` or given the wrong
    ///   type, a `type` other than `Client`/`Server`/`Unknown`, invalid
    ///   UTF-8 or a lone surrogate (`"\ud800"`) inside a read field, and an
    ///   empty code are [`BodyError::Invalid`];
    /// - the value of a key errtable does not read becomes an extra field
    ///   (the last one wins when a key repeats), read as `serde_json` reads
    ///   any JSON: nesting deeper than 128 levels, numbers beyond `f64`,
    ///   lone surrogates and invalid UTF-8 are refused there too;
    /// - lenient: `code` wins over `Code` and `__type` when several are
    ///   present, as with the message keys.
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        TooLarge::check(body.len())?;
        if let protocol @ (crate::Protocol::ProblemJson { .. } | crate::Protocol::GoogleJson) =
            E::protocol()
        {
            return Self::from_body(&protocol, body);
        }
        Ok(serde_json::from_slice(body)?)
    }
}

impl<'de, E: Exception> serde_core::Deserialize<'de> for ServiceError<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if let protocol @ (crate::Protocol::ProblemJson { .. } | crate::Protocol::GoogleJson) =
            E::protocol()
        {
            // Problem details or Google's body, as `from_json` reads them.
            let value = Value::deserialize(deserializer)?;
            let body = serde_json::to_vec(&value).map_err(de::Error::custom)?;
            return Self::from_body(&protocol, &body).map_err(de::Error::custom);
        }
        WireBody::deserialize(deserializer)?.into_error(None, crate::protocol::REST_JSON)
    }
}

/// The fields of an error body, as sent: the code before clean-up, and
/// each field absent when the body lacks it.
pub(crate) struct WireBody<'de> {
    /// `code`, else `Code`, else `__type`, not yet cleaned.
    pub(crate) code: Option<Cow<'de, str>>,
    /// `message`, else `Message`, else `errorMessage`.
    pub(crate) message: Option<String>,
    /// `type`.
    pub(crate) error_type: Option<ErrorType>,
    /// Every other member.
    pub(crate) fields: Vec<(String, Value)>,
}

/// Reads the fields of a body of at most
/// [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) bytes.
pub(crate) fn read_body(body: &[u8]) -> Result<WireBody<'_>, BodyError> {
    TooLarge::check(body.len())?;
    Ok(serde_json::from_slice(body)?)
}

impl WireBody<'_> {
    /// The error this body describes, if it names a code. A received
    /// `status` is kept for codes the table lacks; its members are named
    /// as `protocol` names them.
    pub(crate) fn into_error<E: Exception, Error: de::Error>(
        self,
        status: Option<u16>,
        protocol: &crate::Protocol,
    ) -> Result<ServiceError<E>, Error> {
        let raw = self.code.ok_or_else(|| Error::missing_field("code"))?;
        // A table's codes hold no `#` or `:`, so a known code as sent needs
        // no clean-up: 135 fewer instructions a body (benches/ops.rs).
        let exception = if let Some(known) = E::find(&raw) {
            known
        } else {
            let code = wire_code(&raw).ok_or_else(|| {
                Error::invalid_value(de::Unexpected::Str(&raw), &"a non-empty error code")
            })?;
            let error_type = self.error_type.unwrap_or(ErrorType::Unknown);
            if code.len() == raw.len() {
                // Nothing was cleaned off: `known` already said no.
                E::unknown(UnknownCode::received(code, error_type, status))
            } else {
                crate::__private::from_wire(code, error_type, status)
            }
        };
        let error = ServiceError::new(exception, self.message.unwrap_or_default());
        Ok(with_fields(error, self.fields, protocol))
    }
}

/// `error` with `fields`, read from a body of `protocol`, added in order,
/// its declared members under their names.
// Inlined, so that a body without fields does not pass the error through
// a call (33 instructions a parse, `benches/instructions.py`).
#[inline]
pub(crate) fn with_fields<E: Exception>(
    error: ServiceError<E>,
    fields: Vec<(String, Value)>,
    protocol: &crate::Protocol,
) -> ServiceError<E> {
    if fields.is_empty() {
        return error;
    }
    add_fields(error, fields, protocol)
}

fn add_fields<E: Exception>(
    error: ServiceError<E>,
    fields: Vec<(String, Value)>,
    protocol: &crate::Protocol,
) -> ServiceError<E> {
    fields
        .into_iter()
        .fold(error, |error, (name, value)| error.with_field(name, value))
        .read_members(protocol)
}

/// The keys of an error body errtable reads, one variant per spelling.
enum Key {
    Code,
    CapitalCode,
    DunderType,
    Message,
    CapitalMessage,
    ErrorMessage,
    Type,
    Other(String),
}

// `#[inline]` on the key reader, as serde_derive's field visitors are
// inlined into its generated code: without it, parsing the seed's body took
// 0.88x the time of the serde_derive struct, unknown codes 0.84x; with it
// 0.91x–0.95x and 0.90x–0.92x (min of 7 and 9 interleaved runs of
// `ops parse-*`, BENCHMARKS.md).
impl<'de> serde_core::Deserialize<'de> for Key {
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
                    "Code" => Key::CapitalCode,
                    "__type" => Key::DunderType,
                    "message" => Key::Message,
                    "Message" => Key::CapitalMessage,
                    "errorMessage" => Key::ErrorMessage,
                    "type" => Key::Type,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A string that borrows from the input when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> serde_core::Deserialize<'de> for Text<'de> {
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
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> serde_core::Deserialize<'de> for WireBody<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BodyVisitor)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = WireBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error body with a code")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<WireBody<'de>, M::Error> {
        let mut code: Option<Text<'de>> = None;
        let mut capital_code: Option<Text<'de>> = None;
        let mut dunder_type: Option<Text<'de>> = None;
        let mut message: Option<String> = None;
        let mut capital_message: Option<String> = None;
        let mut error_message: Option<String> = None;
        let mut error_type: Option<ErrorType> = None;
        let mut fields: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Code => set_once(&mut code, &mut map, "code")?,
                Key::CapitalCode => set_once(&mut capital_code, &mut map, "Code")?,
                Key::DunderType => set_once(&mut dunder_type, &mut map, "__type")?,
                Key::Message => set_once(&mut message, &mut map, "message")?,
                Key::CapitalMessage => set_once(&mut capital_message, &mut map, "Message")?,
                Key::ErrorMessage => set_once(&mut error_message, &mut map, "errorMessage")?,
                Key::Type => set_once(&mut error_type, &mut map, "type")?,
                Key::Other(name) => {
                    let value = map.next_value()?;
                    fields.retain(|(n, _)| *n != name);
                    fields.push((name, value));
                }
            }
        }
        Ok(WireBody {
            code: code.or(capital_code).or(dunder_type).map(|text| text.0),
            message: message.or(capital_message).or(error_message),
            error_type,
            fields,
        })
    }
}

/// Stores a value, refusing a key that appears twice.
fn set_once<'de, T, M>(slot: &mut Option<T>, map: &mut M, key: &'static str) -> Result<(), M::Error>
where
    T: serde_core::Deserialize<'de>,
    M: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// What problem details (RFC 9457) say of an error. A standard member of
/// the wrong JSON type is ignored, as if absent (section 3.1).
pub(crate) struct ProblemBody {
    /// `type`, a URI reference; absent means `about:blank`.
    pub(crate) problem_type: Option<String>,
    pub(crate) title: Option<String>,
    /// `status`, advisory: the response's own status wins.
    pub(crate) status: Option<u16>,
    pub(crate) detail: Option<String>,
    /// errtable's extension member naming the code.
    pub(crate) code: Option<String>,
    /// `instance` and every extension member, in order.
    pub(crate) fields: Vec<(String, Value)>,
}

/// Reads problem details of at most [`MAX_BODY_LEN`](crate::MAX_BODY_LEN)
/// bytes: a JSON object whose members appear once each.
pub(crate) fn read_problem(body: &[u8]) -> Result<ProblemBody, BodyError> {
    TooLarge::check(body.len())?;
    let Members(members) = serde_json::from_slice(body)?;
    let mut problem = ProblemBody {
        problem_type: None,
        title: None,
        status: None,
        detail: None,
        code: None,
        fields: Vec::new(),
    };
    for (name, value) in members {
        let text = || match &value {
            Value::String(text) => Some(text.clone()),
            _ => None,
        };
        match name.as_str() {
            "type" => problem.problem_type = text(),
            "title" => problem.title = text(),
            "detail" => problem.detail = text(),
            "code" => problem.code = text().filter(|code| !code.is_empty()),
            "status" => problem.status = value.as_u64().and_then(|s| u16::try_from(s).ok()),
            // A string, or ignored like the members above.
            "instance" if !value.is_string() => {}
            _ => problem.fields.push((name, value)),
        }
    }
    Ok(problem)
}

impl ProblemBody {
    /// The error these details describe, read by a table whose problem
    /// types join `type_base` and a code, received with `status`:
    /// 1. `type` is the base joined with a code of the table: that row;
    /// 2. else `code` names a row: that row;
    /// 3. else an unknown error whose code is `type`, exactly as sent (a
    ///    URI, which AWS's code cleaning would cut at its `:`), or for
    ///    `about:blank` and no type, `code`, else the status.
    ///
    /// `None` when nothing names the error (no type, no code, no status).
    pub(crate) fn into_error<E: Exception>(
        self,
        status: Option<u16>,
        type_base: Option<&str>,
    ) -> Option<ServiceError<E>> {
        let status = status.or(self.status);
        // Problem details carry no Client/Server type: the status says.
        let error_type = status.map_or(ErrorType::Unknown, ErrorType::from_status);
        // An empty type names nothing either.
        let blank = |t: &Option<String>| {
            t.as_deref()
                .is_none_or(|t| t.is_empty() || t == "about:blank")
        };
        let by_type = type_base
            .zip(self.problem_type.as_deref())
            .and_then(|(base, problem_type)| code_in_type(base, problem_type))
            .and_then(|code| E::find(&code));
        let by_code = || self.code.as_deref().and_then(E::find);
        let exception = match by_type.or_else(by_code) {
            Some(known) => known,
            None if !blank(&self.problem_type) => {
                let uri = self.problem_type.as_deref().unwrap_or_default();
                E::unknown(UnknownCode::received(uri, error_type, status))
            }
            None => match (&self.code, status) {
                (Some(code), _) => crate::__private::from_wire(code, error_type, status),
                (None, Some(status)) => E::unknown(UnknownCode::received(
                    &status.to_string(),
                    error_type,
                    Some(status),
                )),
                (None, None) => return None,
            },
        };
        let known = exception.is_known();
        let mut error = ServiceError::new(exception, self.detail.unwrap_or_default());
        // A problem of a foreign type keeps its type and title, sent on
        // unchanged; the table's own rows have the table's, and
        // `about:blank` the status's phrase.
        if !known && !blank(&self.problem_type) {
            for (name, value) in [("type", self.problem_type), ("title", self.title)] {
                if let Some(value) = value {
                    error = error.with_field(name, value);
                }
            }
        }
        let protocol = crate::Protocol::ProblemJson { type_base: None };
        Some(with_fields(error, self.fields, &protocol))
    }
}

/// The code a problem `type` joins to `base`, if it is one: the base, `/`
/// unless the base ends in one, then the code as one percent-encoded path
/// segment (as `json_write::write_problem_type` writes it).
fn code_in_type(base: &str, problem_type: &str) -> Option<String> {
    let rest = problem_type.strip_prefix(base)?;
    let segment = if base.ends_with('/') {
        rest
    } else {
        rest.strip_prefix('/')?
    };
    if segment.is_empty() || segment.contains('/') {
        return None;
    }
    percent_decode(segment)
}

/// A percent-encoded path segment as text, if it decodes to UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let high = char::from(*bytes.get(at + 1)?).to_digit(16)?;
            let low = char::from(*bytes.get(at + 2)?).to_digit(16)?;
            out.push(u8::try_from(high * 16 + low).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A JSON object's members in order, each name once.
struct Members(Vec<(String, Value)>);

impl<'de> serde_core::Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members, M::Error> {
                let mut members: Vec<(String, Value)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    if members.iter().any(|(n, _)| *n == name) {
                        return Err(de::Error::custom(format_args!(
                            "member `{name}` appears twice"
                        )));
                    }
                    let value = map.next_value()?;
                    members.push((name, value));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}
