//! Google's error model (AIP-193): the `ErrorInfo` of an error, and the
//! `google-json` bodies of Google's HTTP APIs. The gRPC form, the same
//! details in `grpc-status-details-bin`, is in [`tonic`](crate::tonic).
//!
//! An error's [`ErrorInfo`] holds:
//! - `reason`: its row's `Reason` column, else its code in
//!   `UPPER_SNAKE_CASE` ([`Exception::reason`]);
//! - `domain`: the table's `domain = "..."` option, else the name of the
//!   crate that derives the table;
//! - `metadata`: the code under `code`, then each extra field under its
//!   name in lowerCamelCase ([`metadata_key`](errtable_shared::metadata_key):
//!   `OrderId` is `orderId`), a string as it is, any other value as JSON
//!   text.
//!
//! Read back, an `ErrorInfo` of the table's own domain names its row by
//! `code` when the metadata has one, else by reason; a metadata key names
//! the member whose name it is the key of, and its text is read as that
//! member's shape (JSON text for shapes other than strings); other keys
//! become fields of text under the key. An `ErrorInfo` of another domain
//! is an unknown error whose code is its reason: its reasons are not the
//! table's, even where they are spelled alike.

use crate::body_error::{BodyError, TooLarge};
use crate::timestamp::decimal;
use crate::{ErrorType, Exception, GrpcCode, MemberShape, ServiceError, UnknownCode};
use serde_core::de::Error as _;
use serde_json::{Map, Value};
use std::time::Duration;

/// The `@type` of `ErrorInfo` in JSON.
const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
/// The `@type` of `RequestInfo` in JSON.
const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";
/// The `@type` of `RetryInfo` in JSON.
const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";

/// The field a `google-json` body's other details are kept in, and
/// written back from: an array of the entries as they came.
pub const DETAILS_FIELD: &str = "details";

/// `google.rpc.ErrorInfo`: why an error happened, in a form a machine
/// reads (see the [module](self) docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The reason, `[A-Z][A-Z0-9_]+[A-Z0-9]`, unique within the domain.
    pub reason: String,
    /// The service or table the reason belongs to.
    pub domain: String,
    /// The code under `code`, then the extra fields, each key once.
    pub metadata: Vec<(String, String)>,
}

impl<E: Exception> ServiceError<E> {
    /// The error's `ErrorInfo`, as gRPC statuses and `google-json` bodies
    /// carry it (see the [module](self) docs).
    pub fn error_info(&self) -> ErrorInfo {
        let mut metadata = vec![("code".to_owned(), self.code().to_owned())];
        for (name, value) in self.fields_in_order() {
            if name == DETAILS_FIELD && value.is_array() {
                continue;
            }
            let key = errtable_shared::metadata_key(name);
            if metadata.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            metadata.push((key, text));
        }
        ErrorInfo {
            reason: self.exception().reason().into_owned(),
            domain: E::domain().to_owned(),
            metadata,
        }
    }
}

impl ErrorInfo {
    /// The error this `ErrorInfo` describes, with `message`, received with
    /// `status` (the HTTP status, or the gRPC code's): see the
    /// [module](self) docs.
    pub(crate) fn into_error<E: Exception>(self, status: u16, message: String) -> ServiceError<E> {
        let error_type = ErrorType::from_status(status);
        let ours = self.domain == E::domain();
        let mut metadata = self.metadata;
        let code = match metadata.iter().position(|(key, _)| key == "code") {
            Some(at) if ours => Some(metadata.remove(at).1),
            _ => None,
        };
        let received =
            |code: &str| E::unknown(UnknownCode::received(code, error_type, Some(status)));
        let exception = match code {
            Some(code) => crate::__private::from_wire(&code, error_type, Some(status)),
            None if ours => E::all()
                .iter()
                .find(|row| row.reason() == self.reason)
                .cloned()
                .unwrap_or_else(|| received(&self.reason)),
            None => received(&self.reason),
        };
        let members = exception.members();
        let mut error = ServiceError::new(exception, message);
        for (key, text) in metadata {
            let member = members
                .iter()
                .find(|member| errtable_shared::metadata_key(member.name()) == key);
            error = match member {
                Some(member) => {
                    let value = match member.shape() {
                        MemberShape::String => Value::String(text),
                        _ => serde_json::from_str(&text).unwrap_or(Value::String(text)),
                    };
                    error.with_field(member.name(), value)
                }
                None => error.with_field(key, text),
            };
        }
        error
    }
}

