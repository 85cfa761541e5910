//! Writing the JSON error bodies: REST-JSON's
//! `{"code":"...","message":"...","type":"Client"}`, AWS JSON's
//! `{"__type":"...","message":"..."}` and RFC 9457 problem details, each
//! followed by the error's extra fields.

use crate::{Exception, Protocol, ServiceError};
use serde_core::ser::{Error as _, SerializeMap, Serializer};
use serde_json::Value;
use std::borrow::Cow;

/// The members REST-JSON and AWS JSON bodies write or read themselves:
/// a field of one of these names is not written.
use errtable_shared::AWS_JSON_PARTS as AWS_JSON_MEMBERS;
/// The members of problem details errtable writes itself.
use errtable_shared::PROBLEM_PARTS as PROBLEM_MEMBERS;

impl<E: Exception> ServiceError<E> {
    /// The error as compact JSON in REST-JSON's shape, exactly as
    /// [`Serialize`](serde_core::Serialize) writes it: `code`, `message`, `type`, then
    /// every extra field, declared members under their JSON names (those
    /// bound to headers too: a response sends them in their headers
    /// instead, [`to_body`](Self::to_body)). A table whose protocol is
    /// `problem-json` writes its problem details instead (RFC 9457), one
    /// whose protocol is `google-json` its `{"error":{…}}` body, and
    /// [`from_json`](Self::from_json) reads them.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(40 + self.code().len() + self.message().len());
        self.write_json(&mut out);
        // Only valid UTF-8 is written: `&str` inputs, escaped by serde_json.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends [`to_json`](Self::to_json)'s text to `out`, allocating
    /// nothing when `out` has room and the error has no extra fields.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match E::protocol() {
            Protocol::ProblemJson { type_base } => {
                let status = self.wire_status(&Protocol::ProblemJson { type_base: None });
                self.write_problem_json(type_base.as_deref(), status, out);
            }
            Protocol::GoogleJson => {
                let status = self.wire_status(&Protocol::GoogleJson);
                self.write_google_json(self.request_id(), status, out);
            }
            _ => self.write_rest_json(out, false),
        }
    }

    /// Appends the REST-JSON body, with the members bound to headers left
    /// out when `headers_apart` (a response sends them in their headers).
    pub(crate) fn write_rest_json(&self, out: &mut Vec<u8>, headers_apart: bool) {
        out.extend_from_slice(b"{\"code\":");
        write_string(out, self.code());
        self.write_message(out);
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(self.error_type().as_str().as_bytes());
        out.push(b'"');
        self.write_json_fields(out, &AWS_JSON_MEMBERS, &Protocol::RestJson, headers_apart);
        out.push(b'}');
    }

    /// Appends the AWS JSON body: `__type`, `message`, the extra fields.
    pub(crate) fn write_aws_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"__type\":");
        write_string(out, self.code());
        self.write_message(out);
        self.write_json_fields(out, &AWS_JSON_MEMBERS, &Protocol::AwsJson, true);
        out.push(b'}');
    }

    /// `,"message":"..."` unless the message is empty: an empty message is
    /// no member, as AWS's services send it (Smithy's error cases).
    fn write_message(&self, out: &mut Vec<u8>) {
        if !self.message().is_empty() {
            out.extend_from_slice(b",\"message\":");
            write_string(out, self.message());
        }
    }

    /// Appends RFC 9457 problem details:
    /// - `type`: the one a problem read from elsewhere came with, else
    ///   `type_base` joined with the code (`/` unless the base ends in one,
    ///   then the code as one percent-encoded path segment), else
    ///   `about:blank`;
    /// - `title`: the one it came with, else with a base the row's title
    ///   or its code, and for `about:blank` the status's reason phrase
    ///   (RFC 9457, 4.2.1);
    /// - `status`, `detail` (the message, unless empty), the code in the
    ///   extension member `code` (unless the error is a foreign problem
    ///   named by its type or status alone), then the extra fields
    ///   (`instance` among them) as extension members.
    pub(crate) fn write_problem_json(
        &self,
        type_base: Option<&str>,
        status: u16,
        out: &mut Vec<u8>,
    ) {
        let kept = |name| self.field(name).and_then(Value::as_str);
        let problem_type = kept("type");
        out.extend_from_slice(b"{\"type\":");
        match (problem_type, type_base) {
            (Some(problem_type), _) => write_string(out, problem_type),
            (None, Some(base)) => write_problem_type(out, base, self.code()),
            (None, None) => out.extend_from_slice(b"\"about:blank\""),
        }
        let title = match (kept("title"), problem_type) {
            (Some(title), _) => Some(title),
            // A foreign type without a title goes on without one.
            (None, Some(_)) => None,
            (None, None) => Some(self.problem_title(type_base, status)),
        };
        if let Some(title) = title {
            out.extend_from_slice(b",\"title\":");
            write_string(out, title);
        }
        out.extend_from_slice(b",\"status\":");
        write_status(out, status);
        if !self.message().is_empty() {
            out.extend_from_slice(b",\"detail\":");
            write_string(out, self.message());
        }
        // A foreign problem's code is its type or its status: not a code
        // member it never had.
        let foreign = !self.exception().is_known()
            && (problem_type == Some(self.code()) || self.code() == status.to_string());
        if !foreign {
            out.extend_from_slice(b",\"code\":");
            write_string(out, self.code());
        }
        let protocol = Protocol::ProblemJson { type_base: None };
        self.write_json_fields(out, &PROBLEM_MEMBERS, &protocol, true);
        out.push(b'}');
    }

    /// The title of this error's own problem type: with a type base, its
    /// row's title, else its code; for `about:blank`, the status's reason
    /// phrase (RFC 9457, 4.2.1), else the row's title or code.
    pub(crate) fn problem_title(&self, type_base: Option<&str>, status: u16) -> &str {
        let row_title = self.exception().row_title();
        let phrase = match type_base {
            Some(_) => None,
            None => errtable_shared::reason_phrase(status),
        };
        phrase.or(row_title).unwrap_or(self.code())
    }

    /// `,"name":value` for each extra field of `protocol`'s body: a
    /// declared member under its wire name and in its shape's form, unless
    /// it is bound to a header and `headers_apart`; none whose name is
    /// `reserved`.
    fn write_json_fields(
        &self,
        out: &mut Vec<u8>,
        reserved: &[&str],
        protocol: &Protocol,
        headers_apart: bool,
    ) {
        for (key, value) in self.json_fields(reserved, protocol, headers_apart) {
            out.push(b',');
            write_string(out, key);
            out.push(b':');
            write_value(out, &value);
        }
    }

    /// The extra fields as members of `protocol`'s JSON body, named and
    /// valued as [`write_json_fields`](Self::write_json_fields) writes them.
    pub(crate) fn json_fields<'a>(
        &'a self,
        reserved: &'a [&str],
        protocol: &'a Protocol,
        headers_apart: bool,
    ) -> impl Iterator<Item = (&'a str, Cow<'a, Value>)> {
        self.fields_in_order().filter_map(move |(name, value)| {
            let (key, value) = match self.member(name) {
                Some(member) if headers_apart && member.header_in(protocol).is_some() => {
                    return None
                }
                Some(member) => (
                    member.wire_name(protocol),
                    member.json_value(value, protocol),
                ),
                None => (name, Cow::Borrowed(value)),
            };
            (!reserved.contains(&key)).then_some((key, value))
        })
    }
}

