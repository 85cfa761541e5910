//! Writing the JSON error bodies: REST-JSON's
//! `{"code":"...","message":"...","type":"Client"}`, AWS JSON's
//! `{"__type":"...","message":"..."}` and RFC 9457 problem details, each
//! followed by the error's extra fields.

use crate::{Exception, ServiceError};
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

/// The members REST-JSON and AWS JSON bodies write or read themselves:
/// a field of one of these names is not written.
pub(crate) const AWS_JSON_MEMBERS: [&str; 7] = [
    "code",
    "Code",
    "__type",
    "message",
    "Message",
    "errorMessage",
    "type",
];

/// The members of problem details errtable writes itself.
pub(crate) const PROBLEM_MEMBERS: [&str; 5] = ["type", "title", "status", "detail", "code"];

impl<E: Exception> ServiceError<E> {
    /// The compact REST-JSON body, exactly as [`serde::Serialize`] writes it.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(40 + self.code().len() + self.message().len());
        self.write_json(&mut out);
        // Only valid UTF-8 is written: `&str` inputs, escaped by serde_json.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the compact REST-JSON body to `out`, allocating nothing when
    /// `out` has room: `code`, `message`, `type`, then the extra fields.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"code\":");
        write_string(out, self.code());
        out.extend_from_slice(b",\"message\":");
        write_string(out, self.message());
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(self.error_type().as_str().as_bytes());
        out.push(b'"');
        self.write_json_fields(out, &AWS_JSON_MEMBERS);
        out.push(b'}');
    }

    /// Appends the AWS JSON body: `__type`, `message`, the extra fields.
    pub(crate) fn write_aws_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"__type\":");
        write_string(out, self.code());
        out.extend_from_slice(b",\"message\":");
        write_string(out, self.message());
        self.write_json_fields(out, &AWS_JSON_MEMBERS);
        out.push(b'}');
    }

    /// Appends RFC 9457 problem details: `type` (`type_base` joined with
    /// the code, else `about:blank`), `title` (the code), `status`,
    /// `detail` (the message), the code in the extension member `code`,
    /// then the extra fields as extension members.
    pub(crate) fn write_problem_json(
        &self,
        type_base: Option<&str>,
        status: u16,
        out: &mut Vec<u8>,
    ) {
        out.extend_from_slice(b"{\"type\":");
        match type_base {
            Some(base) => write_string(out, &format!("{base}{}", self.code())),
            None => out.extend_from_slice(b"\"about:blank\""),
        }
        out.extend_from_slice(b",\"title\":");
        write_string(out, self.code());
        out.extend_from_slice(b",\"status\":");
        out.extend_from_slice(status.to_string().as_bytes());
        out.extend_from_slice(b",\"detail\":");
        write_string(out, self.message());
        out.extend_from_slice(b",\"code\":");
        write_string(out, self.code());
        self.write_json_fields(out, &PROBLEM_MEMBERS);
        out.push(b'}');
    }

    /// `,"name":value` for each extra field whose name is not `reserved`.
    fn write_json_fields(&self, out: &mut Vec<u8>, reserved: &[&str]) {
        for (name, value) in self.fields().filter(|(name, _)| !reserved.contains(name)) {
            out.push(b',');
            write_string(out, name);
            out.push(b':');
            write_value(out, value);
        }
    }
}

/// A JSON string literal, escaped by serde_json.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    // Writing into a `Vec` cannot fail.
    let _ = Serializer::serialize_str(&mut serde_json::Serializer::new(out), text);
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    // Writing into a `Vec` cannot fail.
    let _ = serde_json::to_writer(out, value);
}

impl<E: Exception> serde::Serialize for ServiceError<E> {
    /// The REST-JSON body: `code`, `message`, `type`, the extra fields.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_map(None)?;
        body.serialize_entry("code", self.code())?;
        body.serialize_entry("message", self.message())?;
        body.serialize_entry("type", &self.error_type())?;
        for (name, value) in self
            .fields()
            .filter(|(name, _)| !AWS_JSON_MEMBERS.contains(name))
        {
            body.serialize_entry(name, value)?;
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
}
