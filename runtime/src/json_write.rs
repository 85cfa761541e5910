//! Writing the JSON error body: `{"code":"...","message":"...","type":"Client"}`.

use crate::{Exception, ServiceError};
use serde::ser::{SerializeStruct, Serializer};

impl<E: Exception> ServiceError<E> {
    /// The compact JSON body, exactly as [`serde::Serialize`] writes it.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(40 + self.code().len() + self.message().len());
        self.write_json(&mut out);
        // Only valid UTF-8 is written: `&str` inputs, escaped by serde_json.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the compact JSON body to `out`, allocating nothing when
    /// `out` has room.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"code\":");
        write_string(out, self.code());
        out.extend_from_slice(b",\"message\":");
        write_string(out, self.message());
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(self.error_type().as_str().as_bytes());
        out.extend_from_slice(b"\"}");
    }
}

/// A JSON string literal, escaped by serde_json.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    // Writing into a `Vec` cannot fail.
    let _ = Serializer::serialize_str(&mut serde_json::Serializer::new(out), text);
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