impl<E: Exception> ServiceError<E> {
    /// Appends the `google-json` body:
    /// `{"error":{"code":404,"message":"…","status":"NOT_FOUND","details":[…]}}`,
    /// `code` the HTTP status, `status` the gRPC code's name, `details`
    /// the `ErrorInfo`, a `RequestInfo` with `request_id`, a `RetryInfo`
    /// when the error has a [retry delay](Self::retry_after), then the
    /// details kept in [`DETAILS_FIELD`].
    pub(crate) fn write_google_json(
        &self,
        request_id: Option<&str>,
        status: u16,
        out: &mut Vec<u8>,
    ) {
        use crate::json_write::write_string;
        let info = self.error_info();
        out.extend_from_slice(b"{\"error\":{\"code\":");
        out.extend_from_slice(status.to_string().as_bytes());
        out.extend_from_slice(b",\"message\":");
        write_string(out, self.message());
        out.extend_from_slice(b",\"status\":\"");
        out.extend_from_slice(self.exception().grpc_code().as_str().as_bytes());
        out.extend_from_slice(b"\",\"details\":[{\"@type\":\"");
        out.extend_from_slice(ERROR_INFO.as_bytes());
        out.extend_from_slice(b"\",\"reason\":");
        write_string(out, &info.reason);
        out.extend_from_slice(b",\"domain\":");
        write_string(out, &info.domain);
        out.extend_from_slice(b",\"metadata\":{");
        for (index, (key, value)) in info.metadata.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            write_string(out, key);
            out.push(b':');
            write_string(out, value);
        }
        out.extend_from_slice(b"}}");
        if let Some(id) = request_id {
            out.extend_from_slice(b",{\"@type\":\"");
            out.extend_from_slice(REQUEST_INFO.as_bytes());
            out.extend_from_slice(b"\",\"requestId\":");
            write_string(out, id);
            out.push(b'}');
        }
        if let Some(delay) = self.retry_after() {
            out.extend_from_slice(b",{\"@type\":\"");
            out.extend_from_slice(RETRY_INFO.as_bytes());
            out.extend_from_slice(b"\",\"retryDelay\":\"");
            out.extend_from_slice(duration_text(delay).as_bytes());
            out.extend_from_slice(b"\"}");
        }
        if let Some(Value::Array(kept)) = self.field(DETAILS_FIELD) {
            for detail in kept {
                out.push(b',');
                // Writing into a `Vec` cannot fail.
                let _ = serde_json::to_writer(&mut *out, detail);
            }
        }
        out.extend_from_slice(b"]}}");
    }
}

/// A duration as protobuf's JSON writes one: seconds, with 3, 6 or 9
/// decimals where it has a fraction, then `s` (`30s`, `1.500s`).
fn duration_text(delay: Duration) -> String {
    let seconds = delay.as_secs();
    match delay.subsec_nanos() {
        0 => format!("{seconds}s"),
        nanos if nanos % 1_000_000 == 0 => format!("{seconds}.{:03}s", nanos / 1_000_000),
        nanos if nanos % 1_000 == 0 => format!("{seconds}.{:06}s", nanos / 1_000),
        nanos => format!("{seconds}.{nanos:09}s"),
    }
}

