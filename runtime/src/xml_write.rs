//! Writing the XML error bodies of rest-xml, query and ec2, with quick-xml.

use crate::protocol::Protocol;
use crate::xml_read::{is_xml_name, MAX_DEPTH};
use crate::{member, ErrorType, Exception, Member, MemberShape, ServiceError};
use serde_json::Value;
use std::borrow::Cow;

/// The names the reader takes as parts of the error in any XML form
/// (`xml_read.rs`, `part_of_error`): a field of one of these names is not
/// written, in any form, so that whatever is read writes back and reads
/// the same whichever form a body came in.
use errtable_shared::XML_PARTS as PART_NAMES;

impl<E: Exception> ServiceError<E> {
    /// Appends the XML body of `protocol` (an XML protocol) to `out`:
    /// - `rest-xml`: `<Error><Code/><Message/>fields<RequestId/><HostId/></Error>`;
    /// - `rest-xml-wrapped` and `query`: `<ErrorResponse><Error><Type/>`
    ///   `<Code/><Message/>fields</Error><RequestId/></ErrorResponse>`;
    /// - `ec2`: `<Response><Errors><Error><Code/><Message/>fields</Error>`
    ///   `</Errors><RequestID/></Response>`.
    pub(crate) fn write_xml(
        &self,
        protocol: &Protocol,
        request_id: Option<&str>,
        out: &mut Vec<u8>,
    ) {
        let mut xml = Xml(out);
        xml.0
            .extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
        match protocol {
            Protocol::RestXml => {
                xml.open("Error");
                self.write_code_and_message(&mut xml, self.code());
                // S3 writes its host id after the request id.
                self.write_fields(&mut xml, protocol, &["HostId"]);
                xml.element_if("RequestId", request_id);
                if let Some(host_id) = self.field("HostId") {
                    xml.value("HostId", host_id, None, 2);
                }
                xml.close("Error");
            }
            Protocol::Ec2 => {
                xml.open("Response");
                xml.open("Errors");
                xml.open("Error");
                self.write_code_and_message(&mut xml, self.query_code());
                self.write_fields(&mut xml, protocol, &[]);
                xml.close("Error");
                xml.close("Errors");
                xml.element_if("RequestID", request_id);
                xml.close("Response");
            }
            // Query and the wrapped rest-xml form; a JSON protocol is not
            // written here.
            _ => {
                xml.open_in("ErrorResponse", E::xml_namespace());
                xml.open("Error");
                let sender = match self.error_type() {
                    ErrorType::Client => "Sender",
                    ErrorType::Server | ErrorType::Unknown => "Receiver",
                };
                xml.element("Type", sender);
                let code = match protocol {
                    Protocol::Query => self.query_code(),
                    _ => self.code(),
                };
                self.write_code_and_message(&mut xml, code);
                self.write_fields(&mut xml, protocol, &[]);
                xml.close("Error");
                xml.element_if("RequestId", request_id);
                xml.close("ErrorResponse");
            }
        }
    }

    /// `<Code>` and, unless it is empty, `<Message>`: an empty message is
    /// no member, as AWS's services send it.
    fn write_code_and_message(&self, xml: &mut Xml<'_>, code: &str) {
        xml.element("Code", code);
        if !self.message().is_empty() {
            xml.element("Message", self.message());
        }
    }

    /// The code the query protocols send: the row's query code, else the
    /// code.
    fn query_code(&self) -> &str {
        self.exception().query_code().unwrap_or(self.code())
    }

    /// An element per extra field, unless it is a member bound to a header
    /// the protocol sends, its name is a part's ([`PART_NAMES`]), written
    /// apart by this form (`later`), or not an XML name. A declared member
    /// is written under its XML name, as its shape says.
    fn write_fields(&self, xml: &mut Xml<'_>, protocol: &Protocol, later: &[&str]) {
        for (name, value) in self.fields_in_order() {
            let member = self.member(name);
            if member.is_some_and(|m| m.header_in(protocol).is_some()) {
                continue;
            }
            let element = member.map_or(name, |m| m.wire_name(protocol));
            if PART_NAMES.contains(&element) || later.contains(&element) || !is_xml_name(element) {
                continue;
            }
            // The field's element stands inside <Error>, itself one to
            // three levels deep.
            xml.value(element, value, member, 4);
        }
    }
}

/// A value as element text: a string as itself, a timestamp member's as an
/// RFC 3339 date-time, anything else as its JSON text.
fn text_of<'v>(value: &'v Value, member: Option<&Member>) -> Cow<'v, str> {
    if member.is_some_and(|m| m.shape() == MemberShape::Timestamp) {
        let seconds = crate::timestamp::seconds_of_value(value);
        if let Some(date) = seconds.and_then(crate::timestamp::date_time) {
            return Cow::Owned(date);
        }
    }
    match value {
        Value::String(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_string()),
    }
}