/// A JSON string literal, escaped by `serde_json`.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    // Most text holds nothing JSON escapes (`"`, `\`, control characters):
    // copied whole after a scan of 16 bytes at a time with no early exit,
    // which compiles to vector compares. serde_json's escaping goes byte by
    // byte: a problem+json body took 2,996 instructions, now 1,937 (`ops
    // problem-json`); an HTTP response 7,730, now 6,836 (`ops http-response`).
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "`|` keeps the scan branch-free, so that it vectorises"
    )]
    let plain = text.as_bytes().chunks(16).all(|chunk| {
        !chunk.iter().fold(false, |seen, &b| {
            seen | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    // Writing into a `Vec` cannot fail.
    let _ = Serializer::serialize_str(&mut serde_json::Serializer::new(out), text);
}

/// The problem type `write_problem_type` writes, as text.
#[cfg_attr(not(feature = "utoipa"), allow(dead_code))]
pub(crate) fn problem_type(base: &str, code: &str) -> String {
    let mut out = Vec::new();
    write_problem_type(&mut out, base, code);
    // A JSON string of the base's escapes and the segment's ASCII.
    serde_json::from_slice(&out).unwrap_or_default()
}

/// A problem type: `base`, `/` unless it ends in one, then `code` as one
/// path segment, percent-encoded (RFC 3986: what a segment may hold as it
/// is, the rest as `%XX` of its UTF-8 bytes), as a JSON string. The base
/// is escaped by `serde_json`; the segment then needs no JSON escape.
fn write_problem_type(out: &mut Vec<u8>, base: &str, code: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    write_string(out, base);
    out.pop();
    if !base.ends_with('/') {
        out.push(b'/');
    }
    // Codes are nearly always letters and digits: copied whole (a byte at
    // a time cost a problem+json body 350 instructions, `ops problem-json`).
    if code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.extend_from_slice(code.as_bytes());
    } else {
        for b in code.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
                out.push(b);
            } else {
                out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            }
        }
    }
    out.push(b'"');
}