/// A duration in protobuf's JSON form, if it is one.
fn parse_duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = match number.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (number, ""),
    };
    if fraction.len() > 9 {
        return None;
    }
    let nanos = if fraction.is_empty() {
        0
    } else {
        u32::try_from(decimal(&format!("{fraction:0<9}"))?).ok()?
    };
    Some(Duration::new(decimal(whole)?, nanos))
}

/// What a `google-json` body says.
pub(crate) struct GoogleBody {
    /// `code`, the HTTP status, advisory: the response's own status wins.
    pub(crate) status: Option<u16>,
    pub(crate) message: String,
    /// `status`, the gRPC code's name.
    pub(crate) grpc_code: Option<GrpcCode>,
    pub(crate) error_info: Option<ErrorInfo>,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_delay: Option<Duration>,
    /// The other details, as they came.
    pub(crate) other_details: Vec<Value>,
}

/// Reads a `google-json` body of at most
/// [`MAX_BODY_LEN`](crate::MAX_BODY_LEN) bytes. A body that is not
/// `{"error":{…}}`, or whose known members or details have the wrong
/// JSON types, is [`BodyError::Invalid`].
pub(crate) fn read_google(body: &[u8]) -> Result<GoogleBody, BodyError> {
    TooLarge::check(body.len())?;
    let invalid = |what: &str| BodyError::Invalid(serde_json::Error::custom(what));
    let top: Ordered = serde_json::from_slice(body)?;
    let Some(error @ Ordered::Object(_)) = top.get("error") else {
        return Err(invalid(
            "a google-json body is an object with an `error` object",
        ));
    };
    let text = |object: &Ordered, key: &str| match object.get(key) {
        None | Some(Ordered::Leaf(Value::Null)) => Ok(None),
        Some(Ordered::Leaf(Value::String(text))) => Ok(Some(text.clone())),
        Some(_) => Err(invalid(&format!("`{key}` is a string"))),
    };
    let status = match error.get("code") {
        None | Some(Ordered::Leaf(Value::Null)) => None,
        Some(Ordered::Leaf(code)) => Some(
            code.as_u64()
                .and_then(|code| u16::try_from(code).ok())
                .ok_or_else(|| invalid("`error.code` is an HTTP status"))?,
        ),
        Some(_) => return Err(invalid("`error.code` is an HTTP status")),
    };
    let mut read = GoogleBody {
        status,
        message: text(error, "message")?.unwrap_or_default(),
        grpc_code: text(error, "status")?.and_then(|name| name.parse().ok()),
        error_info: None,
        request_id: None,
        retry_delay: None,
        other_details: Vec::new(),
    };
    let details = match error.get("details") {
        None | Some(Ordered::Leaf(Value::Null)) => &[][..],
        Some(Ordered::Array(details)) => details,
        Some(_) => return Err(invalid("`error.details` is an array")),
    };
    for detail in details {
        if !matches!(detail, Ordered::Object(_)) {
            return Err(invalid("each of `error.details` is an object"));
        }
        match text(detail, "@type")?.as_deref().unwrap_or("") {
            ERROR_INFO if read.error_info.is_none() => {
                let metadata = match detail.get("metadata") {
                    None | Some(Ordered::Leaf(Value::Null)) => Vec::new(),
                    Some(Ordered::Object(metadata)) => {
                        let mut pairs = Vec::with_capacity(metadata.len());
                        for (key, value) in metadata {
                            let Ordered::Leaf(Value::String(text)) = value else {
                                return Err(invalid("ErrorInfo's metadata values are strings"));
                            };
                            pairs.push((key.clone(), text.clone()));
                        }
                        pairs
                    }
                    Some(_) => return Err(invalid("ErrorInfo's metadata is an object")),
                };
                read.error_info = Some(ErrorInfo {
                    reason: text(detail, "reason")?.unwrap_or_default(),
                    domain: text(detail, "domain")?.unwrap_or_default(),
                    metadata,
                });
            }
            REQUEST_INFO if read.request_id.is_none() => {
                read.request_id = text(detail, "requestId")?.filter(|id| !id.is_empty());
            }
            RETRY_INFO if read.retry_delay.is_none() => {
                read.retry_delay = match text(detail, "retryDelay")? {
                    None => None,
                    Some(delay) => Some(
                        parse_duration(&delay)
                            .ok_or_else(|| invalid("RetryInfo's retryDelay is a duration"))?,
                    ),
                };
            }
            _ => read.other_details.push(detail.clone().into_value()),
        }
    }
    Ok(read)
}