/// Text as XML 1.0 can carry it: quick-xml escapes the markup characters;
/// a carriage return is written as `&#13;` (parsers turn a raw one into a
/// line feed), and the characters XML 1.0 cannot hold at all, escaped or
/// not (the other control characters below U+0020, U+FFFE and U+FFFF),
/// become U+FFFD.
fn xml_text(text: &str) -> Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    let unfit =
        |c: char| (c < ' ' && c != '\t' && c != '\n') || matches!(c, '\u{fffe}' | '\u{ffff}');
    // Bytes, not chars, 16 at a time without an early exit, which the
    // compiler turns into vector compares: U+FFFE and U+FFFF are the only
    // unfit characters beyond ASCII, and both begin with 0xEF. A control
    // character or 0xEF (tabs and line feeds too) takes the exact check.
    // Decoding every character cost S3's body about 2,000 instructions
    // (`ops rest-xml`).
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "`|` keeps the scan branch-free, so that it vectorises"
    )]
    let suspect = escaped.as_bytes().chunks(16).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &b| seen | (b < b' ') | (b == 0xef))
    });
    if !suspect || !escaped.chars().any(unfit) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\r' => out.push_str("&#13;"),
            c if unfit(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An XML body being written into a `Vec`.
///
/// Tags are written as bytes: every name is a constant of the forms or
/// passed [`is_xml_name`], so none needs escaping, and text goes through
/// quick-xml's escaping ([`xml_text`]). quick-xml's `Writer` and its events
/// cost S3's body about 1,350 instructions on top (`ops rest-xml`).
struct Xml<'a>(&'a mut Vec<u8>);

impl Xml<'_> {
    fn open(&mut self, name: &str) {
        self.open_in(name, None);
    }

    /// `<name>`, with `xmlns="namespace"` when there is one.
    fn open_in(&mut self, name: &str, namespace: Option<&str>) {
        self.0.push(b'<');
        self.0.extend_from_slice(name.as_bytes());
        if let Some(namespace) = namespace {
            self.0.extend_from_slice(b" xmlns=\"");
            self.0
                .extend_from_slice(quick_xml::escape::escape(namespace).as_bytes());
            self.0.push(b'"');
        }
        self.0.push(b'>');
    }

    fn close(&mut self, name: &str) {
        self.0.extend_from_slice(b"</");
        self.0.extend_from_slice(name.as_bytes());
        self.0.push(b'>');
    }

    fn element(&mut self, name: &str, text: &str) {
        self.open(name);
        self.0.extend_from_slice(xml_text(text).as_bytes());
        self.close(name);
    }

    /// `<name>` holding `value` (of `member`, when declared): an object as
    /// an element per key (under its member's XML name), an array as a
    /// `<member>` element per item, as Smithy writes lists, anything else
    /// as text. Below the depth the reader takes, the rest is JSON text,
    /// so that whatever is written reads back.
    fn value(&mut self, name: &str, value: &Value, member: Option<&Member>, depth: usize) {
        let nested = member.map_or(&[][..], |m| m.members());
        match value {
            Value::Object(object) if depth < MAX_DEPTH => {
                self.open(name);
                for (key, item) in object {
                    let child = member::find(nested, key);
                    let element = child.and_then(Member::xml_name).unwrap_or(key);
                    if is_xml_name(element) {
                        self.value(element, item, child, depth + 1);
                    }
                }
                self.close(name);
            }
            Value::Array(items) if depth < MAX_DEPTH => {
                self.open(name);
                for item in items {
                    // Each item is a structure of the document's members.
                    self.value("member", item, member, depth + 1);
                }
                self.close(name);
            }
            other => self.element(name, &text_of(other, member)),
        }
    }

    fn element_if(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.element(name, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_what_xml_can_carry() {
        assert_eq!(xml_text("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(xml_text("tab\tline\nreturn\r"), "tab\tline\nreturn&#13;");
        assert_eq!(xml_text("nul\u{0}bell\u{7}"), "nul\u{fffd}bell\u{fffd}");
        assert_eq!(xml_text("💥 ü"), "💥 ü");
        // Control characters alone, in a 16-byte chunk of their own, and
        // the non-characters XML cannot hold.
        assert_eq!(xml_text("\u{1}"), "\u{fffd}");
        let chunk = format!("{}abc", "\u{1f}".repeat(16));
        assert_eq!(xml_text(&chunk), format!("{}abc", "\u{fffd}".repeat(16)));
        assert_eq!(xml_text("a\u{fffe}b\u{ffff}"), "a\u{fffd}b\u{fffd}");
    }
}
