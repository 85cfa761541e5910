//! Writing S3's XML success bodies (listings) with quick-xml, which
//! escapes every text; nothing is concatenated by hand.

use axum::body::Body;
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::Response;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;

/// The namespace of S3's response documents.
pub const S3_NAMESPACE: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

/// An XML document being written, from its declaration to its root's end.
pub struct XmlDocument {
    writer: Writer<Vec<u8>>,
    root: &'static str,
}

impl XmlDocument {
    /// A document whose root element `root` is in S3's namespace.
    pub fn new(root: &'static str) -> XmlDocument {
        let mut document = XmlDocument {
            writer: Writer::new(Vec::with_capacity(512)),
            root,
        };
        document.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let start = BytesStart::new(root).with_attributes([("xmlns", S3_NAMESPACE)]);
        document.event(Event::Start(start));
        document
    }

    fn event(&mut self, event: Event<'_>) {
        // Writing into a `Vec` cannot fail.
        let _ = self.writer.write_event(event);
    }

    /// Opens the element `name`.
    pub fn open(&mut self, name: &str) {
        self.event(Event::Start(BytesStart::new(name)));
    }

    /// Closes the element `name`.
    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name>text</name>`, the text escaped.
    pub fn element(&mut self, name: &str, text: &str) {
        self.open(name);
        self.event(Event::Text(BytesText::from_escaped(escaped_text(text))));
        self.close(name);
    }

    /// The document's bytes, its root closed.
    pub fn finish(mut self) -> Vec<u8> {
        let root = self.root;
        self.close(root);
        self.writer.into_inner()
    }
}

/// Text escaped as XML 1.0 can hold it: quick-xml escapes the markup
/// characters, a carriage return is written `&#13;` (parsers turn a raw one
/// into a line feed), and the characters XML cannot hold even escaped
/// (other control characters, U+FFFE, U+FFFF) become U+FFFD. Keys may
/// contain them; a client that needs them exact lists with
/// `encoding-type=url`.
fn escaped_text(text: &str) -> Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    let unfit =
        |c: char| (c < ' ' && !matches!(c, '\t' | '\n')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    if !escaped.chars().any(unfit) {
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

/// A 200 response with an XML body.
pub fn xml_response(body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_escaped() {
        let mut document = XmlDocument::new("Root");
        document.element("Key", "a<b>&\"c'\u{1}\r\n");
        let text = String::from_utf8(document.finish()).unwrap();
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <Root xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
             <Key>a&lt;b&gt;&amp;&quot;c&apos;\u{fffd}&#13;\n</Key></Root>"
        );
    }
}