/// JSON whose objects keep their members in order, as `Value` (without
/// `serde_json`'s `preserve_order`, which would change every `Value` in the
/// user's build) does not: `ErrorInfo`'s metadata becomes fields in the
/// order it was sent.
#[derive(Clone)]
enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    /// A string, number, boolean or null.
    Leaf(Value),
}

impl Ordered {
    /// The member `key` of an object (the last, if it repeats).
    fn get(&self, key: &str) -> Option<&Ordered> {
        match self {
            Ordered::Object(members) => {
                members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    fn into_value(self) -> Value {
        match self {
            Ordered::Object(members) => {
                // Inserted one by one (the last of a repeated key wins, as
                // in `get`): collecting a `Map` compiled a sort and a bulk
                // build of `BTreeMap` into this crate, 3,000 lines of LLVM IR.
                let mut object = Map::new();
                for (key, value) in members {
                    object.insert(key, value.into_value());
                }
                Value::Object(object)
            }
            Ordered::Array(items) => {
                Value::Array(items.into_iter().map(Ordered::into_value).collect())
            }
            Ordered::Leaf(value) => value,
        }
    }
}

impl<'de> serde_core::Deserialize<'de> for Ordered {
    fn deserialize<D: serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> serde_core::de::Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<M: serde_core::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Ordered, M::Error> {
                let mut members = Vec::new();
                while let Some((key, value)) = map.next_entry()? {
                    members.push((key, value));
                }
                Ok(Ordered::Object(members))
            }
            fn visit_seq<S: serde_core::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<Ordered, S::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::Array(items))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(v)))
            }
            fn visit_string<E>(self, v: String) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::String(v)))
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::Null))
            }
        }
        deserializer.deserialize_any(OrderedVisitor)
    }
}

impl GoogleBody {
    /// The error the body describes by `info`, its `ErrorInfo`, received
    /// with `status`.
    pub(crate) fn into_error<E: Exception>(
        self,
        info: ErrorInfo,
        status: Option<u16>,
    ) -> ServiceError<E> {
        let status = status
            .or(self.status)
            .or(self.grpc_code.map(GrpcCode::http_status))
            .unwrap_or(500);
        let error = info.into_error::<E>(status, self.message);
        with_details(error, self.request_id, self.retry_delay, self.other_details)
    }
}

/// `error` with what the details other than `ErrorInfo` say.
pub(crate) fn with_details<E: Exception>(
    mut error: ServiceError<E>,
    request_id: Option<String>,
    retry_delay: Option<Duration>,
    other_details: Vec<Value>,
) -> ServiceError<E> {
    if let Some(id) = request_id {
        error = error.with_request_id(id);
    }
    if let Some(delay) = retry_delay {
        error = error.with_retry_after(delay);
    }
    if !other_details.is_empty() {
        error = error.with_field(DETAILS_FIELD, other_details);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_and_write_as_protobuf_json() {
        for (text, duration) in [
            ("30s", Duration::from_secs(30)),
            ("0s", Duration::ZERO),
            ("1.500s", Duration::from_millis(1500)),
            ("0.000002s", Duration::from_micros(2)),
            ("0.000000001s", Duration::from_nanos(1)),
        ] {
            assert_eq!(parse_duration(text), Some(duration), "{text}");
            assert_eq!(duration_text(duration), text);
        }
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        for bad in ["", "s", "30", "-1s", "1.s", "1.0000000001s", "1e3s", " 1s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