/// An HTTP status (100 to 999) as its three digits.
fn write_status(out: &mut Vec<u8>, status: u16) {
    let status = status.clamp(100, 999);
    out.extend_from_slice(&[
        b'0' + (status / 100) as u8,
        b'0' + (status / 10 % 10) as u8,
        b'0' + (status % 10) as u8,
    ]);
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    // Writing into a `Vec` cannot fail.
    let _ = serde_json::to_writer(out, value);
}

impl<E: Exception> serde_core::Serialize for ServiceError<E> {
    /// [`to_json`](ServiceError::to_json)'s JSON.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if matches!(
            E::protocol(),
            Protocol::ProblemJson { .. } | Protocol::GoogleJson
        ) {
            // Problem details or Google's body, as `to_json` writes them.
            let value: Value = serde_json::from_str(&self.to_json()).map_err(S::Error::custom)?;
            return value.serialize(serializer);
        }
        let mut body = serializer.serialize_map(None)?;
        body.serialize_entry("code", self.code())?;
        if !self.message().is_empty() {
            body.serialize_entry("message", self.message())?;
        }
        body.serialize_entry("type", &self.error_type())?;
        for (key, value) in self.json_fields(&AWS_JSON_MEMBERS, &Protocol::RestJson, false) {
            body.serialize_entry(key, &*value)?;
        }
        body.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_like_serde_json() {
        for sample in [
            "plain",
            "say \"hi\"",
            "back\\slash",
            "tab\tonly",
            "q\"b\\s/",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "ünï 💥 \u{2028}",
        ] {
            let mut ours = Vec::new();
            write_string(&mut ours, sample);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(sample).unwrap()
            );
        }
    }

    /// The base, one `/`, then the code as one percent-encoded segment;
    /// as text, the JSON string's escapes undone.
    #[test]
    fn problem_types_join_the_base_and_one_segment() {
        for (base, code, uri) in [
            (
                "https://e.example/p",
                "NoSuchKey",
                "https://e.example/p/NoSuchKey",
            ),
            (
                "https://e.example/p/",
                "NoSuchKey",
                "https://e.example/p/NoSuchKey",
            ),
            (
                "https://e.example/p",
                "Books/NotFound",
                "https://e.example/p/Books%2FNotFound",
            ),
            (
                "https://e.example/p",
                "Café",
                "https://e.example/p/Caf%C3%A9",
            ),
            (
                "https://e.example/\"q\"",
                "A.b-c_d~e",
                "https://e.example/\"q\"/A.b-c_d~e",
            ),
        ] {
            assert_eq!(problem_type(base, code), uri, "{base} {code}");
        }
    }
}
